// Readers and a reload at the same time: every read sees one whole version of the source.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Store } from '../../src/store/store.ts';
import type { SourceMeta } from '../../src/model/types.ts';
import { tempDir } from '../helpers.ts';

const meta = (sha: string): SourceMeta => ({
  id: 'test.source', family: 'test', publisher: 'Test publisher', title: 'Test', url: 'http://127.0.0.1/x', license: 'none',
  retrieved: '2026-01-01', sha256: sha, format: 'csv', version: sha, file: 'x.csv', bytes: 1,
});

/** Version `v` has `rows` observations, all with value v, citing locators tagged v (so each version has its own citation ids). */
function load(store: Store, v: number, rows: number) {
  return store.loadSource(meta(`sha${v}`), async (stage) => {
    stage.measure({ id: 'test.count', label: 'Test', definition: 'd', unit: 'count', valueType: 'count', aggregation: 'sum', periodKind: 'data_year', topic: 'context', family: 'test' });
    for (let i = 0; i < rows; i++) {
      stage.citation({ id: `v${v}.c${i}`, sourceId: 'test.source', locator: `v${v} line ${i + 2}` });
      stage.observation({ measure: 'test.count', place: 'VT', period: 1000 + i, dims: {}, value: v, valueText: null, citationId: `v${v}.c${i}`, flags: [] });
      if (i % 2000 === 0) await new Promise((r) => setImmediate(r));
    }
  });
}

const ROWS: Record<number, number> = { 1: 6000, 2: 9000, 3: 4000 };

test('readers querying while a source reloads see the old or the new version, never a mix', async () => {
  const store = await Store.open(join(tempDir(), 'db.duckdb'));
  await load(store, 1, ROWS[1]!);
  let reloading = true;
  const seen = new Map<string, number>();
  const reader = async () => {
    while (reloading) {
      // One statement: the source row, the observation count, their values and their citations.
      const [r] = await store.all(
        `SELECT (SELECT sha256 FROM sources WHERE id = 'test.source') AS sha,
                (SELECT rows_stored FROM sources WHERE id = 'test.source') AS stored,
                count(*) AS n, min(value) AS lo, max(value) AS hi,
                (SELECT count(*) FROM citations WHERE source_id = 'test.source' AND importer_key <> '#document') AS cites,
                count(*) FILTER (WHERE c.locator IS NULL OR NOT starts_with(c.locator, 'v' || CAST(CAST(value AS INTEGER) AS VARCHAR) || ' ')) AS foreign_cites
         FROM observations o LEFT JOIN citations c ON c.id = o.citation_id WHERE o.source_id = 'test.source'`,
      );
      const v = Number(String(r!.sha).slice(3));
      assert.deepEqual(
        { n: r!.n, lo: r!.lo, hi: r!.hi, stored: r!.stored, cites: r!.cites, foreign: r!.foreign_cites },
        { n: ROWS[v], lo: v, hi: v, stored: ROWS[v], cites: ROWS[v], foreign: 0 },
        `a reader saw a mixed state: ${JSON.stringify(r)}`,
      );
      seen.set(String(r!.sha), (seen.get(String(r!.sha)) ?? 0) + 1);
      // A multi-statement snapshot holds together too.
      await store.read(async (snap) => {
        const [s] = await snap.all("SELECT sha256 FROM sources WHERE id = 'test.source'");
        await new Promise((res) => setImmediate(res));
        const [o] = await snap.all("SELECT count(*) AS n, max(value) AS hi FROM observations WHERE source_id = 'test.source'");
        const sv = Number(String(s!.sha256).slice(3));
        assert.deepEqual({ n: o!.n, hi: o!.hi }, { n: ROWS[sv], hi: sv }, 'a snapshot mixed two versions');
      });
    }
  };
  const readers = [reader(), reader(), reader(), reader()];
  await load(store, 2, ROWS[2]!);
  await load(store, 3, ROWS[3]!);
  // Readers in flight finish on the version they started with; the next ones must get the new one.
  const t0 = Date.now();
  while (!seen.has('sha3') && Date.now() - t0 < 5000) await new Promise((r) => setTimeout(r, 20));
  reloading = false;
  await Promise.all(readers);
  const total = [...seen.values()].reduce((a, b) => a + b, 0);
  assert.ok(total > 10, `readers ran during the reloads (${total} reads: ${JSON.stringify(Object.fromEntries(seen))})`);
  assert.ok(seen.has('sha1') || seen.has('sha2'), 'readers overlapped a reload');
  assert.ok(seen.has('sha3'), 'readers saw the final version');
  store.close();
});

test('concurrent loads are serialized on the write connection', async () => {
  const store = await Store.open(':memory:');
  const g0 = store.generation;
  await Promise.all([load(store, 1, 500), load(store, 2, 700)]);
  const [r] = await store.all("SELECT count(*) AS n, max(value) AS v FROM observations WHERE source_id = 'test.source'");
  assert.deepEqual(r, { n: 700, v: 2 });
  assert.equal(store.generation, g0 + 2);
  store.close();
});
