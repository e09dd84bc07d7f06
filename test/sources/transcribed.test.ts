// The transcribed figures: truth tests against the figures the transcriptions state (their
// MANIFEST and the CIA Factbook texts they were read from), the quality grade beside each value,
// the closest source leading where sources disagree, and refusal of malformed files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Store } from '../../src/store/store.ts';
import { ingest } from '../../src/sources/ingest.ts';
import { query } from '../../src/analysis/query.ts';
import { InputError } from '../../src/sources/errors.ts';
import { FILES } from '../../src/sources/transcribed/source.ts';
import { KNOWN_SOURCE_TYPES } from '../../src/sources/transcribed/grade.ts';
import { readCsv } from '../../src/sources/csv.ts';
import { SKIP_NO_DATA, sharedData, tempDir } from '../helpers.ts';

const DATA = sharedData();
const skip = DATA ? false : SKIP_NO_DATA;

let shared: Promise<Store> | null = null;
/** One store with the real transcriptions (and the 2001–2015 tiers), shared by the truth tests. */
function realStore(): Promise<Store> {
  shared ??= (async () => {
    const store = await Store.open(':memory:');
    await ingest(store, DATA!, ['tip', 'transcribed']);
    return store;
  })();
  return shared;
}

async function counted(store: Store, year: number): Promise<Record<string, number>> {
  const rows = await store.all(
    "SELECT value_text, count(*) AS n FROM observations WHERE measure = 'tip.tier' AND source_id = 'transcribed.tip_tiers' AND period = ? GROUP BY 1",
    [year],
  );
  return Object.fromEntries(rows.map((r) => [String(r.value_text), Number(r.n)]));
}

test('placements: one value per country-year (765 preferred + 3 uncertain), counts per tier as in the transcribers’ coverage table', { skip }, async () => {
  const store = await realStore();
  const [n] = await store.all("SELECT count(*) AS n FROM observations WHERE source_id = 'transcribed.tip_tiers'");
  assert.equal(n!.n, 768);
  // transcribed/MANIFEST.md §1.1 (preferred + uncertain rows).
  const expected: Record<number, Record<string, number>> = {
    2016: { 'Tier 1': 2, 'Tier 2': 2, 'Tier 3': 8 },
    2017: { 'Tier 3': 3 },
    2018: { 'Tier 2 Watch List': 6, 'Tier 3': 9 },
    2019: { 'Tier 1': 1, 'Tier 2': 5, 'Tier 3': 11 },
    2020: { 'Tier 1': 34, 'Tier 2': 88, 'Tier 2 Watch List': 44, 'Tier 3': 19 },
    2021: { 'Tier 1': 28, 'Tier 2': 95, 'Tier 2 Watch List': 45, 'Tier 3': 17, 'Special Case/not ranked': 3 },
    2022: { 'Tier 1': 1, 'Tier 2 Watch List': 34, 'Tier 3': 22 },
    2023: { 'Tier 1': 30, 'Tier 2': 104, 'Tier 2 Watch List': 26, 'Tier 3': 24 },
    2024: { 'Tier 1': 3, 'Tier 2 Watch List': 32, 'Tier 3': 21, 'Special Case/not ranked': 1 },
    2025: { 'Tier 1': 1, 'Tier 2 Watch List': 25, 'Tier 3': 20, 'Special Case/not ranked': 4 },
  };
  for (const [year, tiers] of Object.entries(expected)) assert.deepEqual(await counted(store, Number(year)), tiers, `report year ${year}`);
  // 2021 adds up to the 188 countries the report covered.
  assert.equal(Object.values(await counted(store, 2021)).reduce((a, b) => a + b, 0), 188);
});

