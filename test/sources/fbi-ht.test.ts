import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Store } from '../../src/store/store.ts';
import { ingest } from '../../src/sources/ingest.ts';
import { query } from '../../src/analysis/query.ts';
import { FIXTURE_DATA, SKIP_NO_DATA, sharedData } from '../helpers.ts';
import { assertBadInput, latin1Byte, replaceIn, truncate, type BadInput } from './stats-common.ts';

const FILE = 'stats/fbi-ucr-human-trafficking/cde_human_trafficking_agency_2013-2020.csv';

test('fixture: duplicate records summed, subcategories apart, NB mapped to NE, coverage stored', async () => {
  const store = await Store.open(':memory:');
  const report = await ingest(store, FIXTURE_DATA, ['fbi-ht']);
  const r = report.results[0]!;
  assert.equal(r.sourceId, 'fbi.ht.agency');
  assert.equal(r.rowsRead, 8);
  assert.equal(r.rejected.length, 0);
  const us = await query(store, { measure: 'fbi.ht.offenses', place: 'USA', from: 2019, to: 2019, by: ['subcategory'] });
  assert.deepEqual(
    us.rows.map((x) => [x.place, x.dims.subcategory, x.value]),
    [['USA', 'Commercial Sex Acts', 11], ['USA', 'Involuntary Servitude', 3]],
  );
  // The two identical Exampleton rows are separate report records: 4 + 4, cited by both lines.
  const tx = await store.all("SELECT value, flags, citation_id FROM observations WHERE measure = 'fbi.ht.offenses' AND place = 'TX0000100' AND period = 2019 AND dims LIKE '%Commercial%'");
  assert.equal(tx[0]!.value, 8);
  assert.match(String(tx[0]!.flags), /records_summed:2/);
  const cite = await store.all('SELECT locator FROM citations WHERE id = ?', [String(tx[0]!.citation_id)]);
  assert.match(String(cite[0]!.locator), /lines 2, 3 \(2 report records summed\)/);
  // Nebraska's UCR code NB is stored under the USPS code NE.
  const ne = await store.all("SELECT parent FROM places WHERE id = 'NB0000200'");
  assert.equal(ne[0]!.parent, 'NE');
  // State Police name with its unit.
  const mn = await store.all("SELECT name FROM places WHERE id = 'MNMSP0000'");
  assert.equal(mn[0]!.name, 'State Police: Example Division');
  // A negative actual count (reports later unfounded) is kept and flagged.
  const md = await query(store, { measure: 'fbi.ht.offenses', place: 'MD', from: 2020, to: 2020, by: ['subcategory'] });
  assert.deepEqual(md.rows.map((x) => x.value), [-1, 2]);
  const cov = await query(store, { measure: 'fbi.ht.participating_states', place: 'USA' });
  assert.deepEqual(cov.rows.map((x) => [x.period, x.value, x.valueText]), [[2019, 3, 'MN NE TX'], [2020, 2, 'MD TX']]);
  const agencies = await query(store, { measure: 'fbi.ht.reporting_agencies', place: 'USA', from: 2019, to: 2019 });
  assert.equal(agencies.rows[0]!.value, 3);
  assert.ok(us.caveats.some((c) => /Coverage 2019: 3 agencies in 3 states/.test(c)), 'the coverage caveat comes with the year');
  assert.ok(!us.caveats.some((c) => /Coverage 2020/.test(c)), 'only the years shown');
  store.close();
});

