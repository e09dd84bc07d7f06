import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../src/api/server.ts';
import { Store } from '../../src/store/store.ts';
import { ingest } from '../../src/sources/ingest.ts';
import { SKIP_NO_DATA, sharedData } from '../helpers.ts';

test('disparity and enforcement-mix routes on the real Vermont and Census files', { skip: sharedData() ? false : SKIP_NO_DATA }, async () => {
  const store = await Store.open(':memory:');
  for (const s of ['nibrs', 'census']) await ingest(store, sharedData()!, [s]);
  const app = await buildApp({ store, dataDir: sharedData()!, webDist: '/nonexistent', rateLimit: false });
  try {
    const d = (await app.inject('/api/v1/disparity?measure=nibrs.arrestees.prostitution&place=VT&period=2024')).json();
    assert.equal(d.populationPeriod, 2018, 'the latest ACS year loaded is the closest to 2024');
    const white = d.rows.find((r: { group: string }) => r.group === 'White');
    assert.equal(white.count, 1);
    assert.equal(white.share, 1);
    assert.ok(white.ratio > 1 && white.low < 1 && white.high > 1, 'one arrest: the interval spans 1');
    assert.ok(d.citations.some((c: { sourceId: string }) => c.sourceId.startsWith('census')));
    assert.ok(d.caveats.some((c: string) => /closest to 2024/.test(c)));

    const mix = (await app.inject('/api/v1/mix?place=VT&period=2024')).json();
    assert.equal(mix.rows.length, 1);
    assert.equal(mix.rows[0].counts['offenses.prostitution'], 4);
    assert.equal(mix.rows[0].counts['offenses.sex_trafficking'], 1);

    const rate = (await app.inject('/api/v1/observations?measure=nibrs.offenses.prostitution&place=VT&period=2024&rate=1')).json();
    assert.equal(rate.rows[0].extra.rate_per_100k, 0.617);

    for (const bad of [
      '/api/v1/disparity?measure=nibrs.arrestees.prostitution&place=VT',
      '/api/v1/disparity?measure=nibrs.arrestees.prostitution&place=VT&period=20x4',
      '/api/v1/disparity?measure=census.population&place=VT&period=2018',
      '/api/v1/disparity?measure=nibrs.arrestees.prostitution&place=GBR&period=2024',
      '/api/v1/mix?place=VT0000000',
      '/api/v1/observations?measure=nibrs.offenses.prostitution&rate=yes',
    ]) {
      const res = await app.inject(bad);
      assert.equal(res.statusCode, 400, bad);
    }
  } finally {
    await app.close();
    store.close();
  }
});
