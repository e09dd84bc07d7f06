// Store versions: readers beside a writer, the pointer switch, garbage collection, the writer
// lock, re-derivation and the gazetteer rule.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Store, type Derivation } from '../../src/store/store.ts';
import { collectGarbage, listVersions, lockWriter, versionsDir } from '../../src/store/versions.ts';
import { ConflictError } from '../../src/sources/errors.ts';
import type { Place, SourceMeta } from '../../src/model/types.ts';
import { FIXTURE_DATA, REPO, tempDir } from '../helpers.ts';

const meta = (id: string, sha: string, family = 'test'): SourceMeta => ({
  id, family, publisher: 'P', title: 'T', url: 'http://127.0.0.1/x', license: 'none',
  retrieved: '2026-01-01', sha256: sha, format: 'csv', version: sha, file: 'x.csv', bytes: 1,
});

const loadValue = (store: Store, sha: string, value: number, places: Place[] = [], place = 'VT', id = 'test.source', family = 'test', derivation?: Derivation, force?: boolean) =>
  store.loadSource(
    meta(id, sha, family),
    async (stage) => {
      for (const p of places) stage.place(p);
      stage.citation({ id: `${id}.c0`, sourceId: id, locator: 'l' });
      stage.observation({ measure: 'test.count', place, period: 2020, dims: {}, value, valueText: null, citationId: `${id}.c0`, flags: [] });
    },
    () => {},
    { derivation, force },
  );

const valueOf = async (store: Store, id = 'test.source') => (await store.all('SELECT value FROM observations WHERE source_id = ?', [id]))[0]?.value ?? null;

test('a second reader keeps its version until the pointer moves, then switches (watch) without reopening', async () => {
  const path = join(tempDir(), 'db.duckdb');
  const writer = await Store.open(path);
  await loadValue(writer, 'a', 1);
  const server = await Store.open(path);
  assert.equal(await valueOf(server), 1);
  const genBefore = server.generation;
  await loadValue(writer, 'b', 2);
  assert.equal(await valueOf(writer), 2, 'the writer reads its own new version');
  assert.equal(await valueOf(server), 1, 'a reader that has not switched still reads a whole previous version');
  let switched = 0;
  const stop = server.watch(50, () => switched++);
  const t0 = Date.now();
  while (switched === 0 && Date.now() - t0 < 5000) await new Promise((r) => setTimeout(r, 20));
  stop();
  assert.equal(switched, 1, 'the watcher saw the new version');
  assert.equal(await valueOf(server), 2);
  assert.ok(server.generation > genBefore, 'caches keyed on the generation are invalidated');
  writer.close();
  server.close();
});

test('a snapshot in flight finishes on its version while the reader switches under it', async () => {
  const path = join(tempDir(), 'db.duckdb');
  const store = await Store.open(path);
  await loadValue(store, 'a', 1);
  const other = await Store.open(path);
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const inFlight = store.read(async (snap) => {
    const first = await valueOf(snap);
    await gate;
    return [first, await valueOf(snap)];
  });
  await loadValue(other, 'b', 2);
  assert.equal(await store.reload(), true);
  assert.equal(await valueOf(store), 2, 'new requests see the new version');
  release();
  assert.deepEqual(await inFlight, [1, 1], 'the request that started on version a ends on it');
  store.close();
  other.close();
});

test('old versions are deleted once no reader holds them; a version still read is kept', async () => {
  const path = join(tempDir(), 'db.duckdb');
  const writer = await Store.open(path);
  await loadValue(writer, 'a', 1);
  const reader = await Store.open(path);
  const held = reader.version!;
  for (const [sha, v] of [['b', 2], ['c', 3], ['d', 4]] as const) await loadValue(writer, sha, v);
  const names = listVersions(path);
  assert.ok(names.includes(held.split('/').pop()!), 'the version a reader holds is kept');
  assert.ok(names.length <= 2, `only the current and the held version remain: ${names.join(', ')}`);
  assert.equal(await valueOf(reader), 1);
  reader.close();
  await collectGarbage(path);
  assert.deepEqual(listVersions(path), [writer.version!.split('/').pop()], 'once released, it goes');
  writer.close();
});

test('a version held by another process is not collected', async () => {
  const path = join(tempDir(), 'db.duckdb');
  const store = await Store.open(path);
  await loadValue(store, 'a', 1);
  const held = store.version!;
  // Another process opens the current version read-only and waits.
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '-e', `import('${join(REPO, 'src/store/store.ts')}').then(async ({ Store }) => { await Store.open(${JSON.stringify(path)}); process.stdout.write('open\\n'); setTimeout(() => {}, 60000); })`],
    { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((res) => child.stdout.on('data', (d: Buffer) => d.toString().includes('open') && res()));
  store.close();
  const writer = await Store.open(path);
  await loadValue(writer, 'b', 2);
  assert.ok(existsSync(held), 'the version the other process reads is still there');
  child.kill('SIGKILL');
  await new Promise((r) => child.on('exit', r));
  await collectGarbage(path);
  assert.ok(!existsSync(held), 'and is collected once that process is gone');
  writer.close();
});

