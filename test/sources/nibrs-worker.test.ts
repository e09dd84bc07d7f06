// The NIBRS streaming reader runs in a worker thread, one bundle ahead of the store: it must give
// exactly what the same reader gives in the main thread (COGENCY_NIBRS_WORKER=0).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Store } from '../../src/store/store.ts';
import { describeFiles } from '../../src/sources/importer.ts';
import { bundleSpec, makeNibrsImporter } from '../../src/sources/nibrs/index.ts';
import { DATA, SKIP_VT, VT } from './nibrs/helpers.ts';

describe('NIBRS reader in a worker thread', { skip: SKIP_VT }, () => {
  it('gives identical observations, fact tables and places to the in-thread reader for VT 2024', async () => {
    const snapshot = async (worker: boolean) => {
      const before = process.env.COGENCY_NIBRS_WORKER;
      if (worker) delete process.env.COGENCY_NIBRS_WORKER;
      else process.env.COGENCY_NIBRS_WORKER = '0';
      try {
        const store = await Store.open(':memory:');
        const imp = makeNibrsImporter({ reader: 'streaming' });
        const spec = await bundleSpec(VT, 'VT-2024');
        await store.loadSource(await describeFiles(spec, DATA), (stage) => imp.load(spec, stage, DATA));
        const out: Record<string, unknown> = {};
        for (const t of ['observations', 'nibrs_offenses', 'nibrs_arrestees', 'nibrs_victims', 'nibrs_agencies', 'nibrs_coverage', 'citations', 'caveats']) {
          out[t] = await store.all(`SELECT * FROM ${t} ORDER BY ALL`);
        }
        out.places = await store.all("SELECT * FROM places WHERE kind = 'agency' ORDER BY ALL");
        store.close();
        return JSON.stringify(out, (_k, v) => (typeof v === 'bigint' ? String(v) : v));
      } finally {
        if (before === undefined) delete process.env.COGENCY_NIBRS_WORKER;
        else process.env.COGENCY_NIBRS_WORKER = before;
      }
    };
    const inThread = await snapshot(false);
    const inWorker = await snapshot(true);
    assert.ok(inThread.length > 1000);
    assert.equal(inWorker, inThread);
  });
});
