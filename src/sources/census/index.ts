// U.S. Census Bureau population denominators: PEP state totals (Vintage 2019: 2010–2019;
// Vintage 2023: 2020–2023) and ACS 1-year DP05 by state, 2010–2018.
// Formats and quirks: shared/data/stats/FORMATS.md §9.
import { existsSync } from 'node:fs';
import { readCsv, type CsvFile, type CsvRow } from '../csv.ts';
import { InputError } from '../errors.ts';
import { US_STATES, stateFromFips } from '../../model/places.ts';
import type { Importer, SourceSpec } from '../importer.ts';
import type { Stage } from '../../store/store.ts';
import { FIXTURE_CAVEAT, checkStated, isFixtureData, missingColumns, readCsvFlexible } from '../stats-common/util.ts';
import { confine, displayPath, joinInside } from '../confine.ts';
import { currentYear } from '../clock.ts';
import { CENSUS_MEASURES } from './measures.ts';
import { ACS_CAVEATS, acsData, acsLegend, CENSUS_SOURCE, PEP_2019, PEP_2023, PEP_CAVEATS } from './source.ts';

export const ACS_YEARS = [2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018];

const PR_FIPS = '72';

/** Data rows of the complete files (MANIFEST.md): PEP Vintage 2019 57, Vintage 2023 66; ACS DP05 52 a year (50 states, D.C., PR). */
export const CENSUS_STATED_ROWS = { pep2019: 57, pep2023: 66, acsYear: 52 };
/** Years the PEP files may hold (Vintage 2019 starts in 2010). */
const PEP_FIRST_YEAR = 2010;
const NAME_BY_USPS = new Map(US_STATES.map(([usps, , name]) => [usps, name]));

export const censusImporter: Importer = {
  ...CENSUS_SOURCE,

  async discover(dataDir) {
    const specs: SourceSpec[] = [];
    const pep = [PEP_2019, PEP_2023].map((f) => joinInside(dataDir, f)).filter((f) => existsSync(f));
    if (pep.length) {
      specs.push({
        description: {
          id: 'census.pep',
          family: 'census',
          publisher: 'U.S. Census Bureau, Population Estimates Program',
          title: 'Annual estimates of the resident population for states, Vintage 2019 (2010–2019) and Vintage 2023 (2020–2023)',
          url: 'https://www2.census.gov/programs-surveys/popest/datasets/',
          license: 'U.S. federal government work (public domain in the U.S.).',
          format: 'csv',
        },
        files: pep,
      });
    }
    const acs: string[] = [];
    for (const y of ACS_YEARS) {
      const d = joinInside(dataDir, acsData(y));
      const l = joinInside(dataDir, acsLegend(y));
      if (existsSync(d) !== existsSync(l)) {
        const missing = existsSync(d) ? acsLegend(y) : acsData(y);
        throw new InputError(missing, null, null, `file is missing; each ACS DP05 year needs both its data file and its legend`);
      }
      if (existsSync(d)) acs.push(d, l);
    }
    if (acs.length) {
      specs.push({
        description: {
          id: 'census.acs.dp05',
          family: 'census',
          publisher: 'U.S. Census Bureau, American Community Survey',
          title: 'ACS 1-year Data Profile DP05 (sex, age, race, Hispanic origin) by state, 2010–2018',
          url: 'https://api.census.gov/data/<year>/acs/acs1/profile?get=group(DP05)&for=state:*',
          license: 'U.S. federal government work (public domain in the U.S.).',
          format: 'csv',
        },
        files: acs,
      });
    }
    return specs;
  },

  async load(spec, stage, dataDir) {
    const rel = (abs: string) => displayPath(dataDir, abs);
    const real = new Map<string, string>();
    for (const f of spec.files) real.set(f, await confine(dataDir, f));
    const fixture = isFixtureData(dataDir);
    if (fixture) stage.caveat({ sourceId: stage.source.id, measure: null, place: null, period: null, text: FIXTURE_CAVEAT });
    if (spec.description.id === 'census.pep') {
      stage.measure(CENSUS_MEASURES[0]!);
      for (const text of PEP_CAVEATS) stage.caveat({ sourceId: stage.source.id, measure: null, place: null, period: null, text });
      for (const f of spec.files) {
        const rows = await loadPep(real.get(f)!, rel(f), stage);
        if (!fixture) checkStated(rel(f), null, 'data rows', rel(f).endsWith(PEP_2023) ? CENSUS_STATED_ROWS.pep2023 : CENSUS_STATED_ROWS.pep2019, rows);
      }
    } else {
      for (const m of CENSUS_MEASURES.slice(1)) stage.measure(m);
      for (const text of ACS_CAVEATS) stage.caveat({ sourceId: stage.source.id, measure: null, place: null, period: null, text });
      for (let i = 0; i < spec.files.length; i += 2) {
        const [d, l] = [spec.files[i]!, spec.files[i + 1]!];
        const rows = await loadAcsYear(real.get(d)!, rel(d), real.get(l)!, rel(l), stage);
        if (!fixture) checkStated(rel(d), null, 'data rows', CENSUS_STATED_ROWS.acsYear, rows);
      }
    }
  },
};