test('placements: the counts printed in the CIA Factbook texts equal the placements (and the 2015 lists the Heiss & Kelley file)', { skip }, async () => {
  const store = await realStore();
  const versions = await readCsv(join(DATA!, 'stats/transcribed/cia_factbook_world_tip_entry_versions.csv'), 'versions', [
    'factbook_json_commit', 'commit_date', 'json_key', 'text_html_stripped', 'source_url',
  ]);
  // Each text prints "<tier>: (N countries) …" and ends with the report year; the 2016 snapshot
  // splits the two lists over two rows of one commit, the year printed after the second.
  const yearOf = new Map<string, number>();
  for (const row of versions.rows) {
    const y = /\((\d{4})\)\s*$/.exec(row.get('text_html_stripped'));
    if (y) yearOf.set(row.get('factbook_json_commit'), Number(y[1]));
  }
  let checked = 0;
  for (const row of versions.rows) {
    const year = yearOf.get(row.get('factbook_json_commit'));
    if (!year) continue;
    const text = row.get('text_html_stripped');
    const key = row.get('json_key');
    const found = [...text.matchAll(/(Tier 2 Watch List|Tier 3): \((\d+) countries\)/g)].map((m) => [m[1]!, Number(m[2])] as const);
    if (found.length === 0) {
      const m = /\((\d+) countries\)/.exec(text);
      if (m && (key === 'Tier 2 Watch List' || key === 'Tier 3')) found.push([key, Number(m[1])]);
    }
    for (const [tier, stated] of found) {
      const [r] = await store.all("SELECT count(*) AS n FROM observations WHERE measure = 'tip.tier' AND period = ? AND value_text = ?", [year, tier]);
      assert.equal(r!.n, stated, `${tier} ${year}: the Factbook prints ${stated} countries`);
      checked++;
    }
  }
  assert.ok(checked >= 10, `checked ${checked} printed counts (2015, 2022–2025, both lists)`);
});

test('stated counts: MATCH rows equal the placements; the official restatement leads; the 2024 “13 worst” disagreement is kept', { skip }, async () => {
  const store = await realStore();
  const stated = await query(store, { measure: 'tip.tier_count_stated', place: 'WLD' });
  const t3 = (year: number) => stated.rows.find((r) => r.period === year && r.dims.category === 'Tier 3');
  for (const [year, n] of [[2020, 19], [2021, 17], [2022, 22], [2023, 24], [2024, 21], [2025, 20]] as const) {
    assert.equal(t3(year)?.value, n, `Tier 3 ${year}`);
    assert.equal((await counted(store, year))['Tier 3'], n, `Tier 3 ${year} counted`);
  }
  const t2wl2023 = stated.rows.find((r) => r.period === 2023 && r.dims.category === 'Tier 2 Watch List')!;
  assert.equal(t2wl2023.value, 26);
  assert.equal(t2wl2023.extra?.source_grade, 'official publication', 'the State Department’s own page leads the Factbook');
  assert.ok(t2wl2023.flags.some((f) => f.startsWith('corroborated_by:CIA World Factbook')));
  assert.ok(stated.caveats.some((c) => /worst/.test(c) && /21/.test(c)), 'the disagreeing 2024 news count is explained');
});

test('placements: where sources disagree the preferred one leads and the other is named', { skip }, async () => {
  const store = await realStore();
  const one = async (place: string, year: number) => (await query(store, { measure: 'tip.tier', place, from: year, to: year })).rows.find((r) => r.flags.some((f) => f.startsWith('grade:')))!;
  const zwe = await one('ZWE', 2020);
  assert.equal(zwe.valueText, 'Tier 2');
  assert.ok(zwe.flags.some((f) => /^disagreement:Tier 3 per CIA World Factbook/.test(f)), zwe.flags.join(' | '));
  assert.equal((await one('MUS', 2020)).valueText, 'Tier 2');
  assert.equal((await one('COG', 2023)).valueText, 'Tier 2 Watch List');
  assert.equal((await one('SAU', 2020)).valueText, 'Tier 2 Watch List');
  const zweResult = await query(store, { measure: 'tip.tier', place: 'ZWE', from: 2020, to: 2020 });
  assert.ok(zweResult.caveats.some((c) => c.startsWith('Sources disagree on 2020')));
  // Uncertain rows are stored and flagged.
  assert.ok((await one('KWT', 2016)).flags.some((f) => f.startsWith('uncertain')));
});