test('one writer at a time: a live writer is a conflict, a dead one is taken over; its copy is collected', async () => {
  const path = join(tempDir(), 'db.duckdb');
  const store = await Store.open(path);
  const sleeper = spawn('sleep', ['30']);
  writeFileSync(`${path}.lock`, String(sleeper.pid));
  await assert.rejects(loadValue(store, 'a', 1), (e: unknown) => e instanceof ConflictError && e.code === 'store.busy' && /pid \d+/.test(e.message));
  sleeper.kill('SIGKILL');
  await new Promise((r) => sleeper.on('exit', r));
  // A writer killed mid-build leaves its lock and its copy; both are cleaned up by the next writer.
  mkdirSync(versionsDir(path), { recursive: true });
  const orphan = join(versionsDir(path), `building-${sleeper.pid}-deadbeef.duckdb`);
  writeFileSync(orphan, 'partial');
  await loadValue(store, 'a', 1);
  assert.equal(await valueOf(store), 1);
  assert.ok(!existsSync(orphan), 'the dead writer\'s copy is collected');
  assert.ok(!existsSync(`${path}.lock`), 'the lock is released');
  const unlock = lockWriter(path);
  unlock();
  store.close();
});

test('the CLI reads and ingests while another process holds the store open', async () => {
  const path = join(tempDir(), 'db.duckdb');
  const server = await Store.open(path);
  const env = { ...process.env, COGENCY_DB: path };
  const run = (args: string[]) => spawnSync(process.execPath, [join(REPO, 'bin', 'cogency.js'), ...args], { cwd: REPO, env, encoding: 'utf8', timeout: 60_000 });
  const ing = run(['ingest', 'tip', '--data', FIXTURE_DATA]);
  assert.equal(ing.status, 0, ing.stderr);
  const q = run(['query', 'tip.tier', '--place', 'PRK', '--format', 'json']);
  assert.equal(q.status, 0, q.stderr);
  assert.equal(JSON.parse(q.stdout).rows[0].valueText, 'Tier 3');
  const exp = run(['export', '--out', join(tempDir(), 'pkg')]);
  assert.equal(exp.status, 0, exp.stderr);
  assert.equal((await server.all("SELECT count(*) AS n FROM sources WHERE id = 'tip.tiers'"))[0]?.n, 0, 'the server has not switched yet');
  assert.equal(await server.reload(), true);
  assert.equal((await server.all("SELECT count(*) AS n FROM sources WHERE id = 'tip.tiers'"))[0]?.n, 1);
  server.close();
});

test('re-derivation: same files and derivation is unchanged; new code, version or rules rebuild and say why; --force rebuilds', async () => {
  const store = await Store.open(':memory:');
  const d: Derivation = { importer: 'test', importerVersion: '1', code: 'code-a', analyzer: null, inputs: [{ file: 'x.csv', sha256: 'a', bytes: 1 }] };
  const load = (derivation: Derivation, force = false, sha = 'a') => loadValue(store, sha, 1, [], 'VT', 'test.source', 'test', derivation, force);
  assert.deepEqual((await load(d)).reasons, ['new source']);
  assert.equal((await load(d)).status, 'unchanged');
  assert.deepEqual((await load({ ...d, code: 'code-b' })).reasons, ['importer code changed']);
  assert.deepEqual((await load({ ...d, code: 'code-b', importerVersion: '2' })).reasons, ['importer version 1 -> 2']);
  assert.deepEqual((await load({ ...d, code: 'code-b', importerVersion: '2', analyzer: 'rules-1' })).reasons, ['analyzer rules changed']);
  const same = { ...d, code: 'code-b', importerVersion: '2', analyzer: 'rules-1' };
  assert.equal((await load(same)).status, 'unchanged');
  assert.deepEqual((await load(same, true)).reasons, ['--force']);
  assert.deepEqual((await load(same, false, 'b')).reasons, ['input files changed']);
  const [row] = await store.all("SELECT inputs, importer, importer_version, code_fingerprint, analyzer_fingerprint FROM sources WHERE id = 'test.source'");
  assert.deepEqual(
    { ...row, inputs: JSON.parse(String(row!.inputs)) },
    { inputs: d.inputs, importer: 'test', importer_version: '2', code_fingerprint: 'code-b', analyzer_fingerprint: 'rules-1' },
  );
  store.close();
});

