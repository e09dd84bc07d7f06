// FBI Crime in the United States, Table 69 "Arrests by State" (Table 22 in CIUS 2016), 2013–2021:
// the official .xls workbooks (2014–2018) and CSV exports of the same table saved by a repository
// author (2013–2021). Where both exist the official workbook leads and the two are compared cell by
// cell; where only the export exists it is used and says so. Format: MANIFEST.md ("Added in turn 2").
//
// Stored: arrests for prostitution and commercialized vice (all ages and under 18), all arrests, and
// the coverage columns (number of agencies, estimated population of the reporting agencies), by state.
// Table 69 of these years has no human-trafficking column; that is stated, not filled with zeros.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { decodeUtf8 } from '../csv.ts';
import { InputError } from '../errors.ts';
import { US_STATES } from '../../model/places.ts';
import type { Importer, SourceSpec } from '../importer.ts';
import type { Stage } from '../../store/store.ts';
import { CIUS_MEASURES } from './measures.ts';
import { readXls, type Cell } from './xls.ts';
import { CIUS_SOURCE, csvFile, tableNumber, xlsFile } from './source.ts';

export const CIUS_YEARS = [2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021];
const MAX_BYTES = 4 << 20;

/** The 35 columns of the table, footnote markers and line breaks removed. */
export const COLUMNS = [
  'State', 'Age', 'Total all classes', 'Violent crime', 'Property crime', 'Murder and nonnegligent manslaughter', 'Rape', 'Robbery',
  'Aggravated assault', 'Burglary', 'Larceny-theft', 'Motor vehicle theft', 'Arson', 'Other assaults', 'Forgery and counterfeiting',
  'Fraud', 'Embezzlement', 'Stolen property; buying, receiving, possessing', 'Vandalism', 'Weapons; carrying, possessing, etc.',
  'Prostitution and commercialized vice', 'Sex offenses (except rape and prostitution)', 'Drug abuse violations', 'Gambling',
  'Offenses against the family and children', 'Driving under the influence', 'Liquor laws', 'Drunkenness', 'Disorderly conduct',
  'Vagrancy', 'All other offenses (except traffic)', 'Suspicion', 'Curfew and loitering law violations', 'Number of agencies',
  'YEAR estimated population',
];
const C = Object.fromEntries(COLUMNS.map((c, i) => [c, i])) as Record<string, number>;
const TOTAL = C['Total all classes']!;
const VIOLENT = C['Violent crime']!;
const PROPERTY = C['Property crime']!;
const PROSTITUTION = C['Prostitution and commercialized vice']!;
const AGENCIES = C['Number of agencies']!;
const POPULATION = COLUMNS.length - 1;
const VIOLENT_PARTS = ['Murder and nonnegligent manslaughter', 'Rape', 'Robbery', 'Aggravated assault'].map((c) => C[c]!);
const PROPERTY_PARTS = ['Burglary', 'Larceny-theft', 'Motor vehicle theft', 'Arson'].map((c) => C[c]!);
/** The offense columns whose sum the publisher's "Total all classes" should be (the two subtotals aside). */
const OFFENSES = COLUMNS.map((_, i) => i).filter((i) => i > PROPERTY && i < AGENCIES);

const STATE_BY_NAME = new Map(US_STATES.map(([usps, , name]) => [name.toUpperCase(), usps]));

/** "Total\nall \nclasses1" → "Total all classes"; "Larceny-\ntheft" → "Larceny-theft"; "2014\nestimated \npopulation" → "YEAR …". */
export function normalizeHeader(h: string, year: number): string {
  const flat = h.replace(/-\s*\n\s*/g, '-').replace(/\s+/g, ' ').trim().replace(/(?<=[a-z)])\d+(, ?\d+)*$/, '');
  return flat === `${year} estimated population` ? 'YEAR estimated population' : flat;
}

/** "FLORIDA5, 7" → { name: "FLORIDA", notes: [5, 7] }. */
export function splitStateLabel(label: string): { name: string; notes: number[] } {
  const m = /^([A-Z][A-Z .]*?)\s*(\d+(?:,\s*\d+)*)?\s*$/.exec(label.trim());
  if (!m) return { name: label.trim(), notes: [] };
  return { name: m[1]!, notes: m[2] ? m[2].split(',').map((n) => Number(n.trim())) : [] };
}

