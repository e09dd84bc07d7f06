// FBI Crime Data Explorer series added in the second gathering (shared/data/stats/MANIFEST.md,
// "Added in turn 2"): national reported arrests 2012–2022 (the CDE API JSON, with human-trafficking
// arrests), adult Arrests by Age, Sex and Race national 1994–2016, estimated crimes by state
// 1979–2023 (thousands separators in 2022–2023; compared with the older 1995–2016 copy, whose rape
// columns are swapped) and UCR participation by state 1960–2021 (a duplicated header name).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { decodeUtf8, readCsv, type CsvRow } from '../csv.ts';
import { InputError } from '../errors.ts';
import { US_STATES, isUsState } from '../../model/places.ts';
import type { Importer, SourceSpec } from '../importer.ts';
import type { Stage } from '../../store/store.ts';
import { parseYear, specIfPresent } from '../stats-common/util.ts';
import { storeAsrRow } from '../stats-common/asr.ts';
import {
  ADULT_AGE_BANDS, ASR_ADULT_MEASURES, CDE_ARRESTS_MEASURES, EST_LONG_COLUMNS, EST_LONG_MEASURES, PARTICIPATION_COLUMNS, PARTICIPATION_MEASURES,
} from './measures.ts';
import { ARRESTS_JSON, ASR_ADULT_FILE, EST_LONG_FILE, EST_OLD_FILE, FBI_CDE_SOURCE, PARTICIPATION_FILE, PRS_CAVEATS } from './source.ts';

/** Size caps: each file is a few hundred kB; anything far larger is not the file described. */
const MAX_BYTES = 8 << 20;

const CDE = 'https://cde.ucr.cjis.gov/LATEST/webapp/#/pages/downloads';
const FEDERAL = 'U.S. federal government work (public domain in the U.S.); no license stated by the repository it was copied from.';
const PUBLISHER = 'FBI Uniform Crime Reporting Program (Crime Data Explorer)';

export const ASR_ADULT_HEADER = [
  'id', 'state_abbr', 'year', 'offense_code', 'offense_name', 'agencies', 'population', 'total_male', 'total_female',
  ...ADULT_AGE_BANDS.map(([b]) => `m_${b}`), ...ADULT_AGE_BANDS.map(([b]) => `f_${b}`),
  'race_agencies', 'race_population', 'white', 'black', 'asian_pacific_islander', 'american_indian',
];
export const EST_LONG_HEADER = ['year', 'state_abbr', 'state_name', ...EST_LONG_COLUMNS.map(([c]) => c), 'caveats'];
export const PARTICIPATION_HEADER = [
  'data_year', 'state_name', 'total_agencies', 'participation_agencies', 'participating_agencies_pct', 'nibrs_participating_agencies',
  'nibrs_participating_agencies', 'covered_agencies', 'covered_pct', 'total_population', 'nibrs_population',
];
/** The 31 offense names of the CDE "All Arrest by Offense" response, in its order. */
export const ARRESTS_KEYS = [
  'Aggravated Assault', 'All Other Offenses (Except Traffic)', 'Arson', 'Burglary', 'Curfew and Loitering Law Violations', 'Disorderly Conduct',
  'Driving Under the Influence', 'Drug Abuse Violations - Grand Total', 'Drunkenness', 'Embezzlement', 'Forgery and Counterfeiting', 'Fraud',
  'Gambling - Total', 'Human Trafficking - Commercial Sex Acts', 'Human Trafficking - Involuntary Servitude', 'Larceny - Theft', 'Liquor Laws',
  'Manslaughter by Negligence', 'Motor Vehicle Theft', 'Murder and Nonnegligent Manslaughter', 'Offenses Against the Family and Children',
  'Prostitution and Commercialized Vice', 'Rape', 'Robbery', 'Sex Offenses (Except Rape, and Prostitution and Commercialized Vice)', 'Simple Assault',
  'Stolen Property: Buying, Receiving, Possessing', 'Suspicion', 'Vagrancy', 'Vandalism', 'Weapons: Carrying, Possessing, Etc.',
];
const ARRESTS_STORED: [key: string, measure: string][] = [
  ['Prostitution and Commercialized Vice', 'fbi.cde.arrests.prostitution'],
  ['Human Trafficking - Commercial Sex Acts', 'fbi.cde.arrests.sex_trafficking'],
  ['Human Trafficking - Involuntary Servitude', 'fbi.cde.arrests.labor_trafficking'],
];
/** First year the series carries human-trafficking arrests (zeros before it mean "not collected"). */
const HT_FIRST_YEAR = 2016;

