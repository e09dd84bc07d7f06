// FBI UCR summary tables from the Crime Data Explorer: national arrest estimates 1995–2016,
// national juvenile Arrests by Age, Sex and Race 1994–2016, estimated crimes by state 1995–2016.
// Formats and quirks: shared/data/stats/FORMATS.md §3.1, §3.2, §4.
import { readCsv, type CsvRow } from '../csv.ts';
import { InputError } from '../errors.ts';
import { isUsState } from '../../model/places.ts';
import type { Importer, SourceSpec } from '../importer.ts';
import type { Stage } from '../../store/store.ts';
import { FIXTURE_CAVEAT, checkStated, isFixtureData, parseCount, parseYear, specIfPresent } from '../stats-common/util.ts';
import { confine } from '../confine.ts';
import { storeAsrRow } from '../stats-common/asr.ts';
import { ARRESTS_MEASURES, ASR_MEASURES, EST_COLUMNS, EST_MEASURES } from './measures.ts';
import { ARRESTS_FILE, ASR_FILE, EST_FILE, FBI_UCR_SOURCE, PRS_CAVEATS } from './source.ts';

export const ARRESTS_HEADER = [
  'id', 'year', 'population', 'total_arrests', 'homicide', 'rape', 'robbery', 'aggravated_assault', 'burglary', 'larceny',
  'motor_vehicle_theft', 'arson', 'violent_crime', 'property_crime', 'other_assault', 'forgery', 'fraud', 'embezzlement',
  'stolen_property', 'vandalism', 'weapons', 'prostitution', 'other_sex_offenses', 'drug_abuse', 'gambling', 'against_family',
  'dui', 'liquor_laws', 'drunkenness', 'disorderly_conduct', 'vagrancy', 'other', 'suspicion', 'curfew_loitering',
];
export const ASR_HEADER = [
  'id', 'year', 'state_abbr', 'offense_code', 'offense_name', 'agencies', 'population', 'total_male', 'total_female',
  'm_0_9', 'm_10_12', 'm_13_14', 'm_15', 'm_16', 'm_17', 'f_0_9', 'f_10_12', 'f_13_14', 'f_15', 'f_16', 'f_17',
  'race_agencies', 'race_population', 'white', 'black', 'asian_pacific_islander', 'american_indian',
];
export const EST_HEADER = ['year', 'state_abbr', ...EST_COLUMNS.map(([c]) => c)];

/** The 30 ASR offense codes of the CDE file (FORMATS.md §3.2); only ASR_PRS is stored. */
const ASR_CODES = new Set([
  'ASR_ARSON', 'ASR_AST', 'ASR_AST_SMP', 'ASR_BRG', 'ASR_CUR', 'ASR_DIS', 'ASR_DRG', 'ASR_DRK', 'ASR_DUI', 'ASR_EMB', 'ASR_FAM',
  'ASR_FOR', 'ASR_FRD', 'ASR_GAM', 'ASR_HOM', 'ASR_LIQ', 'ASR_LRC', 'ASR_MAN', 'ASR_MVT', 'ASR_OTH', 'ASR_PRS', 'ASR_ROB',
  'ASR_RPE', 'ASR_RUN', 'ASR_SEX', 'ASR_STP', 'ASR_SUS', 'ASR_VAG', 'ASR_VAN', 'ASR_WEAP',
]);
const AGE_BANDS = [['0_9', '0-9'], ['10_12', '10-12'], ['13_14', '13-14'], ['15', '15'], ['16', '16'], ['17', '17']] as const;

/** Data rows of the complete files (MANIFEST.md): 22 years; 30 offense codes × 23 years; 52 places × 22 years. */
export const UCR_STATED_ROWS: Record<string, number> = { 'fbi.arrests.national': 22, 'fbi.asr.juvenile': 690, 'fbi.est.crimes_by_state': 1144 };

const CDE = 'https://cde.ucr.cjis.gov/LATEST/webapp/#/pages/downloads';
const FEDERAL = 'U.S. federal government work (public domain in the U.S.); no license stated by the repository it was copied from.';
const PUBLISHER = 'FBI Uniform Crime Reporting Program (Crime Data Explorer)';

