// FBI UCR Human Trafficking master file (raw, fixed width, one record per agency), 2015:
// shared/data/stats/FORMATS.md §2.2 and MANIFEST.md ("Added in turn 2"). Counts are per agency and
// so sub-state: they are stored for agency places (ORI under state) and every output passes them
// through disclosure control. Commercial sex acts (sex trafficking) and involuntary servitude (labor
// trafficking) are separate measures; the file's own "total" columns are only used as a check.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readCsvFlexible, missingColumns } from '../stats-common/util.ts';
import { InputError } from '../errors.ts';
import { isUsState } from '../../model/places.ts';
import type { Importer } from '../importer.ts';
import type { Stage } from '../../store/store.ts';
import { specIfPresent } from '../stats-common/util.ts';
import { HT_MASTER_KINDS, HT_MASTER_MEASURES, HT_MASTER_FORMS } from './measures.ts';
import { FBI_HT_MASTER_SOURCE, HT_CDE_CSV, HT_MASTER_FILE } from './source.ts';

/** The year the file is named for; every record's two-digit year must agree. */
const FILE_YEAR = 2015;
/** The real file is 3.3 MB (22,524 agencies × at most 987 characters); far more is not this file. */
const MAX_BYTES = 64 << 20;
const HEADER_WIDTH = 87;
const MONTH_WIDTH = 75; // 15 fields of 5
const FIELD_WIDTH = 5;

/** Month report codes (positions 76–87): X no human-trafficking data, Q no report (type 14), N data received. */
const REPORT_CODES = new Set(['X', 'Q', 'N']);

export const fbiHtMasterImporter: Importer = {
  ...FBI_HT_MASTER_SOURCE,
  async discover(dataDir) {
    const specs = specIfPresent(
      dataDir,
      {
        id: 'fbi.htmaster.2015',
        family: 'fbi',
        publisher: 'FBI Uniform Crime Reporting Program',
        title: 'Human Trafficking master file, 2015 (raw fixed-width agency records)',
        url: 'https://cde.ucr.cjis.gov/LATEST/webapp/#/pages/downloads',
        license:
          'U.S. federal government work (public domain in the U.S.); no license stated by the repository it was copied from. ' +
          'Copied from github.com/sh3laughs/Ending-Human-Trafficking-Project Data/Crime/Unused trafficking crime data/traffickingCrimes_2015.txt @ 268a0cff.',
        format: 'fixed-width (FBI Human Trafficking record description)',
      },
      [HT_MASTER_FILE],
    );
    // The CDE CSV joins the spec when present: the caveat comparing the two derives from both.
    for (const s of specs) if (existsSync(join(dataDir, HT_CDE_CSV))) s.files.push(join(dataDir, HT_CDE_CSV));
    return specs;
  },
  async load(spec, stage) {
    await loadMaster(spec.files[0]!, stage, spec.files[1] ?? null);
  },
};

interface AgencyRecord {
  ori9: string;
  state: string;
  name: string;
  population: number;
  months: number;
  /** Sums over the year, indexed [kind][form]: kinds reported, unfounded, actual, cleared, cleared_juvenile; forms CSA, IS. */
  sums: number[][];
}

