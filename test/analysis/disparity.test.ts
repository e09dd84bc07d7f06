import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Store } from '../../src/store/store.ts';
import { disparityQuery, disparityRatios, raceKey, wilson } from '../../src/analysis/disparity.ts';
import type { SourceMeta } from '../../src/model/types.ts';

const meta = (id: string): SourceMeta => ({
  id, family: 'synthetic', publisher: 'Test', title: id, url: 'http://127.0.0.1/', license: 'none', retrieved: '2026-01-01',
  sha256: id, format: 'csv', version: 'x', file: `${id}.csv`, bytes: 1,
});

test('Wilson interval matches the textbook values', () => {
  // 10 of 50: Wilson 95% interval 0.1124–0.3304 (Newcombe 1998, method 3).
  const [lo, hi] = wilson(10, 50);
  assert.ok(Math.abs(lo - 0.1124) < 5e-4, String(lo));
  assert.ok(Math.abs(hi - 0.3304) < 5e-4, String(hi));
  assert.deepEqual(wilson(0, 0), [0, 1]);
  const [lo0, hi0] = wilson(0, 20);
  assert.equal(lo0, 0);
  assert.ok(hi0 > 0.15 && hi0 < 0.17);
});

test('disparity ratio: share of arrests over share of population, interval around it', () => {
  const rows = disparityRatios([
    { group: 'A', count: 30, population: 100 },
    { group: 'B', count: 70, population: 900 },
  ]);
  const a = rows.find((r) => r.group === 'A')!;
  assert.equal(a.share, 0.3);
  assert.equal(a.populationShare, 0.1);
  assert.ok(Math.abs(a.ratio! - 3) < 1e-12);
  assert.ok(a.low! < 3 && a.high! > 3);
  const b = rows.find((r) => r.group === 'B')!;
  assert.ok(Math.abs(b.ratio! - 0.7 / 0.9) < 1e-12);
});

test('race labels of the FBI and the Census meet on a common key', () => {
  assert.equal(raceKey('American Indian or Alaska Native'), raceKey('American Indian and Alaska Native'));
  assert.equal(raceKey('Native Hawaiian or Other Pacific Islander'), raceKey('Native Hawaiian and Other Pacific Islander'));
  assert.equal(raceKey('Multiple'), 'Two or more races');
  assert.equal(raceKey('Unknown'), null);
  assert.equal(raceKey('Not Specified'), null);
});

test('disparityQuery joins arrests and the nearest population year, and leaves out unknown race', async () => {
  const store = await Store.open(':memory:');
  await store.loadSource(meta('arrests'), async (stage) => {
    stage.measure({ id: 'x.arrests', label: 'Arrests', definition: 'd', unit: 'persons', valueType: 'count', aggregation: 'sum', periodKind: 'data_year', topic: 'prostitution_selling', family: 'x', dimensions: ['race'] });
    stage.place({ id: 'VT0000001', kind: 'agency', name: 'A', parent: 'VT' });
    stage.citation({ id: 'a1', sourceId: 'arrests', locator: 'table' });
    for (const [race, n] of [['White', 60], ['Black or African American', 30], ['Unknown', 10]] as const) {
      stage.observation({ measure: 'x.arrests', place: 'VT0000001', period: 2020, dims: { race }, value: n, valueText: null, citationId: 'a1', flags: [] });
    }
  });
  await store.loadSource(meta('pop'), async (stage) => {
    stage.measure({ id: 'census.acs.population.by_race', label: 'Pop', definition: 'd', unit: 'persons', valueType: 'count', aggregation: 'sum', periodKind: 'reference_year', topic: 'context', family: 'census', dimensions: ['race'] });
    stage.citation({ id: 'p1', sourceId: 'pop', locator: 'DP05' });
    for (const [year, white, black] of [[2015, 800, 200], [2018, 900, 100]] as const) {
      stage.observation({ measure: 'census.acs.population.by_race', place: 'VT', period: year, dims: { race: 'White' }, value: white, valueText: null, citationId: 'p1', flags: [] });
      stage.observation({ measure: 'census.acs.population.by_race', place: 'VT', period: year, dims: { race: 'Black or African American' }, value: black, valueText: null, citationId: 'p1', flags: [] });
    }
  });
  const r = await disparityQuery(store, { measure: 'x.arrests', place: 'VT', period: 2020 });
  assert.equal(r.populationPeriod, 2018);
  const black = r.rows.find((x) => x.group === 'Black or African American')!;
  assert.equal(black.count, 30);
  assert.ok(Math.abs(black.ratio! - (30 / 90) / 0.1) < 1e-12);
  assert.deepEqual(r.excluded, [{ group: 'Unknown', count: 10, reason: 'race not recorded' }]);
  assert.ok(r.caveats.some((c) => /closest to 2020/.test(c)));
  assert.deepEqual(r.citations.map((c) => c.locator).sort(), ['DP05', 'table']);
  await assert.rejects(disparityQuery(store, { measure: 'x.arrests', place: 'VT0000001', period: 2020 }), /state or the United States/);
  await assert.rejects(disparityQuery(store, { measure: 'census.acs.population.by_race', place: 'VT', period: 2018 }), /broken down by race|needs a count/);
  store.close();
});
