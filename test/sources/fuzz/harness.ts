// Mutation fuzzer for the importers (shared by test/sources/ingest-fuzz.test.ts and bench/ingest-fuzz.ts).
//
// ORACLE (what every input is judged by):
//   Each input is one importer's data directory with exactly one file mutated by one operator.
//   The importer runs as `cogency ingest` runs it — discover, describeFiles (checksums), load — into
//   a recording stage with no store (NIBRS: confinement then readBundle, everything but the store
//   write). The outcome is one of:
//     loaded   — no error;
//     refused  — an InputError whose `file` is a non-empty path relative to the data directory
//                (never absolute) and whose `line` and `field` are set where the problem has one
//                (null allowed: e.g. an empty file has no line, a truncated zip no field);
//     crash    — anything else thrown (TypeError, RangeError, a raw ENOENT, ...).
//   A hang is an input whose run takes longer than the per-input timeout.
//   A silent load is `loaded` for an input the operator marks as structurally corrupted (mustRefuse):
//     - truncation in the middle of a record (always, except where the format's real file has no
//       final line break and the cut falls in the last field: then only the stated row count of the
//       real file can tell, so mustRefuse holds for real files when records were lost);
//     - a renamed header column, a wrong delimiter, a line longer than the limit, invalid UTF-8,
//       a header-only or empty file, a symlink leading out of the data directory, a zip bomb;
//     - a duplicated record where the format has a key (TIP, 3P, UCR, Census, grants, GSI, GEMS,
//       NIBRS ids), or for a real file whose publisher states totals or row counts (every real
//       file loaded here except the ACS legend and NIBRS tables);
//     - a dropped record (or records cut at a line boundary) in a real file with a stated row count,
//       or in a fixture where the format itself says what must be there (GEMS six sectors);
//     - for xlsx: any truncation of the archive.
//   Random byte flips may load or be refused (a changed digit is not detectable) but must not crash
//   or hang. A symlink to a copy inside the data directory must load as the original does.
//   Pass = 0 crashes, 0 hangs, 0 silent loads, 0 symlink-inside refusals.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { deflateRawSync, crc32 } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { readSheet } from 'read-excel-file/node';
import { InputError } from '../../../src/sources/errors.ts';
import { describeFiles, type Importer } from '../../../src/sources/importer.ts';
import { confineAll } from '../../../src/sources/confine.ts';
import { FIXTURE_MARKER } from '../../../src/sources/stats-common/util.ts';
import { tipImporter } from '../../../src/sources/tip/index.ts';
import { fbiHtImporter } from '../../../src/sources/fbi-ht/index.ts';
import { fbiUcrImporter } from '../../../src/sources/fbi-ucr/index.ts';
import { censusImporter } from '../../../src/sources/census/index.ts';
import { grantsImporter } from '../../../src/sources/grants/index.ts';
import { walkfreeImporter } from '../../../src/sources/walkfree/index.ts';
import { discoverBundles, readBundle } from '../../../src/sources/nibrs/index.ts';
import type { SourceMeta } from '../../../src/model/types.ts';
import type { Stage } from '../../../src/store/store.ts';
import { FIXTURE_DATA, REPO } from '../../helpers.ts';
import { xlsx } from '../stats-common.ts';
import { GEMS_ROWS, gsiRows } from '../walkfree-fixtures.ts';

type Cell = string | number | null;

/** One file an operator may mutate. */
export interface Target {
  rel: string;
  kind: 'csv' | 'xlsx';
  /** A duplicated record is refused by the format's key. */
  keyed: boolean;
  /** A dropped record is refused even without stated counts (the format says what must be there). */
  complete: boolean;
  /** The publisher states this file's row count or totals (checked for real files only). */
  stated: boolean;
  /** The format's real file ends with a line break. */
  finalNewline: boolean;
  /** xlsx: the sheets (rows) to rebuild from, the data sheet's index and its header row (0-based). */
  sheets?: { name: string; rows: Cell[][] }[];
  dataSheet?: number;
  headerRow?: number;
}

export interface Case {
  name: string;
  importer: string;
  /** Files of the data directory (relative path → bytes). */
  files: Map<string, Buffer>;
  /** Real files, loaded as real data (stated totals checked); otherwise the fixture marker is written. */
  real: boolean;
  targets: Target[];
  weight: number;
}

export type Outcome = { kind: 'loaded' } | { kind: 'refused'; error: InputError } | { kind: 'crash'; error: unknown };

export interface Mutation {
  op: string;
  target: string;
  mustRefuse: boolean;
  /** The input must load (a symlink to a copy inside the data directory). */
  mustLoad?: boolean;
}

export interface Violation {
  case: string;
  op: string;
  target: string;
  problem: 'crash' | 'hang' | 'silent load' | 'refused a valid input' | 'bad error';
  detail: string;
}