const ASR_CODES = new Set([
  'ASR_ARSON', 'ASR_AST', 'ASR_AST_SMP', 'ASR_BRG', 'ASR_DIS', 'ASR_DRG', 'ASR_DRK', 'ASR_DUI', 'ASR_EMB', 'ASR_FAM', 'ASR_FOR', 'ASR_FRD',
  'ASR_GAM', 'ASR_HOM', 'ASR_LIQ', 'ASR_LRC', 'ASR_MAN', 'ASR_MVT', 'ASR_OTH', 'ASR_PRS', 'ASR_ROB', 'ASR_RPE', 'ASR_SEX', 'ASR_STP',
  'ASR_SUS', 'ASR_VAG', 'ASR_VAN', 'ASR_WEAP',
]);

const STATE_BY_NAME = new Map(US_STATES.map(([usps, , name]) => [name, usps]));

const desc = (id: string, title: string, repo: string, format: string): SourceSpec['description'] => ({
  id, family: 'fbi', publisher: PUBLISHER, title, url: CDE, license: `${FEDERAL} Copied from ${repo}.`, format,
});

export const fbiCdeImporter: Importer = {
  ...FBI_CDE_SOURCE,

  async discover(dataDir) {
    const specs: SourceSpec[] = [];
    specs.push(...specIfPresent(dataDir, desc('fbi.cde.arrests_national', 'All arrests by offense, national, reported, 2012–2022 (CDE API)', 'github.com/briansoonwookwon/5200_Project data/Dheeraj_data/national_arrests.json @ a5a8887c', 'json'), [ARRESTS_JSON]));
    specs.push(...specIfPresent(dataDir, desc('fbi.asr.adult', 'Arrests of adults by age, sex and race, national, 1994–2016 (ASR)', 'github.com/Crawford92/crime_stats arrests_national_adults.csv @ fd3f0914', 'csv'), [ASR_ADULT_FILE]));
    // The older 1995–2016 copy joins this spec when present: the caveats state where the two disagree.
    const est = specIfPresent(dataDir, desc('fbi.cde.est.crimes_by_state', 'Estimated crimes and population by state, 1979–2023', 'github.com/suprithakulkarni3113-rgb/Crime_Dataanalysis_Stats estimated_crimes_1979_2023.csv @ 2938a601', 'csv'), [EST_LONG_FILE]);
    for (const s of est) if (existsSync(join(dataDir, EST_OLD_FILE))) s.files.push(join(dataDir, EST_OLD_FILE));
    specs.push(...est);
    specs.push(...specIfPresent(dataDir, desc('fbi.participation', 'UCR participation by state, 1960–2021', 'github.com/Crawford92/crime_stats ucr_participation_1960_2021.csv @ fd3f0914', 'csv'), [PARTICIPATION_FILE]));
    return specs;
  },

  async load(spec, stage) {
    const id = spec.description.id;
    const path = spec.files[0]!;
    if (id === 'fbi.cde.arrests_national') await loadArrestsJson(path, stage);
    else if (id === 'fbi.asr.adult') await loadAsrAdult(path, stage);
    else if (id === 'fbi.cde.est.crimes_by_state') await loadEstimates(path, spec.files[1] ?? null, stage);
    else await loadParticipation(path, stage);
  },
};

function cite(stage: Stage, key: string, locator: string): string {
  const id = `${stage.source.id}:${key}`;
  stage.citation({ id, sourceId: stage.source.id, locator });
  return id;
}

async function readCapped(path: string, file: string): Promise<Buffer> {
  const buf = await readFile(path);
  if (buf.length > MAX_BYTES) throw new InputError(file, null, null, `file is ${buf.length} bytes; the file described is far smaller (cap ${MAX_BYTES})`);
  if (buf.length === 0) throw new InputError(file, null, null, 'file is empty');
  return buf;
}