// ---------------------------------------------------------------------------------------------
// PEP

/** Every column of the PEP state-totals layouts (Vintage 2019 and 2023): a renamed or unknown column is refused. */
const PEP_COLUMN = /^(SUMLEV|REGION|DIVISION|STATE|NAME|CENSUS2010POP|ESTIMATESBASE\d{4}|(POPESTIMATE|NPOPCHG_|BIRTHS|DEATHS|NATURALINC|NATURALCHG|INTERNATIONALMIG|DOMESTICMIG|NETMIG|RESIDUAL|RBIRTH|RDEATH|RNATURALINC|RNATURALCHG|RINTERNATIONALMIG|RDOMESTICMIG|RNETMIG)\d{4})$/;

function pepYears(header: string[]): number[] {
  return header.map((h) => /^POPESTIMATE(\d{4})$/.exec(h)?.[1]).filter((y): y is string => !!y).map(Number);
}

async function loadPep(path: string, file: string, stage: Stage): Promise<number> {
  const vintage2023 = file.endsWith(PEP_2023);
  const required = vintage2023 ? ['SUMLEV', 'REGION', 'DIVISION', 'STATE', 'NAME'] : ['SUMLEV', 'REGION', 'STATE'];
  const csv = await readCsvFlexible(path, file, (h) => {
    const miss = missingColumns(h, required);
    if (miss) return miss;
    if (h[0] !== 'SUMLEV') return 'the first column is not SUMLEV';
    const unknown = h.find((c) => !PEP_COLUMN.test(c));
    if (unknown !== undefined) return `unknown column "${unknown}"`;
    if (new Set(h).size !== h.length) return 'a column name appears twice';
    const ys = pepYears(h);
    if (!ys.length) return 'no POPESTIMATE<year> columns';
    if (ys.some((y, i) => i > 0 && y !== ys[i - 1]! + 1)) return `the POPESTIMATE years are not consecutive (${ys.join(', ')})`;
    return null;
  });
  const years = pepYears(csv.header);
  const badYear = years.find((y) => y < PEP_FIRST_YEAR || y > currentYear());
  if (badYear !== undefined) {
    throw new InputError(file, 1, `POPESTIMATE${badYear}`, badYear > currentYear() ? `an estimate for ${badYear}, a year in the future (the current year is ${currentYear()})` : `year ${badYear} is before ${PEP_FIRST_YEAR}, outside these files`);
  }
  const src = stage.source.id;
  let national: { row: CsvRow; values: number[] } | null = null;
  const sums = years.map(() => 0);
  const seen = new Set<string>();
  const rowKeys = new Map<string, number>();
  for (const row of csv.rows) {
    stage.rowsRead++;
    stage.onProgress(stage.rowsRead, csv.rows.length);
    const sumlev = row.get('SUMLEV').trim().padStart(3, '0');
    // The layout's key (summary level, region, division, state), for every row, stored or not.
    const rowKey = ['SUMLEV', 'REGION', 'DIVISION', 'STATE'].filter((f) => csv.header.includes(f)).map((f) => row.get(f).trim()).join('|');
    if (rowKeys.has(rowKey)) throw new InputError(file, row.line, 'STATE', `the same geography appears twice (also line ${rowKeys.get(rowKey)})`);
    rowKeys.set(rowKey, row.line);
    if (!['010', '020', '030', '040'].includes(sumlev)) throw new InputError(file, row.line, 'SUMLEV', `unexpected summary level "${row.get('SUMLEV')}"; expected 010, 020, 030 or 040`);
    const values = years.map((y) => pepValue(row, `POPESTIMATE${y}`, file));
    if (sumlev === '010') {
      national = { row, values };
      continue;
    }
    if (sumlev !== '040') {
      stage.skip('Census region or division row (the sum of its states)');
      continue;
    }
    const fips = row.get('STATE').trim().padStart(2, '0');
    if (fips === PR_FIPS) {
      stage.skip('Puerto Rico (outside the U.S. resident population total)');
      continue;
    }
    const usps = stateFromFips(fips);
    if (!usps) throw new InputError(file, row.line, 'STATE', `unknown state FIPS code "${row.get('STATE')}"`);
    if (vintage2023 && row.get('NAME').trim() !== NAME_BY_USPS.get(usps)) {
      throw new InputError(file, row.line, 'NAME', `"${row.get('NAME')}" does not match FIPS ${fips} (${NAME_BY_USPS.get(usps)})`);
    }
    if (seen.has(fips)) throw new InputError(file, row.line, 'STATE', `state FIPS ${fips} appears twice`);
    seen.add(fips);
    const citationId = `${src}:${file}:${row.line}`;
    stage.citation({ id: citationId, sourceId: src, locator: `${file}, line ${row.line} (STATE ${fips}), columns POPESTIMATE${years[0]}–POPESTIMATE${years.at(-1)}` });
    years.forEach((y, i) => {
      sums[i]! += values[i]!;
      stage.observation({ measure: 'census.population', place: usps, period: y, dims: {}, value: values[i]!, valueText: null, citationId, flags: [] });
    });
  }
  if (seen.size !== 51) throw new InputError(file, null, 'STATE', `expected 51 state rows (50 states and D.C.), found ${seen.size}; the file may be truncated`);
  if (!national) throw new InputError(file, null, 'SUMLEV', 'no national row (SUMLEV 010); the file may be truncated');
  // The published national total must equal the sum of the states stored.
  years.forEach((y, i) => {
    if (national!.values[i] !== sums[i]) {
      throw new InputError(file, national!.row.line, `POPESTIMATE${y}`, `national total ${national!.values[i]} differs from the sum of the 50 states and D.C. (${sums[i]})`);
    }
  });
  return csv.rows.length;
}