export interface FuzzStats {
  inputs: number;
  loaded: number;
  refused: number;
  crashes: number;
  hangs: number;
  silentLoads: number;
  mustRefuse: number;
  byOp: Record<string, { n: number; refused: number }>;
  violations: Violation[];
  slowestMs: number;
  totalMs: number;
}

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: () => number, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

// ---------------------------------------------------------------------------------------------
// Corpus

const csvT = (rel: string, o: Partial<Target> = {}): Target => ({ rel, kind: 'csv', keyed: true, complete: false, stated: true, finalNewline: true, ...o });

function readTree(root: string, rels: string[]): Map<string, Buffer> {
  return new Map(rels.map((r) => [r, readFileSync(join(root, r))]));
}

/** The first `lines` lines of a text file (a slice of a real file, loaded as a fixture). */
function head(buf: Buffer, lines: number): Buffer {
  let pos = 0;
  for (let i = 0; i < lines && pos < buf.length; i++) {
    const nl = buf.indexOf(10, pos);
    if (nl < 0) return buf;
    pos = nl + 1;
  }
  return buf.subarray(0, pos);
}

const TIP = ['stats/us-state-tip-report/heiss_kelley_tip_tiers_1999-2015.csv', 'stats/us-state-tip-report/heiss_kelley_cho_3p_policy_index_tiers_1999-2015.csv'];
const HT = ['stats/fbi-ucr-human-trafficking/cde_human_trafficking_agency_2013-2020.csv'];
const UCR = ['stats/fbi-ucr-summary/cde_arrests_national_1995-2016.csv', 'stats/fbi-ucr-summary/cde_asr_arrests_national_juvenile_1994-2016.csv', 'stats/fbi-ucr-summary/cde_estimated_crimes_by_state_1995-2016.csv'];
const PEP = ['stats/census-population/pep-state-totals/nst-est2019-alldata_modified.csv', 'stats/census-population/pep-state-totals/NST-EST2023-ALLDATA.csv'];
const acs = (y: number) => [`stats/census-population/acs1-dp05-by-state/acs1_dp05_states_${y}.csv`, `stats/census-population/acs1-dp05-by-state/acs1_dp05_legend_${y}.csv`];
const GRANTS = ['stats/funding-us-anti-tip-grants/heiss_kelley_us_anti_tip_grants_2001-2014.csv', 'stats/funding-us-anti-tip-grants/us_gov_anti_tip_projects_fy2002.csv', 'stats/funding-us-anti-tip-grants/us_gov_anti_tip_projects_fy2003.csv'];
const GSI = 'stats/walkfree-ilo-global-estimates/2023-Global-Slavery-Index-Data.xlsx';
const GEMS = 'stats/walkfree-ilo-global-estimates/GEMS_2022_forced_labour_by_sector.xlsx';
const NIBRS_TABLES = [
  'agencies.csv', 'NIBRS_incident.csv', 'NIBRS_OFFENSE.csv', 'NIBRS_ARRESTEE.csv', 'NIBRS_ARRESTEE_GROUPB.csv', 'NIBRS_VICTIM.csv', 'NIBRS_VICTIM_OFFENSE.csv',
  'NIBRS_OFFENSE_TYPE.csv', 'REF_RACE.csv', 'NIBRS_ETHNICITY.csv', 'NIBRS_AGE.csv', 'NIBRS_ARREST_TYPE.csv', 'NIBRS_VICTIM_TYPE.csv',
];
/** NIBRS tables whose rows carry a key the reader checks (lookups: idMap / offense codes; data: ids). */
const NIBRS_KEYED = new Set(NIBRS_TABLES.filter((t) => t !== 'NIBRS_VICTIM_OFFENSE.csv'));

function gsiTarget(rows: Cell[][], real: boolean): Target {
  return { rel: GSI, kind: 'xlsx', keyed: true, complete: false, stated: real, finalNewline: true, sheets: [{ name: 'CONTENTS', rows: [['Contents']] }, { name: 'GSI 2023 summary data', rows }], dataSheet: 1, headerRow: 2 };
}
function gemsTarget(rows: Cell[][], real: boolean): Target {
  return { rel: GEMS, kind: 'xlsx', keyed: true, complete: true, stated: real, finalNewline: true, sheets: [{ name: 'Sheet1', rows }], dataSheet: 0, headerRow: 0 };
}
function xlsxBytes(t: Target): Buffer {
  return xlsx(t.sheets!.map((s) => ({ name: s.name, rows: s.rows.map((r) => r.map((c) => (c === null ? null : c))) })));
}