interface StateRows {
  state: string;
  notes: number[];
  /** 1-based line (CSV) or sheet row of the Under 18 row. */
  line: number;
  under18: number[];
  all: number[];
  /** Listed with every figure blank: no data for the state that year. */
  blank: boolean;
}

interface Table {
  file: string;
  rows: StateRows[];
  /** Offense columns blank for every state (not published that year, e.g. drunkenness and suspicion in 2021). */
  unpublished: string[];
  /** Footnote number → text (the workbook has them; the CSV export dropped them). */
  footnotes: Map<number, string>;
}

const num = (v: Cell | undefined, file: string, line: number, column: string): number => {
  if (v === undefined || v === '') return Number.NaN;
  if (typeof v === 'number') {
    if (!Number.isInteger(v) || v < 0) throw new InputError(file, line, column, `${v} is not a non-negative whole number`);
    return v;
  }
  const t = v.trim();
  if (!/^\d+$/.test(t) && !/^\d{1,3}(,\d{3})+$/.test(t)) throw new InputError(file, line, column, `"${v}" is not a whole number`);
  return Number(t.replaceAll(',', ''));
};

/** Two rows per state (Under 18, then Total all ages), 50 states and D.C., in any order. */
function tableFrom(cellsOf: (i: number) => Cell[] | undefined, first: number, count: number, lineOf: (i: number) => number, file: string, year: number): { rows: StateRows[]; unpublished: string[] } {
  const out: StateRows[] = [];
  const seen = new Set<string>();
  const blanks: { k: number; line: number }[] = [];
  let i = first;
  while (i < count) {
    const row = cellsOf(i) ?? [];
    const label = typeof row[0] === 'string' ? row[0].trim() : '';
    const hasNumbers = row.slice(2).some((v) => typeof v === 'number' || (typeof v === 'string' && v.trim() !== ''));
    if (!label) {
      if (hasNumbers) throw new InputError(file, lineOf(i), 'State', 'figures without a state');
      i++;
      continue;
    }
    if (/^\d/.test(label)) break; // the footnotes start
    const { name, notes } = splitStateLabel(label);
    const state = STATE_BY_NAME.get(name);
    if (!state || state === 'PR') throw new InputError(file, lineOf(i), 'State', `"${label}" is not a state or D.C.`);
    if (seen.has(state)) throw new InputError(file, lineOf(i), 'State', `${name} appears twice`);
    seen.add(state);
    const next = cellsOf(i + 1) ?? [];
    if (String(row[1] ?? '').trim() !== 'Under 18') throw new InputError(file, lineOf(i), 'Age', `"${String(row[1] ?? '')}" where "Under 18" is expected`);
    if (String(next[1] ?? '').trim() !== 'Total all ages') throw new InputError(file, lineOf(i + 1), 'Age', `"${String(next[1] ?? '')}" where "Total all ages" is expected after ${name} Under 18`);
    const nextLabel = typeof next[0] === 'string' ? next[0].trim() : '';
    if (nextLabel && splitStateLabel(nextLabel).name !== name) throw new InputError(file, lineOf(i + 1), 'State', `"${nextLabel}" where the Total all ages row of ${name} is expected`);
    const values = (r: Cell[], line: number, upto: number) => COLUMNS.slice(0, upto).map((c, k) => (k < 2 ? 0 : num(r[k], file, line, c.replace('YEAR', String(year)))));
    const under18 = values(row, lineOf(i), COLUMNS.length);
    const all = values(next, lineOf(i + 1), AGENCIES);
    // A state the table lists without any figure (Iowa 2018: "limited data … were available"): kept as absent.
    if ([...under18.slice(2), ...all.slice(2)].every((v) => Number.isNaN(v))) {
      out.push({ state, notes, line: lineOf(i), under18, all, blank: true });
      i += 2;
      continue;
    }
    for (const [r, line] of [[under18, lineOf(i)], [all, lineOf(i + 1)]] as const) {
      // Blank cells are checked after the pass: a column blank for every state is "not published that year".
      for (let k = 2; k < AGENCIES; k++) if (Number.isNaN(r[k])) blanks.push({ k, line });
      // The publisher's subtotals: violent and property crime are sums of their offenses.
      for (const [sub, parts] of [[VIOLENT, VIOLENT_PARTS], [PROPERTY, PROPERTY_PARTS]] as const) {
        const s = parts.reduce((a, k) => a + r[k]!, 0);
        if (!Number.isNaN(s) && s !== r[sub]) throw new InputError(file, line, COLUMNS[sub]!, `${r[sub]} is not the sum of its offenses (${s})`);
      }
    }
    for (let k = 2; k < AGENCIES; k++) {
      if (under18[k]! > all[k]!) throw new InputError(file, lineOf(i), COLUMNS[k]!, `${under18[k]} arrests under 18 exceed the ${all[k]} of all ages`);
    }
    if (Number.isNaN(under18[AGENCIES])) throw new InputError(file, lineOf(i), COLUMNS[AGENCIES]!, 'value is missing');
    // The population may be blank: D.C.'s Metro Transit Police "has no population associated with it" (FBI footnote).
    out.push({ state, notes, line: lineOf(i), under18, all, blank: false });
    i += 2;
  }
  if (out.length !== 51) throw new InputError(file, null, 'State', `${out.length} states; the table has the 50 states and D.C.`);
  const withFigures = out.filter((r) => !r.blank).length;
  const perColumn = new Map<number, number>();
  for (const b of blanks) perColumn.set(b.k, (perColumn.get(b.k) ?? 0) + 1);
  const unpublished = [...perColumn].filter(([, n]) => n === withFigures * 2).map(([k]) => k);
  const stray = blanks.find((b) => !unpublished.includes(b.k));
  if (stray) throw new InputError(file, stray.line, COLUMNS[stray.k]!, 'value is missing (only a column blank for every state can mean "not published")');
  return { rows: out, unpublished: unpublished.map((k) => COLUMNS[k]!) };
}

