// The attacker replayed (issue #12): labels, state minus the shown agencies, total minus the shown
// subcategories, withheld rows against a known total, and re-use of what was recovered — against
// the API's JSON and CSV, the CLI's CSV and the Data Package export. No withheld count from 1 to 9
// may come back. Runs on a small synthetic source written for this test (it holds each pattern the
// issue names) and, when ../shared/data is present, on the real sub-state sources that load.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { Store } from '../../src/store/store.ts';
import { buildApp } from '../../src/api/server.ts';
import { exportDataPackage } from '../../src/export/datapackage.ts';
import { describeFiles } from '../../src/sources/importer.ts';
import { findImporter } from '../../src/sources/registry.ts';
import type { SourceMeta } from '../../src/model/types.ts';
import { REPO, sharedData, tempDir } from '../helpers.ts';
import { attack, cellKey, type PublishedRecord } from './attacker.ts';
import { unnamedUnitState } from '../../src/analysis/disclosure/families.ts';

const THRESHOLD = 10;
const dir = tempDir('cogency-attack-');
const dbPath = join(dir, 'store.duckdb');
const data = sharedData();

const meta: SourceMeta = {
  id: 'synthetic.attack', family: 'synthetic', publisher: 'Test (synthetic data written for this test)', title: 'Synthetic agency counts',
  url: 'http://127.0.0.1/', license: 'none', retrieved: '2026-01-01', sha256: 'attack-v1', format: 'csv', version: 'v1', file: 'x.csv', bytes: 1,
};

/**
 * Vermont-like: ten agencies (and a state with one). Offenses: four agencies with 1 (total 4), the rest 0 — the pinning
 * case. Arrests: one agency with 3 beside 12, 30 and 25 — state minus agencies. Trafficking by
 * subcategory: an agency with 12 + 3 — total minus subcategories. Victims by race and sex at an
 * agency with one victim — labels. Every agency has a large count of all incidents.
 */
async function loadSynthetic(store: Store): Promise<void> {
  await store.loadSource(meta, async (stage) => {
    const m = (id: string, dimensions: string[]) =>
      stage.measure({ id, label: id, definition: 'synthetic', unit: 'persons', valueType: 'count', aggregation: 'sum', periodKind: 'data_year', topic: 'prostitution_selling', family: 'synthetic', dimensions });
    m('syn.offenses', []);
    m('syn.arrests', []);
    m('syn.trafficking', ['subcategory']);
    m('syn.victims', ['race', 'sex']);
    m('syn.incidents_all', []);
    stage.citation({ id: 'syn', sourceId: meta.id, locator: 'synthetic' });
    const o = (measure: string, place: string, value: number, dims: Record<string, string> = {}) =>
      stage.observation({ measure, place, period: 2024, dims, value, valueText: null, citationId: 'syn', flags: [] });
    for (let i = 1; i <= 10; i++) {
      const ori = `VT00${String(i).padStart(2, '0')}000`;
      stage.place({ id: ori, kind: 'agency', name: `Agency ${i}`, parent: 'VT' });
      o('syn.incidents_all', ori, 100 + i);
      if (i <= 4) o('syn.offenses', ori, 1);
    }
    o('syn.arrests', 'VT0001000', 3);
    o('syn.arrests', 'VT0002000', 12);
    o('syn.arrests', 'VT0003000', 30);
    o('syn.arrests', 'VT0004000', 25);
    o('syn.trafficking', 'VT0001000', 12, { subcategory: 'Commercial Sex Acts' });
    o('syn.trafficking', 'VT0001000', 3, { subcategory: 'Involuntary Servitude' });
    o('syn.trafficking', 'VT0002000', 20, { subcategory: 'Commercial Sex Acts' });
    o('syn.trafficking', 'VT0002000', 14, { subcategory: 'Involuntary Servitude' });
    o('syn.trafficking', 'VT0003000', 11, { subcategory: 'Commercial Sex Acts' });
    o('syn.victims', 'VT0005000', 1, { race: 'Asian', sex: 'Female' });
    o('syn.victims', 'VT0006000', 14, { race: 'White', sex: 'Male' });
    o('syn.victims', 'VT0007000', 11, { race: 'White', sex: 'Female' });
    // A state whose only agency has a large count of one measure and a small count of another:
    // the state figure of the second is the agency's, so it must not be named in either table.
    stage.place({ id: 'NH0010000', kind: 'agency', name: 'Agency NH', parent: 'NH' });
    o('syn.incidents_all', 'NH0010000', 40);
    o('syn.arrests', 'NH0010000', 2);
  });
}

const REAL_MEASURES = ['fbi.ht.offenses', 'fbi.ht.cleared', 'nibrs.offenses.prostitution', 'nibrs.incidents.prostitution', 'nibrs.victims.prostitution', 'nibrs.arrestees.prostitution'];

let store: Store;
let app: FastifyInstance;
const parents = new Map<string, string>();
let measures: { id: string; dimensions: string[] }[] = [];
const agenciesToProbe: string[] = [];

