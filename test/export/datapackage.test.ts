// The Data Package export: valid against the Data Package specification, reproducible, and
// under the same disclosure control as the API.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { buildApp } from '../../src/api/server.ts';
import { exportDataPackage, ExportError, PARTITIONED_OBSERVATIONS } from '../../src/export/datapackage.ts';
import { Store } from '../../src/store/store.ts';
import { ingest } from '../../src/sources/ingest.ts';
import { FIXTURE_DATA, tempDir } from '../helpers.ts';
import { loadAgencySource, AGENCIES } from '../api/agency-source.ts';

const require = createRequire(import.meta.url);
// datapackage-js: the Frictionless Data reference validator for JavaScript (Data Package v1 profiles).
const { Package, validate } = require('datapackage') as {
  validate: (d: unknown) => Promise<{ valid: boolean; errors: Error[] }>;
  Package: { load: (d: string) => Promise<{ valid: boolean; errors: Error[]; resources: { name: string; read: (o: object) => Promise<unknown[]> }[] }> };
};

let store: Store;
let out: string;

before(async () => {
  store = await Store.open(join(tempDir(), 'db.duckdb'));
  await ingest(store, FIXTURE_DATA, ['tip']);
  await loadAgencySource(store);
  out = join(tempDir(), 'pkg');
});
after(() => store.close());

/** Every file of a package (the partitioned observations sit in sub-folders of data/). */
const filesOf = (dir: string) =>
  Object.fromEntries(
    ['datapackage.json', ...(readdirSync(join(dir, 'data'), { recursive: true }) as string[]).sort().map((f) => `data/${f}`)]
      .filter((f) => statSync(join(dir, f)).isFile())
      .map((f) => [f, readFileSync(join(dir, f))]),
  );

test('the descriptor validates against the Data Package specification, and so do the tables', async () => {
  const result = await exportDataPackage(store, out);
  const descriptor = JSON.parse(readFileSync(join(out, 'datapackage.json'), 'utf8'));
  const v = await validate(descriptor);
  assert.deepEqual(v.errors.map(String), []);
  assert.equal(v.valid, true);
  const pkg = await Package.load(join(out, 'datapackage.json'));
  assert.equal(pkg.valid, true, pkg.errors.map(String).join('; '));
  // Every CSV table reads and casts against its Table Schema.
  for (const r of pkg.resources.filter((x) => !x.name.endsWith('-parquet') && x.name !== 'observations-partitioned')) {
    const rows = await r.read({ keyed: true, cast: true });
    assert.ok(Array.isArray(rows), r.name);
  }
  // The validator is not a no-op.
  const broken = structuredClone(descriptor);
  broken.resources[0].name = 'Not A Valid Name!';
  delete broken.resources[1].path;
  assert.equal((await validate(broken)).valid, false);

  assert.equal(descriptor.resources.length, 19, 'seven tables and two analysis tables (funnel stages, funding against need), each as CSV and Parquet, and the partitioned observations');
  for (const t of ['sources', 'measures', 'places', 'citations', 'observations', 'caveats', 'rejections', 'funnel_stages', 'funding_against_need']) {
    const csv = descriptor.resources.find((r: { name: string }) => r.name === t);
    const pq = descriptor.resources.find((r: { name: string }) => r.name === `${t}-parquet`);
    assert.equal(csv.format, 'csv');
    assert.equal(pq.format, 'parquet');
    for (const f of csv.schema.fields) assert.ok(f.type && f.description, `${t}.${f.name} has a type and a description`);
    assert.ok(existsSync(join(out, csv.path)) && existsSync(join(out, pq.path)));
  }
  assert.ok(descriptor.sources.some((s: { path: string }) => /^https?:/.test(s.path)));
  assert.ok(descriptor.licenses.length >= 1);
  assert.ok(descriptor.citations.length >= 3);
  assert.ok(descriptor.caveats.some((c: string) => /Synthetic test data/.test(c)));
  const partitioned = descriptor.resources.find((r: { name: string }) => r.name === 'observations-partitioned');
  assert.ok(partitioned.path.length >= 2 && partitioned.path.every((p: string) => /^data\/observations-by-source-year\/source_id=[^/]+\/period=\d{4}\/[^/]+\.parquet$/.test(p)), partitioned.path.join(' '));
  assert.equal(result.files.length, 19 + partitioned.path.length);
});