test('law enforcement: the 2016 regions add up as the transcription says; 2012 keeps both prosecution figures', { skip }, async () => {
  const store = await realStore();
  const sum = async (measure: string) =>
    Number((await store.all("SELECT sum(value) AS s FROM observations WHERE measure = ? AND period = 2016 AND place LIKE 'TIP-%'", [measure]))[0]!.s);
  assert.equal(await sum('tip.law_enforcement.prosecutions'), 14897);
  assert.equal(await sum('tip.law_enforcement.convictions'), 9071);
  assert.equal(await sum('tip.law_enforcement.victims_identified'), 66520);
  const world = await query(store, { measure: 'tip.law_enforcement.convictions', place: 'WLD', from: 2016, to: 2016 });
  assert.equal(world.rows.find((r) => r.place === 'WLD')?.value, 9071);
  const p2012 = (await query(store, { measure: 'tip.law_enforcement.prosecutions', place: 'WLD', from: 2012, to: 2012 })).rows.find((r) => r.place === 'WLD')!;
  assert.equal(p2012.value, 7705);
  assert.ok(p2012.flags.some((f) => f.startsWith('disagreement:3,162')));
  const early = await query(store, { measure: 'tip.law_enforcement.prosecutions', place: 'WLD', from: 2003, to: 2007 });
  assert.deepEqual(early.rows.filter((r) => r.place === 'WLD').map((r) => [r.period, r.value, r.extra?.source_grade]), [
    [2003, 7992, 'official publication'], [2004, 6885, 'official publication'], [2005, 6178, 'official publication'],
    [2006, 5808, 'official publication'], [2007, 5682, 'official publication'],
  ]);
});

test('federal prosecutions, hotline and ILO: stated figures, grades, and the official value leading', { skip }, async () => {
  const store = await realStore();
  const series = async (measure: string, place = 'USA') => (await query(store, { measure, place })).rows.filter((r) => r.place === place);
  assert.deepEqual((await series('us.federal_ht.convicted')).map((r) => [r.period, r.value]), [[2011, 464], [2012, 578], [2019, 837], [2020, 658], [2022, 1118]]);
  assert.deepEqual((await series('us.federal_ht.referred')).map((r) => [r.period, r.value]), [[2011, 1360], [2012, 1519], [2020, 2198], [2021, 2027], [2022, 1912]]);
  assert.ok((await series('us.federal_ht.convicted')).every((r) => r.extra?.source_grade === 'official publication'));
  assert.deepEqual((await series('us.ucr_ht.arrests_commercial_sex')).map((r) => [r.period, r.value]), [[2019, 562]]);
  assert.deepEqual((await series('us.ucr_ht.arrests_involuntary_servitude')).map((r) => [r.period, r.value]), [[2015, 66], [2019, 146]]);
  const hti = (await series('us.federal_ht.new_cases_hti')).find((r) => r.period === 2022)!;
  assert.equal(hti.value, 203, 'the later HTI edition leads');
  assert.ok(hti.flags.some((f) => f.startsWith('disagreement:183 cases')));
  const doj = await series('us.federal_ht.convicted_doj');
  assert.equal(doj.find((r) => r.period === 2020)?.extra?.source_grade, 'official mirror');
  assert.ok(doj.find((r) => r.period === 2014)?.flags.some((f) => f.startsWith('year_type_unstated')));
  // The one state-level figure is stored for its state, not the nation.
  const utah = await query(store, { measure: 'us.federal_ht.stated_figure', place: 'UT' });
  assert.equal(utah.rows.length, 1);
  assert.equal(utah.rows[0]!.value, 0);

  const cases = await series('hotline.cases');
  const c2019 = cases.find((r) => r.period === 2019)!;
  assert.equal(c2019.value, 11500);
  assert.equal(c2019.extra?.source_grade, 'official publication');
  assert.ok(c2019.flags.some((f) => f.startsWith('disagreement:11,494')));
  assert.equal(cases.find((r) => r.period === 2022)?.value, 10013);
  assert.ok(cases.find((r) => r.period === 2022)?.flags.includes('fiscal_year'));
  assert.ok(cases.find((r) => r.period === 2020)?.flags.some((f) => f.startsWith('lower_bound')));
  assert.deepEqual((await series('hotline.sex_trafficking_situations')).map((r) => [r.period, r.value]), [[2018, 7850], [2019, 8248]]);
  const hawaii = await query(store, { measure: 'hotline.stated_figure', place: 'HI' });
  assert.deepEqual(hawaii.rows.map((r) => r.value).sort((a, b) => a! - b!), [149, 424]);

  const ilo = async (id: string) => (await series(`ilo.global_estimates_2022.${id}`, 'WLD'))[0]!;
  assert.equal((await ilo('modern_slavery')).value, 50);
  assert.ok((await ilo('modern_slavery')).flags.some((f) => f.startsWith('disagreement:49.6 million')));
  assert.equal((await ilo('forced_labour')).value, 28);
  const parts = await Promise.all(['forced_labour_private_economy', 'forced_commercial_sexual_exploitation', 'state_imposed_forced_labour'].map(ilo));
  assert.equal(Math.round(parts.reduce((a, r) => a + r.value!, 0) * 10) / 10, 27.5, '17.3 + 6.3 + 3.9 (27.6 with rounding)');
  assert.equal((await ilo('forced_marriage')).value, 22);
  // A stated figure that is not a number is kept as text.
  const surveys = (await query(store, { measure: 'ilo.global_estimates_2022.stated_figure', place: 'WLD' })).rows.find((r) => r.dims.statistic?.startsWith('household surveys'));
  assert.equal(surveys?.valueText, '68 / 75');
});