function checkHeader(header: string[], year: number, file: string, line: number): void {
  // The workbooks leave the heading of the Age column blank; the exports name it.
  const got = header.map((h, k) => (k === 1 && h.trim() === '' ? 'Age' : normalizeHeader(h, year)));
  const bad = COLUMNS.findIndex((c, k) => got[k] !== c);
  if (got.length !== COLUMNS.length || bad >= 0) {
    const k = bad >= 0 ? bad : Math.min(got.length, COLUMNS.length);
    throw new InputError(file, line, `column ${k + 1}`, `"${got[k] ?? ''}" where "${(COLUMNS[k] ?? '').replace('YEAR', String(year))}" is expected (Table ${tableNumber(year)} has ${COLUMNS.length} columns)`);
  }
}

async function readCsvExport(path: string, year: number): Promise<Table> {
  const file = csvFile(year);
  const buf = await readFile(path);
  if (buf.length === 0 || buf.length > MAX_BYTES) throw new InputError(file, null, null, buf.length ? `file is ${buf.length} bytes (cap ${MAX_BYTES})` : 'file is empty');
  let recs: { record: string[]; info: { lines: number } }[];
  try {
    recs = parse(decodeUtf8(buf, file), { info: true, bom: true, relax_column_count: false, skip_empty_lines: true }) as unknown as typeof recs;
  } catch (e) {
    const err = e as { lines?: number; message: string };
    throw new InputError(file, err.lines ?? null, null, `the CSV cannot be read: ${err.message}`);
  }
  checkHeader(recs[0]?.record ?? [], year, file, 1);
  // info.lines is where a record ends; the header spans many lines, data rows one each.
  const { rows, unpublished } = tableFrom((i) => recs[i]?.record, 1, recs.length, (i) => recs[i]!.info.lines, file, year);
  return { file, rows, unpublished, footnotes: new Map() };
}

async function readWorkbook(path: string, year: number): Promise<Table> {
  const file = xlsFile(year);
  const buf = await readFile(path);
  if (buf.length === 0 || buf.length > MAX_BYTES) throw new InputError(file, null, null, buf.length ? `file is ${buf.length} bytes (cap ${MAX_BYTES})` : 'file is empty');
  const sheets = readXls(buf, file);
  const want = `${String(year).slice(2)}tbl${tableNumber(year)}`;
  const sheet = sheets.find((s) => s.name === want);
  if (!sheet) throw new InputError(file, null, 'sheet', `no sheet "${want}" (found: ${sheets.map((s) => s.name).join(', ')}); CIUS ${year} numbers this table ${tableNumber(year)}`);
  const title = sheet.rows.slice(0, 4).map((r) => String(r?.[0] ?? '')).join(' ');
  if (!title.includes(`Table ${tableNumber(year)}`) || !sheet.rows.slice(0, 4).some((r) => String(r?.[0] ?? '').includes(`by State, ${year}`))) {
    throw new InputError(file, 1, `sheet ${want}`, `the title is not "Table ${tableNumber(year)} Arrests by State, ${year}"`);
  }
  const h = sheet.rows.findIndex((r) => r?.[0] === 'State');
  if (h < 0) throw new InputError(file, null, `sheet ${want}`, 'no header row starting with "State"');
  // Array.from: rows are sparse (absent cells are holes, which map() would skip).
  checkHeader(Array.from(sheet.rows[h] ?? [], (c) => String(c ?? '')), year, `${file} [${want}]`, h + 1);
  const { rows, unpublished } = tableFrom((i) => sheet.rows[i], h + 1, sheet.rows.length, (i) => i + 1, `${file} [${want}]`, year);
  const footnotes = new Map<number, string>();
  for (const r of sheet.rows) {
    const m = typeof r?.[0] === 'string' ? /^(\d+)\s+(.+)$/.exec(r[0].trim()) : null;
    if (m) footnotes.set(Number(m[1]), m[2]!.replace(/\s+/g, ' '));
  }
  return { file: `${file} [${want}]`, rows, unpublished, footnotes };
}