test('the same store gives byte-identical files', async () => {
  const a = join(tempDir(), 'a');
  const b = join(tempDir(), 'b');
  await exportDataPackage(store, a);
  await exportDataPackage(store, b);
  const fa = filesOf(a);
  const fb = filesOf(b);
  assert.deepEqual(Object.keys(fa), Object.keys(fb));
  for (const k of Object.keys(fa)) assert.ok(fa[k]!.equals(fb[k]!), `${k} differs`);
  // Parquet holds the same rows as CSV.
  const [n] = await store.all(`SELECT count(*) AS n FROM read_parquet('${join(a, 'data', 'observations.parquet')}')`);
  const csvRows = readFileSync(join(a, 'data', 'observations.csv'), 'utf8').trim().split('\n').length - 1;
  assert.equal(n!.n, csvRows);
});

test('DuckDB reads the partitioned observations unchanged and gets the same totals as the store', async () => {
  await exportDataPackage(store, out);
  const folder = join(out, PARTITIONED_OBSERVATIONS);
  const totals = async (from: string) =>
    store.all(
      `SELECT source_id, period::INTEGER AS period, count(*)::INTEGER AS n, sum(value) AS total, count(*) FILTER (WHERE suppressed)::INTEGER AS withheld
       FROM ${from} GROUP BY ALL ORDER BY source_id, period`,
    );
  const fromPartitions = await totals(`read_parquet('${folder}/**/*.parquet', hive_partitioning = true)`);
  // The same rows as the package's one-file observations table (disclosure control included)…
  assert.deepEqual(fromPartitions, await totals(`read_parquet('${join(out, 'data', 'observations.parquet')}')`));
  assert.ok(fromPartitions.length >= 2);
  // …and, for a source with nothing below state level (TIP), the store's own observations.
  const tipStore = await store.all(
    `SELECT source_id, period::INTEGER AS period, count(*)::INTEGER AS n, sum(value) AS total, 0 AS withheld
     FROM observations WHERE source_id LIKE 'tip%' GROUP BY ALL ORDER BY source_id, period`,
  );
  assert.ok(tipStore.length > 0);
  assert.deepEqual(
    fromPartitions.filter((r) => String(r.source_id).startsWith('tip')),
    tipStore,
  );
  // A reader that filters on a partition reads only that folder.
  const [one] = await store.all(
    `SELECT count(*)::INTEGER AS n FROM read_parquet('${folder}/**/*.parquet', hive_partitioning = true) WHERE period = ${Number(fromPartitions[0]!.period)} AND source_id = '${String(fromPartitions[0]!.source_id)}'`,
  );
  assert.equal(one!.n, fromPartitions[0]!.n);
});

