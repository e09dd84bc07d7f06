// The analyses API: hidden-population estimates from the loaded studies and from an uploaded table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../src/api/server.ts';
import { Store } from '../../src/store/store.ts';
import { ingest } from '../../src/sources/ingest.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportDataPackage } from '../../src/export/datapackage.ts';
import { SKIP_NO_DATA, sharedData, tempDir } from '../helpers.ts';

test('POST /api/v1/mse/estimate: an uploaded table gets an estimate; malformed tables get 400 naming the row', async () => {
  const store = await Store.open(':memory:');
  const app = await buildApp({ store, dataDir: '/nonexistent', webDist: '/nonexistent', rateLimit: false });
  try {
    const ok = await app.inject({ method: 'POST', url: '/api/v1/mse/estimate', payload: { csv: 'A,B,C,count\n1,0,0,30\n0,1,0,20\n0,0,1,25\n1,1,0,10\n1,0,1,6\n0,1,1,5\n1,1,1,2\n', replicates: 100 } });
    assert.equal(ok.statusCode, 200, ok.body);
    const e = ok.json();
    assert.equal(e.observed, 98);
    assert.ok(e.estimate > 98);
    assert.ok(e.interval.low <= e.estimate && e.estimate <= e.interval.high);
    assert.match(e.periodLabel, /annual only if/);
    assert.ok(e.critiques.length >= 4);

    const bad = await app.inject({ method: 'POST', url: '/api/v1/mse/estimate', payload: { csv: 'A,B,count\n1,0,30\n0,1,-4\n' } });
    assert.equal(bad.statusCode, 400);
    const p = bad.json();
    assert.equal(p.line, 3);
    assert.equal(p.field, 'count');
    assert.match(p.detail, /negative count/);
    const notString = await app.inject({ method: 'POST', url: '/api/v1/mse/estimate', payload: { csv: 5 } });
    assert.equal(notString.statusCode, 400);
    const tooMany = await app.inject({ method: 'POST', url: '/api/v1/mse/estimate', payload: { csv: 'A,B,count\n1,0,3\n0,1,3\n1,1,1\n', replicates: 100000 } });
    assert.equal(tooMany.statusCode, 400, 'replicates above the cap are refused');

    // Estimates run off the event loop: the server answers other requests meanwhile, and past the
    // queue limit a request is told to come back (503) instead of piling up.
    const five = 'A,B,C,D,E,count\n1,0,0,0,0,40\n0,1,0,0,0,35\n0,0,1,0,0,30\n0,0,0,1,0,25\n0,0,0,0,1,20\n1,1,0,0,0,8\n1,0,1,0,0,6\n0,1,1,0,0,5\n0,0,1,1,0,4\n0,0,0,1,1,3\n1,0,0,0,1,2\n';
    const started = Date.now();
    const many = Array.from({ length: 6 }, (_, i) => app.inject({ method: 'POST', url: '/api/v1/mse/estimate', payload: { csv: five, replicates: 2000, seed: i } }));
    const status = await app.inject('/api/v1/status');
    const statusMs = Date.now() - started;
    const codes = (await Promise.all(many)).map((r) => r.statusCode);
    const allMs = Date.now() - started;
    assert.equal(status.statusCode, 200);
    assert.ok(statusMs < allMs, `status answered in ${statusMs} ms while the estimates took ${allMs} ms`);
    assert.deepEqual(codes.filter((c) => c === 200).length, 4, codes.join(','));
    assert.deepEqual(codes.filter((c) => c === 503).length, 2, codes.join(','));
  } finally {
    await app.close();
    store.close();
  }
});