test('every source type in the transcriptions has a grade', { skip }, async () => {
  for (const file of Object.values(FILES)) {
    const header = readFileSync(join(DATA!, file), 'utf8').split(/\r?\n/)[0]!.split(',');
    const csv = await readCsv(join(DATA!, file), file, header);
    for (const row of csv.rows) assert.ok(KNOWN_SOURCE_TYPES.includes(row.get('source_type')), `${file}:${row.line} ${row.get('source_type')}`);
  }
});

// ---- Malformed input: refused with file, line and field; the previous version keeps serving.
// The files below are small hand-written fixtures in the transcriptions' format (not copies).

const PLACEMENTS_HEADER = 'country,iso3,report_year,tier,preferred,year_basis,source_type,source_url,source_note,excerpt,narrative_url,conflict_note';
const row = (iso: string, tier: string, preferred = 'yes', type = 'official_state_gov', url = 'https://www.state.gov/x') =>
  `Somewhere,${iso},2021,${tier},${preferred},stated,${type},${url},note,"""excerpt""",,`;

function dataWith(lines: string[]): string {
  const dir = tempDir('cogency-transcribed-');
  mkdirSync(join(dir, 'stats', 'transcribed'), { recursive: true });
  writeFileSync(join(dir, FILES.placements), [PLACEMENTS_HEADER, ...lines].join('\n') + '\n');
  return dir;
}

async function refusal(lines: string[]): Promise<InputError> {
  const store = await Store.open(':memory:');
  try {
    await ingest(store, dataWith(lines), ['transcribed']);
  } catch (e) {
    assert.ok(e instanceof InputError, String(e));
    return e;
  } finally {
    store.close();
  }
  assert.fail('the file was accepted');
}

test('malformed placements are refused with file, line and field', async () => {
  let e = await refusal([row('GBR', 'Tier 1'), row('FRA', 'Tier 5')]);
  assert.deepEqual([e.file, e.line, e.field], [FILES.placements, 3, 'tier']);
  e = await refusal([row('GBR', 'Tier 1'), row('GBR', 'Tier 2')]);
  assert.deepEqual([e.line, e.field], [3, 'preferred']);
  e = await refusal([row('GBR', 'Tier 1', 'corroborating')]);
  assert.deepEqual([e.line, e.field], [2, 'preferred']);
  e = await refusal([row('GBR', 'Tier 1', 'yes', 'secondary_rumour')]);
  assert.deepEqual([e.line, e.field], [2, 'source_type']);
  e = await refusal([row('GBR', 'Tier 1', 'yes', 'official_state_gov', 'not a page')]);
  assert.deepEqual([e.line, e.field], [2, 'source_url']);
  e = await refusal([row('QQQ', 'Tier 1')]);
  assert.deepEqual([e.line, e.field], [2, 'iso3']);
  e = await refusal([row('GBR', 'Tier 1').replace(',2021,', ',20x1,')]);
  assert.deepEqual([e.line, e.field], [2, 'report_year']);
});