function pepValue(row: CsvRow, field: string, file: string): number {
  const raw = row.get(field).trim();
  if (!/^\d+$/.test(raw)) throw new InputError(file, row.line, field, `"${raw}" is not a population count`);
  return Number(raw);
}

// ---------------------------------------------------------------------------------------------
// ACS DP05

/** What each stored category is, as the legend's label normalised by `normLabel`. */
const ACS_ITEMS: { measure: string; dims: Record<string, string>; label: string }[] = [
  ...['Male', 'Female'].map((s) => ({ measure: 'census.acs.population.by_sex', dims: { sex: s }, label: `sex and age!!${s.toLowerCase()}` })),
  ...[
    'Under 5 years', '5 to 9 years', '10 to 14 years', '15 to 19 years', '20 to 24 years', '25 to 34 years', '35 to 44 years',
    '45 to 54 years', '55 to 59 years', '60 to 64 years', '65 to 74 years', '75 to 84 years', '85 years and over',
  ].map((a) => ({ measure: 'census.acs.population.by_age', dims: { age_group: a }, label: `sex and age!!${a.toLowerCase()}` })),
  ...[
    'White', 'Black or African American', 'American Indian and Alaska Native', 'Asian', 'Native Hawaiian and Other Pacific Islander', 'Some other race',
  ].map((r) => ({ measure: 'census.acs.population.by_race', dims: { race: r }, label: `race!!one race!!${r.toLowerCase()}` })),
  { measure: 'census.acs.population.by_race', dims: { race: 'Two or more races' }, label: 'race!!two or more races' },
  { measure: 'census.acs.population.by_hispanic_race', dims: { hispanic: 'Hispanic or Latino', race: 'Any race' }, label: 'hispanic or latino and race!!hispanic or latino (of any race)' },
  ...[
    'White', 'Black or African American', 'American Indian and Alaska Native', 'Asian', 'Native Hawaiian and Other Pacific Islander', 'Some other race',
  ].map((r) => ({
    measure: 'census.acs.population.by_hispanic_race',
    dims: { hispanic: 'Not Hispanic or Latino', race: r },
    label: `hispanic or latino and race!!not hispanic or latino!!${r.toLowerCase()} alone`,
  })),
  {
    measure: 'census.acs.population.by_hispanic_race',
    dims: { hispanic: 'Not Hispanic or Latino', race: 'Two or more races' },
    label: 'hispanic or latino and race!!not hispanic or latino!!two or more races',
  },
];
const TOTAL_LABEL = 'sex and age!!total population';