/** A consistent slice of a real NIBRS bundle: every covered incident and the first `others` other incidents, with their rows. */
function nibrsSlice(bundle: string, others: number): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const rel = (f: string) => `stats/fbi-nibrs-extract/VT-2024/${f}`;
  const rows = (f: string) => readFileSync(join(bundle, f), 'utf8').split('\n');
  const idx = (header: string, name: string) => header.split(',').indexOf(name);
  const off = rows('NIBRS_OFFENSE.csv');
  const iInc = idx(off[0]!, 'incident_id');
  const iCode = idx(off[0]!, 'offense_code');
  const covered = /^(40A|40B|40C|64A|64B)$/;
  const incidents = new Set<string>();
  for (const l of off.slice(1)) {
    const f = l.split(',');
    if (f.length > iCode && covered.test(f[iCode]!)) incidents.add(f[iInc]!);
  }
  const inc = rows('NIBRS_incident.csv');
  const iIncId = idx(inc[0]!, 'incident_id');
  let n = 0;
  for (const l of inc.slice(1)) {
    if (!l) continue;
    const id = l.split(',')[iIncId]!;
    if (!incidents.has(id) && n++ < others) incidents.add(id);
  }
  const byIncident = (f: string) => {
    const r = rows(f);
    const i = idx(r[0]!, 'incident_id');
    const kept = [r[0]!, ...r.slice(1).filter((l) => l && incidents.has(l.split(',')[i]!))];
    out.set(rel(f), Buffer.from(kept.join('\n') + '\n'));
    return kept;
  };
  byIncident('NIBRS_incident.csv');
  const offKept = byIncident('NIBRS_OFFENSE.csv');
  byIncident('NIBRS_ARRESTEE.csv');
  byIncident('NIBRS_VICTIM.csv');
  const offIds = new Set(offKept.slice(1).map((l) => l.split(',')[idx(offKept[0]!, 'offense_id')]!));
  const vo = rows('NIBRS_VICTIM_OFFENSE.csv');
  const iOff = idx(vo[0]!, 'offense_id');
  out.set(rel('NIBRS_VICTIM_OFFENSE.csv'), Buffer.from([vo[0]!, ...vo.slice(1).filter((l) => l && offIds.has(l.split(',')[iOff]!))].join('\n') + '\n'));
  out.set(rel('NIBRS_ARRESTEE_GROUPB.csv'), head(readFileSync(join(bundle, 'NIBRS_ARRESTEE_GROUPB.csv')), 60));
  for (const f of ['agencies.csv', 'NIBRS_OFFENSE_TYPE.csv', 'REF_RACE.csv', 'NIBRS_ETHNICITY.csv', 'NIBRS_AGE.csv', 'NIBRS_ARREST_TYPE.csv', 'NIBRS_VICTIM_TYPE.csv']) {
    out.set(rel(f), readFileSync(join(bundle, f)));
  }
  return out;
}