// --- national arrests (CDE API JSON) -------------------------------------------------------------

/** Line of the first occurrence of `needle` after `from` in `text` (for errors in a JSON file). */
function lineOf(text: string, needle: string, from = 0): number | null {
  const i = text.indexOf(needle, from);
  return i < 0 ? null : text.slice(0, i).split('\n').length;
}

export async function loadArrestsJson(path: string, stage: Stage): Promise<void> {
  const file = ARRESTS_JSON;
  const text = decodeUtf8(await readCapped(path, file), file);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new InputError(file, null, null, `not valid JSON: ${(e as Error).message}`);
  }
  const obj = doc as { title?: unknown; keys?: unknown; data?: unknown };
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new InputError(file, 1, null, 'expected a JSON object with title, keys and data');
  if (obj.title !== 'All Arrest by Offense') throw new InputError(file, lineOf(text, '"title"'), 'title', `"${String(obj.title)}" is not the CDE series "All Arrest by Offense"`);
  if (!Array.isArray(obj.keys) || obj.keys.length !== ARRESTS_KEYS.length || obj.keys.some((k, i) => k !== ARRESTS_KEYS[i])) {
    throw new InputError(file, lineOf(text, '"keys"'), 'keys', `the offense list differs from the 31 offenses of the CDE series (${ARRESTS_KEYS.join('; ')})`);
  }
  if (!Array.isArray(obj.data) || obj.data.length === 0) throw new InputError(file, lineOf(text, '"data"'), 'data', 'expected a non-empty array of yearly records');
  for (const m of CDE_ARRESTS_MEASURES) stage.measure(m);
  const src = stage.source.id;
  for (const t of PRS_CAVEATS) stage.caveat({ sourceId: src, measure: 'fbi.cde.arrests.prostitution', place: null, period: null, text: t });
  stage.caveat({
    sourceId: src, measure: null, place: null, period: null,
    text: 'Reported arrests from the agencies that submitted data each year (not national estimates); coverage changes strongly between years, and 2021 counts only agencies that reported through NIBRS after the FBI retired the summary system — the 2021 drop is largely a coverage break, not a fall in arrests. Compare with fbi.participation.* before reading a trend.',
  });
  for (const m of ['fbi.cde.arrests.sex_trafficking', 'fbi.cde.arrests.labor_trafficking']) {
    stage.caveat({ sourceId: src, measure: m, place: null, period: null, text: `The series carries human-trafficking arrests from ${HT_FIRST_YEAR} (2016: 3 arrests, the first partial year); the zeros it shows for 2012–${HT_FIRST_YEAR - 1} mean "not collected in this series" and are not stored.` });
  }
  const years = new Set<number>();
  let from = 0;
  for (const [i, rec] of (obj.data as unknown[]).entries()) {
    stage.rowsRead++;
    const line = lineOf(text, '"data_year"', from);
    from = line === null ? from : text.indexOf('"data_year"', from) + 1;
    const where = `data[${i}]`;
    if (typeof rec !== 'object' || rec === null) throw new InputError(file, line, where, 'expected an object');
    const r = rec as Record<string, unknown>;
    const year = r.data_year;
    if (typeof year !== 'number' || !Number.isInteger(year) || year < 2012 || year > 2022) throw new InputError(file, line, `${where}.data_year`, `${JSON.stringify(year)} is not a year in the file's range 2012–2022`);
    if (years.has(year)) throw new InputError(file, line, `${where}.data_year`, `year ${year} appears twice`);
    years.add(year);
    const extra = Object.keys(r).filter((k) => k !== 'data_year' && !ARRESTS_KEYS.includes(k));
    if (extra.length) throw new InputError(file, line, `${where}.${extra[0]}`, 'not one of the series’ 31 offenses');
    for (const k of ARRESTS_KEYS) {
      const v = r[k];
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new InputError(file, line, `${where}.${k}`, `${JSON.stringify(v)} is not a non-negative whole number of arrests`);
    }
    const citationId = cite(stage, String(year), `${file}, data_year ${year} (line ${line ?? '?'})`);
    for (const [key, measure] of ARRESTS_STORED) {
      const value = r[key] as number;
      if (key.startsWith('Human Trafficking') && year < HT_FIRST_YEAR) {
        if (value !== 0) throw new InputError(file, line, `${where}.${key}`, `${value} before ${HT_FIRST_YEAR}, when the series did not yet carry human-trafficking arrests`);
        stage.skip(`human-trafficking arrests before ${HT_FIRST_YEAR} (not collected in this series)`);
        continue;
      }
      stage.observation({ measure, place: 'USA', period: year, dims: {}, value, valueText: null, citationId, flags: year === 2021 ? ['nibrs_only_year'] : [] });
    }
  }
}

