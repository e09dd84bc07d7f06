import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Store } from '../../src/store/store.ts';
import { ingest } from '../../src/sources/ingest.ts';
import { query } from '../../src/analysis/query.ts';
import { FIXTURE_DATA, SKIP_NO_DATA, sharedData } from '../helpers.ts';
import { assertBadInput, latin1Byte, replaceIn, truncate, type BadInput } from './stats-common.ts';

const ARR = 'stats/fbi-ucr-summary/cde_arrests_national_1995-2016.csv';
const ASR = 'stats/fbi-ucr-summary/cde_asr_arrests_national_juvenile_1994-2016.csv';
const EST = 'stats/fbi-ucr-summary/cde_estimated_crimes_by_state_1995-2016.csv';

test('fixture: estimates vs reported counts, blanks as zero, national estimate not summed', async () => {
  const store = await Store.open(':memory:');
  const report = await ingest(store, FIXTURE_DATA, ['fbi-ucr']);
  assert.deepEqual(report.results.map((r) => [r.sourceId, r.rowsRead, r.rejected.length]), [
    ['fbi.arrests.national', 3, 0], ['fbi.asr.juvenile', 4, 0], ['fbi.est.crimes_by_state', 6, 0],
  ]);
  const arr = await query(store, { measure: 'fbi.arrests.prostitution_estimated', place: 'USA' });
  assert.deepEqual(arr.rows.map((r) => [r.period, r.value, r.flags]), [[1999, 4200, ['rounded_to_hundreds']], [2015, 3100, []], [2016, 3000, []]]);
  assert.equal(arr.measure.valueType, 'estimate');
  assert.equal(arr.measure.topic, 'prostitution_all_forms');
  const juv = await query(store, { measure: 'fbi.asr.juvenile.prostitution_arrests', place: 'USA', by: ['sex'] });
  assert.deepEqual(juv.rows.map((r) => [r.period, r.dims.sex, r.value]), [[2015, 'Female', 9], [2015, 'Male', 4], [2016, 'Female', 15], [2016, 'Male', 6]]);
  const juvMeasure = await query(store, { measure: 'fbi.asr.juvenile.prostitution_arrests_by_race', place: 'USA', from: 2016, to: 2016, by: ['race'] });
  assert.equal(juvMeasure.measure.valueType, 'count');
  assert.deepEqual(juvMeasure.rows.map((r) => [r.dims.race, r.value, r.flags]), [
    ['American Indian or Alaska Native', 0, ['blank_read_as_zero']], ['Asian or Pacific Islander', 1, []], ['Black', 11, []], ['White', 8, []],
  ]);
  const est = await query(store, { measure: 'fbi.est.violent_crime', place: 'USA', from: 2012, to: 2012 });
  assert.deepEqual(est.rows.map((r) => [r.place, r.value]), [['AK', 4000], ['USA', 9000], ['VT', 1000]], 'cell by cell, not summed');
  const rev = await query(store, { measure: 'fbi.est.rape_revised', place: 'USA' });
  assert.deepEqual(rev.rows.map((r) => r.period), [2013, 2013, 2013], 'blank before 2013: not stored');
  store.close();
});

test('real files: the FBI figures stated in MANIFEST/FORMATS', { skip: sharedData() ? false : SKIP_NO_DATA }, async () => {
  const store = await Store.open(':memory:');
  const report = await ingest(store, sharedData()!, ['fbi-ucr']);
  assert.deepEqual(report.results.map((r) => [r.sourceId, r.rowsRead, r.rejected.length]), [
    ['fbi.arrests.national', 22, 0], ['fbi.asr.juvenile', 690, 0], ['fbi.est.crimes_by_state', 1144, 0],
  ]);
  const arr = await query(store, { measure: 'fbi.arrests.prostitution_estimated', place: 'USA' });
  const byYear = Object.fromEntries(arr.rows.map((r) => [r.period, r.value]));
  assert.equal(byYear[1995], 97700);
  assert.equal(byYear[2016], 38306);
  assert.equal(arr.rows.length, 22);
  // FORMATS §3.2: 2016 ASR_PRS total_male 112, total_female 297, black 231, white 165.
  const sex = await query(store, { measure: 'fbi.asr.juvenile.prostitution_arrests', place: 'USA', from: 2016, to: 2016, by: ['sex'] });
  assert.deepEqual(sex.rows.map((r) => [r.dims.sex, r.value]), [['Female', 297], ['Male', 112]]);
  const race = await query(store, { measure: 'fbi.asr.juvenile.prostitution_arrests_by_race', place: 'USA', from: 2016, to: 2016, by: ['race'] });
  const r = Object.fromEntries(race.rows.map((x) => [x.dims.race, x.value]));
  assert.equal(r.Black, 231);
  assert.equal(r.White, 165);
  const years = await store.all("SELECT count(DISTINCT period) AS n FROM observations WHERE measure = 'fbi.asr.juvenile.prostitution_arrests'");
  assert.equal(years[0]!.n, 23);
  // 22 years × (50 states + D.C. + nation) population values; 2016 national population.
  const pop = await store.all("SELECT count(*) AS n FROM observations WHERE measure = 'fbi.est.population'");
  assert.equal(pop[0]!.n, 1144);
  const us = await query(store, { measure: 'fbi.est.population', place: 'USA', from: 2016, to: 2016 });
  assert.equal(us.rows.find((x) => x.place === 'USA')!.value, 323127513);
  store.close();
});

const BAD: BadInput[] = [
  { name: 'arrests wrong header', file: ARR, mutate: (p) => replaceIn(p, 'prostitution', 'prostitutes'), line: 1, field: 'header', reason: /missing "prostitution"/ },
  { name: 'arrests truncated mid-row', file: ARR, mutate: (p) => truncate(p, 40), line: 4, field: null, reason: /truncated/ },
  { name: 'ASR unexpected offense code', file: ASR, mutate: (p) => replaceIn(p, 'ASR_RUN', 'ASR_XYZ'), line: 5, field: 'offense_code', reason: /unknown ASR offense code "ASR_XYZ"/ },
  { name: 'ASR age bands do not add up', file: ASR, mutate: (p) => replaceIn(p, 'Vice,100,5000000,6,15', 'Vice,100,5000000,7,15'), line: 3, field: 'total_male', reason: /sum to 6, not total_male 7/ },
  { name: 'ASR wrong encoding', file: ASR, mutate: (p) => latin1Byte(p, 'Runaways'), line: 5, field: null, reason: /invalid UTF-8/ },
  { name: 'estimates unexpected state code', file: EST, mutate: (p) => replaceIn(p, '2013,AK', '2013,XX'), line: 7, field: 'state_abbr', reason: /unknown state code "XX"/ },
  { name: 'estimates missing required value', file: EST, mutate: (p) => replaceIn(p, '2013,VT,601000', '2013,VT,'), line: 6, field: 'population', reason: /missing/ },
];
for (const bad of BAD) test(`bad input: ${bad.name}`, () => assertBadInput('fbi-ucr', bad));
