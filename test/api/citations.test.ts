// Compact citations: ids derived from what they cite (stable across loads and store versions),
// each listed once per answer, cells holding ids only; and on the real data, every CSV served
// and every exported CSV keeps its cells short and lists every id its cells name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { buildApp } from '../../src/api/server.ts';
import { Store } from '../../src/store/store.ts';
import { ingest } from '../../src/sources/ingest.ts';
import { query } from '../../src/analysis/query.ts';
import { citationId, CITATION_ID_RE } from '../../src/store/citation-id.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportDataPackage } from '../../src/export/datapackage.ts';
import { FIXTURE_DATA, SKIP_NO_DATA, sharedData, tempDir } from '../helpers.ts';
import { loadAgencySource } from './agency-source.ts';

/** Every (citation id, locator) and every observation's citation id, in a fixed order. */
async function citationsOf(store: Store): Promise<{ citations: string[]; observations: string[] }> {
  const citations = (await store.all('SELECT id, locator FROM citations ORDER BY id')).map((r) => `${String(r.id)} ${String(r.locator)}`);
  const observations = (await store.all('SELECT measure, place, period, dims, citation_id FROM observations ORDER BY ALL')).map((r) => Object.values(r).join('|'));
  return { citations, observations };
}

test('a citation id is short, depends only on source, document and locator, and differs when any of them does', () => {
  const id = citationId('tip.tiers', 'stats/us-state-tip-report/tiers.csv', 'tiers.csv, line 17');
  assert.match(id, CITATION_ID_RE);
  assert.equal(id.length, 11);
  assert.equal(citationId('tip.tiers', 'stats/us-state-tip-report/tiers.csv', 'tiers.csv, line 17'), id);
  for (const other of [
    citationId('tip.policy_index', 'stats/us-state-tip-report/tiers.csv', 'tiers.csv, line 17'),
    citationId('tip.tiers', 'stats/us-state-tip-report/tiers-2.csv', 'tiers.csv, line 17'),
    citationId('tip.tiers', 'stats/us-state-tip-report/tiers.csv', 'tiers.csv, line 18'),
  ])
    assert.notEqual(other, id);
});

test('citation ids are the same whatever the load order, and a forced rebuild gives them again', async () => {
  const a = await Store.open(':memory:');
  const b = await Store.open(':memory:');
  try {
    await ingest(a, FIXTURE_DATA, ['tip', 'census']);
    await ingest(b, FIXTURE_DATA, ['census']);
    await ingest(b, FIXTURE_DATA, ['tip']);
    const first = await citationsOf(a);
    assert.ok(first.citations.length > 10);
    assert.deepEqual(await citationsOf(b), first, 'another load order gives the same ids');
    await ingest(a, FIXTURE_DATA, ['tip', 'census'], {}, { force: true });
    assert.deepEqual(await citationsOf(a), first, 'a rebuild gives the same ids');
    for (const c of first.citations) assert.match(c.split(' ')[0]!, CITATION_ID_RE);
  } finally {
    a.close();
    b.close();
  }
});

test('a value summed over many source rows cites the document whole and says how many rows; a breakdown cites each row', async () => {
  const store = await Store.open(':memory:');
  await loadAgencySource(store);
  try {
    const national = await query(store, { measure: 'test.arrests', from: 2020, to: 2020 });
    assert.equal(national.rows.length, 1);
    const [row] = national.rows;
    assert.equal(row!.citedRows, 10, 'five agencies × two sexes');
    assert.equal(row!.citations.length, 1);
    assert.deepEqual(national.citations.map((c) => c.id), row!.citations);
    assert.match(national.citations[0]!.locator, /^agency\.csv: the whole document/);

    const byAgency = await query(store, { measure: 'test.arrests', place: 'VT', from: 2020, to: 2020, by: ['agency'] });
    const shown = byAgency.rows.filter((r) => !r.suppressed);
    assert.ok(shown.length > 0);
    for (const r of shown) {
      assert.equal(r.citedRows, undefined);
      assert.equal(r.citations.length, 2, 'one citation per sex row of the agency');
      for (const id of r.citations) assert.match(byAgency.citations.find((c) => c.id === id)!.locator, /^line \d+$/);
    }
    assert.deepEqual(
      byAgency.citations.map((c) => c.id),
      [...new Set(byAgency.rows.flatMap((r) => r.citations))],
      'listed once each, in the order rows first cite them',
    );
  } finally {
    store.close();
  }
});