/** Every case, per importer: fixtures, slices of real files (loaded as fixtures) and whole real files. */
export async function buildCorpus(shared: string | null): Promise<Case[]> {
  const cases: Case[] = [];
  const fx = (rels: string[]) => readTree(FIXTURE_DATA, rels);
  cases.push({ name: 'tip/fixture', importer: 'tip', files: fx(TIP), real: false, targets: TIP.map((r) => csvT(r)), weight: 4 });
  cases.push({ name: 'fbi-ht/fixture', importer: 'fbi-ht', files: fx(HT), real: false, targets: [csvT(HT[0]!, { keyed: false })], weight: 4 });
  cases.push({ name: 'fbi-ucr/fixture', importer: 'fbi-ucr', files: fx(UCR), real: false, targets: UCR.map((r, i) => csvT(r, { finalNewline: i !== 0 })), weight: 4 });
  const censusFx = [...PEP, ...acs(2010), ...acs(2016)];
  cases.push({
    name: 'census/fixture', importer: 'census', files: fx(censusFx), real: false, weight: 4,
    targets: censusFx.map((r) => csvT(r, { complete: false })),
  });
  cases.push({ name: 'grants/fixture', importer: 'grants', files: fx(GRANTS), real: false, targets: GRANTS.map((r) => csvT(r)), weight: 4 });
  {
    const files = new Map<string, Buffer>();
    const gsi = gsiTarget(gsiRows(), false);
    const gems = gemsTarget(GEMS_ROWS, false);
    files.set(GSI, xlsxBytes(gsi));
    files.set(GEMS, xlsxBytes(gems));
    cases.push({ name: 'walkfree/fixture', importer: 'walkfree', files, real: false, targets: [gsi, gems], weight: 4 });
  }
  {
    const dir = join(REPO, 'fixtures/nibrs/DE-2023');
    const files = new Map(readdirSync(dir).filter((f) => f.endsWith('.csv')).map((f) => [`stats/fbi-nibrs-extract/DE-2023/${f}`, readFileSync(join(dir, f))]));
    const targets = [...files.keys()].map((rel) => csvT(rel, { keyed: NIBRS_KEYED.has(rel.split('/').pop()!), stated: false }));
    cases.push({ name: 'nibrs/fixture DE-2023', importer: 'nibrs', files, real: false, targets, weight: 4 });
  }
  if (!shared) return cases;

  const real = (rels: string[]) => readTree(shared, rels);
  // Slices: the first lines of real files, loaded as fixtures (the stated totals belong to whole files).
  const slice = (rels: string[], lines: number) => new Map([...real(rels)].map(([k, v]) => [k, head(v, lines)]));
  cases.push({ name: 'tip/real slice', importer: 'tip', files: slice(TIP, 40), real: false, targets: TIP.map((r) => csvT(r)), weight: 4 });
  cases.push({ name: 'tip/real', importer: 'tip', files: real(TIP), real: true, targets: TIP.map((r) => csvT(r)), weight: 0.4 });
  cases.push({ name: 'fbi-ht/real slice', importer: 'fbi-ht', files: slice(HT, 40), real: false, targets: [csvT(HT[0]!, { keyed: false })], weight: 4 });
  cases.push({ name: 'fbi-ht/real', importer: 'fbi-ht', files: real(HT), real: true, targets: [csvT(HT[0]!, { keyed: false })], weight: 0.4 });
  cases.push({ name: 'fbi-ucr/real', importer: 'fbi-ucr', files: real(UCR), real: true, targets: UCR.map((r, i) => csvT(r, { finalNewline: i !== 0 })), weight: 4 });
  cases.push({ name: 'census/real PEP', importer: 'census', files: real(PEP), real: true, targets: PEP.map((r) => csvT(r)), weight: 4 });
  cases.push({ name: 'census/real ACS 2016', importer: 'census', files: real(acs(2016)), real: true, targets: [csvT(acs(2016)[0]!), csvT(acs(2016)[1]!, { stated: false })], weight: 0.5 });
  cases.push({ name: 'grants/real slice', importer: 'grants', files: slice(GRANTS, 40), real: false, targets: GRANTS.map((r) => csvT(r)), weight: 4 });
  cases.push({ name: 'grants/real', importer: 'grants', files: real(GRANTS), real: true, targets: GRANTS.map((r) => csvT(r)), weight: 0.2 });
  {
    const gems = gemsTarget((await readSheet(readFileSync(join(shared, GEMS)), 1)) as Cell[][], true);
    const rows = (await readSheet(readFileSync(join(shared, GSI)), 'GSI 2023 summary data')) as Cell[][];
    const gsiSlice = gsiTarget(rows.slice(0, 3 + 25), false);
    const files = new Map<string, Buffer>([[GSI, xlsxBytes(gsiSlice)], [GEMS, readFileSync(join(shared, GEMS))]]);
    cases.push({ name: 'walkfree/real slice + real GEMS', importer: 'walkfree', files, real: false, targets: [gsiSlice], weight: 4 });
    cases.push({ name: 'walkfree/real GEMS', importer: 'walkfree', files: new Map([[GEMS, xlsxBytes(gems)]]), real: true, targets: [gems], weight: 2 });
    cases.push({ name: 'walkfree/real GSI', importer: 'walkfree', files: real([GSI]), real: true, targets: [gsiTarget(rows, true)], weight: 0.1 });
  }
  const vt = join(shared, 'stats/fbi-nibrs-extract/VT-2024');
  if (existsSync(join(vt, 'NIBRS_incident.csv'))) {
    const files = nibrsSlice(vt, 150);
    const targets = [...files.keys()].map((rel) => csvT(rel, { keyed: NIBRS_KEYED.has(rel.split('/').pop()!), stated: false }));
    cases.push({ name: 'nibrs/real VT-2024 slice', importer: 'nibrs', files, real: false, targets, weight: 4 });
  }
  return cases;
}

// ---------------------------------------------------------------------------------------------
// Operators

interface Rec {
  start: number;
  end: number; // index of the record's line feed
}

const recordCache = new WeakMap<Buffer, { headerEnd: number; recs: Rec[] }>();

/** Single-line data records of a CSV (byte spans), found with the same parser the importers use. */
function records(buf: Buffer): { headerEnd: number; recs: Rec[] } {
  let hit = recordCache.get(buf);
  if (!hit) recordCache.set(buf, (hit = findRecords(buf)));
  return hit;
}

function findRecords(buf: Buffer): { headerEnd: number; recs: Rec[] } {
  const headerEnd = buf.indexOf(10);
  const recs: Rec[] = [];
  let info: { info: { lines: number } }[] = [];
  try {
    info = parse(buf, { info: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true }) as unknown as { info: { lines: number } }[];
  } catch {
    info = [];
  }
  const single = new Set<number>();
  let prev = 1;
  for (const [k, r] of info.entries()) {
    if (k > 0 && r.info.lines === prev + 1) single.add(r.info.lines);
    prev = r.info.lines;
  }
  let line = 2;
  let pos = headerEnd + 1;
  while (headerEnd >= 0 && pos < buf.length) {
    const nl = buf.indexOf(10, pos);
    const end = nl < 0 ? buf.length : nl;
    if (end > pos && single.has(line)) recs.push({ start: pos, end });
    pos = end + 1;
    line++;
  }
  return { headerEnd, recs };
}