export const fbiUcrImporter: Importer = {
  ...FBI_UCR_SOURCE,

  async discover(dataDir) {
    const specs: SourceSpec[] = [];
    const d = (id: string, title: string, repo: string) => ({ id, family: 'fbi', publisher: PUBLISHER, title, url: CDE, license: `${FEDERAL} Copied from ${repo}.`, format: 'csv' });
    specs.push(...specIfPresent(dataDir, d('fbi.arrests.national', 'National arrest estimates by offense, 1995–2016', 'github.com/oibra/info201-group-project arrests_national.csv @ b8bc9ac1'), [ARRESTS_FILE]));
    specs.push(...specIfPresent(dataDir, d('fbi.asr.juvenile', 'Arrests of juveniles by age, sex and race, national, 1994–2016 (ASR)', 'github.com/captainkeemo/Juvenile-Criminal-Behavior arrests_national_juvenile.csv @ d65f6d2e'), [ASR_FILE]));
    specs.push(...specIfPresent(dataDir, d('fbi.est.crimes_by_state', 'Estimated crimes and population by state, 1995–2016', 'github.com/oibra/info201-group-project data/estimated_crimes.csv @ b8bc9ac1'), [EST_FILE]));
    return specs;
  },

  async load(spec, stage, dataDir) {
    const path = await confine(dataDir, spec.files[0]!);
    const id = spec.description.id;
    const fixture = isFixtureData(dataDir);
    if (fixture) stage.caveat({ sourceId: stage.source.id, measure: null, place: null, period: null, text: FIXTURE_CAVEAT });
    const rows = id === 'fbi.arrests.national' ? await loadArrests(path, stage) : id === 'fbi.asr.juvenile' ? await loadAsr(path, stage) : await loadEstimates(path, stage);
    if (!fixture) checkStated(id === 'fbi.arrests.national' ? ARRESTS_FILE : id === 'fbi.asr.juvenile' ? ASR_FILE : EST_FILE, null, 'data rows', UCR_STATED_ROWS[id]!, rows);
  },
};

function cite(stage: Stage, row: CsvRow, file: string, what: string): string {
  const id = `${stage.source.id}:${row.line}`;
  stage.citation({ id, sourceId: stage.source.id, locator: `${file}, line ${row.line}${what ? ` (${what})` : ''}` });
  return id;
}

async function loadArrests(path: string, stage: Stage): Promise<number> {
  const file = ARRESTS_FILE;
  // The CDE file ends without a line break (FORMATS.md §3.1), so a cut-off last line is only seen
  // when it loses fields or its year.
  const csv = await readCsv(path, file, ARRESTS_HEADER, { finalNewline: false });
  const src = stage.source.id;
  for (const m of ARRESTS_MEASURES) stage.measure(m);
  for (const text of PRS_CAVEATS) stage.caveat({ sourceId: src, measure: 'fbi.arrests.prostitution_estimated', place: null, period: null, text });
  stage.caveat({ sourceId: src, measure: null, place: null, period: null, text: 'These are FBI national estimates (extrapolated to the whole U.S. population), not counts of reported arrests; 1995–1999 values are rounded to hundreds.' });
  const years = new Set<number>();
  for (const row of csv.rows) {
    stage.rowsRead++;
    const year = parseYear(row, 'year', file, 1995, 2016);
    if (years.has(year)) throw new InputError(file, row.line, 'year', `year ${year} appears twice`);
    years.add(year);
    // Every column must be a count, even those not stored: a shifted or damaged row shows here.
    for (const f of ARRESTS_HEADER.slice(2)) parseCount(row, f, file);
    const flags = year < 2000 ? ['rounded_to_hundreds'] : [];
    const citationId = cite(stage, row, file, `year ${year}, columns prostitution and total_arrests`);
    stage.observation({ measure: 'fbi.arrests.prostitution_estimated', place: 'USA', period: year, dims: {}, value: parseCount(row, 'prostitution', file), valueText: null, citationId, flags });
    stage.observation({ measure: 'fbi.arrests.total_estimated', place: 'USA', period: year, dims: {}, value: parseCount(row, 'total_arrests', file), valueText: null, citationId, flags });
  }
  return csv.rows.length;
}