export async function loadMaster(path: string, stage: Stage, cdeCsv: string | null = null): Promise<void> {
  const file = HT_MASTER_FILE;
  const buf = await readFile(path);
  if (buf.length === 0) throw new InputError(file, null, null, 'file is empty');
  if (buf.length > MAX_BYTES) throw new InputError(file, null, null, `file is ${buf.length} bytes, far more than the master file of one year (cap ${MAX_BYTES})`);
  // The record description is ASCII; anything else is not this file.
  const bad = buf.findIndex((b) => b > 0x7e || (b < 0x20 && b !== 0x0a && b !== 0x0d));
  if (bad >= 0) throw new InputError(file, buf.subarray(0, bad).toString('latin1').split('\n').length, null, `byte 0x${buf[bad]!.toString(16)} is not printable ASCII`);
  const lines = buf.toString('latin1').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const m of HT_MASTER_MEASURES) stage.measure(m);
  const src = stage.source.id;
  const agencies: AgencyRecord[] = [];
  const seenOri = new Set<string>();
  let territories = 0;
  const yy = String(FILE_YEAR % 100).padStart(2, '0');
  for (let i = 0; i < lines.length; i++) {
    const n = i + 1;
    const line = lines[i]!.replace(/\r$/, '');
    stage.rowsRead++;
    if (i % 2000 === 0) stage.onProgress(i, lines.length);
    const field = (from: number, to: number) => line.slice(from - 1, to); // 1-based, inclusive, as the record description
    if (line.length < HEADER_WIDTH || (line.length - HEADER_WIDTH) % MONTH_WIDTH !== 0 || line.length > HEADER_WIDTH + 12 * MONTH_WIDTH) {
      throw new InputError(file, n, 'record length', `${line.length} characters; a record is ${HEADER_WIDTH} plus 75 per month with data (at most 12 months), trailing blanks trimmed`);
    }
    if (field(1, 1) !== '9') throw new InputError(file, n, 'identifier (position 1)', `"${field(1, 1)}" is not 9, the Human Trafficking master-file identifier`);
    if (field(14, 15) !== yy) throw new InputError(file, n, 'year (positions 14–15)', `"${field(14, 15)}" is not ${yy}: the file holds ${FILE_YEAR}`);
    const ori7 = field(4, 10);
    if (!/^[A-Z]{2}[A-Z0-9]{5}$/.test(ori7)) throw new InputError(file, n, 'ORI (positions 4–10)', `"${ori7}" is not a 7-character ORI`);
    const popText = field(37, 45).trim();
    if (!/^\d+$/.test(popText)) throw new InputError(file, n, 'population (positions 37–45)', `"${field(37, 45)}" is not a whole number`);
    const codes = field(76, 87);
    const months: number[] = [];
    for (let m = 0; m < 12; m++) {
      const c = codes[m]!;
      if (!REPORT_CODES.has(c)) throw new InputError(file, n, `month ${m + 1} report code (position ${76 + m})`, `"${c}" is not X, Q or N`);
      if (c === 'N') months.push(m);
    }
    // The data area: one 75-character block per month up to the last month with data.
    const blocks = (line.length - HEADER_WIDTH) / MONTH_WIDTH;
    const sums = HT_MASTER_KINDS.map(() => [0, 0]);
    for (let m = 0; m < 12; m++) {
      const start = HEADER_WIDTH + m * MONTH_WIDTH; // 0-based
      const block = m < blocks ? line.slice(start, start + MONTH_WIDTH) : '';
      const hasData = codes[m] === 'N';
      if (!hasData) {
        if (block.trim() !== '') throw new InputError(file, n, `month ${m + 1} data (positions ${start + 1}–${start + MONTH_WIDTH})`, `figures for a month whose report code is "${codes[m]}", not N`);
        continue;
      }
      if (m >= blocks) throw new InputError(file, n, `month ${m + 1} data (position ${start + 1})`, 'the report code says data were received (N) but the record ends before this month');
      const v: number[] = [];
      for (let f = 0; f < 15; f++) {
        const raw = block.slice(f * FIELD_WIDTH, (f + 1) * FIELD_WIDTH);
        if (!/^ *-?\d+$/.test(raw)) throw new InputError(file, n, `month ${m + 1} field ${f + 1} (positions ${start + f * FIELD_WIDTH + 1}–${start + (f + 1) * FIELD_WIDTH})`, `"${raw}" is not a number`);
        v.push(Number(raw));
      }
      // Each kind is (commercial sex acts, involuntary servitude, total): the publisher's total must add up.
      for (let k = 0; k < HT_MASTER_KINDS.length; k++) {
        const [csa, is, total] = [v[k * 3]!, v[k * 3 + 1]!, v[k * 3 + 2]!];
        if (csa + is !== total) {
          throw new InputError(file, n, `month ${m + 1} ${HT_MASTER_KINDS[k]!.label} total (positions ${start + (k * 3 + 2) * FIELD_WIDTH + 1}–${start + (k * 3 + 3) * FIELD_WIDTH})`, `${total} is not ${csa} + ${is}`);
        }
        sums[k]![0]! += csa;
        sums[k]![1]! += is;
      }
    }
    if (months.length === 0) {
      stage.skip('agency with no month of human-trafficking data (report codes X or Q only)');
      continue;
    }
    const state = ori7.slice(0, 2);
    if (!isUsState(state)) {
      territories++;
      stage.skip('agency outside the 50 states, D.C. and Puerto Rico');
      continue;
    }
    // The 9-character ORI of the other FBI files is the 7-character UCR ORI followed by "00" for the agency itself.
    const ori9 = `${ori7}00`;
    if (seenOri.has(ori9)) throw new InputError(file, n, 'ORI (positions 4–10)', `${ori7} has a second record`);
    seenOri.add(ori9);
    agencies.push({ ori9, state, name: field(46, 69).trim() || ori7, population: Number(popText), months: months.length, sums });
  }
  stage.onProgress(lines.length, lines.length);
  if (agencies.length === 0) throw new InputError(file, null, null, 'no agency reported any month of human-trafficking data');

  const citationId = `${src}:records`;
  stage.citation({ id: citationId, sourceId: src, locator: `${file}: agency records, monthly fields summed over the months with report code N (record description FORMATS.md §2.2)` });
  // Agencies other sources already named (in mixed case, with units) keep their names: this file's are upper-case.
  const known = new Set((await stage.connection.runAndReadAll("SELECT id FROM places WHERE kind = 'agency'")).getRowObjectsJS().map((r) => String(r.id)));
  for (const a of agencies) {
    if (!known.has(a.ori9)) stage.place({ id: a.ori9, kind: 'agency', name: a.name, parent: a.state });
    HT_MASTER_KINDS.forEach((kind, k) => {
      HT_MASTER_FORMS.forEach((form, f) => {
        stage.observation({ measure: `fbi.htmaster.${kind.id}.${form.slug}`, place: a.ori9, period: FILE_YEAR, dims: {}, value: a.sums[k]![f]!, valueText: null, citationId, flags: [] });
      });
    });
  }
  // Coverage by state: agencies with at least one month of data, and the population they serve.
  const byState = new Map<string, { agencies: number; population: number; months: number }>();
  for (const a of agencies) {
    const s = byState.get(a.state) ?? { agencies: 0, population: 0, months: 0 };
    s.agencies++;
    s.population += a.population;
    s.months += a.months;
    byState.set(a.state, s);
  }
  for (const [state, s] of byState) {
    stage.observation({ measure: 'fbi.htmaster.reporting_agencies', place: state, period: FILE_YEAR, dims: {}, value: s.agencies, valueText: null, citationId, flags: [] });
    stage.observation({ measure: 'fbi.htmaster.population_covered', place: state, period: FILE_YEAR, dims: {}, value: s.population, valueText: null, citationId, flags: [] });
  }
  for (const text of [
    `Participation in the UCR human-trafficking collection was partial in ${FILE_YEAR}: ${agencies.length.toLocaleString('en-US')} agencies in ${byState.size} states and D.C. sent at least one month of data; the other ${(lines.length - agencies.length).toLocaleString('en-US')} records of the file sent none. National and state sums cover only those agencies (see fbi.htmaster.reporting_agencies and fbi.htmaster.population_covered).`,
    'Agency places use the 9-character ORI of the other FBI files, made from the file’s 7-character UCR ORI followed by "00" (the FBI convention for the agency itself).',
    'Offenses are "actual" offenses: reported to police minus those found false or baseless (unfounded). Clearances in a year can refer to offenses of earlier years.',
  ]) {
    stage.caveat({ sourceId: src, measure: null, place: null, period: null, text });
  }
  if (territories) stage.caveat({ sourceId: src, measure: null, place: null, period: null, text: `${territories} agencies with data outside the 50 states, D.C. and Puerto Rico are not stored.` });
  if (cdeCsv) await compareWithCdeCsv(cdeCsv, agencies, stage);
}