const HUGE = Buffer.alloc((1 << 20) + 4096, 0x41);
let bombCache: Buffer | null = null;

/** A zip whose one entry inflates 1000:1 (8 MiB of zeros), named like the target. */
function zipBomb(): Buffer {
  if (bombCache) return bombCache;
  const data = Buffer.alloc(8 << 20);
  const comp = deflateRawSync(data, { level: 9 });
  const name = Buffer.from('xl/worksheets/sheet1.xml');
  const crc = crc32(data) >>> 0;
  const lh = Buffer.alloc(30);
  lh.writeUInt32LE(0x04034b50, 0); lh.writeUInt16LE(20, 4); lh.writeUInt16LE(8, 8); lh.writeUInt32LE(crc, 14);
  lh.writeUInt32LE(comp.length, 18); lh.writeUInt32LE(data.length, 22); lh.writeUInt16LE(name.length, 26);
  const ch = Buffer.alloc(46);
  ch.writeUInt32LE(0x02014b50, 0); ch.writeUInt16LE(20, 4); ch.writeUInt16LE(20, 6); ch.writeUInt16LE(8, 10); ch.writeUInt32LE(crc, 16);
  ch.writeUInt32LE(comp.length, 20); ch.writeUInt32LE(data.length, 24); ch.writeUInt16LE(name.length, 28);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0); eocd.writeUInt16LE(1, 8); eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(46 + name.length, 12); eocd.writeUInt32LE(30 + name.length + comp.length, 16);
  bombCache = Buffer.concat([lh, name, comp, ch, name, eocd]);
  return bombCache;
}

export type Applied = { bytes: Buffer; symlink?: undefined } | { symlink: 'outside' | 'inside'; bytes?: undefined };

/** Apply one random operator to the target; the mutation says what the oracle expects. */
export function mutate(c: Case, t: Target, original: Buffer, r: () => number): { applied: Applied; m: Omit<Mutation, 'target'> } {
  const real = c.real && t.stated;
  if (t.kind === 'xlsx') return mutateXlsx(c, t, original, r);
  const { headerEnd, recs } = records(original);
  const ops = ['truncate-mid-record', 'truncate-at-record', 'dup-row', 'drop-row', 'rename-header', 'wrong-delimiter', 'huge-line', 'invalid-utf8', 'byte-flip', 'byte-flip', 'byte-flip', 'header-only', 'empty', 'symlink-outside', 'symlink-inside'] as const;
  const op = pick(r, ops);
  const rec = recs.length ? pick(r, recs) : null;
  const last = recs.at(-1);
  const B = (...parts: Buffer[]) => Buffer.concat(parts);
  switch (op) {
    case 'truncate-mid-record': {
      if (!rec) break;
      const cut = int(r, rec.start + 1, rec.end); // keeps at least one byte of the record, loses at least its line feed
      const lastComma = original.lastIndexOf(44, rec.end - 1);
      const inLastField = lastComma < rec.start || cut > lastComma;
      const mustRefuse = t.finalNewline || !inLastField || (real && rec !== last);
      return { applied: { bytes: original.subarray(0, cut) }, m: { op, mustRefuse } };
    }
    case 'truncate-at-record': {
      if (!rec || rec === last) break;
      const keeps = original.subarray(0, rec.end + 1);
      return { applied: { bytes: keeps }, m: { op, mustRefuse: real || t.complete } };
    }
    case 'dup-row': {
      if (!rec) break;
      const line = original.subarray(rec.start, rec.end + 1);
      const withLf = line[line.length - 1] === 10 ? line : B(line, Buffer.from('\n'));
      return { applied: { bytes: B(original.subarray(0, rec.end + 1), withLf, original.subarray(rec.end + 1)) }, m: { op, mustRefuse: t.keyed || real } };
    }
    case 'drop-row': {
      if (!rec || recs.length < 2) break;
      return { applied: { bytes: B(original.subarray(0, rec.start), original.subarray(Math.min(original.length, rec.end + 1))) }, m: { op, mustRefuse: real || t.complete } };
    }
    case 'rename-header': {
      if (headerEnd < 0) break;
      const header = original.subarray(0, headerEnd).toString('utf8');
      const cols = header.replace(/\r$/, '').split(',');
      const j = int(r, 0, cols.length - 1);
      const name = cols[j]!;
      cols[j] = name.endsWith('"') ? `${name.slice(0, -1)}x"` : `${name}x`;
      return { applied: { bytes: B(Buffer.from(cols.join(',') + (header.endsWith('\r') ? '\r' : '')), original.subarray(headerEnd)) }, m: { op, mustRefuse: true } };
    }
    case 'wrong-delimiter': {
      if (headerEnd < 0 || original.subarray(0, headerEnd).indexOf(44) < 0) break;
      return { applied: { bytes: Buffer.from(original.toString('latin1').replace(/,/g, ';'), 'latin1') }, m: { op, mustRefuse: true } };
    }
    case 'huge-line': {
      const at = rec ? rec.end + 1 : headerEnd + 1;
      return { applied: { bytes: B(original.subarray(0, at), HUGE, Buffer.from('\n'), original.subarray(at)) }, m: { op, mustRefuse: true } };
    }
    case 'invalid-utf8': {
      const span = rec ?? { start: 0, end: Math.max(0, headerEnd) };
      if (span.end <= span.start) break;
      const b = Buffer.from(original);
      b[int(r, span.start, span.end - 1)] = pick(r, [0xff, 0xfe, 0xc0, 0x80, 0xe9]);
      return { applied: { bytes: b }, m: { op, mustRefuse: true } };
    }
    case 'byte-flip': {
      if (!original.length) break;
      const b = Buffer.from(original);
      const n = int(r, 1, 3);
      for (let k = 0; k < n; k++) b[int(r, 0, b.length - 1)] = int(r, 0, 255);
      return { applied: { bytes: b }, m: { op, mustRefuse: false } };
    }
    case 'header-only':
      if (headerEnd < 0) break;
      return { applied: { bytes: original.subarray(0, headerEnd + 1) }, m: { op, mustRefuse: true } };
    case 'empty':
      return { applied: { bytes: Buffer.alloc(0) }, m: { op, mustRefuse: true } };
    case 'symlink-outside':
      return { applied: { symlink: 'outside' }, m: { op, mustRefuse: true } };
    case 'symlink-inside':
      return { applied: { symlink: 'inside' }, m: { op, mustRefuse: false, mustLoad: true } };
  }
  // The operator did not apply to this file (e.g. no record to duplicate): flip a byte instead.
  const b = Buffer.from(original);
  if (b.length) {
    const at = int(r, 0, b.length - 1);
    b[at] = b[at]! ^ 0x20;
  }
  return { applied: { bytes: b }, m: { op: 'byte-flip', mustRefuse: false } };
}

