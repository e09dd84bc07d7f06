// fbi-cde importer (src/sources/cde/): hand-written fixtures (fixtures/data/stats/fbi-ucr-summary/, invented
// values) for behaviour and bad input; the real files for every figure MANIFEST.md states about them.
import { test } from 'node:test';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { InputError } from '../../src/sources/errors.ts';
import { FUZZ_RUNS, damaged } from './damage.ts';
import assert from 'node:assert/strict';
import { Store } from '../../src/store/store.ts';
import { ingest } from '../../src/sources/ingest.ts';
import { query } from '../../src/analysis/query.ts';
import { FIXTURE_DATA, SKIP_NO_DATA, sharedData, tempDir } from '../helpers.ts';
import { assertBadInput, replaceIn, type BadInput } from './stats-common.ts';

const JSON_FILE = 'stats/fbi-ucr-summary/cde_api_arrests_national_reported_2012-2022.json';
const ADULT = 'stats/fbi-ucr-summary/cde_asr_arrests_national_adult_1994-2016.csv';
const EST = 'stats/fbi-ucr-summary/cde_estimated_crimes_by_state_1979-2023.csv';
const PART = 'stats/fbi-ucr-summary/cde_ucr_participation_by_state_1960-2021.csv';

const values = async (store: Store, measure: string, place: string, extra: { from?: number; to?: number; by?: string[] } = {}) =>
  (await query(store, { measure, place, ...extra })).rows;

test('fixture: national arrests keep prostitution, sex and labor trafficking apart; HT zeros before 2016 are not stored', async () => {
  const store = await Store.open(':memory:');
  const report = await ingest(store, FIXTURE_DATA, ['fbi-cde']);
  assert.deepEqual(report.results.map((r) => [r.sourceId, r.rowsRead, r.rejected.length]), [
    ['fbi.cde.arrests_national', 3, 0], ['fbi.asr.adult', 3, 0], ['fbi.cde.est.crimes_by_state', 104, 0], ['fbi.participation', 7, 0],
  ]);
  const prs = await values(store, 'fbi.cde.arrests.prostitution', 'USA');
  assert.deepEqual(prs.map((r) => [r.period, r.value, r.flags]), [[2015, 3300, []], [2016, 3100, []], [2021, 800, ['nibrs_only_year']]]);
  const csa = await query(store, { measure: 'fbi.cde.arrests.sex_trafficking', place: 'USA' });
  assert.deepEqual(csa.rows.map((r) => [r.period, r.value]), [[2016, 3], [2021, 36]], '2015 zero = not collected, not stored');
  assert.equal(csa.measure.topic, 'sex_trafficking');
  const lab = await query(store, { measure: 'fbi.cde.arrests.labor_trafficking', place: 'USA' });
  assert.equal(lab.measure.topic, 'labor_trafficking');
  assert.deepEqual(lab.rows.map((r) => [r.period, r.value]), [[2016, 0], [2021, 9]]);
  assert.ok(lab.caveats.some((c) => /not collected in this series/.test(c)));
  store.close();
});

test('fixture: adult ASR by sex and age, blanks as zero; estimates with thousands separators; participation by position', async () => {
  const store = await Store.open(':memory:');
  await ingest(store, FIXTURE_DATA, ['fbi-cde']);
  const sex = await values(store, 'fbi.asr.adult.prostitution_arrests', 'USA', { from: 2016, to: 2016, by: ['sex'] });
  assert.deepEqual(sex.map((r) => [r.dims.sex, r.value]), [['Female', 254], ['Male', 236]]);
  const race = await values(store, 'fbi.asr.adult.prostitution_arrests_by_race', 'USA', { from: 2016, to: 2016, by: ['race'] });
  assert.deepEqual(race.map((r) => [r.dims.race, r.value, r.flags]), [
    ['American Indian or Alaska Native', 0, ['blank_read_as_zero']], ['Asian or Pacific Islander', 20, []], ['Black', 150, []], ['White', 200, []],
  ]);
  // 2022 is written "3,300,000" in the file, with "United States Total" and indented state names.
  const pop = await values(store, 'fbi.cde.est.population', 'USA', { from: 2022, to: 2022 });
  assert.equal(pop.find((r) => r.place === 'USA')?.value, 3300000);
  assert.equal(pop.length, 52);
  const legacy = await values(store, 'fbi.cde.est.rape_legacy', 'USA', { from: 2022, to: 2022 });
  assert.equal(legacy.length, 0, 'blank legacy rape in 2022: not stored');
  const est = await query(store, { measure: 'fbi.cde.est.violent_crime', place: 'USA', from: 2013, to: 2013 });
  const disagreement = est.caveats.find((c) => c.startsWith('Disagreement with the older copy'));
  assert.ok(disagreement, 'the disagreement with the 1995–2016 copy is stated');
  assert.match(disagreement, /U\.S\. violent crime 2013: 9,100 there, 9,150 here/);
  assert.match(disagreement, /rape columns are in the expected order/);
  const illinois = await query(store, { measure: 'fbi.cde.est.violent_crime', place: 'IL', from: 2013, to: 2013 });
  assert.ok(illinois.caveats.some((c) => c === 'FBI note for IL 2013: Invented note, with a comma'), 'the file’s own caveat column becomes a caveat');
  // Participation: column 6 (NIBRS agencies) stored, column 7 (a ratio) not; the U.S. = 50 states + D.C.
  const nibrs = await values(store, 'fbi.participation.agencies_nibrs', 'VT', { from: 2020, to: 2020 });
  assert.deepEqual(nibrs.map((r) => r.value), [85]);
  const us = await query(store, { measure: 'fbi.participation.population_nibrs', place: 'USA', from: 2021, to: 2021 });
  const usRow = us.rows.find((r) => r.place === 'USA');
  assert.equal(usRow?.value, 630000 + 670000, 'Puerto Rico and territories are not in the U.S. sum');
  assert.deepEqual(usRow?.flags, ['sum_of_states']);
  assert.equal(us.measure.aggregation, 'none', 'the U.S. row is itself a sum: places are never summed again');
  store.close();
});