before(async () => {
  store = await Store.open(dbPath);
  await loadSynthetic(store);
  if (data) {
    for (const id of ['nibrs', 'fbi-ht']) {
      const imp = (await findImporter(id))!;
      for (const spec of await imp.discover(data)) {
        try {
          await store.loadSource(await describeFiles(spec, data), (stage) => imp.load(spec, stage, data));
        } catch {
          // A bundle this importer cannot read yet is another helper's business; the rest is attacked.
        }
      }
    }
  }
  for (const r of await store.all("SELECT id, parent FROM places WHERE kind = 'agency'")) parents.set(String(r.id), String(r.parent));
  measures = (await store.all(
    `SELECT DISTINCT m.id, m.dimensions FROM measures m JOIN observations o ON o.measure = m.id JOIN places p ON p.id = o.place
     WHERE p.kind = 'agency' AND m.value_type = 'count' ORDER BY m.id`,
  ))
    .map((r) => ({ id: String(r.id), dimensions: JSON.parse(String(r.dimensions)) as string[] }))
    // Of the real sources, the measures of the issue's attacks (one per table shape, to keep the test fast).
    .filter((m) => m.id.startsWith('syn.') || REAL_MEASURES.includes(m.id));
  // Agencies with small counts of a multi-dimension measure: where labels would identify.
  for (const r of await store.all(
    `SELECT DISTINCT o.place FROM observations o JOIN places p ON p.id = o.place JOIN measures m ON m.id = o.measure
     WHERE p.kind = 'agency' AND json_array_length(m.dimensions) >= 2 AND o.value BETWEEN 1 AND 9 ORDER BY o.place LIMIT 3`,
  )) agenciesToProbe.push(String(r.place));
  app = await buildApp({ store, dataDir: dir, webDist: '/nonexistent', rateLimit: false });
});
after(async () => {
  await app?.close();
  store?.close();
});

