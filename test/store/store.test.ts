import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Store, dimsKey } from '../../src/store/store.ts';
import type { SourceMeta } from '../../src/model/types.ts';
import { tempDir } from '../helpers.ts';

const meta = (sha: string): SourceMeta => ({
  id: 'test.source', family: 'test', publisher: 'Test publisher', title: 'Test', url: 'http://127.0.0.1/x', license: 'none',
  retrieved: '2026-01-01', sha256: sha, format: 'csv', version: sha.slice(0, 12), file: 'x.csv', bytes: 1,
});

async function load(store: Store, sha: string, values: number[], failAfter?: number) {
  return store.loadSource(meta(sha), async (stage) => {
    stage.measure({ id: 'test.count', label: 'Test', definition: 'd', unit: 'count', valueType: 'count', aggregation: 'sum', periodKind: 'data_year', topic: 'context', family: 'test' });
    values.forEach((v, i) => {
      if (failAfter !== undefined && i === failAfter) throw new Error('boom: bad row');
      stage.citation({ id: `c${i}`, sourceId: 'test.source', locator: `line ${i + 2}` });
      stage.observation({ measure: 'test.count', place: 'VT', period: 2020 + i, dims: {}, value: v, valueText: null, citationId: `c${i}`, flags: [] });
    });
  });
}

const values = async (store: Store) =>
  (await store.all("SELECT value FROM observations WHERE measure = 'test.count' ORDER BY period")).map((r) => Number(r.value));

test('an identical checksum is a no-op', async () => {
  const store = await Store.open(join(tempDir(), 'db.duckdb'));
  assert.equal((await load(store, 'aaa', [1, 2, 3])).status, 'loaded');
  const again = await load(store, 'aaa', [9, 9, 9]);
  assert.equal(again.status, 'unchanged');
  assert.deepEqual(await values(store), [1, 2, 3]);
  store.close();
});

test('a new version replaces the old one whole', async () => {
  const store = await Store.open(join(tempDir(), 'db.duckdb'));
  await load(store, 'aaa', [1, 2, 3]);
  const r = await load(store, 'bbb', [7, 8]);
  assert.equal(r.status, 'loaded');
  assert.equal(r.rowsStored, 2);
  assert.deepEqual(await values(store), [7, 8]);
  const [src] = await store.all("SELECT sha256 FROM sources WHERE id = 'test.source'");
  assert.equal(src?.sha256, 'bbb');
  // The new version's two rows and the document's own citation; none of the old version's three rows.
  assert.deepEqual(
    (await store.all("SELECT locator FROM citations WHERE source_id = 'test.source' ORDER BY locator")).map((r) => String(r.locator)),
    ['line 2', 'line 3', 'x.csv: the whole document (a value summed over many of its rows cites it; a breakdown by place shows each row\'s own citation)'],
  );
  store.close();
});

test('a failed load leaves the previous version serving, and survives reopening', async () => {
  const path = join(tempDir(), 'db.duckdb');
  let store = await Store.open(path);
  await load(store, 'aaa', [1, 2, 3]);
  await assert.rejects(load(store, 'ccc', [4, 5, 6], 2), /boom/);
  assert.deepEqual(await values(store), [1, 2, 3]);
  const [src] = await store.all("SELECT sha256 FROM sources WHERE id = 'test.source'");
  assert.equal(src?.sha256, 'aaa');
  store.close();
  store = await Store.open(path);
  assert.deepEqual(await values(store), [1, 2, 3]);
  // The store still accepts a good version afterwards.
  await load(store, 'ddd', [10]);
  assert.deepEqual(await values(store), [10]);
  store.close();
});

test('dimension keys are canonical', () => {
  assert.equal(dimsKey({ sex: 'F', race: 'White' }), dimsKey({ race: 'White', sex: 'F' }));
  assert.equal(dimsKey({}), '{}');
});

test('the store starts with countries and U.S. states', async () => {
  const store = await Store.open(':memory:');
  const [gbr] = await store.all("SELECT name, path FROM places WHERE id = 'GBR'");
  assert.equal(gbr?.name, 'United Kingdom');
  const [vt] = await store.all("SELECT name, path FROM places WHERE id = 'VT'");
  assert.deepEqual(vt, { name: 'Vermont', path: '/USA/VT' });
  store.close();
});

test('places are staged with the source: paths are right, and a failed load leaves none behind', async () => {
  const store = await Store.open(':memory:');
  const withPlaces = (sha: string, n: number, fail: boolean) =>
    store.loadSource(meta(sha), async (stage) => {
      for (let i = 0; i < n; i++) stage.place({ id: `VT${String(i).padStart(7, '0')}`, kind: 'agency', name: `Agency ${i}`, parent: 'VT' });
      if (fail) throw new Error('bad bundle');
    });
  await assert.rejects(withPlaces('p1', 50, true), /bad bundle/);
  assert.equal((await store.all("SELECT count(*) AS n FROM places WHERE kind = 'agency'"))[0]?.n, 0);
  await withPlaces('p2', 1500, false);
  const rows = await store.all("SELECT id, path FROM places WHERE kind = 'agency' ORDER BY id");
  assert.equal(rows.length, 1500);
  assert.equal(rows[0]?.path, '/USA/VT/VT0000000');
  store.close();
});

test('a fact table whose importer added a column since the store was made loads, the new column filled', async () => {
  const path = join(tempDir(), 'db.duckdb');
  const withColumns = (sha: string, columns: string, row: (string | number)[]) => async (store: Store) =>
    store.loadSource(meta(sha), async (stage) => {
      const table = await stage.factTable('test_facts', columns);
      const a = await stage.connection.createAppender(table);
      a.appendVarchar('test.source');
      for (const v of row) {
        if (typeof v === 'number') a.appendDouble(v);
        else a.appendVarchar(v);
      }
      a.endRow();
      a.closeSync();
    });
  let store = await Store.open(path);
  await withColumns('aaa', 'study VARCHAR, estimate DOUBLE', ['UK', 11313])(store);
  store.close();
  store = await Store.open(path);
  // The next importer version writes one more column.
  assert.equal((await withColumns('bbb', 'study VARCHAR, estimate DOUBLE, published VARCHAR', ['UK', 11313, 'Home Office 2014'])(store)).status, 'loaded');
  assert.deepEqual((await store.all('SELECT study, estimate, published FROM test_facts')).map((r) => [r.study, Number(r.estimate), r.published]), [['UK', 11313, 'Home Office 2014']]);
  store.close();
});