/**
 * Legend labels differ by year ("SEX AND AGE!!Male" in 2010, "SEX AND AGE!!Total population!!Male"
 * from 2015): drop "Estimate" and inner "Total population" segments, compare case-insensitively.
 */
export function normLabel(label: string): string {
  const parts = label.split('!!').map((p) => p.trim());
  if (parts[0] === 'Estimate') parts.shift();
  return parts.filter((p, i) => !(p === 'Total population' && i > 0 && i < parts.length - 1)).join('!!').toLowerCase();
}

/** Census API annotation values (e.g. -555555555) stand for missing values, never numbers. */
const ANNOTATION = /^-(\d)\1{8}$/;

async function loadAcsYear(dataPath: string, dataFile: string, legendPath: string, legendFile: string, stage: Stage): Promise<number> {
  const year = Number(/(\d{4})\.csv$/.exec(dataFile)![1]);
  const legend = await readCsv(legendPath, legendFile, ['VARIABLE', 'TYPE', 'LABEL', 'GROUP']);
  // First estimate variable (lowest number) per normalised label.
  const byLabel = new Map<string, { variable: string; line: number }>();
  const variables = new Map<string, number>();
  for (const row of legend.rows) {
    const v = row.get('VARIABLE').trim();
    if (variables.has(v)) throw new InputError(legendFile, row.line, 'VARIABLE', `variable ${v} appears twice (also line ${variables.get(v)})`);
    variables.set(v, row.line);
    if (!/^DP05_\d{4}E$/.test(v)) continue;
    const key = normLabel(row.get('LABEL'));
    const prev = byLabel.get(key);
    if (!prev || v < prev.variable) byLabel.set(key, { variable: v, line: row.line });
  }
  const find = (label: string) => {
    const hit = byLabel.get(label);
    if (!hit) throw new InputError(legendFile, null, 'LABEL', `no estimate variable labelled "${label}" (after normalising); the legend does not match DP05`);
    return hit.variable;
  };
  const totalVar = find(TOTAL_LABEL);
  const items = ACS_ITEMS.map((it) => ({ ...it, variable: find(it.label) }));
  const needed = [totalVar, ...items.map((i) => i.variable)];
  const data = await readCsvFlexible(dataPath, dataFile, (h) => {
    const odd = h.filter((c) => c !== 'GEO_ID' && !/^DP05_\d{4}P?[EM]A?$/.test(c) && c !== 'NAME' && c !== 'state');
    if (odd.length) return `unexpected ${odd.slice(0, 3).map((c) => `"${c}"`).join(', ')}`;
    return missingColumns(h, ['state', ...needed]);
  });
  await loadAcsRows(data, dataFile, year, totalVar, items, stage);
  return data.rows.length;
}