function mutateXlsx(c: Case, t: Target, original: Buffer, r: () => number): { applied: Applied; m: Omit<Mutation, 'target'> } {
  const real = c.real && t.stated;
  const ops = ['dup-row', 'drop-row', 'truncate-at-record', 'rename-header', 'invalid-utf8', 'truncate-archive', 'byte-flip', 'byte-flip', 'zip-bomb', 'empty', 'symlink-outside', 'symlink-inside'] as const;
  const op = pick(r, ops);
  const sheets = t.sheets!.map((s) => ({ name: s.name, rows: s.rows.map((row) => [...row]) }));
  const rows = sheets[t.dataSheet!]!.rows;
  const first = t.headerRow! + 1;
  const dataIdx = rows.map((_, i) => i).filter((i) => i >= first && rows[i]!.some((v) => v !== null && v !== ''));
  const rebuilt = () => xlsx(sheets.map((s) => ({ name: s.name, rows: s.rows })));
  switch (op) {
    case 'dup-row': {
      const i = pick(r, dataIdx);
      rows.splice(i + 1, 0, [...rows[i]!]);
      return { applied: { bytes: rebuilt() }, m: { op, mustRefuse: t.keyed || real } };
    }
    case 'drop-row': {
      if (dataIdx.length < 2) break;
      rows.splice(pick(r, dataIdx), 1);
      return { applied: { bytes: rebuilt() }, m: { op, mustRefuse: real || t.complete } };
    }
    case 'truncate-at-record': {
      const i = pick(r, dataIdx.slice(0, -1));
      if (i === undefined) break;
      rows.length = i + 1;
      return { applied: { bytes: rebuilt() }, m: { op, mustRefuse: real || t.complete } };
    }
    case 'rename-header': {
      const h = rows[t.headerRow!]!;
      const j = int(r, 0, Math.max(0, h.findLastIndex((v) => v !== null)));
      h[j] = `${String(h[j] ?? '')}x`;
      return { applied: { bytes: rebuilt() }, m: { op, mustRefuse: true } };
    }
    case 'invalid-utf8': {
      // A stray byte inside a cell's text (the first row's name), written into the sheet XML as is.
      const i = pick(r, dataIdx);
      const mark = `MARK${int(r, 100000, 999999)}`;
      rows[i]![0] = `${String(rows[i]![0])}${mark}`;
      const z = rebuilt();
      const at = z.indexOf(mark);
      z[at] = 0xff; // same length: the stored entry's size is unchanged, its CRC is recomputed below
      return { applied: { bytes: fixCrcs(z) }, m: { op, mustRefuse: true } };
    }
    case 'truncate-archive':
      return { applied: { bytes: original.subarray(0, int(r, 1, original.length - 1)) }, m: { op, mustRefuse: true } };
    case 'byte-flip': {
      const b = Buffer.from(original);
      b[int(r, 0, b.length - 1)] = int(r, 0, 255);
      return { applied: { bytes: b }, m: { op, mustRefuse: false } };
    }
    case 'zip-bomb':
      return { applied: { bytes: zipBomb() }, m: { op, mustRefuse: true } };
    case 'empty':
      return { applied: { bytes: Buffer.alloc(0) }, m: { op, mustRefuse: true } };
    case 'symlink-outside':
      return { applied: { symlink: 'outside' }, m: { op, mustRefuse: true } };
    case 'symlink-inside':
      return { applied: { symlink: 'inside' }, m: { op, mustRefuse: false, mustLoad: true } };
  }
  const b = Buffer.from(original);
  const at = int(r, 0, b.length - 1);
  b[at] = b[at]! ^ 0x20;
  return { applied: { bytes: b }, m: { op: 'byte-flip', mustRefuse: false } };
}

