// FBI UCR Human Trafficking, agency level, 2013–2020, as downloaded from the Crime Data Explorer.
// Format and quirks: shared/data/stats/FORMATS.md §2.1; provenance: MANIFEST.md.
import { readCsv } from '../csv.ts';
import { InputError } from '../errors.ts';
import { isUsState } from '../../model/places.ts';
import type { Importer } from '../importer.ts';
import type { Stage } from '../../store/store.ts';
import { FIXTURE_CAVEAT, checkStated, isFixtureData, parseYear, specIfPresent } from '../stats-common/util.ts';
import { confine } from '../confine.ts';
import { FBI_HT_MEASURES, HT_SUBCATEGORIES } from './measures.ts';
import { FBI_HT_CAVEATS, FBI_HT_PATH, FBI_HT_SOURCE } from './source.ts';

export const FBI_HT_HEADER = [
  'DATA_YEAR', 'ORI', 'PUB_AGENCY_NAME', 'PUB_AGENCY_UNIT', 'AGENCY_TYPE_NAME', 'STATE_ABBR', 'STATE_NAME', 'DIVISION_NAME',
  'COUNTY_NAME', 'REGION_NAME', 'POPULATION_GROUP_CODE', 'POPULATION_GROUP_DESC', 'OFFENSE_SUBCAT_ID', 'OFFENSE_NAME',
  'OFFENSE_SUBCAT_NAME', 'ACTUAL_COUNT', 'UNFOUNDED_COUNT', 'CLEARED_COUNT', 'JUVENILE_CLEARED_COUNT',
];
const FIRST_YEAR = 2013;
const LAST_YEAR = 2020;

/**
 * What the complete CDE file holds, as documented (MANIFEST.md: 4,417 rows, 3,558 Commercial
 * Sex Acts and 859 Involuntary Servitude; FORMATS.md §2.1: the yearly national sums of
 * ACTUAL_COUNT). Rows of this file legitimately repeat (separate report records, summed), so a
 * duplicated or dropped row is found by these totals, not by a key.
 */
export const FBI_HT_STATED = {
  rows: 4417,
  /** Rows that repeat an earlier row exactly (MANIFEST.md). */
  exactRepeats: 927,
  rowsBySubcategory: { '81': 3558, '82': 859 } as Record<string, number>,
  actualByYear: { 2013: 20, 2014: 468, 2015: 832, 2016: 1280, 2017: 1298, 2018: 1457, 2019: 2084, 2020: 2160 } as Record<number, number>,
};

/**
 * The UCR Program's state abbreviations differ from USPS for Nebraska: ORIs and the CDE file
 * use "NB". Mapped to the USPS code and flagged.
 */
const UCR_STATE_ALIASES: Record<string, string> = { NB: 'NE' };

const COUNT_FIELDS = [
  ['ACTUAL_COUNT', 'fbi.ht.offenses'],
  ['CLEARED_COUNT', 'fbi.ht.cleared'],
  ['JUVENILE_CLEARED_COUNT', 'fbi.ht.cleared_juvenile'],
  ['UNFOUNDED_COUNT', 'fbi.ht.unfounded'],
] as const;

export const fbiHtImporter: Importer = {
  ...FBI_HT_SOURCE,

  async discover(dataDir) {
    return specIfPresent(
      dataDir,
      {
        id: 'fbi.ht.agency',
        family: 'fbi',
        publisher: 'FBI Uniform Crime Reporting Program (Crime Data Explorer)',
        title: 'Human trafficking offenses and clearances by agency, 2013–2020 (CDE agency-level CSV)',
        // Copied from github.com/bakeralexan/human_trafficking_interactive_charts (Resources/HT_2013-2020.csv,
        // commit 39fb0b11c617f4ed270c7bef092d35964b8d970e); the official download is the CDE "Human Trafficking" file.
        url: 'https://cde.ucr.cjis.gov/LATEST/webapp/#/pages/downloads',
        license: 'U.S. federal government work (public domain in the U.S.); no license stated by the repository it was copied from.',
        format: 'csv',
      },
      [FBI_HT_PATH],
    );
  },

  async load(spec, stage, dataDir) {
    const fixture = isFixtureData(dataDir);
    if (fixture) stage.caveat({ sourceId: stage.source.id, measure: null, place: null, period: null, text: FIXTURE_CAVEAT });
    await loadHt(await confine(dataDir, spec.files[0]!), FBI_HT_PATH, stage, fixture ? null : FBI_HT_STATED);
  },
};

