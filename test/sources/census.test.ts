import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { Store } from '../../src/store/store.ts';
import { ingest } from '../../src/sources/ingest.ts';
import { query } from '../../src/analysis/query.ts';
import { normLabel } from '../../src/sources/census/index.ts';
import { FIXTURE_DATA, SKIP_NO_DATA, sharedData } from '../helpers.ts';
import { assertBadInput, latin1Byte, replaceIn, truncate, type BadInput } from './stats-common.ts';

const PEP19 = 'stats/census-population/pep-state-totals/nst-est2019-alldata_modified.csv';
const PEP23 = 'stats/census-population/pep-state-totals/NST-EST2023-ALLDATA.csv';
const ACS10 = 'stats/census-population/acs1-dp05-by-state/acs1_dp05_states_2010.csv';
const LEG16 = 'stats/census-population/acs1-dp05-by-state/acs1_dp05_legend_2016.csv';

test('labels from different years normalise to the same key', () => {
  assert.equal(normLabel('Estimate!!SEX AND AGE!!Male'), 'sex and age!!male');
  assert.equal(normLabel('Estimate!!SEX AND AGE!!Total population!!Male'), 'sex and age!!male');
  assert.equal(normLabel('Estimate!!SEX AND AGE!!Total population'), 'sex and age!!total population');
});

test('fixture: PEP joined on FIPS, PR and regions skipped; ACS mapped by label; annotation codes are missing values', async () => {
  const store = await Store.open(':memory:');
  const report = await ingest(store, FIXTURE_DATA, ['census']);
  const pep = report.results.find((r) => r.sourceId === 'census.pep')!;
  assert.equal(pep.rejected.length, 0);
  assert.equal(pep.rowsStored, 51 * 14);
  assert.equal(Object.values(pep.skipped).reduce((a, b) => a + b, 0), 2 + 2 + 1, 'regions, division and Puerto Rico rows');
  // Unpadded FIPS "1" in the Vintage 2019 file is Alabama.
  const al = await query(store, { measure: 'census.population', place: 'AL', from: 2019, to: 2020 });
  assert.deepEqual(al.rows.map((r) => [r.period, r.value]), [[2019, 100090], [2020, 100100]]);
  const us = await query(store, { measure: 'census.population', place: 'USA', from: 2023, to: 2023 });
  assert.equal(us.rows[0]!.value, 51 * 100000 + 1000 * (50 * 51) / 2 + 51 * 130);
  const acs = report.results.find((r) => r.sourceId === 'census.acs.dp05')!;
  assert.equal(acs.rejected.length, 0);
  // 2016 has other variable numbers and labels; mapped by label it gives the same categories.
  for (const year of [2010, 2016]) {
    const sex = await query(store, { measure: 'census.acs.population.by_sex', place: 'AL', from: year, to: year, by: ['sex'] });
    assert.deepEqual(sex.rows.map((r) => [r.dims.sex, r.value]), [['Female', 13000], ['Male', 13000]], `sex ${year}`);
    const age = await query(store, { measure: 'census.acs.population.by_age', place: 'AL', from: year, to: year });
    assert.equal(age.rows[0]!.value, 26000);
  }
  const vt = await store.all(
    "SELECT value, flags FROM observations WHERE measure = 'census.acs.population.by_hispanic_race' AND place = 'VT' AND period = 2010 AND dims LIKE '%Some other race%'",
  );
  assert.deepEqual(vt, [{ value: null, flags: '["census_annotation:-888888888"]' }]);
  const neg = await store.all("SELECT count(*) AS n FROM observations WHERE value < 0");
  assert.equal(neg[0]!.n, 0, 'no Census annotation code is stored as a number');
  const pr = await store.all("SELECT count(*) AS n FROM observations WHERE place = 'PR'");
  assert.equal(pr[0]!.n, 0);
  const cite = await query(store, { measure: 'census.acs.population.by_race', place: 'VT', from: 2016, to: 2016, by: ['race'] });
  assert.match(cite.citations[0]!.locator, /acs1_dp05_states_2016\.csv, line \d+ \(0400000US50\), column DP05_00\d\dE/);
  store.close();
});

test('real files: national totals equal the Census published figures', { skip: sharedData() ? false : SKIP_NO_DATA }, async () => {
  const store = await Store.open(':memory:');
  const report = await ingest(store, sharedData()!, ['census']);
  for (const r of report.results) assert.equal(r.rejected.length, 0);
  const pep = await query(store, { measure: 'census.population', place: 'USA' });
  const byYear = Object.fromEntries(pep.rows.map((r) => [r.period, r.value]));
  // Census PEP: Vintage 2019 July 1, 2019 and Vintage 2023 July 1, 2020 and 2023 resident population.
  assert.equal(byYear[2019], 328239523);
  assert.equal(byYear[2020], 331526933);
  assert.equal(byYear[2023], 334914895);
  assert.equal(pep.rows.length, 14);
  // ACS 2018 1-year: U.S. total population (50 states + D.C.) 327,167,439; each breakdown sums to it.
  for (const m of ['by_sex', 'by_age', 'by_race', 'by_hispanic_race']) {
    const r = await query(store, { measure: `census.acs.population.${m}`, place: 'USA', from: 2018, to: 2018 });
    assert.equal(r.rows[0]!.value, 327167439, m);
  }
  store.close();
});

const BAD: BadInput[] = [
  { name: 'PEP wrong header', file: PEP23, mutate: (p) => replaceIn(p, 'SUMLEV', 'SUMLEVEL'), line: 1, field: 'header', reason: /missing "SUMLEV"/ },
  { name: 'PEP truncated at a line end', file: PEP19, mutate: (p) => writeFileSync(p, readFileSync(p, 'utf8').split('\n').slice(0, 40).join('\n') + '\n'), line: null, field: 'STATE', reason: /expected 51 state rows.*truncated/ },
  { name: 'PEP unexpected FIPS code', file: PEP19, mutate: (p) => replaceIn(p, '\n40,1,50,', '\n40,1,57,'), line: 49, field: 'STATE', reason: /unknown state FIPS code "57"/ },
  { name: 'PEP national total differs from the states', file: PEP23, mutate: (p) => replaceIn(p, 'United States,0,', 'United States,0,1'), line: 2, field: 'POPESTIMATE2020', reason: /differs from the sum/ },
  { name: 'PEP wrong encoding', file: PEP23, mutate: (p) => latin1Byte(p, 'Vermont'), line: 50, field: null, reason: /invalid UTF-8/ },
  { name: 'ACS legend without a needed label', file: LEG16, mutate: (p) => replaceIn(p, 'Total population!!Female', 'Total population!!Femal'), line: null, field: 'LABEL', reason: /sex and age!!female/ },
  { name: 'ACS value that is neither count nor code', file: ACS10, mutate: (p) => replaceIn(p, '0400000US02,26091', '0400000US02,26O91'), line: 3, field: 'DP05_0001E', reason: /not a population count/ },
  { name: 'ACS state name not matching FIPS', file: ACS10, mutate: (p) => replaceIn(p, 'Alaska,02', 'Alabama,02'), line: 3, field: 'NAME', reason: /does not match state FIPS 02/ },
  { name: 'ACS truncated', file: ACS10, mutate: (p) => truncate(p, 30), line: 53, field: null, reason: /wrong number of fields|truncated/ },
];
for (const bad of BAD) test(`bad input: ${bad.name}`, () => assertBadInput('census', bad));