test('real file: yearly national totals equal FORMATS.md §2.1', { skip: sharedData() ? false : SKIP_NO_DATA }, async () => {
  const store = await Store.open(':memory:');
  const report = await ingest(store, sharedData()!, ['fbi-ht']);
  const r = report.results[0]!;
  assert.equal(r.rowsRead, 4417);
  assert.equal(r.rejected.length, 0);
  const res = await query(store, { measure: 'fbi.ht.offenses', place: 'USA' });
  assert.deepEqual(
    res.rows.map((x) => [x.period, x.value]),
    [[2013, 20], [2014, 468], [2015, 832], [2016, 1280], [2017, 1298], [2018, 1457], [2019, 2084], [2020, 2160]],
  );
  const by = await query(store, { measure: 'fbi.ht.offenses', place: 'USA', from: 2019, to: 2019, by: ['subcategory'] });
  assert.equal(by.rows.length, 2, 'one national row per subcategory');
  assert.equal(by.rows[0]!.value! + by.rows[1]!.value!, 2084);
  const states = await query(store, { measure: 'fbi.ht.participating_states', place: 'USA' });
  assert.deepEqual(states.rows.map((x) => x.value), [6, 18, 22, 35, 34, 39, 44, 44]);
  // MANIFEST: 3,558 Commercial Sex Acts rows and 859 Involuntary Servitude rows.
  const lines = await store.all(
    "SELECT json_extract_string(o.dims, '$.subcategory') AS s, sum(CASE WHEN c.locator LIKE '%report records summed%' THEN regexp_extract(c.locator, '\\((\\d+) report', 1)::INT ELSE 1 END) AS n FROM observations o JOIN citations c ON c.id = o.citation_id WHERE o.measure = 'fbi.ht.offenses' GROUP BY 1 ORDER BY 1",
  );
  assert.deepEqual(lines.map((x) => [x.s, x.n]), [['Commercial Sex Acts', 3558], ['Involuntary Servitude', 859]]);
  store.close();
});

const BAD: BadInput[] = [
  { name: 'wrong header', file: FILE, mutate: (p) => replaceIn(p, 'ACTUAL_COUNT', 'ACTUAL'), line: 1, field: 'header', reason: /missing "ACTUAL_COUNT"/ },
  { name: 'truncated file', file: FILE, mutate: (p) => truncate(p, 20), line: 9, field: null, reason: /truncated/ },
  { name: 'wrong encoding', file: FILE, mutate: (p) => latin1Byte(p, 'Sampleville'), line: 6, field: null, reason: /invalid UTF-8 byte 0xe9/ },
  { name: 'unexpected subcategory code', file: FILE, mutate: (p) => replaceIn(p, ',82,Human', ',83,Human'), line: 4, field: 'OFFENSE_SUBCAT_ID', reason: /unknown human-trafficking subcategory "83"/ },
  { name: 'unexpected state code', file: FILE, mutate: (p) => replaceIn(p, ',MN,Minnesota', ',ZZ,Minnesota'), line: 5, field: 'STATE_ABBR', reason: /unknown state code "ZZ"/ },
  { name: 'count not a number', file: FILE, mutate: (p) => replaceIn(p, 'Commercial Sex Acts,5,0,1,0', 'Commercial Sex Acts,5,0,x,0'), line: 7, field: 'CLEARED_COUNT', reason: /not a whole number/ },
  { name: 'year out of range', file: FILE, mutate: (p) => replaceIn(p, '2020,MD', '2021,MD'), line: 8, field: 'DATA_YEAR', reason: /outside/ },
];
for (const bad of BAD) test(`bad input: ${bad.name}`, () => assertBadInput('fbi-ht', bad));

test('every UCR human-trafficking figure carries its coverage; thin years are flagged', { skip: sharedData() ? false : 'real data not found' }, async () => {
  const store = await Store.open(':memory:');
  await ingest(store, sharedData()!, ['fbi-ht']);
  const r = await query(store, { measure: 'fbi.ht.offenses', place: 'USA', from: 2013, to: 2020 });
  const byYear = new Map(r.rows.map((x) => [x.period, x]));
  assert.equal(byYear.get(2013)!.extra?.coverage, '6 states participating in 2013');
  assert.ok(byYear.get(2013)!.flags.some((f) => f.startsWith('low_coverage')));
  assert.equal(byYear.get(2020)!.extra?.coverage, '44 states participating in 2020');
  assert.ok(!byYear.get(2020)!.flags.some((f) => f.startsWith('low_coverage')));
  store.close();
});