export const ciusImporter: Importer = {
  ...CIUS_SOURCE,
  async discover(dataDir) {
    // One source for all years (the measures are defined once); each year reads its workbook and/or export.
    const files: string[] = [];
    const officialYears: number[] = [];
    const exportOnly: number[] = [];
    for (const year of CIUS_YEARS) {
      const present = [xlsFile(year), csvFile(year)].map((f) => join(dataDir, f)).filter((f) => existsSync(f));
      if (!present.length) continue;
      files.push(...present);
      (present[0]!.endsWith('.xls') ? officialYears : exportOnly).push(year);
    }
    if (!files.length) return [];
    const years = [...officialYears, ...exportOnly].sort();
    const parts = [
      officialYears.length ? `official workbooks ${officialYears.join(', ')}` : '',
      exportOnly.length ? `CSV exports by a repository author for ${exportOnly.join(', ')} (secondary copies)` : '',
    ].filter(Boolean);
    return [
      {
        description: {
          id: 'fbi.cius69',
          family: 'fbi',
          publisher: 'FBI Uniform Crime Reporting Program',
          title: `Crime in the United States ${years[0]}–${years[years.length - 1]}, Table 69 (22 in 2016): Arrests by State — ${parts.join('; ')}`,
          url: 'https://ucr.fbi.gov/crime-in-the-u.s',
          license:
            'U.S. federal government work (public domain in the U.S.). Workbooks copied from github.com/codeforboston/clean-slate-data data/fbi/raw (MIT) @ 49298c4f; ' +
            'CSV exports from github.com/sh3laughs/Ending-Human-Trafficking-Project Data/Crime/allCrimes_<year>.csv @ 268a0cff (no license stated).',
          format: 'xls (BIFF8) and csv',
        },
        files,
      } satisfies SourceSpec,
    ];
  },
  async load(spec, stage) {
    for (const m of CIUS_MEASURES) stage.measure(m);
    for (const year of CIUS_YEARS) {
      const xlsPath = spec.files.find((f) => f.endsWith(xlsFile(year)));
      const csvPath = spec.files.find((f) => f.endsWith(csvFile(year)));
      if (!xlsPath && !csvPath) continue;
      const official = xlsPath ? await readWorkbook(xlsPath, year) : null;
      const exported = csvPath ? await readCsvExport(csvPath, year) : null;
      storeTable(stage, year, official, exported);
    }
  },
};

