// U.S. government anti-trafficking projects abroad: the Kelley/Heiss coding 2001–2014 and the
// State Department project lists FY2002–FY2003. Formats and quirks: shared/data/stats/FORMATS.md §6.
import { readCsv, type CsvRow } from '../csv.ts';
import { InputError } from '../errors.ts';
import { matchCountryCode, matchCountryName } from '../../model/places.ts';
import type { Place } from '../../model/types.ts';
import type { Importer, SourceSpec } from '../importer.ts';
import type { Stage } from '../../store/store.ts';
import { FIXTURE_CAVEAT, checkStated, isFixtureData, parseYear, specIfPresent } from '../stats-common/util.ts';
import { confine, displayPath } from '../confine.ts';
import { BREAK_CAVEAT, FY2002_FILE, FY2003_FILE, GRANTS_CAVEATS, GRANTS_MEASURES, GRANTS_SOURCE, HK_FILE, RECORDING_BREAK_YEAR } from './source.ts';

export const HK_HEADER = [
  'id', 'country', 'grant_year', 'year_actual', 'cowcode', 'grant', 'recipient', 'subgrantee', 'prevention', 'protection',
  'prosecution', 'research', 'amount', 'region1', 'region2', 'recipient_type',
];
export const FY2002_HEADER = ['region', 'country', 'type_of_program', 'funding_agency', 'project_title', 'recipient', 'subrecipient', 'description'];
/** Data rows of the complete files (MANIFEST.md). */
export const GRANTS_STATED_ROWS: Record<string, number> = { [HK_FILE]: 4284, [FY2002_FILE]: 201, [FY2003_FILE]: 224 };
export const FY2003_HEADER = ['region', 'country', 'type_of_program', 'funding_agency', 'recipient', 'project_title', 'description', 'amount'];

/** Kelley/Heiss spellings → a name the country matcher knows (or an ISO alpha-3 code). */
const HK_NAMES: Record<string, string> = {
  'Antigua&Barbuda': 'Antigua and Barbuda', BosniaandHerz: 'Bosnia and Herzegovina', CentralAfRep: 'Central African Republic',
  'Congo (Brazzaville; Rep)': 'Republic of the Congo', 'Congo, DemRep (Zaire)': 'Democratic Republic of the Congo',
  'Congo, DemRep': 'Democratic Republic of the Congo', 'Cote D\uFFFDIvoire': "Cote d'Ivoire", DomRep: 'Dominican Republic',
  EqGuinea: 'Equatorial Guinea', KyrgyzRep: 'Kyrgyz Republic', Madagasgar: 'Madagascar', PapuaNG: 'Papua New Guinea',
  'SaoT&P': 'Sao Tome and Principe', SlovakRep: 'Slovakia', SolomonIs: 'Solomon Islands', 'St.Kitts&Nevis': 'Saint Kitts and Nevis',
  'St.Vincent': 'Saint Vincent and the Grenadines', Surinam: 'Suriname', 'Trin&Tobago': 'Trinidad and Tobago',
  UArabEmir: 'United Arab Emirates', YemenAR: 'Yemen', USA: 'United States of America', Vatican: 'VAT',
};

/** Regions and former countries that are not ISO countries: places of kind 'region', parent null. */
const REGIONS: Record<string, Place> = Object.fromEntries(
  [
    ['Global', 'REG-GLOBAL', 'Global (U.S. anti-trafficking projects)'],
    ['Africa', 'REG-AFRICA', 'Africa (State Dept region)'],
    ['East Asia and Pacific Islands', 'REG-EAP', 'East Asia and Pacific (State Dept region)'],
    ['Europe', 'REG-EUROPE', 'Europe and Eurasia (State Dept region)'],
    ['Near East Asia', 'REG-NEA', 'Near East (State Dept region)'],
    ['South and Central Asia', 'REG-SCA', 'South and Central Asia (State Dept region)'],
    ['Western Hemisphere', 'REG-WHA', 'Western Hemisphere (State Dept region)'],
    ['Yugoslavia', 'YUG', 'Yugoslavia (former; Serbia and Montenegro)'],
  ].map(([name, id, label]) => [name!, { id: id!, kind: 'region' as const, name: label!, parent: null }]),
);

/** FY2002/FY2003 list regions (spelling varies by year) → the region places above. */
const LIST_REGIONS: Record<string, string> = {
  Global: 'Global', Africa: 'Africa', 'East Asia and Pacific Islands': 'East Asia and Pacific Islands', 'East Asia And Pacific Islands': 'East Asia and Pacific Islands',
  Europe: 'Europe and Eurasia', Eurasia: 'Europe and Eurasia', 'Europe/Eurasia': 'Europe and Eurasia', 'Latin America and Caribbean': 'Western Hemisphere',
  'Latin America And Caribbean': 'Western Hemisphere', 'South Asia': 'South and Central Asia', 'Middle East': 'Near East',
};