async function loadAcsRows(
  data: CsvFile,
  file: string,
  year: number,
  totalVar: string,
  items: { measure: string; dims: Record<string, string>; variable: string }[],
  stage: Stage,
): Promise<void> {
  const src = stage.source.id;
  const seen = new Set<string>();
  for (const row of data.rows) {
    stage.rowsRead++;
    // `state` (FIPS) is in every year's file; GEO_ID and NAME are missing from 2016 and checked where present.
    const fips = row.get('state').trim();
    if (!/^\d{2}$/.test(fips)) throw new InputError(file, row.line, 'state', `"${fips}" is not a two-digit state FIPS code`);
    const geo = data.header.includes('GEO_ID') ? row.get('GEO_ID').trim() : `0400000US${fips}`;
    if (geo !== `0400000US${fips}`) throw new InputError(file, row.line, 'GEO_ID', `"${geo}" does not match state FIPS ${fips}`);
    if (seen.has(fips)) throw new InputError(file, row.line, 'state', `state ${fips} appears twice`);
    seen.add(fips);
    if (fips === PR_FIPS) {
      stage.skip('Puerto Rico (outside the U.S. resident population total)');
      continue;
    }
    const usps = stateFromFips(fips);
    if (!usps) throw new InputError(file, row.line, 'state', `unknown state FIPS code "${fips}"`);
    if (data.header.includes('NAME') && row.get('NAME').trim() !== NAME_BY_USPS.get(usps)) {
      throw new InputError(file, row.line, 'NAME', `"${row.get('NAME')}" does not match state FIPS ${fips} (${NAME_BY_USPS.get(usps)})`);
    }
    const total = acsValue(row, totalVar, file);
    const sums = new Map<string, number>();
    for (const it of items) {
      const v = acsValue(row, it.variable, file);
      const citationId = `${src}:${year}:${fips}:${it.variable}`;
      stage.citation({ id: citationId, sourceId: src, locator: `${file}, line ${row.line} (${geo}), column ${it.variable}` });
      stage.observation({
        measure: it.measure,
        place: usps,
        period: year,
        dims: it.dims,
        value: v.value,
        valueText: null,
        citationId,
        flags: v.annotation ? [`census_annotation:${v.annotation}`] : [],
      });
      // A missing component (NaN) switches the check off for that breakdown.
      sums.set(it.measure, (sums.get(it.measure) ?? 0) + (v.value ?? Number.NaN));
    }
    // Each breakdown is a margin of the same total: a mismatch means the legend was mapped wrongly.
    if (total.value !== null) {
      for (const [measure, sum] of sums) {
        if (!Number.isNaN(sum) && sum !== total.value) {
          throw new InputError(file, row.line, totalVar, `the ${measure.split('.').pop()} categories sum to ${sum}, not the total population ${total.value}; check the legend mapping`);
        }
      }
    }
  }
  const states = [...seen].filter((f) => f !== PR_FIPS).length;
  if (states !== 51) throw new InputError(file, null, 'state', `expected 51 state rows (50 states and D.C.), found ${states}; the file may be truncated`);
}

function acsValue(row: CsvRow, field: string, file: string): { value: number | null; annotation: string | null } {
  const raw = row.get(field).trim();
  if (ANNOTATION.test(raw)) return { value: null, annotation: raw };
  if (raw === '' || raw === 'null' || raw === 'N' || raw === '(X)') return { value: null, annotation: raw || 'blank' };
  if (!/^\d+$/.test(raw)) throw new InputError(file, row.line, field, `"${raw}" is not a population count or a Census annotation code`);
  return { value: Number(raw), annotation: null };
}