/** Recompute the CRCs of a stored-entries zip written by xlsx() after an in-place byte edit. */
function fixCrcs(z: Buffer): Buffer {
  let p = 0;
  const crcs: number[] = [];
  while (z.readUInt32LE(p) === 0x04034b50) {
    const size = z.readUInt32LE(p + 18);
    const nameLen = z.readUInt16LE(p + 26);
    const extra = z.readUInt16LE(p + 28);
    const data = z.subarray(p + 30 + nameLen + extra, p + 30 + nameLen + extra + size);
    const crc = crc32(data) >>> 0;
    z.writeUInt32LE(crc, p + 14);
    crcs.push(crc);
    p += 30 + nameLen + extra + size;
  }
  for (const crc of crcs) {
    if (z.readUInt32LE(p) !== 0x02014b50) break;
    z.writeUInt32LE(crc, p + 16);
    p += 46 + z.readUInt16LE(p + 28) + z.readUInt16LE(p + 30) + z.readUInt16LE(p + 32);
  }
  return z;
}

// ---------------------------------------------------------------------------------------------
// Running

const IMPORTERS: Record<string, Importer> = {
  tip: tipImporter, 'fbi-ht': fbiHtImporter, 'fbi-ucr': fbiUcrImporter, census: censusImporter, grants: grantsImporter, walkfree: walkfreeImporter,
};

/** A stage that records what an importer writes, with no store behind it. */
function recordingStage(source: SourceMeta): Stage {
  const stage = {
    source, rowsRead: 0, rowsStored: 0, rejected: [] as unknown[], skipped: new Map<string, number>(),
    onProgress() {}, citation() {}, caveat() {}, measure() {}, place() {},
    observation() { stage.rowsStored++; },
    reject(x: unknown) { stage.rejected.push(x); },
    skip(reason: string) { stage.skipped.set(reason, (stage.skipped.get(reason) ?? 0) + 1); },
  };
  return stage as unknown as Stage;
}

/** Run the importer on a data directory, only the sources that read `target` (as `cogency ingest` would). */
export async function runImporter(importer: string, dataDir: string, target: string): Promise<Outcome> {
  try {
    const abs = resolve(dataDir, target);
    if (importer === 'nibrs') {
      const bundleDir = dirname(abs);
      const specs = await discoverBundles(join(dataDir, 'stats/fbi-nibrs-extract'));
      const spec = specs.find((s) => s.files.some((f) => dirname(f) === bundleDir));
      if (!spec) throw new InputError(target, null, null, 'bundle not discovered');
      await describeFiles(spec, dataDir);
      await confineAll(dataDir, spec.files);
      await readBundle(bundleDir, bundleDir.slice(dataDir.length + 1), spec.description.id, { reader: 'streaming' });
      return { kind: 'loaded' };
    }
    const imp = IMPORTERS[importer]!;
    const specs = (await imp.discover(dataDir)).filter((s) => s.files.some((f) => resolve(f) === abs));
    if (!specs.length) return { kind: 'refused', error: new InputError(target, null, null, 'file not discovered') };
    for (const spec of specs) {
      const meta = await describeFiles(spec, dataDir);
      await imp.load(spec, recordingStage(meta), dataDir);
    }
    return { kind: 'loaded' };
  } catch (e) {
    if (e instanceof InputError) return { kind: 'refused', error: e };
    return { kind: 'crash', error: e };
  }
}

/** A working copy of a case's data directory, restored after each input. */
export class Workspace {
  readonly root: string;
  readonly outside: string;
  private readonly originals: Map<string, Buffer>;