interface Cell {
  year: number;
  ori: string;
  subcategory: string;
  lines: number[];
  values: number[];
  flags: Set<string>;
}

export async function loadHt(path: string, file: string, stage: Stage, stated: typeof FBI_HT_STATED | null = FBI_HT_STATED): Promise<void> {
  const csv = await readCsv(path, file, FBI_HT_HEADER);
  const src = stage.source.id;
  for (const m of FBI_HT_MEASURES) stage.measure(m);
  for (const text of FBI_HT_CAVEATS) stage.caveat({ sourceId: src, measure: null, place: null, period: null, text });

  const cells = new Map<string, Cell>();
  const agencyState = new Map<string, { state: string; line: number }>();
  const statesByYear = new Map<number, Set<string>>();
  const agenciesByYearState = new Map<string, Set<string>>();
  const rowsBySub = new Map<string, number>();
  const actualByYear = new Map<number, number>();
  const wholeRows = new Set<string>();
  let exactRepeats = 0;
  for (const row of csv.rows) {
    stage.rowsRead++;
    stage.onProgress(stage.rowsRead, csv.rows.length);
    const year = parseYear(row, 'DATA_YEAR', file, FIRST_YEAR, LAST_YEAR);
    const ori = row.get('ORI').trim();
    if (!/^[A-Z]{2}[A-Z0-9]{7}$/.test(ori)) throw new InputError(file, row.line, 'ORI', `"${ori}" is not a 9-character ORI`);
    const rawState = row.get('STATE_ABBR').trim();
    const flags = new Set<string>();
    let state = rawState;
    if (UCR_STATE_ALIASES[rawState]) {
      state = UCR_STATE_ALIASES[rawState];
      flags.add(`state_code_mapped:${rawState}→${state}`);
    }
    if (!isUsState(state)) throw new InputError(file, row.line, 'STATE_ABBR', `unknown state code "${rawState}"`);
    const prev = agencyState.get(ori);
    if (prev && prev.state !== state) {
      throw new InputError(file, row.line, 'STATE_ABBR', `agency ${ori} is in ${state} here but in ${prev.state} on line ${prev.line}`);
    }
    agencyState.set(ori, { state, line: row.line });
    const subId = row.get('OFFENSE_SUBCAT_ID').trim();
    const subcategory = HT_SUBCATEGORIES[subId as keyof typeof HT_SUBCATEGORIES];
    if (!subcategory) {
      throw new InputError(file, row.line, 'OFFENSE_SUBCAT_ID', `unknown human-trafficking subcategory "${subId}"; expected 81 (Commercial Sex Acts) or 82 (Involuntary Servitude)`);
    }
    if (row.get('OFFENSE_SUBCAT_NAME').trim() !== subcategory) {
      throw new InputError(file, row.line, 'OFFENSE_SUBCAT_NAME', `"${row.get('OFFENSE_SUBCAT_NAME')}" does not match subcategory ${subId} (${subcategory})`);
    }
    if (row.get('OFFENSE_NAME').trim() !== 'Human Trafficking') {
      throw new InputError(file, row.line, 'OFFENSE_NAME', `"${row.get('OFFENSE_NAME')}" is not "Human Trafficking"`);
    }
    const values = COUNT_FIELDS.map(([field]) => {
      const raw = row.get(field).trim();
      // ACTUAL_COUNT = reported − unfounded, which can go below zero; the other counts cannot.
      const pattern = field === 'ACTUAL_COUNT' ? /^-?\d+$/ : /^\d+$/;
      if (!pattern.test(raw)) throw new InputError(file, row.line, field, `"${raw}" is not a whole number${field === 'ACTUAL_COUNT' ? '' : ' ≥ 0'}`);
      return Number(raw);
    });
    if (values[0]! < 0) flags.add('negative_actual_count');
    rowsBySub.set(subId, (rowsBySub.get(subId) ?? 0) + 1);
    const whole = JSON.stringify(FBI_HT_HEADER.map((h) => row.get(h)));
    if (wholeRows.has(whole)) exactRepeats++;
    else wholeRows.add(whole);
    actualByYear.set(year, (actualByYear.get(year) ?? 0) + values[0]!);

    const unit = row.get('PUB_AGENCY_UNIT').trim();
    const name = row.get('PUB_AGENCY_NAME').trim().replace(/:$/, '');
    stage.place({ id: ori, kind: 'agency', name: unit ? `${name}: ${unit}` : name, parent: state });
    (statesByYear.get(year) ?? statesByYear.set(year, new Set()).get(year)!).add(state);
    const ys = `${year}|${state}`;
    (agenciesByYearState.get(ys) ?? agenciesByYearState.set(ys, new Set()).get(ys)!).add(ori);

    const key = `${year}|${ori}|${subId}`;
    const cell = cells.get(key);
    if (cell) {
      cell.lines.push(row.line);
      cell.values.forEach((_, i) => (cell.values[i]! += values[i]!));
      for (const f of flags) cell.flags.add(f);
    } else {
      cells.set(key, { year, ori, subcategory, lines: [row.line], values, flags });
    }
  }

  // The publisher's file repeats rows; the FBI layout makes each a report record, so they are summed
  // (the stated yearly totals include them). Counted and told in a caveat, which `cogency sources` lists.
  stage.caveat({
    sourceId: src, measure: null, place: null, period: null,
    text: `The CDE file lists several report records for many agency-years (${exactRepeats} rows repeat another row exactly); following the FBI file layout each row is a separate report record and they are summed, not de-duplicated.`,
  });
  if (stated) {
    checkStated(file, null, 'data rows', stated.rows, csv.rows.length);
    checkStated(file, null, 'rows repeating another row exactly', stated.exactRepeats, exactRepeats);
    for (const [sub, n] of Object.entries(stated.rowsBySubcategory)) checkStated(file, 'OFFENSE_SUBCAT_ID', `rows of subcategory ${sub}`, n, rowsBySub.get(sub) ?? 0);
    for (const [y, n] of Object.entries(stated.actualByYear)) checkStated(file, 'ACTUAL_COUNT', `national sum of actual offenses ${y}`, n, actualByYear.get(Number(y)) ?? 0);
  }

  for (const cell of cells.values()) {
    const citationId = `${src}:${cell.year}:${cell.ori}:${cell.subcategory === 'Commercial Sex Acts' ? 81 : 82}`;
    const n = cell.lines.length;
    const locator = n === 1 ? `${file}, line ${cell.lines[0]}` : `${file}, lines ${cell.lines.join(', ')} (${n} report records summed)`;
    stage.citation({ id: citationId, sourceId: src, locator });
    const flags = [...cell.flags];
    if (n > 1) flags.push(`records_summed:${n}`);
    COUNT_FIELDS.forEach(([, measure], i) => {
      stage.observation({ measure, place: cell.ori, period: cell.year, dims: { subcategory: cell.subcategory }, value: cell.values[i]!, valueText: null, citationId, flags });
    });
  }

  // Coverage, stored beside the counts and repeated as a caveat on every year it applies to.
  for (const [year, states] of [...statesByYear].sort((a, b) => a[0] - b[0])) {
    const list = [...states].sort();
    const citationId = `${src}:coverage:${year}`;
    stage.citation({ id: citationId, sourceId: src, locator: `${file}, all rows with DATA_YEAR ${year} (distinct STATE_ABBR and ORI)` });
    stage.observation({ measure: 'fbi.ht.participating_states', place: 'USA', period: year, dims: {}, value: list.length, valueText: list.join(' '), citationId, flags: [] });
    let agencies = 0;
    for (const s of list) {
      const n = agenciesByYearState.get(`${year}|${s}`)!.size;
      agencies += n;
      stage.observation({ measure: 'fbi.ht.reporting_agencies', place: s, period: year, dims: {}, value: n, valueText: null, citationId, flags: [] });
    }
    stage.caveat({
      sourceId: src,
      measure: null,
      place: null,
      period: year,
      text: `Coverage ${year}: ${agencies} agencies in ${list.length} states have human-trafficking records in the FBI file (${list.join(', ')}); other states are absent, not zero.`,
    });
  }
}