// --- adult ASR, national ------------------------------------------------------------------------------

export async function loadAsrAdult(path: string, stage: Stage): Promise<void> {
  const file = ASR_ADULT_FILE;
  await readCapped(path, file);
  const csv = await readCsv(path, file, ASR_ADULT_HEADER);
  const src = stage.source.id;
  for (const m of ASR_ADULT_MEASURES) stage.measure(m);
  for (const text of [
    ...PRS_CAVEATS,
    'These are counts reported by the agencies listed (not national estimates); the number of reporting agencies and the population they cover change every year, so year-to-year changes partly reflect coverage.',
    'Race counts come from a different set of agencies (race_agencies, race_population) than the sex and age counts, so the race total does not equal the sex total.',
    'A blank cell in the FBI file means zero or not reported; it is stored as 0 and flagged blank_read_as_zero.',
  ]) {
    stage.caveat({ sourceId: src, measure: null, place: null, period: null, text });
  }
  const years = new Set<number>();
  for (const row of csv.rows) {
    stage.rowsRead++;
    const code = row.get('offense_code').trim();
    if (!ASR_CODES.has(code)) throw new InputError(file, row.line, 'offense_code', `unknown ASR offense code "${code}"`);
    const year = parseYear(row, 'year', file, 1994, 2016);
    if (row.get('state_abbr').trim() !== '') throw new InputError(file, row.line, 'state_abbr', `"${row.get('state_abbr')}": this file holds national rows only (empty state_abbr)`);
    if (code !== 'ASR_PRS') {
      stage.skip('offense other than prostitution and commercialized vice (not in scope)');
      continue;
    }
    if (years.has(year)) throw new InputError(file, row.line, 'year', `ASR_PRS for ${year} appears twice`);
    years.add(year);
    const citationId = cite(stage, String(row.line), `${file}, line ${row.line} (${code} ${year})`);
    storeAsrRow(stage, row, file, year, citationId, 'fbi.asr.adult', ADULT_AGE_BANDS);
  }
}

// --- estimated crimes by state 1979–2023 ----------------------------------------------------------------

/** A whole number written plainly or with thousands separators ("1,295,605"); blank → null. */
export function parseGrouped(row: CsvRow, field: string, file: string): number | null {
  const raw = row.get(field).trim();
  if (raw === '') return null;
  if (!/^\d+$/.test(raw) && !/^\d{1,3}(,\d{3})+$/.test(raw)) throw new InputError(file, row.line, field, `"${raw}" is not a whole number (digits, optionally grouped by commas in threes)`);
  return Number(raw.replaceAll(',', ''));
}