test('gazetteer: a place\'s name follows the stated rule, whatever the load order; the registry is never renamed; unmapped places are reported', async () => {
  const agency = (name: string): Place => ({ id: 'VT0000001', kind: 'agency', name, parent: 'VT' });
  const names: string[] = [];
  for (const order of [['fbi', 'nibrs'], ['nibrs', 'fbi']]) {
    const store = await Store.open(':memory:');
    for (const family of order) {
      await loadValue(store, 'x', 1, [agency(family === 'nibrs' ? 'Middlesex' : 'Berlin'), { id: 'VT', kind: 'state', name: 'Vermont Republic', parent: 'USA' }], 'VT0000001', `${family}.src`, family);
    }
    const [p] = await store.all("SELECT name, path FROM places WHERE id = 'VT0000001'");
    names.push(`${String(p!.name)} ${String(p!.path)}`);
    assert.equal((await store.all("SELECT name FROM places WHERE id = 'VT'"))[0]?.name, 'Vermont', 'the registry wins');
    // Reloading the winning source without the place hands the name to the next claimant.
    await loadValue(store, 'y', 1, [], 'VT', 'nibrs.src', 'nibrs');
    assert.equal((await store.all("SELECT name FROM places WHERE id = 'VT0000001'"))[0]?.name, 'Berlin');
    const r = await loadValue(store, 'z', 1, [], 'NOWHERE', 'other.src');
    assert.deepEqual(r.unmapped, [{ place: 'NOWHERE', values: 1 }]);
    store.close();
  }
  assert.deepEqual(names, ['Middlesex /USA/VT/VT0000001', 'Middlesex /USA/VT/VT0000001'], 'NIBRS outranks the UCR table in either order');
});

test('a store file from before versions is adopted as the first version', async () => {
  const dir = tempDir();
  const path = join(dir, 'db.duckdb');
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const legacy = await DuckDBInstance.create(path);
  const c = await legacy.connect();
  await c.run("CREATE TABLE sources (id VARCHAR PRIMARY KEY, family VARCHAR, publisher VARCHAR, title VARCHAR, url VARCHAR, license VARCHAR, retrieved VARCHAR, sha256 VARCHAR, format VARCHAR, version VARCHAR, file VARCHAR, bytes BIGINT, loaded_at TIMESTAMP, rows_read BIGINT, rows_stored BIGINT, rows_rejected BIGINT); INSERT INTO sources (id, sha256) VALUES ('old.source', 'x')");
  c.closeSync();
  legacy.closeSync();
  const store = await Store.open(path);
  assert.equal((await store.all("SELECT count(*) AS n FROM sources WHERE id = 'old.source'"))[0]?.n, 1);
  assert.equal(readdirSync(versionsDir(path)).filter((n) => n.startsWith('v-')).length, 1);
  store.close();
});

test('rows kept beside a version: read back by the next process to open it, read afresh when damaged, collected with the version', async () => {
  const path = join(tempDir(), 'db.duckdb');
  const writer = await Store.open(path);
  await loadValue(writer, 'a', 1);
  const statements = ['SELECT id, name FROM places WHERE id = \'VT\'', 'SELECT value FROM observations'];
  const first = await Store.open(path);
  const fresh = await first.allCached(statements);
  assert.deepEqual(fresh[1], [{ value: 1 }]);
  const version = first.version!;
  const cacheFiles = () => readdirSync(versionsDir(path)).filter((n) => n.startsWith('cache-'));
  assert.equal(cacheFiles().length, 1, 'written beside the version');
  first.close();

  // The next process reads the file and runs no statement.
  const second = await Store.open(path);
  let ran = 0;
  const all = second.all.bind(second);
  second.all = async (...a) => {
    ran++;
    return all(...a);
  };
  assert.deepEqual(await second.allCached(statements), fresh);
  assert.equal(ran, 0, 'answered from the file');
  // Other statements are another file.
  await second.allCached(['SELECT count(*) AS n FROM observations']);
  assert.equal(ran, 1);
  assert.equal(cacheFiles().length, 2);
  second.close();

  // A damaged file is read afresh (and written again).
  for (const name of cacheFiles()) writeFileSync(join(versionsDir(path), name), 'not a cache');
  const third = await Store.open(path);
  assert.deepEqual(await third.allCached(statements), fresh);
  third.close();

  // A new version: the old one goes, and its cached rows with it.
  await loadValue(writer, 'b', 2);
  const reader = await Store.open(path);
  assert.deepEqual((await reader.allCached(statements))[1], [{ value: 2 }], 'the new version is read, not the old one\'s rows');
  reader.close();
  await collectGarbage(path);
  assert.ok(!existsSync(version), 'old version collected');
  assert.ok(cacheFiles().every((n) => !n.includes(version.split('/').pop()!)), `old version's cached rows collected: ${cacheFiles().join(', ')}`);
  assert.equal(cacheFiles().length, 1);
  writer.close();
});