export const grantsImporter: Importer = {
  ...GRANTS_SOURCE,

  async discover(dataDir) {
    const specs: SourceSpec[] = [];
    const repo = 'github.com/andrewheiss/jk_misc @ 1749d1b6';
    specs.push(
      ...specIfPresent(
        dataDir,
        {
          id: 'grants.heiss_kelley',
          family: 'grants',
          publisher: 'Judith Kelley & Andrew Heiss (Duke University), coding U.S. State Department project lists',
          title: 'U.S. government anti-trafficking projects abroad, 2001–2014 (coded)',
          url: 'https://github.com/andrewheiss/jk_misc/blob/1749d1b6a0c0c2fdf0222257e3afdde60bdd4118/data/funding_clean.csv',
          license: `None stated by the compilers; cite Kelley, Scorecard Diplomacy (2017). Copied from ${repo}.`,
          format: 'csv',
        },
        [HK_FILE],
      ),
    );
    specs.push(
      ...specIfPresent(
        dataDir,
        {
          id: 'grants.state_dept_lists',
          family: 'grants',
          publisher: 'U.S. Department of State, Office to Monitor and Combat Trafficking in Persons (parsed by Heiss)',
          title: 'U.S. Government Anti-Trafficking in Persons Projects, FY2002 and FY2003 (parsed project lists)',
          url: 'http://2001-2009.state.gov/g/tip/rls/rpt/17858.htm',
          license: `U.S. government work; parsed tables from ${repo}.`,
          format: 'csv',
        },
        [FY2002_FILE, FY2003_FILE],
      ),
    );
    return specs;
  },

  async load(spec, stage, dataDir) {
    const fixture = isFixtureData(dataDir);
    if (fixture) stage.caveat({ sourceId: stage.source.id, measure: null, place: null, period: null, text: FIXTURE_CAVEAT });
    const files: { path: string; rel: string }[] = [];
    for (const f of spec.files) files.push({ path: await confine(dataDir, f), rel: displayPath(dataDir, f) });
    const counts = spec.description.id === 'grants.heiss_kelley' ? [{ file: HK_FILE, rows: await loadHk(files[0]!.path, stage) }] : await loadLists(files, stage);
    if (!fixture) for (const c of counts) checkStated(c.file, null, 'data rows', GRANTS_STATED_ROWS[c.file]!, c.rows);
  },
};

function flag01(row: CsvRow, field: string, file: string): boolean | null {
  const v = row.get(field).trim();
  if (v === '1.0' || v === '1') return true;
  if (v === '0.0' || v === '0') return false;
  if (v === 'NA' || v === '') return null;
  throw new InputError(file, row.line, field, `"${v}" is not 1.0, 0.0 or NA`);
}

/** Plain or scientific notation ("3e5", "330568.0"); NA = not stated. */
function amount(row: CsvRow, field: string, file: string): number | null {
  const v = row.get(field).trim();
  if (v === 'NA' || v === '') return null;
  if (!/^\d+(\.\d+)?([eE]\d+)?$/.test(v)) throw new InputError(file, row.line, field, `"${v}" is not an amount in dollars`);
  return Number(v);
}

function hkPlace(row: CsvRow, file: string, stage: Stage): { id: string; flags: string[] } {
  const name = row.get('country').trim();
  const region = REGIONS[name];
  if (region) {
    stage.place(region);
    return { id: region.id, flags: [] };
  }
  const alias = HK_NAMES[name];
  const match = alias && /^[A-Z]{3}$/.test(alias) ? matchCountryCode(alias) : matchCountryName(alias ?? name);
  if (!match) throw new InputError(file, row.line, 'country', `unknown country or region "${name}" (cowcode ${row.get('cowcode')})`);
  return { id: match.id, flags: alias ? [`matched_by_name:${name}`] : [] };
}

