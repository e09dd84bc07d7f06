import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Store } from '../../src/store/store.ts';
import { ingest } from '../../src/sources/ingest.ts';
import { query } from '../../src/analysis/query.ts';
import { parseDollars } from '../../src/sources/grants/index.ts';
import { FIXTURE_DATA, SKIP_NO_DATA, sharedData } from '../helpers.ts';
import { assertBadInput, latin1Byte, replaceIn, truncate, type BadInput } from './stats-common.ts';

const HK = 'stats/funding-us-anti-tip-grants/heiss_kelley_us_anti_tip_grants_2001-2014.csv';
const FY03 = 'stats/funding-us-anti-tip-grants/us_gov_anti_tip_projects_fy2003.csv';

test('dollar text', () => {
  assert.equal(parseDollars('$407,450'), 407450);
  assert.equal(parseDollars(' $7,000,000 '), 7000000);
  assert.equal(parseDollars('See regional total'), null);
});

test('fixture: amounts by country and region, placeholders skipped, the recording break travels with the figures', async () => {
  const store = await Store.open(':memory:');
  const report = await ingest(store, FIXTURE_DATA, ['grants']);
  const hk = report.results.find((r) => r.sourceId === 'grants.heiss_kelley')!;
  assert.equal(hk.rowsRead, 8);
  assert.equal(hk.rejected.length, 0);
  assert.deepEqual(Object.values(hk.skipped), [2]);
  const npl = await query(store, { measure: 'grants.us_anti_tip.amount', place: 'NPL' });
  assert.deepEqual(npl.rows.map((r) => [r.period, r.value]), [[2003, 630568]]);
  const projects = await query(store, { measure: 'grants.us_anti_tip.projects', place: 'BIH' });
  assert.deepEqual(projects.rows.map((r) => [r.period, r.value, r.flags]), [[2010, 1, ['matched_by_name:BosniaandHerz']]]);
  const global = await query(store, { measure: 'grants.us_anti_tip.amount', place: 'REG-GLOBAL' });
  assert.equal(global.rows[0]!.value, 1250000);
  const civ = await query(store, { measure: 'grants.us_anti_tip.amount', place: 'CIV' });
  assert.equal(civ.rows[0]!.value, 200000, 'the name with a replacement character is matched');
  const all = await query(store, { measure: 'grants.us_anti_tip.amount' });
  assert.deepEqual(all.rows.map((r) => [r.period, r.value]), [[2003, 630568], [2010, 1250000], [2013, 500000], [2014, 200000]]);
  assert.ok(all.caveats.some((c) => /Break in recording after 2010/.test(c)), 'the break caveat is shown with any series that reaches past 2010');
  const before = await query(store, { measure: 'grants.us_anti_tip.amount', from: 2003, to: 2003 });
  assert.ok(before.caveats.some((c) => /Break in recording/.test(c)), 'and stated for the source as a whole');
  const lists = await query(store, { measure: 'grants.state_dept_list.amount', place: 'REG-GLOBAL', by: ['region'] });
  assert.deepEqual(lists.rows.map((r) => [r.dims.region, r.value]), [['East Asia and Pacific Islands', null], ['Europe and Eurasia', 1000000], ['Global', 407450]]);
  const count = await query(store, { measure: 'grants.state_dept_list.projects', place: 'REG-GLOBAL' });
  assert.deepEqual(count.rows.map((r) => [r.period, r.value]), [[2002, 3], [2003, 3]]);
  store.close();
});

test('real files: yearly sums as documented (≈$91M in 2010, ≈$19–23M 2011–2014), 4,284 rows', { skip: sharedData() ? false : SKIP_NO_DATA }, async () => {
  const store = await Store.open(':memory:');
  const report = await ingest(store, sharedData()!, ['grants']);
  const hk = report.results.find((r) => r.sourceId === 'grants.heiss_kelley')!;
  assert.equal(hk.rowsRead, 4284);
  assert.equal(hk.rejected.length, 0);
  const all = await query(store, { measure: 'grants.us_anti_tip.amount' });
  const byYear = Object.fromEntries(all.rows.map((r) => [r.period, r.value]));
  assert.equal(byYear[2010], 91153364);
  for (const y of [2011, 2012, 2013, 2014]) assert.ok(byYear[y]! > 18e6 && byYear[y]! < 24e6, `${y}: ${byYear[y]}`);
  const missing = await store.all("SELECT count(*) AS n FROM observations WHERE measure = 'grants.us_anti_tip.amount' AND value IS NULL");
  assert.equal(missing[0]!.n, 200, 'MANIFEST: 200 rows have no amount');
  const lists = report.results.find((r) => r.sourceId === 'grants.state_dept_lists')!;
  assert.equal(lists.rowsRead, 201 + 224);
  store.close();
});

const BAD: BadInput[] = [
  { name: 'wrong header', file: HK, mutate: (p) => replaceIn(p, ',amount,', ',amount_usd,'), line: 1, field: 'header', reason: /missing "amount"/ },
  { name: 'truncated', file: HK, mutate: (p) => truncate(p, 30), line: 9, field: null, reason: /truncated/ },
  { name: 'wrong encoding', file: FY03, mutate: (p) => latin1Byte(p, 'Cambodia'), line: 4, field: null, reason: /invalid UTF-8/ },
  { name: 'unexpected country code', file: HK, mutate: (p) => replaceIn(p, '3,Nepal', '3,Atlantis'), line: 4, field: 'country', reason: /unknown country or region "Atlantis"/ },
  { name: 'amount not a number', file: HK, mutate: (p) => replaceIn(p, '330568.0', '$330568'), line: 3, field: 'amount', reason: /not an amount/ },
  { name: 'unexpected list region', file: FY03, mutate: (p) => replaceIn(p, '\nGlobal,', '\nOceania,'), line: 2, field: 'region', reason: /unknown region "Oceania"/ },
];
for (const bad of BAD) test(`bad input: ${bad.name}`, () => assertBadInput('grants', bad));