function storeTable(stage: Stage, year: number, official: Table | null, exported: Table | null): void {
  const lead = (official ?? exported)!;
  const src = stage.source.id;
  const caveat = (text: string, place: string | null = null, measure: string | null = null) => stage.caveat({ sourceId: src, measure, place, period: year, text });
  caveat('“Prostitution and commercialized vice” lumps together people who sell sex, promoters and buyers; it is not a count of trafficking. Table 69 of these years has no human-trafficking column: trafficking arrests are not in this table and are not shown as zero.');
  caveat(`Arrests reported by the agencies counted in “Number of agencies” (stored as fbi.cius69.agencies), covering the population in “${year} estimated population” (fbi.cius69.population_covered); states with few reporting agencies are undercounted, so compare states and years only with their coverage.`);
  if (year === 2021) caveat('2021 was the first year the FBI accepted only NIBRS data: many large agencies (e.g. most of California) did not report, so 2021 arrests collapse for many states — a coverage break, not a fall in arrests.');
  if (year === 2016) caveat('In Crime in the United States 2016 this table is numbered 22 (sheet 16tbl22), not 69.');
  if (lead.unpublished.length) caveat(`The ${year} table leaves ${lead.unpublished.join(' and ')} blank for every state (not published that year).`);
  if (!official) caveat(`The official ${year} workbook is not in the data directory: these figures come from a CSV export of the table saved by a repository author (title rows and footnotes removed), a secondary copy.`);
  // Footnote markers glued to state names point at the workbook's footnotes.
  for (const r of lead.rows) {
    for (const n of r.notes) {
      const text = lead.footnotes.get(n);
      if (text) caveat(`FBI footnote ${n} to ${r.state} in Table ${tableNumber(year)}: ${text}`, r.state);
      else if (official) throw new InputError(lead.file, r.line, 'State', `footnote marker ${n} has no footnote in the sheet`);
      else caveat(`The table marks ${r.state} with footnote ${n}; the CSV export dropped the footnote text.`, r.state);
    }
  }
  // The publisher's "Total all classes" against the sum of its offense columns: stated where they differ.
  const off: string[] = [];
  for (const r of lead.rows) {
    if (r.blank) continue;
    for (const [label, v] of [['under 18', r.under18], ['all ages', r.all]] as const) {
      const s = OFFENSES.reduce((a, k) => a + (Number.isNaN(v[k]) ? 0 : v[k]!), 0);
      if (s !== v[TOTAL]) off.push(`${r.state} ${label}: total ${v[TOTAL]!.toLocaleString('en-US')}, offenses sum to ${s.toLocaleString('en-US')}`);
    }
  }
  if (off.length) caveat(`In ${off.length} rows the table’s “Total all classes” differs from the sum of its offense columns (${off.join('; ')}); values are stored as published.`, null, 'fbi.cius69.total_arrests');
  if (official && exported) {
    const byState = new Map(exported.rows.map((r) => [r.state, r]));
    const diffs: string[] = [];
    let compared = 0;
    for (const r of official.rows) {
      const e = byState.get(r.state);
      for (let k = 2; k < COLUMNS.length; k++) {
        for (const [label, a, b] of [['under 18', r.under18[k], e?.under18[k]], ['all ages', r.all[k], e?.all[k]]] as const) {
          if (k >= AGENCIES && label === 'all ages') continue;
          compared++;
          if (a !== b && !(Number.isNaN(a) && Number.isNaN(b))) diffs.push(`${r.state} ${label} ${COLUMNS[k]!.replace('YEAR', String(year))}: workbook ${a}, export ${b ?? 'absent'}`);
        }
      }
    }
    caveat(
      diffs.length
        ? `The CSV export of this table disagrees with the official workbook in ${diffs.length} cells (${diffs.slice(0, 5).join('; ')}${diffs.length > 5 ? '; …' : ''}); the workbook’s values are stored.`
        : `The CSV export of this table (${exported.file}) was compared with the official workbook cell by cell: all ${compared.toLocaleString('en-US')} values agree. The workbook’s values are stored.`,
    );
  }
  for (const r of lead.rows) {
    stage.rowsRead += 2;
    if (r.blank) {
      caveat(`Table ${tableNumber(year)} lists ${r.state} without any figure for ${year}; nothing is stored for it (no data, not zero).`, r.state);
      stage.skip('state listed without figures');
      continue;
    }
    const id = `${src}:${year}:${r.state}`;
    stage.citation({ id, sourceId: src, locator: `${lead.file}, ${official ? 'sheet row' : 'line'} ${r.line}–${r.line + 1} (${r.state}, Under 18 and Total all ages)` });
    const obs = (measure: string, value: number) => stage.observation({ measure, place: r.state, period: year, dims: {}, value, valueText: null, citationId: id, flags: official ? [] : ['secondary_copy'] });
    obs('fbi.cius69.prostitution_arrests', r.all[PROSTITUTION]!);
    obs('fbi.cius69.prostitution_arrests_under18', r.under18[PROSTITUTION]!);
    obs('fbi.cius69.total_arrests', r.all[TOTAL]!);
    obs('fbi.cius69.agencies', r.under18[AGENCIES]!);
    if (Number.isNaN(r.under18[POPULATION])) stage.skip('blank estimated population (an agency with no population of its own, e.g. D.C. transit police)');
    else obs('fbi.cius69.population_covered', r.under18[POPULATION]!);
  }
}