  constructor(readonly c: Case) {
    this.root = mkdtempSync(join(tmpdir(), 'cogency-fuzz-'));
    this.outside = mkdtempSync(join(tmpdir(), 'cogency-fuzz-outside-'));
    this.originals = c.files;
    for (const [rel, buf] of c.files) {
      mkdirSync(dirname(join(this.root, rel)), { recursive: true });
      writeFileSync(join(this.root, rel), buf);
    }
    if (!c.real) writeFileSync(join(this.root, FIXTURE_MARKER), 'fuzz fixture\n');
    mkdirSync(join(this.root, '_inside'), { recursive: true });
  }

  apply(rel: string, a: Applied): void {
    const path = join(this.root, rel);
    if (a.bytes) {
      writeFileSync(path, a.bytes);
      return;
    }
    const copy = a.symlink === 'outside' ? join(this.outside, rel.replace(/\//g, '_')) : join(this.root, '_inside', rel.replace(/\//g, '_'));
    writeFileSync(copy, this.originals.get(rel)!);
    unlinkSync(path);
    symlinkSync(copy, path);
  }

  restore(rel: string): void {
    const path = join(this.root, rel);
    rmSync(path, { force: true });
    writeFileSync(path, this.originals.get(rel)!);
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
    rmSync(this.outside, { recursive: true, force: true });
  }
}

function describe(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}`.slice(0, 300) : String(e);
}

/** Run `n` mutated inputs for one importer over its cases (weighted), judged by the oracle above. */
export async function fuzzImporter(cases: Case[], importer: string, n: number, seed: number, timeoutMs: number): Promise<FuzzStats> {
  const mine = cases.filter((c) => c.importer === importer);
  const stats: FuzzStats = { inputs: 0, loaded: 0, refused: 0, crashes: 0, hangs: 0, silentLoads: 0, mustRefuse: 0, byOp: {}, violations: [], slowestMs: 0, totalMs: 0 };
  const r = rng(seed);
  const spaces = new Map(mine.map((c) => [c, new Workspace(c)]));
  const totalWeight = mine.reduce((s, c) => s + c.weight, 0);
  try {
    // Each case's unmutated files must load first: otherwise every refusal below would be meaningless.
    for (const [c, ws] of spaces) {
      for (const t of c.targets) {
        const o = await runImporter(importer, ws.root, t.rel);
        if (o.kind !== 'loaded') throw new Error(`fuzz corpus ${c.name}: the unmutated ${t.rel} does not load: ${o.kind === 'refused' ? o.error.message : describe(o.error)}`);
      }
    }
    for (let i = 0; i < n; i++) {
      let w = r() * totalWeight;
      const c = mine.find((x) => (w -= x.weight) < 0) ?? mine.at(-1)!;
      const ws = spaces.get(c)!;
      const t = pick(r, c.targets);
      const { applied, m } = mutate(c, t, c.files.get(t.rel)!, r);
      ws.apply(t.rel, applied);
      const t0 = performance.now();
      let timer: NodeJS.Timeout | undefined;
      const outcome = await Promise.race([
        runImporter(importer, ws.root, t.rel),
        new Promise<'timeout'>((res) => (timer = setTimeout(() => res('timeout'), timeoutMs))),
      ]);
      clearTimeout(timer);
      const ms = performance.now() - t0;
      ws.restore(t.rel);
      stats.inputs++;
      stats.totalMs += ms;
      stats.slowestMs = Math.max(stats.slowestMs, ms);
      const byOp = (stats.byOp[m.op] ??= { n: 0, refused: 0 });
      byOp.n++;
      if (m.mustRefuse) stats.mustRefuse++;
      const v = (problem: Violation['problem'], detail: string) => stats.violations.push({ case: c.name, op: m.op, target: t.rel, problem, detail });
      if (outcome === 'timeout' || ms > timeoutMs) {
        stats.hangs++;
        v('hang', `${ms.toFixed(0)} ms`);
        continue;
      }
      if (outcome.kind === 'crash') {
        stats.crashes++;
        v('crash', describe(outcome.error));
        continue;
      }
      if (outcome.kind === 'refused') {
        stats.refused++;
        byOp.refused++;
        const e = outcome.error;
        if (!e.file || isAbsolute(e.file) || e.file.startsWith(tmpdir())) v('bad error', `InputError without a relative file: ${e.message}`);
        if (m.mustLoad) v('refused a valid input', e.message);
        continue;
      }
      stats.loaded++;
      if (m.mustRefuse) {
        stats.silentLoads++;
        v('silent load', 'loaded without an error');
      }
    }
  } finally {
    for (const ws of spaces.values()) ws.dispose();
  }
  return stats;
}

export const FUZZ_IMPORTERS = ['tip', 'fbi-ht', 'fbi-ucr', 'census', 'grants', 'walkfree', 'nibrs'] as const;