async function loadAsr(path: string, stage: Stage): Promise<number> {
  const file = ASR_FILE;
  const csv = await readCsv(path, file, ASR_HEADER);
  const src = stage.source.id;
  for (const m of ASR_MEASURES) stage.measure(m);
  for (const text of [
    ...PRS_CAVEATS,
    'These are counts reported by the agencies listed (not national estimates); the number of reporting agencies and the population they cover change every year, so year-to-year changes partly reflect coverage.',
    'Race counts come from a different set of agencies (race_agencies, race_population) than the sex and age counts, so the race total does not equal the sex total.',
    'Race categories are the FBI’s four (White, Black, Asian or Pacific Islander, American Indian or Alaska Native); Hispanic origin is not recorded in this table.',
    'A blank cell in the FBI file means zero or not reported; it is stored as 0 and flagged blank_read_as_zero.',
  ]) {
    stage.caveat({ sourceId: src, measure: null, place: null, period: null, text });
  }
  const years = new Set<number>();
  const keys = new Map<string, number>();
  for (const row of csv.rows) {
    stage.rowsRead++;
    const code = row.get('offense_code').trim();
    if (!ASR_CODES.has(code)) throw new InputError(file, row.line, 'offense_code', `unknown ASR offense code "${code}"`);
    const year = parseYear(row, 'year', file, 1994, 2016);
    if (row.get('state_abbr').trim() !== '') throw new InputError(file, row.line, 'state_abbr', `"${row.get('state_abbr')}": this file holds national rows only (empty state_abbr)`);
    // The format's key is offense code × year, for every offense (not only the one stored).
    const key = `${code}|${year}`;
    if (keys.has(key)) throw new InputError(file, row.line, 'offense_code', `${code} ${year} appears twice (also line ${keys.get(key)})`);
    keys.set(key, row.line);
    if (code !== 'ASR_PRS') {
      stage.skip('offense other than prostitution and commercialized vice (not in scope)');
      continue;
    }
    if (years.has(year)) throw new InputError(file, row.line, 'year', `ASR_PRS for ${year} appears twice`);
    years.add(year);
    const citationId = cite(stage, row, file, `${code} ${year}`);
    storeAsrRow(stage, row, file, year, citationId, 'fbi.asr.juvenile', AGE_BANDS);
  }
  return csv.rows.length;
}

async function loadEstimates(path: string, stage: Stage): Promise<number> {
  const file = EST_FILE;
  const csv = await readCsv(path, file, EST_HEADER);
  const src = stage.source.id;
  for (const m of EST_MEASURES) stage.measure(m);
  for (const text of [
    'FBI estimates: the UCR Program imputes offenses for agencies that did not report, so these are estimates for full coverage, not counts.',
    'The national row is the FBI’s own national estimate and is not always the sum of the state rows (e.g. 2016 violent crime); values are stored cell by cell and never summed.',
    'Rape has two definitions: legacy (before 2013) and revised (from 2013); they are separate measures and must not be joined into one series. Blank cells (no estimate under that definition) are not stored.',
    'The population column is the FBI’s denominator for its own rates; for Cogency rates the default denominator is census.population, and any rate says which one it uses.',
  ]) {
    stage.caveat({ sourceId: src, measure: null, place: null, period: null, text });
  }
  const seen = new Set<string>();
  for (const row of csv.rows) {
    stage.rowsRead++;
    stage.onProgress(stage.rowsRead, csv.rows.length);
    const year = parseYear(row, 'year', file, 1995, 2016);
    const abbr = row.get('state_abbr').trim();
    if (abbr !== '' && !isUsState(abbr)) throw new InputError(file, row.line, 'state_abbr', `unknown state code "${abbr}"`);
    const place = abbr === '' ? 'USA' : abbr;
    if (seen.has(`${place}|${year}`)) throw new InputError(file, row.line, 'state_abbr', `${place} ${year} appears twice`);
    seen.add(`${place}|${year}`);
    const citationId = cite(stage, row, file, `${place} ${year}`);
    for (const [col] of EST_COLUMNS) {
      const value = parseCount(row, col, file, { blank: col.startsWith('rape_') ? 'null' : 'error' });
      if (value === null) {
        stage.skip(`blank ${col} (no estimate under that definition that year)`);
        continue;
      }
      stage.observation({ measure: `fbi.est.${col}`, place, period: year, dims: {}, value, valueText: null, citationId, flags: [] });
    }
  }
  if (seen.size > 0 && ![...seen].some((k) => k.startsWith('USA|'))) throw new InputError(file, null, 'state_abbr', 'no national row (empty state_abbr)');
  return csv.rows.length;
}