test('below state level the package holds the protected tables: no count from 1 to 9, withheld cells marked', async () => {
  await exportDataPackage(store, out);
  const rows = await store.all(
    `SELECT place, dims, value, value_text, suppressed, flags FROM read_parquet('${join(out, 'data', 'observations.parquet')}') WHERE measure = 'test.arrests'`,
  );
  const agencyRows = rows.filter((r) => AGENCIES.includes(String(r.place)));
  // Each agency and year: its total and its count by sex (the measure's one dimension).
  assert.equal(agencyRows.length, AGENCIES.length * 3 * 3);
  assert.ok(agencyRows.some((r) => r.suppressed === true));
  for (const r of agencyRows) {
    if (r.suppressed) assert.deepEqual([r.value, r.value_text], [null, 'suppressed']);
    else assert.ok(Number(r.value) === 0 || Number(r.value) >= 10, JSON.stringify(r));
  }
  const stateRows = rows.filter((r) => !AGENCIES.includes(String(r.place)));
  assert.ok(stateRows.length > 0 && stateRows.every((r) => ['VT', 'NY'].includes(String(r.place)) && String(r.flags).includes('state_sum_of_agency_rows')));
  const csv = readFileSync(join(out, 'data', 'observations.csv'), 'utf8');
  for (const line of csv.split('\n').filter((l) => l.startsWith('test.agency,') && AGENCIES.some((a) => l.includes(`,${a},`)))) {
    const value = /,(\d*),(suppressed)?,/.exec(line.slice(line.indexOf('}') + 1))?.[1] ?? '';
    assert.ok(value === '' || Number(value) === 0 || Number(value) >= 10, line);
  }
});

test('a full disk during export: a clear error, and the previous package is left as it was', { skip: !existsSync('/dev/full') }, async () => {
  const dir = join(tempDir(), 'full');
  await exportDataPackage(store, dir);
  const before = filesOf(dir);
  // The next export's Parquet file for observations lands on /dev/full (every write: ENOSPC).
  mkdirSync(join(dir, `.staging-${process.pid}`, 'data'), { recursive: true });
  symlinkSync('/dev/full', join(dir, `.staging-${process.pid}`, 'data', 'observations.parquet'));
  writeFileSync(join(dir, 'keep.txt'), 'not ours');
  await loadAgencySource(store, 'agency-v3');
  await assert.rejects(exportDataPackage(store, dir), (e: unknown) => e instanceof ExportError && /No space left on device|ENOSPC/i.test(e.message) && /previous package/.test(e.message));
  assert.deepEqual(filesOf(dir), before, 'the previous package is intact');
  assert.ok(existsSync(join(dir, 'keep.txt')));
  assert.ok(!existsSync(join(dir, `.staging-${process.pid}`)), 'no staging left behind');
});

test('GET /api/v1/export offers the latest package, the same bytes as the command', async () => {
  const dir = join(tempDir(), 'cli');
  await exportDataPackage(store, dir);
  const exportDir = tempDir();
  mkdirSync(join(exportDir, 'build-1-1-1', 'data'), { recursive: true }); // left by an earlier server
  const app = await buildApp({ store, dataDir: FIXTURE_DATA, webDist: '/nonexistent', rateLimit: false, exportDir });
  const res = await app.inject('/api/v1/export');
  assert.equal(res.statusCode, 302);
  assert.equal(res.headers.location, '/api/v1/export/datapackage.json');
  const d = await app.inject('/api/v1/export/datapackage.json');
  assert.equal(d.statusCode, 200);
  assert.equal(d.body, readFileSync(join(dir, 'datapackage.json'), 'utf8'));
  // A resource is one file, or (the partitioned observations) a list of files.
  for (const path of (d.json().resources as { path: string | string[] }[]).flatMap((r) => r.path)) {
    const f = await app.inject(`/api/v1/export/${path}`);
    assert.equal(f.statusCode, 200, path);
    assert.ok(f.rawPayload.equals(readFileSync(join(dir, path))), path);
    const again = await app.inject({ url: `/api/v1/export/${path}`, headers: { 'if-none-match': String(f.headers.etag) } });
    assert.equal(again.statusCode, 304);
  }
  const outside = await app.inject('/api/v1/export/data/observations-by-source-year/source_id=x/period=1/../../../datapackage.json');
  assert.ok([400, 404].includes(outside.statusCode), `a path outside the listed files: ${outside.statusCode}`);
  assert.equal((await app.inject('/api/v1/export/data/nope.csv')).statusCode, 404);
  assert.deepEqual(readdirSync(exportDir).length, 1, 'builds of an earlier server are removed');
  assert.equal((await app.inject('/api/v1/export/data/..%2Fdatapackage.json')).statusCode, 400);
  await app.close();
});
