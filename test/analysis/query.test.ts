import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Store } from '../../src/store/store.ts';
import { parsePeriod, query } from '../../src/analysis/query.ts';
import { toCsv } from '../../src/analysis/tabulate.ts';
import { UsageError } from '../../src/sources/errors.ts';
import type { SourceMeta } from '../../src/model/types.ts';

const meta: SourceMeta = {
  id: 'synthetic.counts', family: 'synthetic', publisher: 'Test', title: 'Synthetic counts', url: 'http://127.0.0.1/',
  license: 'none', retrieved: '2026-01-01', sha256: 'x', format: 'csv', version: 'x', file: 'x.csv', bytes: 1,
};

/** Two agencies in Vermont: one with 12 + 3 arrests, one with 4 (synthetic). */
async function synthetic(): Promise<Store> {
  const store = await Store.open(':memory:');
  await store.loadSource(meta, async (stage) => {
    stage.measure({
      id: 'synthetic.arrests', label: 'Arrests', definition: 'd', unit: 'persons', valueType: 'count', aggregation: 'sum',
      periodKind: 'data_year', topic: 'prostitution_selling', family: 'synthetic', dimensions: ['race', 'sex'],
    });
    stage.place({ id: 'VT0000001', kind: 'agency', name: 'Agency One', parent: 'VT' });
    stage.place({ id: 'VT0000002', kind: 'agency', name: 'Agency Two', parent: 'VT' });
    stage.citation({ id: 'c1', sourceId: meta.id, locator: 'table 1' });
    const obs = (place: string, race: string, sex: string, value: number, period = 2024) =>
      stage.observation({ measure: 'synthetic.arrests', place, period, dims: { race, sex }, value, valueText: null, citationId: 'c1', flags: [] });
    obs('VT0000001', 'White', 'M', 12);
    obs('VT0000001', 'Black', 'F', 3);
    obs('VT0000002', 'White', 'F', 4);
    obs('VT0000002', 'White', 'F', 20, 2023);
  });
  return store;
}

test('a query without --by returns one total row for the place and period', async () => {
  const store = await synthetic();
  const r = await query(store, { measure: 'synthetic.arrests', place: 'VT', from: 2024, to: 2024 });
  assert.deepEqual(r.rows.map((x) => [x.place, x.period, x.value, x.suppressed]), [['VT', 2024, 19, false]]);
  assert.equal(r.citations[0]?.locator, 'table 1');
  store.close();
});

test('breakdowns by dimension at state level are summed and not suppressed', async () => {
  const store = await synthetic();
  const r = await query(store, { measure: 'synthetic.arrests', place: 'VT', from: 2024, to: 2024, by: ['race'] });
  assert.deepEqual(r.rows.map((x) => [x.dims.race, x.value]), [['Black', 3], ['White', 16]]);
  const years = await query(store, { measure: 'synthetic.arrests', place: 'VT', from: 2023, to: 2024 });
  assert.deepEqual(years.rows.map((x) => [x.period, x.value]), [[2023, 20], [2024, 19]]);
  store.close();
});

test('agency cells below 10 are withheld with the cells that would give them away, in JSON and CSV', async () => {
  const store = await synthetic();
  const r = await query(store, { measure: 'synthetic.arrests', place: 'VT', from: 2024, to: 2024, by: ['agency'] });
  // 4 is withheld; so is 15, since the state total (19) minus 15 would give the 4 back.
  assert.deepEqual(r.rows.map((x) => [x.place, x.value, x.suppressed]), [['VT0000001', null, true], ['VT0000002', null, true]]);
  assert.match(r.rows[1]!.suppressionReason!, /from 1 to 9/);
  assert.deepEqual(r.rows[1]!.citations, [], 'a withheld cell points at no source row');
  const csv = toCsv(r);
  assert.match(csv, /VT0000002,Agency Two,2024,data_year,,suppressed,persons,yes,/);
  assert.doesNotMatch(csv, /VT0000002[^\n]*,4,/);
  // 2023: one agency has rows in the source that year; its 20 is the state's total anyway.
  const y = await query(store, { measure: 'synthetic.arrests', place: 'VT', from: 2023, to: 2023, by: ['agency'] });
  assert.deepEqual(y.rows.map((x) => [x.place, x.value, x.suppressed]), [['VT0000002', 20, false]]);
  // Below state level a measure with several dimensions is published as agency totals only: labels identify.
  await assert.rejects(query(store, { measure: 'synthetic.arrests', place: 'VT0000001', from: 2024, to: 2024, by: ['race'] }), (e: unknown) => e instanceof UsageError && /agency totals only/.test(e.message));
  await assert.rejects(query(store, { measure: 'synthetic.arrests', place: 'VT', by: ['agency', 'sex'] }), UsageError);
  const one = await query(store, { measure: 'synthetic.arrests', place: 'VT0000001', from: 2024, to: 2024, by: ['state'] });
  assert.deepEqual(one.rows.map((x) => [x.place, x.value, x.suppressed]), [['VT0000001', null, true]], 'an agency grouped at state level stays an agency');
  store.close();
});

test('bad parameters are usage errors with clear messages', async () => {
  const store = await synthetic();
  await assert.rejects(query(store, { measure: 'nope' }), (e: unknown) => e instanceof UsageError && /unknown measure "nope"/.test(e.message));
  await assert.rejects(query(store, { measure: 'synthetic.arrests', place: 'ZZ9' }), /unknown place "ZZ9"/);
  await assert.rejects(query(store, { measure: 'synthetic.arrests', by: ['shoe_size'] }), /cannot break synthetic.arrests down by "shoe_size"/);
  await assert.rejects(query(store, { measure: 'synthetic.arrests', by: ['state', 'agency'] }), /one place level/);
  store.close();
});

test('periods parse as a year or a range', () => {
  assert.deepEqual(parsePeriod('2015'), [2015, 2015]);
  assert.deepEqual(parsePeriod('2010-2015'), [2010, 2015]);
  assert.throws(() => parsePeriod('2015-2010'), /ends before/);
  assert.throws(() => parsePeriod('15'), UsageError);
  assert.throws(() => parsePeriod('2015; drop table'), UsageError);
});

test('a query that matches nothing returns no rows (not an error)', async () => {
  const store = await synthetic();
  const r = await query(store, { measure: 'synthetic.arrests', place: 'VT', from: 1990, to: 1990 });
  assert.deepEqual(r.rows, []);
  assert.deepEqual(r.citations, []);
  store.close();
});

test('US and UK resolve to the stored ids', async () => {
  const store = await synthetic();
  const r = await query(store, { measure: 'synthetic.arrests', place: 'us', from: 2024, to: 2024 });
  assert.deepEqual(r.rows.map((x) => [x.place, x.placeName, x.value]), [['USA', 'United States of America', 19]]);
  assert.equal(r.params.place, 'USA');
  store.close();
});