/** The true value of a published cell, from the store. */
async function truths(keys: PublishedRecord[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const byMeasure = new Map<string, Record<string, unknown>[]>();
  for (const r of keys) {
    if (out.has(cellKey(r))) continue;
    let rows = byMeasure.get(r.measure);
    if (!rows) {
      rows = await store.all('SELECT o.place, p.parent, o.period, o.dims, o.value FROM observations o JOIN places p ON p.id = o.place WHERE o.measure = ?', [r.measure]);
      byMeasure.set(r.measure, rows);
    }
    let v = 0;
    for (const o of rows) {
      if (Number(o.period) !== r.period) continue;
      if (String(o.place) !== r.place && String(o.parent) !== r.place) continue;
      const dims = JSON.parse(String(o.dims)) as Record<string, string>;
      if (Object.entries(r.dims).every(([k, x]) => (dims[k] ?? 'not stated') === x)) v += Number(o.value ?? 0);
    }
    out.set(cellKey(r), v);
  }
  return out;
}

const record = (channel: string, measure: string, place: string, period: number, dims: Record<string, string>, value: number | null, withheld: boolean, reason: string | null): PublishedRecord => ({
  channel, measure, place, state: parents.get(place) ?? unnamedUnitState(place), period, dims, value, withheld, reason,
});

/** The breakdowns an analyst would ask for, per measure. */
function requests(m: { id: string; dimensions: string[] }): { by: string; place?: string }[] {
  const out: { by: string; place?: string }[] = [{ by: 'agency' }, { by: 'state' }];
  if (m.dimensions.length === 1) out.push({ by: `agency,${m.dimensions[0]}` }, { by: `state,${m.dimensions[0]}` });
  if (m.dimensions.length >= 2) for (const a of agenciesToProbe) out.push({ by: m.dimensions.slice(0, 2).join(','), place: a });
  return out;
}

const csvRecords = (channel: string, text: string): PublishedRecord[] => {
  // The values; the citation list follows an empty line.
  const rows = parse(text.split('\n\n')[0]!, { columns: true }) as Record<string, string>[];
  const fixed = new Set(['measure', 'place', 'place_name', 'period', 'period_kind', 'value', 'value_text', 'unit', 'suppressed', 'suppression_reason', 'flags', 'citation', 'cited_rows', 'rate_per_100k', 'denominator']);
  return rows.map((r) => {
    const dims = Object.fromEntries(Object.entries(r).filter(([k, v]) => !fixed.has(k) && !k.startsWith('coverage') && v !== ''));
    return record(channel, r.measure!, r.place!, Number(r.period), dims, r.value === '' ? null : Number(r.value), r.suppressed === 'yes', r.suppression_reason || null);
  });
};

async function apiRecords(format: 'json' | 'csv'): Promise<PublishedRecord[]> {
  const out: PublishedRecord[] = [];
  for (const m of measures) {
    for (const q of requests(m)) {
      const url = `/api/v1/observations?measure=${m.id}&by=${q.by}${q.place ? `&place=${q.place}` : ''}${format === 'csv' ? '&format=csv' : ''}`;
      const res = await app.inject({ method: 'GET', url });
      if (res.statusCode !== 200) continue; // refused: nothing published
      if (format === 'csv') out.push(...csvRecords('api-csv', res.body));
      else {
        const body = res.json() as { rows: { place: string; period: number; dims: Record<string, string>; value: number | null; suppressed: boolean; suppressionReason: string | null }[] };
        for (const r of body.rows) out.push(record('api-json', m.id, r.place, r.period, r.dims, r.value, r.suppressed, r.suppressionReason));
      }
    }
  }
  return out;
}

async function check(records: PublishedRecord[], channel: string, t: { diagnostic(m: string): void }): Promise<void> {
  const { recovered, labelled } = attack(records);
  const truth = await truths(records);
  const small = (v: number | undefined) => v !== undefined && v >= 1 && v < THRESHOLD;
  const right = [...recovered.values()].filter((r) => truth.get(r.key) === r.value && small(r.value));
  const unnamed = records.filter((r) => unnamedUnitState(r.place) !== null);
  t.diagnostic(`${channel}: ${records.length} records, ${records.filter((r) => r.withheld).length} withheld, ${unnamed.length} of a state's only agency shown unnamed`);
  const labels = labelled.filter((k) => small(truth.get(k)));
  const shown = records.filter((r) => r.state !== null && r.value !== null && small(r.value));
  const byHow = new Map<string, number>();
  for (const r of right) byHow.set(r.how, (byHow.get(r.how) ?? 0) + 1);
  assert.deepEqual(
    { shown: shown.length, labels: labels.length, recovered: right.length },
    { shown: 0, labels: 0, recovered: 0 },
    `${channel}: small counts shown ${JSON.stringify(shown.slice(0, 3).map(cellKey))}, identified by labels ${JSON.stringify(labels.slice(0, 3))}, ` +
      `recovered ${JSON.stringify(Object.fromEntries(byHow))} e.g. ${JSON.stringify(right.slice(0, 3))}`,
  );
  assert.ok(records.some((r) => r.withheld), `${channel}: the attack saw withheld cells`);
  // New Hampshire's only agency has 2 arrests, the state's figure: it is never named, in any table.
  assert.deepEqual(records.filter((r) => r.place === 'NH0010000').map(cellKey), [], `${channel}: a state's only agency with a small count is named`);
  assert.ok(records.some((r) => r.place === 'NH-one-agency' && r.measure === 'syn.incidents_all' && r.value === 40), `${channel}: the unnamed agency's large count is still published`);
}

test('API JSON: nothing withheld comes back', async (t) => {
  await check(await apiRecords('json'), 'api-json', t);
});

test('API CSV: nothing withheld comes back', async (t) => {
  await check(await apiRecords('csv'), 'api-csv', t);
});

test('Data Package export: nothing withheld comes back', async (t) => {
  const out = join(dir, 'pkg');
  await exportDataPackage(store, out);
  const rows = parse(readFileSync(join(out, 'data', 'observations.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
  const wanted = new Set(measures.map((m) => m.id));
  const records = rows
    .filter((r) => wanted.has(r.measure!))
    .map((r) => {
      const reason = r.suppressed === 'true' ? 'withheld (see the package caveats)' : null;
      return record('export', r.measure!, r.place!, Number(r.period), JSON.parse(r.dims!) as Record<string, string>, r.value === '' ? null : Number(r.value), r.suppressed === 'true', reason);
    });
  // The package states the rule in its caveats: the attacker reads it as the reason.
  const descriptor = JSON.parse(readFileSync(join(out, 'datapackage.json'), 'utf8')) as { caveats: string[] };
  const stated = descriptor.caveats.find((c) => /withheld/.test(c)) ?? null;
  for (const r of records) if (r.withheld) r.reason = stated;
  await check(records, 'export', t);
});

test('CLI CSV: nothing withheld comes back', async (t) => {
  // The CLI opens the store file itself: this process lets go of it meanwhile. One process runs
  // every command through the CLI's own entry point (a process per command would take minutes).
  await app.close();
  store.close();
  const commands = measures.flatMap((m) =>
    requests(m).map((q) => ['--db', dbPath, 'query', m.id, '--by', q.by, '--format', 'csv', ...(q.place ? ['--place', q.place] : [])]),
  );
  const driver = join(dir, 'cli-driver.mts');
  writeFileSync(
    driver,
    `const { main } = await import(${JSON.stringify(join(REPO, 'src', 'cli', 'main.ts'))});\n` +
      `for (const args of ${JSON.stringify(commands)}) { process.stdout.write('\\u0000BEGIN\\n'); const code = await main(args); process.stdout.write('\\u0000END ' + code + '\\n'); }\n`,
  );
  const records: PublishedRecord[] = [];
  try {
    const r = spawnSync(process.execPath, ['--import', 'tsx', driver], { encoding: 'utf8', cwd: REPO, maxBuffer: 1 << 28 });
    assert.equal(r.status, 0, r.stderr);
    for (const block of r.stdout.split('\u0000BEGIN\n').slice(1)) {
      const [body, end] = block.split('\u0000END ');
      if (end?.startsWith('0')) records.push(...csvRecords('cli', body!));
    }
  } finally {
    store = await Store.open(dbPath);
  }
  await check(records, 'cli', t);
});