async function loadHk(path: string, stage: Stage): Promise<number> {
  const file = HK_FILE;
  const csv = await readCsv(path, file, HK_HEADER);
  const src = stage.source.id;
  for (const m of GRANTS_MEASURES.slice(0, 2)) stage.measure(m);
  for (const text of [
    BREAK_CAVEAT,
    ...GRANTS_CAVEATS,
    'Rows with grant = 0, no recipient and no amount are country-years with no project listed; they are not stored. Two rows coded grant = 0 name a recipient and an amount; they are kept and flagged grant_flag_0. 200 rows have no amount (NA): counted as projects with a missing amount.',
    'Rows coded to the United States are projects in the U.S. that appear in the State Department’s lists.',
  ]) {
    stage.caveat({ sourceId: src, measure: null, place: null, period: null, text });
  }
  for (let y = RECORDING_BREAK_YEAR; y <= 2014; y++) stage.caveat({ sourceId: src, measure: null, place: null, period: y, text: BREAK_CAVEAT });
  const ids = new Set<string>();
  for (const row of csv.rows) {
    stage.rowsRead++;
    stage.onProgress(stage.rowsRead, csv.rows.length);
    const id = row.get('id').trim();
    if (ids.has(id)) throw new InputError(file, row.line, 'id', `project id ${id} appears twice`);
    ids.add(id);
    const year = parseYear(row, 'grant_year', file, 2001, 2014);
    if (!row.get('year_actual').startsWith(`${year}-`)) throw new InputError(file, row.line, 'year_actual', `"${row.get('year_actual')}" is not in grant_year ${year}`);
    const isGrant = flag01(row, 'grant', file);
    for (const f of ['prevention', 'protection', 'prosecution', 'research']) flag01(row, f, file);
    const value = amount(row, 'amount', file);
    const place = hkPlace(row, file, stage);
    const recipient = row.get('recipient').trim();
    if (isGrant === false && !value && (recipient === 'NA' || recipient === '')) {
      stage.skip('country-year with no project (grant = 0, no recipient, no amount)');
      continue;
    }
    const recipientType = row.get('recipient_type').trim() || 'not stated';
    const citationId = `${src}:${row.line}`;
    stage.citation({ id: citationId, sourceId: src, locator: `${file}, line ${row.line} (id ${id})` });
    const flags = [...place.flags, ...(year >= RECORDING_BREAK_YEAR ? ['after_recording_break'] : []), ...(isGrant === false ? ['grant_flag_0'] : [])];
    stage.observation({ measure: 'grants.us_anti_tip.amount', place: place.id, period: year, dims: { recipient_type: recipientType }, value, valueText: null, citationId, flags: value === null ? [...flags, 'amount_not_stated'] : flags });
    stage.observation({ measure: 'grants.us_anti_tip.projects', place: place.id, period: year, dims: { recipient_type: recipientType }, value: 1, valueText: null, citationId, flags });
  }
  return csv.rows.length;
}

/** "$407,450" → 407450; anything that is not one dollar figure → null. */
export function parseDollars(text: string): number | null {
  const m = /^\s*\$\s?([\d,]+(?:\.\d\d)?)\s*$/.exec(text);
  return m ? Number(m[1]!.replace(/,/g, '')) : null;
}

async function loadLists(files: { path: string; rel: string }[], stage: Stage): Promise<{ file: string; rows: number }[]> {
  const src = stage.source.id;
  for (const m of GRANTS_MEASURES.slice(2)) stage.measure(m);
  for (const text of [
    ...GRANTS_CAVEATS,
    'Parsed from the State Department web pages by a third party; the column order differs between the two years and FY2002 has no amounts.',
    'FY2003 amounts are free text; entries that do not state one dollar figure are stored as missing and flagged.',
  ]) {
    stage.caveat({ sourceId: src, measure: null, place: null, period: null, text });
  }
  const world: Place = { id: 'REG-GLOBAL', kind: 'region', name: 'Global (U.S. anti-trafficking projects)', parent: null };
  stage.place(world);
  const counts: { file: string; rows: number }[] = [];
  for (const { path, rel } of files) {
    const fy2003 = rel.endsWith('fy2003.csv');
    const file = fy2003 ? FY2003_FILE : FY2002_FILE;
    const csv = await readCsv(path, file, fy2003 ? FY2003_HEADER : FY2002_HEADER);
    counts.push({ file, rows: csv.rows.length });
    const year = fy2003 ? 2003 : 2002;
    // The lists have no id column: a project is its whole row, and no row of the published lists repeats.
    const seenRows = new Map<string, number>();
    const header = fy2003 ? FY2003_HEADER : FY2002_HEADER;
    for (const row of csv.rows) {
      stage.rowsRead++;
      const whole = JSON.stringify(header.map((h) => row.get(h)));
      if (seenRows.has(whole)) throw new InputError(file, row.line, 'project_title', `the same project row appears twice (also line ${seenRows.get(whole)})`);
      seenRows.set(whole, row.line);
      const raw = row.get('region').trim();
      const region = LIST_REGIONS[raw];
      if (!region) throw new InputError(file, row.line, 'region', `unknown region "${raw}"; expected one of ${[...new Set(Object.keys(LIST_REGIONS))].join(', ')}`);
      const citationId = `${src}:${year}:${row.line}`;
      stage.citation({ id: citationId, sourceId: src, locator: `${file}, line ${row.line}` });
      // Stored at the global level with the list's region as a dimension: rows are not reliably one country.
      stage.observation({ measure: 'grants.state_dept_list.projects', place: world.id, period: year, dims: { region }, value: 1, valueText: null, citationId, flags: [] });
      if (fy2003) {
        const text = row.get('amount');
        const value = parseDollars(text);
        stage.observation({
          measure: 'grants.state_dept_list.amount', place: world.id, period: year, dims: { region }, value, valueText: value === null ? text.trim() || null : null, citationId,
          flags: value === null ? ['amount_not_parsed'] : [],
        });
      }
    }
  }
  return counts;
}