/**
 * The CDE agency CSV's rows for the same year against this file: national actual offenses by
 * subcategory. The raw master file leads; the difference is stated on both sources' measures.
 */
async function compareWithCdeCsv(path: string, agencies: AgencyRecord[], stage: Stage): Promise<void> {
  const csv = await readCsvFlexible(path, HT_CDE_CSV, (h) => missingColumns(h, ['DATA_YEAR', 'OFFENSE_SUBCAT_ID', 'ACTUAL_COUNT']));
  const theirs = { '81': 0, '82': 0 } as Record<string, number>;
  let rows = 0;
  for (const row of csv.rows) {
    if (row.get('DATA_YEAR').trim() !== String(FILE_YEAR)) continue;
    rows++;
    const sub = row.get('OFFENSE_SUBCAT_ID').trim();
    const n = Number(row.get('ACTUAL_COUNT').trim());
    if (!(sub in theirs) || !Number.isFinite(n)) throw new InputError(HT_CDE_CSV, row.line, Number.isFinite(n) ? 'OFFENSE_SUBCAT_ID' : 'ACTUAL_COUNT', 'not a human-trafficking subcategory (81, 82) with a numeric count');
    theirs[sub]! += n;
  }
  if (rows === 0) return; // the CSV does not cover this year: nothing to compare
  const actual = HT_MASTER_KINDS.findIndex((k) => k.id === 'offenses');
  const mine = [0, 1].map((f) => agencies.reduce((a, r) => a + r.sums[actual]![f]!, 0));
  const src = stage.source.id;
  const same = mine[0] === theirs['81'] && mine[1] === theirs['82'];
  const text = same
    ? `For ${FILE_YEAR} this master file and the Crime Data Explorer agency CSV (fbi.ht.*) agree on actual offenses: ${mine[0]} commercial sex acts, ${mine[1]} involuntary servitude.`
    : `For ${FILE_YEAR} the Crime Data Explorer agency CSV (${HT_CDE_CSV}, measures fbi.ht.*) sums to ${theirs['81']!.toLocaleString('en-US')} commercial sex acts and ${theirs['82']!.toLocaleString('en-US')} involuntary servitude offenses, against ${mine[0]!.toLocaleString('en-US')} and ${mine[1]!.toLocaleString('en-US')} in this raw master file, which leads (the CSV repeats many rows).`;
  stage.caveat({ sourceId: src, measure: null, place: null, period: FILE_YEAR, text });
  for (const kind of ['offenses', 'cleared']) stage.caveat({ sourceId: src, measure: `fbi.ht.${kind}`, place: null, period: FILE_YEAR, text });
}