test('fixture: the older 1995–2016 copy shows the disagreement too', async () => {
  const store = await Store.open(':memory:');
  await ingest(store, FIXTURE_DATA, ['fbi-ucr', 'fbi-cde']);
  const old = await query(store, { measure: 'fbi.est.violent_crime', place: 'USA', from: 2013, to: 2013 });
  assert.ok(old.caveats.some((c) => c.startsWith('Disagreement with the older copy') && c.includes('this later series leads')));
  store.close();
});

for (const file of [JSON_FILE, ADULT, PART]) {
  test(`fuzz: any damaged ${file.split('/').pop()} loads or fails with an InputError naming it`, async () => {
    const good = readFileSync(join(FIXTURE_DATA, file));
    const dir = tempDir();
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    await fc.assert(
      fc.asyncProperty(damaged(good), async (buf) => {
        writeFileSync(join(dir, file), buf);
        const store = await Store.open(':memory:');
        try {
          await ingest(store, dir, ['fbi-cde']);
        } catch (e) {
          assert.ok(e instanceof InputError, `not an InputError: ${String(e)}`);
          assert.equal(e.file, file);
        } finally {
          store.close();
        }
      }),
      { numRuns: FUZZ_RUNS },
    );
  });
}

const BAD: BadInput[] = [
  { name: 'JSON: an HT arrest count before 2016', file: JSON_FILE, mutate: (p) => replaceIn(p, '"Human Trafficking - Commercial Sex Acts": 0', '"Human Trafficking - Commercial Sex Acts": 5'), line: 38, field: 'data[0].Human Trafficking - Commercial Sex Acts', reason: /before 2016/ },
  { name: 'JSON: a negative count', file: JSON_FILE, mutate: (p) => replaceIn(p, '"Prostitution and Commercialized Vice": 3100', '"Prostitution and Commercialized Vice": -3100'), line: 72, field: 'data[1].Prostitution and Commercialized Vice', reason: /non-negative whole number/ },
  { name: 'JSON: a year twice', file: JSON_FILE, mutate: (p) => replaceIn(p, '"data_year": 2016', '"data_year": 2015'), line: 72, field: 'data[1].data_year', reason: /appears twice/ },
  { name: 'JSON: another series', file: JSON_FILE, mutate: (p) => replaceIn(p, 'All Arrest by Offense', 'All Offenses'), line: 2, field: 'title', reason: /not the CDE series/ },
  { name: 'adult ASR: age bands not summing to the total', file: ADULT, mutate: (p) => replaceIn(p, ',236,254,5,', ',237,254,5,'), line: 2, field: 'total_male', reason: /age bands sum to 236/ },
  { name: 'estimates: a badly grouped number', file: EST, mutate: (p) => replaceIn(p, '"3,300,000"', '"33,00,000"'), line: 54, field: 'population', reason: /grouped by commas in threes/ },
  { name: 'estimates: a state missing from a year', file: EST, mutate: (p) => replaceIn(p, '2022,WY,', '2022,XX,'), line: 105, field: 'state_abbr', reason: /unknown state code/ },
  { name: 'participation: NIBRS population above the state population', file: PART, mutate: (p) => replaceIn(p, '640000,600000', '640000,700000'), line: 2, field: 'nibrs_population', reason: /exceeds the state population/ },
  { name: 'participation: an unknown place', file: PART, mutate: (p) => replaceIn(p, '2021,Vermont', '2021,Vermount'), line: 6, field: 'state_name', reason: /not a state/ },
];
for (const bad of BAD) test(`bad input: ${bad.name}`, () => assertBadInput('fbi-cde', bad));