test('a bad new version leaves the previous one serving', async () => {
  const dir = dataWith([row('GBR', 'Tier 1'), row('FRA', 'Tier 2', 'yes', 'secondary_news'), row('FRA', 'Tier 3', 'no', 'secondary_blog')]);
  const store = await Store.open(':memory:');
  await ingest(store, dir, ['transcribed']);
  const fra = (await query(store, { measure: 'tip.tier', place: 'FRA' })).rows;
  assert.equal(fra.length, 1, 'the disagreeing row is not a second value');
  assert.equal(fra[0]!.valueText, 'Tier 2');
  assert.equal(fra[0]!.extra?.source_grade, 'secondary quote');
  assert.ok(fra[0]!.flags.some((f) => f.startsWith('disagreement:Tier 3 per blog post')));
  writeFileSync(join(dir, FILES.placements), [PLACEMENTS_HEADER, row('GBR', 'Tier 9')].join('\n') + '\n');
  await assert.rejects(ingest(store, dir, ['transcribed']), InputError);
  assert.equal((await query(store, { measure: 'tip.tier', place: 'GBR' })).rows[0]?.valueText, 'Tier 1');
  store.close();
});

test('2015 cross-check: the CIA Factbook’s 2015 lists name the same countries as the Heiss & Kelley file, name for name', { skip }, async () => {
  const store = await realStore();
  const { matchCountryName } = await import('../../src/model/places.ts');
  const versions = await readCsv(join(DATA!, 'stats/transcribed/cia_factbook_world_tip_entry_versions.csv'), 'versions', [
    'factbook_json_commit', 'commit_date', 'json_key', 'text_html_stripped', 'source_url',
  ]);
  for (const tier of ['Tier 2 Watch List', 'Tier 3']) {
    const row = versions.rows.find((r) => r.get('commit_date') === '2016-11-26' && r.get('json_key') === tier)!;
    const names = row.get('text_html_stripped').replace(/^.*countries\) /s, '').replace(/ \(2015\)\s*$/, '').split(', ');
    const ids = names.map((n) => matchCountryName(n)?.id ?? `unmatched:${n}`).sort();
    const stored = (await store.all("SELECT place FROM observations WHERE measure = 'tip.tier' AND period = 2015 AND value_text = ? ORDER BY place", [tier])).map((r) => String(r.place));
    assert.deepEqual(ids, stored, `${tier} 2015`);
  }
});

test('every transcribed measure is defined, is about trafficking (never prostitution) and is never summed', async () => {
  const { FEDERAL_MEASURES, HOTLINE_MEASURES, ILO_MEASURES, LAW_ENFORCEMENT_FIELDS, TIER_COUNT_MEASURE } = await import('../../src/sources/transcribed/measures.ts');
  const all = [...FEDERAL_MEASURES, ...HOTLINE_MEASURES, ...ILO_MEASURES, ...LAW_ENFORCEMENT_FIELDS.map(([, m]) => m), TIER_COUNT_MEASURE];
  assert.equal(new Set(all.map((m) => m.id)).size, all.length, 'ids are unique');
  for (const m of all) {
    assert.ok(m.definition.length > 100, `${m.id} is defined in words`);
    assert.ok(!m.topic.startsWith('prostitution'), `${m.id}: no transcribed figure is about prostitution`);
    assert.equal(m.aggregation, 'none', `${m.id}: stated figures are never summed`);
  }
  assert.ok(all.some((m) => m.topic === 'sex_trafficking') && all.some((m) => m.topic === 'labor_trafficking'), 'sex and labor trafficking have measures of their own');
});