const MAX_CELL = 500;
/** Exported columns of prose, kept whole: they hold no citations. */
const PROSE = ['caveats.csv:text', 'measures.csv:definition'];
const REAL_SOURCES = ['tip', 'fbi-ht', 'census', 'transcribed'];

test(
  'every CSV and JSON answer on the real data: no CSV cell over 500 characters, every citation id named is listed once',
  { skip: sharedData() ? false : SKIP_NO_DATA },
  async () => {
    const data = sharedData()!;
    const store = await Store.open(':memory:');
    for (const s of REAL_SOURCES) await ingest(store, data, [s]);
    const app = await buildApp({ store, dataDir: data, webDist: '/nonexistent', rateLimit: false, responseCache: false });
    try {
      const measures = (await app.inject('/api/v1/measures')).json().measures as { id: string; dimensions: string[] }[];
      let answers = 0;
      let longest = 0;
      for (const m of measures) {
        for (const by of ['', 'state', ...m.dimensions.slice(0, 1)]) {
          const url = `/api/v1/observations?measure=${m.id}${by ? `&by=${by}` : ''}`;
          const json = await app.inject(url);
          if (json.statusCode === 400) continue; // a breakdown this measure does not allow
          assert.equal(json.statusCode, 200, `${url}: ${json.body.slice(0, 200)}`);
          const body = json.json() as { rows: { citations: string[] }[]; citations: { id: string }[] };
          const listed = body.citations.map((c) => c.id);
          assert.equal(new Set(listed).size, listed.length, `${url}: a citation listed twice`);
          for (const r of body.rows) for (const id of r.citations) assert.ok(listed.includes(id), `${url}: ${id} is named but not listed`);

          const csv = await app.inject(`${url}&format=csv`);
          assert.equal(csv.statusCode, 200);
          const [values, cited = ''] = csv.body.split('\n\n');
          const valueRows = parse(values!, { columns: true }) as Record<string, string>[];
          const citationRows = cited ? (parse(cited, { columns: true }) as Record<string, string>[]) : [];
          const ids = new Set(citationRows.map((c) => c.citation!));
          assert.equal(ids.size, citationRows.length, `${url}: CSV lists a citation twice`);
          for (const r of valueRows) for (const id of (r.citation ?? '').split(' ').filter(Boolean)) assert.ok(ids.has(id), `${url}: CSV names ${id} but does not list it`);
          for (const cell of [...valueRows, ...citationRows].flatMap((r) => Object.values(r))) {
            longest = Math.max(longest, cell.length);
            assert.ok(cell.length <= MAX_CELL, `${url}: a CSV cell of ${cell.length} characters: ${cell.slice(0, 120)}…`);
          }
          answers++;
        }
      }
      assert.ok(answers > 50, `${answers} answers checked`);

      // The Data Package export: every CSV table, same limit; every citation id an observation names is in citations.csv.
      const out = tempDir('cogency-cite-export-');
      await exportDataPackage(store, out);
      const tables = (readdirSync(join(out, 'data'), { recursive: true }) as string[]).filter((f) => f.endsWith('.csv'));
      assert.ok(tables.length >= 5, tables.join(', '));
      let exportLongest = 0;
      const over: string[] = [];
      for (const f of tables) {
        const [header, ...rows] = parse(readFileSync(join(out, 'data', f), 'utf8'), { columns: false }) as string[][];
        for (const row of rows)
          row.forEach((cell, i) => {
            const column = `${f}:${header![i]}`;
            // Prose that must stay whole (a caveat, a measure's definition) is not a list of citations.
            if (PROSE.includes(column)) return;
            exportLongest = Math.max(exportLongest, cell.length);
            if (cell.length > MAX_CELL) over.push(`${column} (${cell.length})`);
          });
      }
      assert.deepEqual([...new Set(over)], [], 'exported CSV cells over 500 characters');
      const exported = new Set((parse(readFileSync(join(out, 'data', 'citations.csv'), 'utf8'), { columns: true }) as { id: string }[]).map((c) => c.id));
      const named = (parse(readFileSync(join(out, 'data', 'observations.csv'), 'utf8'), { columns: true }) as { citation_id: string }[]).map((o) => o.citation_id).filter(Boolean);
      assert.ok(named.length > 1000);
      for (const id of new Set(named)) assert.ok(exported.has(id), `export: observations name ${id}, absent from citations.csv`);
      console.log(`# ${answers} answers checked; longest CSV cell ${longest} characters; ${tables.length} exported CSVs, longest cell ${exportLongest}`);
    } finally {
      await app.close();
      store.close();
    }
  },
);