export async function loadEstimates(path: string, oldPath: string | null, stage: Stage): Promise<void> {
  const file = EST_LONG_FILE;
  await readCapped(path, file);
  const csv = await readCsv(path, file, EST_LONG_HEADER);
  const src = stage.source.id;
  for (const m of EST_LONG_MEASURES) stage.measure(m);
  for (const text of [
    'FBI estimates: the UCR Program imputes offenses for agencies that did not report, so these are estimates for full coverage, not counts.',
    'The national row is the FBI’s own national estimate and is not always the sum of the state rows; values are stored cell by cell and never summed.',
  ]) {
    stage.caveat({ sourceId: src, measure: null, place: null, period: null, text });
  }
  const values = new Map<string, number>(); // `${place}|${year}|${col}` → value, for the comparison
  const perYear = new Map<number, number>();
  for (const row of csv.rows) {
    stage.rowsRead++;
    const year = parseYear(row, 'year', file, 1979, 2023);
    const abbr = row.get('state_abbr').trim();
    const name = row.get('state_name').trim();
    if (abbr !== '' && !isUsState(abbr)) throw new InputError(file, row.line, 'state_abbr', `unknown state code "${abbr}"`);
    if (abbr === '' && name !== '' && name !== 'United States Total') throw new InputError(file, row.line, 'state_name', `"${name}" has no state code; only the national row ("United States Total" or blank) may`);
    let place = abbr === '' ? 'USA' : abbr;
    const flags: string[] = [];
    // Code and name disagree (the 2022 North Dakota row carries NC): the name decides, and it is stated.
    const named = abbr !== '' && name !== '' ? STATE_BY_NAME.get(name) : undefined;
    if (abbr !== '' && name !== '' && named !== abbr) {
      if (!named) throw new InputError(file, row.line, 'state_name', `"${name}" is not a state name`);
      stage.caveat({ sourceId: src, measure: null, place: named, period: year, text: `${file}, line ${row.line}: the row names ${name} but carries the code ${abbr}; it is stored for ${named} (the named state), flagged state_code_from_name.` });
      place = named;
      flags.push('state_code_from_name');
    }
    if (values.has(`${place}|${year}|population`)) throw new InputError(file, row.line, 'state_abbr', `${place} ${year} appears twice`);
    perYear.set(year, (perYear.get(year) ?? 0) + 1);
    const citationId = cite(stage, String(row.line), `${file}, line ${row.line} (${place} ${year})`);
    for (const [col] of EST_LONG_COLUMNS) {
      const value = parseGrouped(row, col, file);
      if (value === null) {
        if (!col.startsWith('rape_')) throw new InputError(file, row.line, col, 'value is missing; expected a whole number');
        stage.skip(`blank ${col} (no estimate under that definition that year)`);
        continue;
      }
      values.set(`${place}|${year}|${col}`, value);
      stage.observation({ measure: `fbi.cde.est.${col}`, place, period: year, dims: {}, value, valueText: null, citationId, flags });
    }
    // The publisher's own per-row caveat (e.g. a state whose rape figures do not follow UCR guidelines).
    const note = row.get('caveats').trim();
    if (note) stage.caveat({ sourceId: src, measure: null, place, period: year, text: `FBI note for ${place} ${year}: ${note}` });
  }
  const span = (col: string) => {
    const ys = [...values.keys()].filter((k) => k.endsWith(`|${col}`)).map((k) => Number(k.split('|')[1]));
    return ys.length ? `${Math.min(...ys)}–${Math.max(...ys)}` : 'no years';
  };
  stage.caveat({
    sourceId: src, measure: null, place: null, period: null,
    text: `Rape has two definitions, kept as separate measures that must not be joined into one series: legacy (estimates here for ${span('rape_legacy')}) and revised (${span('rape_revised')}). Blank cells (no estimate under that definition) are not stored.`,
  });
  const noNational: number[] = [];
  for (const [year, n] of [...perYear].sort((a, b) => a[0] - b[0])) {
    const hasNational = values.has(`USA|${year}|population`);
    if (!hasNational) noNational.push(year);
    if (n - (hasNational ? 1 : 0) !== 51) throw new InputError(file, null, 'year', `${year} has ${n} rows; expected 50 states and D.C. (and a national row)`);
  }
  // The national estimate is the FBI's own, not the sum of the states: where the file lacks it, it stays absent.
  if (noNational.length) stage.caveat({ sourceId: src, measure: null, place: 'USA', period: null, text: `This copy has no national row for ${noNational.join(', ')}; no U.S. estimate is stored for those years (the FBI's national estimate is not the sum of the states).` });
  if (oldPath) await compareWithOlderCopy(oldPath, values, stage);
}

/**
 * The older 1995–2016 copy (loaded as fbi.est.*) against this series: how many shared cells differ,
 * one example, and whether its rape columns are swapped (revised must exceed legacy). Stated as
 * caveats on both series' measures; this, the FBI's current series, leads.
 */