test('real files: every figure MANIFEST.md states for the CDE series', { skip: sharedData() ? false : SKIP_NO_DATA }, async () => {
  const store = await Store.open(':memory:');
  const report = await ingest(store, sharedData()!, ['fbi-cde']);
  assert.deepEqual(report.results.map((r) => [r.sourceId, r.rowsRead, r.rejected.length]), [
    ['fbi.cde.arrests_national', 11, 0], ['fbi.asr.adult', 644, 0], ['fbi.cde.est.crimes_by_state', 2336, 0], ['fbi.participation', 3594, 0],
  ]);
  const one = async (measure: string, place: string, year: number, by?: string[]) => {
    const rows = (await values(store, measure, place, { from: year, to: year, by })).filter((r) => by || r.place === place || r.place === 'ALL');
    return by ? rows : rows[0]?.value;
  };
  // CDE API national arrests: Prostitution and Commercialized Vice 2012 44,995 → 2021 8,474 → 2022 13,026; HT CSA 2017 396, 2019 534, 2022 402; IS 2019 283.
  assert.equal(await one('fbi.cde.arrests.prostitution', 'USA', 2012), 44995);
  assert.equal(await one('fbi.cde.arrests.prostitution', 'USA', 2021), 8474);
  assert.equal(await one('fbi.cde.arrests.prostitution', 'USA', 2022), 13026);
  assert.equal(await one('fbi.cde.arrests.sex_trafficking', 'USA', 2017), 396);
  assert.equal(await one('fbi.cde.arrests.sex_trafficking', 'USA', 2019), 534);
  assert.equal(await one('fbi.cde.arrests.sex_trafficking', 'USA', 2022), 402);
  assert.equal(await one('fbi.cde.arrests.labor_trafficking', 'USA', 2019), 283);
  // Adult ASR: ASR_PRS 2016 male 11,784 + female 18,751 = 30,535 (13,310 agencies); 1994 total 85,817.
  const sex = (await one('fbi.asr.adult.prostitution_arrests', 'USA', 2016, ['sex'])) as { dims: Record<string, string>; value: number | null }[];
  assert.deepEqual(sex.map((r) => [r.dims.sex, r.value]), [['Female', 18751], ['Male', 11784]]);
  assert.equal(await one('fbi.asr.adult.prostitution_arrests', 'USA', 2016), 30535);
  const agencies = (await one('fbi.asr.adult.coverage_agencies', 'USA', 2016, ['table'])) as { dims: Record<string, string>; value: number | null }[];
  assert.equal(agencies.find((r) => r.dims.table === 'age_sex')?.value, 13310);
  assert.equal(await one('fbi.asr.adult.prostitution_arrests', 'USA', 1994), 85817);
  // Estimated crimes: 2023 U.S. population 334,914,895, violent crime 1,253,813; D.C. 2023 violent crime 7,814 (pop. 678,972);
  // 2016 U.S. violent crime 1,285,606 here vs 1,248,185 in the old file.
  assert.equal(await one('fbi.cde.est.population', 'USA', 2023), 334914895);
  assert.equal(await one('fbi.cde.est.violent_crime', 'USA', 2023), 1253813);
  assert.equal(await one('fbi.cde.est.violent_crime', 'DC', 2023), 7814);
  assert.equal(await one('fbi.cde.est.population', 'DC', 2023), 678972);
  assert.equal(await one('fbi.cde.est.violent_crime', 'USA', 2016), 1285606);
  assert.equal(await one('fbi.cde.est.population', 'ND', 2022), 779261, 'the 2022 North Dakota row carries the code NC: stored for ND');
  const est = await query(store, { measure: 'fbi.cde.est.violent_crime', place: 'USA', from: 2016, to: 2016 });
  const disagreement = est.caveats.find((c) => c.startsWith('Disagreement with the older copy')) ?? '';
  assert.match(disagreement, /U\.S\. violent crime 2016: 1,248,185 there, 1,285,606 here/);
  assert.match(disagreement, /swapped for 2015 and 2016/);
  // Participation: 2021 D.C. total 3, participating 2, NIBRS 2, population 670,050 = NIBRS population;
  // 2021 California participating 15 of 801, NIBRS population 2,861,998 of 39,419,746; 2019 Vermont NIBRS population 628,664.
  assert.equal(await one('fbi.participation.agencies_total', 'DC', 2021), 3);
  assert.equal(await one('fbi.participation.agencies_participating', 'DC', 2021), 2);
  assert.equal(await one('fbi.participation.agencies_nibrs', 'DC', 2021), 2);
  assert.equal(await one('fbi.participation.population_total', 'DC', 2021), 670050);
  assert.equal(await one('fbi.participation.population_nibrs', 'DC', 2021), 670050);
  assert.equal(await one('fbi.participation.agencies_participating', 'CA', 2021), 15);
  assert.equal(await one('fbi.participation.agencies_total', 'CA', 2021), 801);
  assert.equal(await one('fbi.participation.population_nibrs', 'CA', 2021), 2861998);
  assert.equal(await one('fbi.participation.population_total', 'CA', 2021), 39419746);
  assert.equal(await one('fbi.participation.population_nibrs', 'VT', 2019), 628664);
  store.close();
});