test('GET /api/v1/mse/studies on the real SparseMSE tables: observed beside estimate, UK published figure reproduced', { skip: sharedData() ? false : SKIP_NO_DATA }, async () => {
  const store = await Store.open(':memory:');
  await ingest(store, sharedData()!, ['mse']);
  const app = await buildApp({ store, dataDir: sharedData()!, webDist: '/nonexistent', rateLimit: false });
  try {
    const list = (await app.inject('/api/v1/mse/studies')).json();
    assert.equal(list.studies.length, 7);
    const uk = list.studies.find((s: { id: string }) => s.id === 'UKdat_5');
    assert.equal(uk.observed, 2744);
    assert.ok(Math.abs(uk.differenceFromPublished) <= 1);
    // Every other published figure stands beside ours: known-model reproductions by their difference,
    // ranges of unknown models by inside/outside only; a study without a checked figure says what was not found.
    assert.deepEqual(uk.comparisons.filter((c: { modelKnown: boolean }) => c.modelKnown).map((c: { compareWith: string }) => c.compareWith), ['stepwise', 'main-effects']);
    for (const c of uk.comparisons.filter((x: { modelKnown: boolean }) => x.modelKnown)) assert.ok(Math.abs(c.difference) <= 1, JSON.stringify(c));
    for (const s of list.studies.filter((x: { id: string }) => x.id !== 'UKdat_5')) {
      assert.equal(s.published, null, s.id);
      assert.ok(s.searchNote.length > 40, s.id);
      assert.ok(s.comparisons.length >= 1, s.id);
      for (const c of s.comparisons) {
        assert.equal(c.difference, null, `${s.id}: no difference is computed against a figure whose model is unknown`);
        assert.equal(c.insideRange, c.ours >= c.low && c.ours <= c.high, s.id);
        assert.equal(c.mainEffectsInsideRange, s.mainEffectsEstimate >= c.low && s.mainEffectsEstimate <= c.high, s.id);
      }
    }
    for (const s of list.studies) {
      assert.ok(s.observed > 0 && s.estimate > s.observed, s.id);
      // Only a single-year table may be read as a year's figure.
      if (s.periodKind !== 'single-year') assert.match(s.periodLabel, /not an annual figure/, s.id);
    }
    const one = await app.inject('/api/v1/mse/studies/Western?replicates=200');
    assert.equal(one.statusCode, 200);
    const w = one.json();
    assert.match(w.population, /sex trafficking/);
    assert.equal(w.estimate.bootstrap.replicates, 200);
    assert.ok(w.citation.source.sha256.length === 64);
    assert.equal((await app.inject('/api/v1/mse/studies/Nowhere')).statusCode, 400);
    // Disclosure control: below state level no overlap cell of 1–9 cases is shown, and never just one is withheld.
    for (const id of ['NewOrl', 'NewOrl_5', 'Western']) {
      const rep = (await app.inject(`/api/v1/mse/studies/${id}?replicates=0`)).json();
      const shown = rep.table.filter((c: { suppressed: boolean }) => !c.suppressed).map((c: { count: number }) => c.count);
      assert.ok(shown.every((c: number) => c === 0 || c >= 10), `${id}: ${shown.join(',')}`);
      assert.ok(rep.table.filter((c: { suppressed: boolean }) => c.suppressed).length >= 2, id);
    }
    const ukSix = (await app.inject('/api/v1/mse/studies/UKdat?replicates=0')).json();
    assert.ok(ukSix.table.some((c: { count: number }) => c.count === 1), 'national tables are shown whole');

    // The Data Package carries the estimates and the overlap counts under the same disclosure rule.
    const out = tempDir('cogency-mse-export-');
    await exportDataPackage(store, out);
    const overlap = readFileSync(join(out, 'data', 'mse_overlap.csv'), 'utf8').trim().split('\n').slice(1);
    const cells = overlap.map((l) => l.match(/^[^,]*,([^,]*),"(?:[^"]|"")*",(\d+),(\d*),(true|false),/)!).map((m) => ({ study: m[1], count: m[3], withheld: m[4] }));
    assert.ok(cells.length === 130);
    for (const c of cells.filter((x) => ['NewOrl', 'NewOrl_5', 'Western'].includes(x.study!)))
      assert.ok(c.count === '' ? c.withheld === 'true' : Number(c.count) === 0 || Number(c.count) >= 10, JSON.stringify(c));
    const estimates = readFileSync(join(out, 'data', 'mse_estimates.csv'), 'utf8');
    const ukRow = estimates.split('\n').find((l) => l.startsWith('mse.sparsemse,UKdat_5,'))!;
    const ukEstimate = Number(/,single-year,"(?:[^"]|"")*",2744,([0-9.]+),/.exec(ukRow)![1]);
    assert.ok(Math.abs(ukEstimate - 11313) <= 1, String(ukEstimate));
    assert.match(estimates.split('\n')[0]!, /published_citation,published_comparisons,citation_id/);
    assert.match(ukRow, /""modelKnown"":true/);
  } finally {
    await app.close();
    store.close();
  }
});