async function compareWithOlderCopy(oldPath: string, values: Map<string, number>, stage: Stage): Promise<void> {
  const file = EST_OLD_FILE;
  const old = await readCsv(oldPath, file, ['year', 'state_abbr', ...EST_LONG_COLUMNS.map(([c]) => c)]);
  let shared = 0;
  let differ = 0;
  const rapeOrder = new Map<number, { swapped: number; both: number }>(); // year → rows with legacy > revised, rows with both
  let example = '';
  for (const row of old.rows) {
    const year = parseYear(row, 'year', file, 1995, 2016);
    const place = row.get('state_abbr').trim() || 'USA';
    const legacy = parseGrouped(row, 'rape_legacy', file);
    const revised = parseGrouped(row, 'rape_revised', file);
    // Only from 2013, when both definitions were estimated by the FBI, is the order of the two columns testable.
    if (legacy !== null && revised !== null && year >= 2013) {
      const y = rapeOrder.get(year) ?? { swapped: 0, both: 0 };
      y.both++;
      if (legacy > revised) y.swapped++;
      rapeOrder.set(year, y);
    }
    for (const [col] of EST_LONG_COLUMNS) {
      if (col.startsWith('rape_')) continue; // compared through the swap check
      const mine = values.get(`${place}|${year}|${col}`);
      const theirs = parseGrouped(row, col, file);
      if (mine === undefined || theirs === null) continue;
      shared++;
      if (mine !== theirs) {
        differ++;
        if (!example && place === 'USA' && col === 'violent_crime') example = `U.S. violent crime ${year}: ${theirs.toLocaleString('en-US')} there, ${mine.toLocaleString('en-US')} here`;
      }
    }
  }
  const src = stage.source.id;
  const text =
    `Disagreement with the older copy of this series (${file}, measures fbi.est.*): for 1995–2016, ${differ.toLocaleString('en-US')} of ${shared.toLocaleString('en-US')} shared values (rape aside) differ` +
    `${example ? `, e.g. ${example}` : ''} — the FBI re-estimates past years, and this later series leads. ` +
    rapeVerdict(rapeOrder, values);
  stage.caveat({ sourceId: src, measure: null, place: null, period: null, text });
  for (const [col] of EST_LONG_COLUMNS) stage.caveat({ sourceId: src, measure: `fbi.est.${col}`, place: null, period: null, text });
}

/**
 * Which years of the older copy have the two rape columns swapped: a year where most rows have
 * legacy above revised (the revised definition is the broader one, and this series never has it).
 */
function rapeVerdict(order: Map<number, { swapped: number; both: number }>, values: Map<string, number>): string {
  let mineBoth = 0;
  let mineReversed = 0;
  for (const [k, legacy] of values) {
    if (!k.endsWith('|rape_legacy')) continue;
    const revised = values.get(k.replace(/rape_legacy$/, 'rape_revised'));
    if (revised === undefined) continue;
    mineBoth++;
    if (legacy > revised) mineReversed++;
  }
  const years = [...order].sort((a, b) => a[0] - b[0]);
  const swappedYears = years.filter(([, y]) => y.swapped * 2 > y.both);
  const detail = years.map(([year, y]) => `${year}: ${y.swapped} of ${y.both}`).join(', ');
  const mine = `In this series rape_revised is at least rape_legacy in ${mineBoth - mineReversed} of ${mineBoth} rows with both.`;
  if (!swappedYears.length) return `The older copy's rape columns are in the expected order (rows with legacy above revised by year — ${detail}). ${mine}`;
  return (
    `In the older copy the two rape columns are swapped for ${swappedYears.map(([y]) => y).join(' and ')} ` +
    `(rows with legacy above revised, the reverse of the definitions, by year — ${detail}): its rape values for those years must not be used as labelled. ${mine}`
  );
}

// --- UCR participation by state 1960–2021 -------------------------------------------------------------

/** Territories (and the FBI's "Other" row) that are not Cogency places; the U.S. figure is the 50 states and D.C. */
const TERRITORIES = new Set(['American Samoa', 'Canal Zone', 'Guam', 'Mariana Islands', 'US Virgin Islands', 'Other']);

