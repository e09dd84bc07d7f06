import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { Store } from '../../src/store/store.ts';
import { ingest } from '../../src/sources/ingest.ts';
import { query } from '../../src/analysis/query.ts';
import { GSI_EXPECTED, colLetter } from '../../src/sources/walkfree/index.ts';
import { FIXTURE_DATA, SKIP_NO_DATA, sharedData } from '../helpers.ts';
import { assertBadInput, truncate, xlsx, type BadInput } from './stats-common.ts';
import { GEMS_ROWS, gsiRows, writeWalkfreeFixtures } from './walkfree-fixtures.ts';

const GSI = 'stats/walkfree-ilo-global-estimates/2023-Global-Slavery-Index-Data.xlsx';
const GEMS = 'stats/walkfree-ilo-global-estimates/GEMS_2022_forced_labour_by_sector.xlsx';
const dataDirOf = (p: string) => p.slice(0, p.indexOf('/stats/'));

test('column letters', () => {
  assert.deepEqual([0, 16, 25, 26, 27].map(colLetter), ['A', 'Q', 'Z', 'AA', 'AB']);
});

test('fixture: xlsx read by sheet name and row 3 header; Walk Free names matched; blanks not zero; GEMS caveat', async () => {
  const store = await Store.open(':memory:');
  const report = await ingest(store, FIXTURE_DATA, ['walkfree']);
  const gsi = report.results.find((r) => r.sourceId === 'walkfree.gsi2023')!;
  assert.equal(gsi.rowsRead, 5);
  assert.deepEqual(gsi.rejected.map((r) => [r.line, r.field]), [[6, 'Country']]);
  assert.match(gsi.rejected[0]!.reason, /Atlantis/);
  const prev = await query(store, { measure: 'walkfree.gsi.prevalence_per_1000', from: 2021, to: 2021 });
  assert.deepEqual(prev.rows.map((r) => [r.place, r.value]).sort(), [['LAO', 6.2], ['NOR', 0.5], ['VNM', 4.5]]);
  assert.equal(prev.measure.periodKind, 'reference_year');
  const gr = await query(store, { measure: 'walkfree.gsi.government_response.survivors_supported' });
  assert.deepEqual(gr.rows.map((r) => [r.place, r.period, r.value, r.flags.includes('negative_score')]).sort(), [['LAO', 2023, -4.545454502105713, true], ['NOR', 2023, 70, false], ['VNM', 2023, 50, false]]);
  // Kosovo has vulnerability scores but no estimate: nothing stored for its estimate.
  const xkx = await query(store, { measure: 'walkfree.gsi.estimated_number', place: 'XKX' });
  assert.equal(xkx.rows.length, 0);
  const num = await query(store, { measure: 'walkfree.gsi.estimated_number', by: ['region'] });
  assert.deepEqual(num.rows.map((r) => [r.dims.region, r.value]), [['Asia and the Pacific', 481500], ['Europe and Central Asia', 2700]]);
  assert.match(num.citations.find((c) => c.locator.includes('Viet Nam'))!.locator, /sheet "GSI 2023 summary data", cell E4 \(row 4, Viet Nam\)/);
  assert.ok(num.caveats.some((c) => /forced labour plus forced marriage/.test(c)));
  const sector = await query(store, { measure: 'ilo.gems.forced_labour_by_sector', place: 'WLD', by: ['sector'] });
  assert.equal(sector.rows.length, 6);
  assert.equal(sector.rows.reduce((a, r) => a + r.value!, 0), 15700000);
  assert.ok(sector.caveats.some((c) => /15\.7 million.*17\.3 million/.test(c)), 'the 15.7M vs 17.3M caveat comes with the figures');
  store.close();
});

test('real workbook: 180 countries, 160 estimates summing to the 49.6 million world figure', { skip: sharedData() ? false : SKIP_NO_DATA }, async () => {
  const store = await Store.open(':memory:');
  const report = await ingest(store, sharedData()!, ['walkfree']);
  const gsi = report.results.find((r) => r.sourceId === 'walkfree.gsi2023')!;
  assert.equal(gsi.rowsRead, 180);
  assert.equal(gsi.rejected.length, 0, 'every GSI country is matched');
  const total = await query(store, { measure: 'walkfree.gsi.estimated_number' });
  assert.equal(total.rows[0]!.value, 49630000);
  const n = await store.all("SELECT count(*) AS n FROM observations WHERE measure = 'walkfree.gsi.estimated_number'");
  assert.equal(n[0]!.n, 160);
  // The first country row of the sheet (FORMATS §7): Afghanistan, 12.96 per 1,000.
  const afg = await query(store, { measure: 'walkfree.gsi.prevalence_per_1000', place: 'AFG' });
  assert.equal(afg.rows[0]!.value, 12.9599723815918);
  const sector = await query(store, { measure: 'ilo.gems.forced_labour_by_sector', place: 'WLD' });
  assert.equal(sector.rows[0]!.value, 15700000);
  store.close();
});

const withGsi = (edit: (rows: (string | number | null)[][]) => void) => (p: string) => {
  const rows = gsiRows();
  edit(rows);
  writeWalkfreeFixtures(dataDirOf(p), rows);
};
const BAD: BadInput[] = [
  { name: 'GSI wrong header', file: GSI, mutate: withGsi((r) => (r[2]![3] = 'Prevalence')), line: 3, field: 'header', reason: /cell D3 is "Prevalence", expected "Estimated prevalence/ },
  { name: 'GSI truncated workbook', file: GSI, mutate: (p) => truncate(p, 500), line: null, field: null, reason: /truncated/ },
  { name: 'GSI saved as CSV (wrong format)', file: GSI, mutate: (p) => writeFileSync(p, GSI_EXPECTED.join(',') + '\n'), line: null, field: null, reason: /not an \.xlsx workbook/ },
  // Bytes edited inside the archive without updating its CRC: refused before the workbook is parsed.
  { name: 'GSI edited inside the zip', file: GSI, mutate: (p) => writeFileSync(p, readFileSync(p).toString('latin1').replace('GSI 2023 summary data', 'GSI 2023 summary_data'), 'latin1'), line: null, field: null, reason: /damaged zip entry/ },
  {
    name: 'GSI sheet missing',
    file: GSI,
    mutate: (p) => writeFileSync(p, xlsx([{ name: 'CONTENTS', rows: [['x']] }, { name: 'GSI 2023 summary', rows: gsiRows() }])),
    line: null,
    field: 'sheet',
    reason: /no sheet named/,
  },
  { name: 'GSI unexpected region code', file: GSI, mutate: withGsi((r) => (r[6]![2] = 'Oceania')), line: 7, field: 'Region', reason: /unknown region "Oceania" in cell C7/ },
  { name: 'GSI text in a number cell', file: GSI, mutate: withGsi((r) => (r[3]![3] = 'n/a')), line: 4, field: GSI_EXPECTED[3]!, reason: /cell D4 is "n\/a", not a number/ },
  {
    name: 'GEMS unexpected sector',
    file: GEMS,
    mutate: (p) => writeWalkfreeFixtures(dataDirOf(p), gsiRows(), GEMS_ROWS.map((r) => (r[0] === 'Services' ? ['Tourism', r[1]!] : r))),
    line: 6,
    field: 'Sector',
    reason: /unknown sector "Tourism"/,
  },
];
for (const bad of BAD) test(`bad input: ${bad.name}`, () => assertBadInput('walkfree', bad));
