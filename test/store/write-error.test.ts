// Disk full while a new version is written: a clear error, and the previous version is kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { Store, StoreWriteError } from '../../src/store/store.ts';
import { versionsDir } from '../../src/store/versions.ts';
import type { SourceMeta } from '../../src/model/types.ts';
import { tempDir } from '../helpers.ts';

const meta = (sha: string): SourceMeta => ({
  id: 'test.source', family: 'test', publisher: 'P', title: 'T', url: 'http://127.0.0.1/x', license: 'none',
  retrieved: '2026-01-01', sha256: sha, format: 'csv', version: sha, file: 'x.csv', bytes: 1,
});

const load = (store: Store, sha: string, value: number) =>
  store.loadSource(meta(sha), async (stage) => {
    for (let i = 0; i < 500; i++) {
      stage.citation({ id: `c${i}`, sourceId: 'test.source', locator: 'l' });
      stage.observation({ measure: 'test.count', place: 'VT', period: 2000 + i, dims: {}, value, valueText: null, citationId: `c${i}`, flags: [] });
    }
  });

const state = async (store: Store) =>
  (await store.all("SELECT count(*) AS n, max(value) AS v, (SELECT sha256 FROM sources WHERE id = 'test.source') AS sha FROM observations"))[0];

test('a full disk at commit (WAL on /dev/full) gives a clear error and loses nothing', { skip: !existsSync('/dev/full') }, async () => {
  const path = join(tempDir(), 'db.duckdb');
  const store = await Store.open(path);
  await load(store, 'aaa', 1);
  const published = store.version;
  const versions = versionsDir(path);
  // While the next version is being built, every write to its WAL fails with ENOSPC.
  const err = await store
    .loadSource(meta('bbb'), async (stage) => {
      const building = readdirSync(versions).find((n) => n.startsWith('building-') && n.endsWith('.duckdb'));
      assert.ok(building, 'the writer builds in a private copy');
      rmSync(join(versions, `${building}.wal`), { force: true });
      symlinkSync('/dev/full', join(versions, `${building}.wal`));
      stage.citation({ id: 'c0', sourceId: 'test.source', locator: 'l' });
      stage.observation({ measure: 'test.count', place: 'VT', period: 2000, dims: {}, value: 2, valueText: null, citationId: 'c0', flags: [] });
    })
    .then(
      () => null,
      (e: unknown) => e,
    );
  assert.ok(err instanceof StoreWriteError, `got ${String(err)}`);
  assert.match(err.message, /No space left on device/);
  assert.match(err.message, /previous version of test\.source is still served/);
  assert.equal(store.version, published, 'nothing was published');
  assert.deepEqual(await state(store), { n: 500, v: 1, sha: 'aaa' }, 'readers still get the previous version');
  assert.deepEqual(readdirSync(versions).filter((n) => n.startsWith('building-')), [], 'the failed copy is gone');
  store.close();
  const reopened = await Store.open(path);
  assert.deepEqual(await state(reopened), { n: 500, v: 1, sha: 'aaa' }, 'the previous version survives reopening');
  await load(reopened, 'ccc', 3);
  assert.deepEqual(await state(reopened), { n: 500, v: 3, sha: 'ccc' }, 'and the store takes the next version once space is back');
  reopened.close();
});

test('an I/O error while staging (injected) leaves the previous version', async () => {
  const store = await Store.open(':memory:');
  await load(store, 'aaa', 1);
  const c = store.connection;
  const run = c.run.bind(c);
  // The swap goes to DuckDB as one transaction of statements: the insert of observations fails
  // inside it, after this source's old rows were deleted, as a full disk would.
  c.run = (async (sql: string, ...rest: unknown[]) => {
    const failing = sql.replace(/^INSERT INTO observations [^;]*/m, `SELECT error('IO Error: Could not write file "db.duckdb.wal": No space left on device')`);
    return (run as (...a: unknown[]) => ReturnType<typeof run>)(failing, ...rest);
  }) as typeof c.run;
  await assert.rejects(load(store, 'bbb', 2), (e: unknown) => e instanceof StoreWriteError && /No space left/.test(e.message));
  c.run = run;
  assert.deepEqual(await state(store), { n: 500, v: 1, sha: 'aaa' });
  store.close();
});