export async function loadParticipation(path: string, stage: Stage): Promise<void> {
  const file = PARTICIPATION_FILE;
  const buf = await readCapped(path, file);
  const text = decodeUtf8(buf, file);
  // Read by position: the header names nibrs_participating_agencies twice (count, then ratio).
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { info: true, bom: true, relax_column_count: false, skip_empty_lines: true }) as unknown as typeof records;
  } catch (e) {
    const err = e as { lines?: number; message: string };
    throw new InputError(file, err.lines ?? null, null, `the CSV cannot be read: ${err.message}`);
  }
  const header = records[0]?.record ?? [];
  if (header.length !== PARTICIPATION_HEADER.length || header.some((h, i) => h !== PARTICIPATION_HEADER[i])) {
    throw new InputError(file, 1, 'header', `header does not match the expected format; expected ${PARTICIPATION_HEADER.join(',')}`);
  }
  for (const m of PARTICIPATION_MEASURES) stage.measure(m);
  const src = stage.source.id;
  stage.caveat({ sourceId: src, measure: null, place: null, period: null, text: 'The FBI table names column 6 and column 7 both "nibrs_participating_agencies": column 6 is the number of agencies reporting through NIBRS (stored), column 7 that number divided by the participating agencies (a ratio that can exceed 1, not stored).' });
  stage.caveat({ sourceId: src, measure: null, place: 'USA', period: null, text: 'The United States values are sums of the 50 states and D.C. made here (flag sum_of_states); Puerto Rico and the other territories in the FBI table are not included.' });
  const national = new Map<number, number[]>();
  const seen = new Set<string>();
  for (const { record, info } of records.slice(1)) {
    stage.rowsRead++;
    const line = info.lines;
    const row: CsvRow = { line, get: (f) => record[PARTICIPATION_HEADER.indexOf(f)] ?? '' };
    const year = parseYear(row, 'data_year', file, 1960, 2021);
    const name = record[1]!.trim();
    if (TERRITORIES.has(name)) {
      stage.skip('territory or "Other" row, not a Cogency place');
      continue;
    }
    const place = STATE_BY_NAME.get(name);
    if (!place) throw new InputError(file, line, 'state_name', `"${name}" is not a state, D.C., Puerto Rico or a known territory`);
    if (seen.has(`${place}|${year}`)) throw new InputError(file, line, 'state_name', `${name} ${year} appears twice`);
    seen.add(`${place}|${year}`);
    const citationId = cite(stage, String(line), `${file}, line ${line} (${name} ${year})`);
    const nums = PARTICIPATION_COLUMNS.map(([, col]) => {
      const raw = record[col]!.trim();
      if (!/^\d+$/.test(raw)) throw new InputError(file, line, `${PARTICIPATION_HEADER[col]} (column ${col + 1})`, `"${raw}" is not a whole number`);
      return Number(raw);
    });
    const [total, participating, nibrs, , population, nibrsPopulation] = nums as [number, number, number, number, number, number];
    if (participating > total) throw new InputError(file, line, 'participation_agencies', `${participating} participating agencies of ${total}`);
    if (nibrsPopulation > population) throw new InputError(file, line, 'nibrs_population', `NIBRS population ${nibrsPopulation} exceeds the state population ${population}`);
    if (nibrs > total) throw new InputError(file, line, 'nibrs_participating_agencies (column 6)', `${nibrs} NIBRS agencies of ${total}`);
    PARTICIPATION_COLUMNS.forEach(([id], i) => {
      stage.observation({ measure: `fbi.participation.${id}`, place, period: year, dims: {}, value: nums[i]!, valueText: null, citationId, flags: [] });
    });
    if (place !== 'PR') {
      const acc = national.get(year) ?? PARTICIPATION_COLUMNS.map(() => 0);
      nums.forEach((n, i) => (acc[i]! += n));
      national.set(year, acc);
    }
  }
  for (const [year, sums] of national) {
    const citationId = cite(stage, `USA-${year}`, `${file}: sum of the ${year} rows of the 50 states and D.C.`);
    PARTICIPATION_COLUMNS.forEach(([id], i) => {
      stage.observation({ measure: `fbi.participation.${id}`, place: 'USA', period: year, dims: {}, value: sums[i]!, valueText: null, citationId, flags: ['sum_of_states'] });
    });
  }
}
