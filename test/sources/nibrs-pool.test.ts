// The NIBRS reader pool (src/sources/nibrs/pool.ts): worker threads checksum and read bundles ahead
// of the store. Whatever the number of workers, an ingest must give exactly what reading in the main
// thread gives; unchanged bundles must not be parsed; errors must name file, line and field.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Store } from '../../src/store/store.ts';
import { ingest } from '../../src/sources/ingest.ts';
import { describeFiles } from '../../src/sources/importer.ts';
import { InputError } from '../../src/sources/errors.ts';
import { BundleReaderPool } from '../../src/sources/nibrs/pool.ts';
import { bundleSpec } from '../../src/sources/nibrs/index.ts';
import { DATA, SKIP_VT, VT, copyBundle, tempData } from './nibrs/helpers.ts';

const temps: string[] = [];
after(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

/** The Vermont agencies table as another state's: state codes and ORIs. */
const asState = (st: string) => (t: string) => t.replace(/(?<=,)VT(?=,)/g, st).replace(/\bVT(?=[0-9A-Z]{7}\b)/g, st);

async function withEnv<T>(env: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const before = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(before)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/** Everything an ingest leaves in the store, as one string (load times left out). */
async function snapshot(store: Store): Promise<string> {
  const out: Record<string, unknown> = {};
  for (const t of ['observations', 'nibrs_offenses', 'nibrs_arrestees', 'nibrs_victims', 'nibrs_agencies', 'nibrs_coverage', 'citations', 'caveats', 'measures']) {
    out[t] = await store.all(`SELECT * FROM ${t} ORDER BY ALL`);
  }
  out.sources = await store.all('SELECT * EXCLUDE (loaded_at) FROM sources ORDER BY id');
  out.places = await store.all("SELECT * FROM places WHERE kind = 'agency' ORDER BY ALL");
  return JSON.stringify(out, (_k, v) => (typeof v === 'bigint' ? String(v) : v));
}

describe('NIBRS reader pool', { skip: SKIP_VT }, () => {
  it('every bundle of the shared data ingests the same with 1 or 3 workers as in the main thread', async () => {
    const run = async (env: Record<string, string | undefined>) =>
      withEnv(env, async () => {
        const store = await Store.open(':memory:');
        const report = await ingest(store, DATA, ['nibrs'], {}, { keepGoing: true });
        const snap = await snapshot(store);
        store.close();
        return { snap, results: report.results.map((r) => `${r.sourceId} ${r.status} ${r.rowsRead} ${r.rowsStored}`), refused: report.refused.map((r) => r.reason) };
      });
    const inThread = await run({ COGENCY_NIBRS_WORKER: '0', COGENCY_NIBRS_WORKERS: undefined });
    assert.ok(inThread.results.length >= 2, `several bundles loaded: ${inThread.results.join('; ')}`);
    assert.ok(inThread.snap.length > 10_000);
    for (const workers of ['1', '3']) {
      const pooled = await run({ COGENCY_NIBRS_WORKER: undefined, COGENCY_NIBRS_WORKERS: workers });
      assert.deepEqual(pooled.results, inThread.results, `${workers} workers: same sources, statuses and row counts`);
      assert.deepEqual(pooled.refused, inThread.refused);
      assert.ok(pooled.snap === inThread.snap, `${workers} workers: the store differs from the in-thread load`);
    }
  });

  it('a re-ingest of unchanged bundles loads nothing and leaves the store as it was', async () => {
    const [dir, nibrs] = tempData();
    temps.push(dir);
    for (const st of ['VT', 'NH', 'ME']) {
      copyBundle(VT, join(nibrs, `${st}-2024`), { 'agencies.csv': asState(st) });
    }
    const store = await Store.open(':memory:');
    const first = await ingest(store, dir, ['nibrs']);
    assert.deepEqual(first.results.map((r) => r.status), ['loaded', 'loaded', 'loaded']);
    const before = await snapshot(store);
    const again = await ingest(store, dir, ['nibrs']);
    assert.deepEqual(again.results.map((r) => `${r.sourceId} ${r.status}`), ['nibrs.ME.2024 unchanged', 'nibrs.NH.2024 unchanged', 'nibrs.VT.2024 unchanged']);
    assert.equal(await snapshot(store), before);
    store.close();
  });

  it('stops a cancelled job before it reads, and never starts a cancelled queued one', async () => {
    const pool = new BundleReaderPool(1);
    try {
      const spec = await bundleSpec(VT, 'VT-2024');
      const job = { path: VT, rel: 'stats/fbi-nibrs-extract/VT-2024', src: 'nibrs.VT.2024', partial: false, currentYear: 2026 };
      pool.submit('a', spec.files, { ...job, describe: { spec, dataDir: DATA } });
      pool.submit('b', spec.files, { ...job, describe: { spec, dataDir: DATA } });
      const described = pool.described('a');
      // Set before the worker has even started: it checksums, sees the flag, and stops.
      pool.cancel('a');
      pool.cancel('b');
      await assert.rejects(described, /cancelled/);
      await pool.idle();
      assert.deepEqual(pool.stats, { dispatched: 1, read: 0, stopped: 1, failed: 0 });
      // The pool goes on working: a fresh read gives the bundle.
      const rb = await pool.take('c', spec.files, { ...job, describe: null });
      assert.equal(rb.state, 'VT');
      assert.equal(rb.data.incidentsAll, 18_919);
      assert.equal(pool.stats.read, 1);
    } finally {
      pool.close();
    }
  });

  it('gives the checksums describeFiles gives', async () => {
    const pool = new BundleReaderPool(2);
    try {
      const spec = await bundleSpec(VT, 'VT-2024');
      const job = { path: VT, rel: 'stats/fbi-nibrs-extract/VT-2024', src: 'nibrs.VT.2024', partial: false, currentYear: 2026 };
      pool.submit('a', spec.files, { ...job, describe: { spec, dataDir: DATA } });
      assert.deepEqual(await pool.described('a'), await describeFiles(spec, DATA));
      await pool.take('a', spec.files, { ...job, describe: null });
    } finally {
      pool.close();
    }
  });

  it('refuses a bad bundle with the same file, line and field in a worker as in the main thread, and loads the others', async () => {
    const [dir, nibrs] = tempData();
    temps.push(dir);
    copyBundle(VT, join(nibrs, 'NH-2024'), { 'agencies.csv': asState('NH') });
    copyBundle(VT, join(nibrs, 'VT-2024'), {
      'NIBRS_ARRESTEE.csv': (t) => {
        const lines = t.split('\n');
        lines[41] = lines[41]!.replace(/,([MF]),/, ',Q,');
        return lines.join('\n');
      },
    });
    // A third bundle with a line longer than 1 MiB: refused while checksumming (describeFiles), before any parse.
    copyBundle(VT, join(nibrs, 'ME-2024'), { 'agencies.csv': asState('ME') });
    writeFileSync(join(nibrs, 'ME-2024/NIBRS_OFFENSE.csv'), `data_year,offense_id,incident_id,offense_code\n2024,1,1,${'4'.repeat(1.5 * 2 ** 20)}\n`);
    const run = (env: Record<string, string | undefined>) =>
      withEnv(env, async () => {
        const store = await Store.open(':memory:');
        const report = await ingest(store, dir, ['nibrs'], {}, { keepGoing: true });
        store.close();
        return {
          loaded: report.results.map((r) => r.sourceId),
          refused: report.refused.map((r) => {
            const e = r.error as InputError;
            assert.ok(e instanceof InputError, `${r.source}: ${r.reason}`);
            return { source: r.source, file: e.file, line: e.line, field: e.field, reason: e.reason };
          }),
        };
      });
    const inThread = await run({ COGENCY_NIBRS_WORKER: '0' });
    const pooled = await run({ COGENCY_NIBRS_WORKER: undefined, COGENCY_NIBRS_WORKERS: '2' });
    assert.deepEqual(pooled, inThread);
    assert.deepEqual(pooled.loaded, ['nibrs.NH.2024']);
    assert.deepEqual(
      pooled.refused.map((r) => [r.source, r.file, r.line, r.field]),
      [
        ['nibrs.ME.2024', 'stats/fbi-nibrs-extract/ME-2024/NIBRS_OFFENSE.csv', 2, null],
        ['nibrs.VT.2024', 'stats/fbi-nibrs-extract/VT-2024/NIBRS_ARRESTEE.csv', 42, 'sex_code'],
      ],
    );
  });
});
