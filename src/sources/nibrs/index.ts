// FBI NIBRS state-year extract (Crime Data Explorer "NIBRS by state", e.g. VT-2024.zip), as the
// official zip or unpacked folder. Format: shared/data/stats/FORMATS.md §1. Each bundle is one
// source version (`nibrs.<state>.<year>`) that lands whole or not at all. The bulk tables are
// streamed once each with a byte scanner; only the rows of the covered offenses (40A–C, 64A–B)
// are kept, plus per-agency and per-state totals for context and coverage.
import { existsSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import { InputError } from '../errors.ts';
import { describeFiles, type Importer, type SourceSpec } from '../importer.ts';
import type { Stage } from '../../store/store.ts';
import { isUsState } from '../../model/places.ts';
import { BUNDLE_NAME, openBundle, type BundleTable } from './bundle.ts';
import { idMap, readLookup, type Lookup } from './lookups.ts';
import { codeKey, scanCsv, type RowView } from './scan.ts';
import { COVERED, nibrsMeasures, type CoveredOffense } from './measures.ts';
import { AGE_BUCKETS, AGE_IN_YEARS_BASE, IdFilter, MAX_KEY_ID, SEX, ageGroupOfCode, ageInYearsId, allArresteeKey, splitAllArresteeKey, type BundleData, type Decoders, type Era, type Person } from './data.ts';
import { readFast } from './fast.ts';
import { OPTIONAL_GROUPS, PARTIAL_FOLDER, layoutOf, readOldAgencies, tableSubset } from './layouts.ts';
import { BundleReaderPool, poolSize } from './pool.ts';
import { IdSet } from './idset.ts';
import { checkColumns } from './columns.ts';
import { confineAll, joinInside } from '../confine.ts';
import { currentYear } from '../clock.ts';
import { MAX_NIBRS_COVERED_ROWS } from '../limits.ts';
import { NIBRS_DIR, NIBRS_SOURCE } from './source.ts';

/** Data tables Cogency reads. In a partial bundle only the first three are required. */
const CORE_TABLES = ['agencies', 'nibrs_incident', 'nibrs_offense'];
/** The agency tables of the oldest CDE layout (2012–2014 data), in place of agencies.csv (./layouts.ts). */
const OLD_AGENCY_TABLES = ['cde_agencies', 'agency_participation'];
const DETAIL_TABLES = ['nibrs_arrestee', 'nibrs_victim', 'nibrs_victim_offense', 'nibrs_arrestee_groupb'];
const LOOKUPS = ['nibrs_offense_type', 'ref_race', 'nibrs_ethnicity', 'nibrs_age', 'nibrs_arrest_type', 'nibrs_victim_type'];

/** File name of a table as the FBI ships it. */
export function officialName(key: string): string {
  if (key === 'agencies') return 'agencies.csv';
  if (key === 'nibrs_incident' || key === 'nibrs_month') return `NIBRS_${key.slice(6)}.csv`;
  return `${key.toUpperCase()}.csv`;
}

export interface LoadOptions {
  /**
   * Accept a cut-down bundle (e.g. the trimmed header-variant fixtures): missing detail tables
   * and an absent offense-type table are noted as caveats instead of failing. Official bundles
   * are always loaded strictly.
   */
  partial?: boolean;
  /**
   * Which reader: 'streaming' (default; the byte scanner, measured faster than DuckDB's reader on
   * state-sized files here) or 'duckdb' (DuckDB's parallel CSV reader, falling back to the streaming
   * reader for a precise error whenever it cannot vouch for the input). Env COGENCY_NIBRS_READER.
   */
  reader?: 'streaming' | 'duckdb';
  /** Told which reader produced the bundle's figures (for tests and benchmarks). */
  onPath?: (path: 'duckdb' | 'streaming') => void;
}

function description(label: string, partial: boolean, absent: string[] = []): SourceSpec['description'] {
  const [state, year] = label.split('-');
  const lacking = OPTIONAL_GROUPS.filter((g) => g.tables.some((t) => absent.includes(t))).map((g) => g.name.replace(/ \(.*\)$/, ''));
  const subset = lacking.length ? ` (PARTIAL copy: ${lacking.join(', ')} absent)` : '';
  return {
    id: `nibrs.${state!.toUpperCase()}.${year}`,
    family: 'nibrs',
    publisher: 'Federal Bureau of Investigation, Uniform Crime Reporting Program',
    title: `NIBRS state-year extract, ${state!.toUpperCase()} ${year}${partial ? ' (cut-down fixture, not for publication)' : subset}`,
    url: 'https://cde.ucr.cjis.gov/LATEST/webapp/#/pages/downloads',
    license: 'U.S. federal government data (public domain in the United States)',
    format: 'nibrs-state-extract',
  };
}

/** The files of a bundle, in a stable order (a zip is one file). */
async function bundleFiles(path: string): Promise<string[]> {
  if ((await stat(path)).isDirectory()) {
    const wanted = new Set([...CORE_TABLES, ...OLD_AGENCY_TABLES, ...DETAIL_TABLES, ...LOOKUPS]);
    return (await readdir(path))
      .filter((f) => wanted.has(f.replace(/\.csv$/i, '').toLowerCase()) && /\.csv$/i.test(f))
      .sort()
      .map((f) => join(path, f));
  }
  return [path];
}

/** Bundles under `dir`: `XX-YYYY.zip` or `XX-YYYY/` (a zip wins over a folder of the same name). */
export async function discoverBundles(dir: string, partial = false): Promise<SourceSpec[]> {
  if (!existsSync(dir)) return [];
  const byLabel = new Map<string, string>();
  for (const name of (await readdir(dir)).sort()) {
    if (name.startsWith('_') || name.startsWith('.')) continue;
    const m = BUNDLE_NAME.exec(name);
    if (!m) continue;
    const label = `${m[1]!.toUpperCase()}-${m[2]}`;
    const full = join(dir, name);
    const isZip = /\.zip$/i.test(name);
    if (!isZip && !(await stat(full)).isDirectory()) continue;
    // A zip wins over a folder; a complete folder over one named `-partial`.
    const prev = byLabel.get(label);
    if (isZip || !prev || (PARTIAL_FOLDER.test(prev) && !/\.zip$/i.test(prev))) byLabel.set(label, full);
  }
  const specs: SourceSpec[] = [];
  for (const [label, path] of byLabel) {
    const files = await bundleFiles(path);
    // Which table groups a folder copy lacks, for the title (the reader checks the same and states it).
    const keys = new Set(files.map((f) => f.split('/').pop()!.replace(/\.csv$/i, '').toLowerCase()));
    const absent = /\.zip$/i.test(path) ? [] : OPTIONAL_GROUPS.flatMap((g) => (g.tables.every((t) => !keys.has(t)) ? [...g.tables] : []));
    specs.push({ description: description(label, partial, absent), files });
  }
  return specs;
}

/** A spec for one bundle path (folder or zip), e.g. a fixture outside the data directory. */
export async function bundleSpec(path: string, label: string, partial = false): Promise<SourceSpec> {
  return { description: description(label, partial), files: await bundleFiles(path) };
}

/** The bundle path a spec was made from. */
function bundlePath(spec: SourceSpec): string {
  const f = spec.files[0]!;
  return /\.zip$/i.test(f) ? f : join(f, '..');
}

/** How many bundles the pool reads ahead of the one being written, per worker. */
const AHEAD_PER_WORKER = 2;

export function makeNibrsImporter(options: LoadOptions = {}): Importer {
  // Bundles are checksummed and read by a pool of worker threads (./pool.ts), ahead of the store in
  // discovery order; env COGENCY_NIBRS_WORKER=0 reads in this thread instead.
  let pool: BundleReaderPool | null = null;
  let discovered: { spec: SourceSpec; dataDir: string }[] = [];
  const relOf = (path: string, dataDir: string) => (path.startsWith(dataDir) ? path.slice(dataDir.length).replace(/^\/+/, '') : path);
  const jobOf = (spec: SourceSpec, dataDir: string) => {
    const path = bundlePath(spec);
    return { key: `${spec.description.id}\u0000${path}`, job: { path, rel: relOf(path, dataDir), src: spec.description.id, partial: options.partial ?? false, currentYear: currentYear() } };
  };
  const inThread = () => options.reader === 'duckdb' || (options.reader === undefined && process.env.COGENCY_NIBRS_READER === 'duckdb') || process.env.COGENCY_NIBRS_WORKER === '0';
  return {
    ...NIBRS_SOURCE,
    async discover(dataDir) {
      if (!inThread()) poolSize(); // a wrong COGENCY_NIBRS_WORKERS refuses the importer once, by name
      const specs = await discoverBundles(joinInside(dataDir, NIBRS_DIR), options.partial ?? false);
      discovered = specs.map((spec) => ({ spec, dataDir }));
      pool?.close();
      pool = null;
      return specs;
    },
    async describe(spec, dataDir) {
      const i = discovered.findIndex((d) => d.spec === spec);
      if (inThread() || i < 0) return describeFiles(spec, dataDir);
      pool ??= new BundleReaderPool();
      // The store takes bundles in discovery order: a bundle before this one still queued was
      // unchanged or refused, so its read is not needed.
      for (const d of discovered.slice(0, i)) pool.cancel(jobOf(d.spec, d.dataDir).key);
      // Keep every worker busy: this bundle and the next ones, checksummed and then read.
      for (const d of discovered.slice(i, i + 1 + AHEAD_PER_WORKER * pool.size)) {
        const { key, job } = jobOf(d.spec, d.dataDir);
        pool.submit(key, d.spec.files, { ...job, describe: { spec: d.spec, dataDir: d.dataDir } });
      }
      return pool.described(jobOf(spec, dataDir).key);
    },
    async load(spec, stage, dataDir) {
      // Every file of the bundle must resolve inside the data directory before a byte is read.
      await confineAll(dataDir, spec.files);
      const path = bundlePath(spec);
      const rel = relOf(path, dataDir);
      if (inThread()) {
        const reader = options.reader ?? (process.env.COGENCY_NIBRS_READER === 'duckdb' ? 'duckdb' : 'streaming');
        await loadBundle(path, rel, stage, { ...options, reader });
        return;
      }
      pool ??= new BundleReaderPool();
      const { key, job } = jobOf(spec, dataDir);
      const rb = await pool.take(key, spec.files, { ...job, src: stage.source.id, describe: null });
      options.onPath?.('streaming');
      stage.onProgress(1, 1); // read in a worker: the bundle's bytes are all read by now
      await writeBundle(rb, stage, rel, options.partial ?? false);
    },
    finish() {
      pool?.close();
      pool = null;
    },
  };
}

export const nibrsImporter = makeNibrsImporter();

// ---------------------------------------------------------------------------------------------


export interface AgencyInfo {
  ori: string;
  name: string;
  type: string;
  population: number;
  participated: boolean;
}

function col(header: string[], name: string, file: string, alt?: string): number {
  let i = header.indexOf(name);
  if (i < 0 && alt) i = header.indexOf(alt);
  if (i < 0) throw new InputError(file, 1, name, `column "${name}" missing from the header (${header.join(',')})`);
  return i;
}

function eraOf(header: string[], file: string): Era {
  const hasCode = header.includes('offense_code');
  const hasType = header.includes('offense_type_id');
  if (hasCode === hasType) throw new InputError(file, 1, 'offense_code', 'the header must have exactly one of offense_code (2021+ releases) or offense_type_id (older releases)');
  return hasCode ? 'offense_code' : 'offense_type_id';
}

function flag(v: string, file: string, line: number, field: string): boolean {
  const s = v.trim().toUpperCase();
  if (s === 'Y' || s === 'T' || s === 'TRUE' || s === '1') return true;
  if (s === 'N' || s === 'F' || s === 'FALSE' || s === '0' || s === '' || s === 'NA') return false;
  throw new InputError(file, line, field, `"${v}" is not a Y/N or t/f flag`);
}

function decode(map: Map<number, string>, r: RowView, i: number, lookupFile: string): string {
  const v = r.int(i);
  if (v === null) return 'Not stated';
  const s = map.get(v);
  if (s === undefined) throw new InputError(r.file, r.line, r.header[i]!, `unknown code ${v}: not in ${lookupFile}`);
  return s;
}

function sexOf(r: RowView, i: number): string {
  if (r.isNull(i)) return 'Not stated';
  const s = SEX[r.str(i).trim().toUpperCase()];
  if (!s) throw new InputError(r.file, r.line, r.header[i]!, `unknown sex code "${r.str(i)}" (expected M, F, U or X)`);
  return s;
}

/**
 * The age id of a row: the bundle's own age_id, or for the pre-2021 "AG" (age in years) code a
 * synthetic id of the age group of age_num (data.ts ageInYearsId); −1 when not stated.
 */
function ageReader(h: string[], file: string, d: Decoders): (r: RowView, iage: number) => number {
  const inum = d.ageInYearsId === null ? -1 : col(h, 'age_num', file);
  return (r, iage) => {
    const id = r.int(iage);
    if (id === null) return -1;
    if (id !== d.ageInYearsId) {
      if (!d.age.has(id) || id >= AGE_IN_YEARS_BASE) throw new InputError(r.file, r.line, r.header[iage]!, `unknown code ${id}: not in ${d.ageFile}`);
      return id;
    }
    const years = r.int(inum);
    if (years === null || years > 120) throw new InputError(r.file, r.line, r.header[inum]!, `"${r.str(inum)}" is not an age in years (age code "AG" needs one)`);
    return ageInYearsId(years);
  };
}

/** Wrap a table stream to report progress in bytes over the whole bundle. */
async function* counted(t: BundleTable, progress: (n: number) => void): AsyncGenerator<Buffer> {
  for await (const chunk of t.open()) {
    progress(chunk.length);
    yield chunk;
  }
}

/** Everything the write step needs from reading a bundle (structured-cloneable: it may come from a worker). */
export interface ReadBundle {
  state: string;
  year: number;
  agencyById: Map<number, AgencyInfo>;
  reporting: number;
  popCovered: number;
  partField: string;
  caveats: string[];
  /** Tables present in the bundle, for citations. */
  tables: Record<string, { fileName: string; display: string }>;
  data: BundleData;
  /** Person decoders (null when the bundle has no arrestee or victim table). */
  dec: Decoders | null;
  /** Tables a folder copy lacks (./layouts.ts OPTIONAL_GROUPS); their measures are absent, not zero. */
  absent: string[];
}

export interface ReadOptions extends LoadOptions {
  /** The store's write connection, for the DuckDB reader (without it the streaming reader runs). */
  conn?: DuckDBConnection;
  onProgress?: (done: number, total: number) => void;
  /** The current year (default: the injected clock's); passed in where the clock is another thread's. */
  currentYear?: number;
  /** Polled between chunks: true stops the read with Cancelled (the reader pool's cancel flag). */
  cancelled?: () => boolean;
}

/** A read stopped because its result is no longer wanted (./pool.ts). */
export class Cancelled extends Error {
  constructor() {
    super('NIBRS read cancelled');
  }
}

/** Load one bundle into a stage: read it (in this thread), then write it. */
export async function loadBundle(path: string, rel: string, stage: Stage, options: LoadOptions = {}): Promise<void> {
  const rb = await readBundle(path, rel, stage.source.id, { ...options, conn: stage.connection, onProgress: stage.onProgress });
  await writeBundle(rb, stage, rel, options.partial ?? false);
}

/**
 * Read and check every table of a bundle; `src` is the source id its name promises. Pure with
 * respect to the store (the DuckDB reader only uses temp tables), so it can run in a worker.
 */
export async function readBundle(path: string, rel: string, src: string, options: ReadOptions = {}): Promise<ReadBundle> {
  const partial = options.partial ?? false;
  const t0 = performance.now();
  const timing = process.env.COGENCY_NIBRS_TIMING ? (what: string) => process.stderr.write(`${rel} ${what} ${(performance.now() - t0).toFixed(0)} ms\n`) : () => {};
  const bundle = await openBundle(path, rel);
  timing('open');
  const missing = (keys: string[]) => keys.filter((k) => !bundle.tables.has(k));
  const layout = layoutOf(new Set(bundle.tables.keys()));
  // A folder may be a copy lacking whole table groups (stated, ./layouts.ts); a zip is complete.
  const subset = partial
    ? { absent: [], statements: [] }
    : tableSubset(new Set(bundle.tables.keys()), bundle.kind, basename(path), rel, officialName);
  const req = (partial ? CORE_TABLES : [...CORE_TABLES, ...DETAIL_TABLES])
    .filter((k) => !subset.absent.includes(k))
    .filter((k) => !(k === 'agencies' && layout === 'cde-2012'));
  const miss = missing(req);
  if (miss.length) {
    throw new InputError(`${rel}${bundle.kind === 'zip' ? ':' : '/'}${officialName(miss[0]!)}`, null, null,
      `required table missing from the bundle (${miss.join(', ')}); an official NIBRS extract has all of ${req.join(', ')}`);
  }
  const missLookups = partial ? [] : missing(LOOKUPS);
  if (missLookups.length) {
    throw new InputError(`${rel}${bundle.kind === 'zip' ? ':' : '/'}${officialName(missLookups[0]!)}`, null, null, `lookup table missing from the bundle (${missLookups.join(', ')}): codes are decoded only with the tables shipped in the same extract`);
  }
  const caveats: string[] = subset.statements.map((t) => `${rel}: ${t}. The figures of this bundle are not the complete official extract.`);
  const has = (k: string) => bundle.tables.has(k);
  const totalBytes = [...CORE_TABLES, ...DETAIL_TABLES].reduce((s, k) => s + (bundle.tables.get(k)?.bytes ?? 0), 0);
  let doneBytes = 0;
  const progress = (n: number) => {
    if (options.cancelled?.()) throw new Cancelled();
    doneBytes += n;
    options.onProgress?.(doneBytes, totalBytes);
  };

  // --- agencies: state, year, coverage -------------------------------------------------------
  const agencyById = new Map<number, AgencyInfo>();
  const nowYear = options.currentYear ?? currentYear();
  let year = 0;
  let state = '';
  let reporting = 0;
  let popCovered = 0;
  let agencyFile: string;
  let stateField = 'state_abbr';
  let partField: string;
  if (layout === 'cde-2012') {
    // No data_year anywhere in this layout: the year is the folder's (checked against agency_participation.year).
    if (!bundle.year) throw new InputError(rel, null, null, 'an extract in the oldest CDE layout (cde_agencies.csv) has no data_year column: its folder must be named <ST>-<YEAR>');
    const old = await readOldAgencies(bundle, bundle.year);
    for (const [id, a] of old.agencyById) agencyById.set(id, a);
    ({ state, reporting, popCovered, partField } = old);
    year = bundle.year;
    agencyFile = bundle.tables.get('cde_agencies')!.display;
  } else {
    const agencies = await readLookup(bundle, 'agencies', ['agency_id', 'ori', 'data_year', 'population'], 'agencies');
    agencyFile = agencies.file;
    const ah = agencies.header;
    stateField = ah.includes('state_abbr') ? 'state_abbr' : 'state_postal_abbr';
    partField = ah.includes('nibrs_participated') ? 'nibrs_participated' : 'participated';
    for (const f of [stateField, partField]) if (!ah.includes(f)) throw new InputError(agencyFile, 1, f, `column "${f}" missing from the header`);
    // The official LA 2016 table repeats 9 agencies in rows that differ only in the summary-UCR
    // `participated` flag; such a repeat changes nothing NIBRS counts and is dropped (and stated).
    // A row repeated exactly is a duplicated record, refused like any repeated key.
    const sameBut = (r: { get(f: string): string }) => ah.filter((f) => f !== 'participated' || partField === 'participated').map((f) => r.get(f)).join('\u0001');
    const whole = (r: { get(f: string): string }) => ah.map((f) => r.get(f)).join('\u0001');
    const firstRow = new Map<number, { kept: string; whole: string }>();
    let repeats = 0;
    for (const r of agencies.rows) {
      const y = Number(r.get('data_year'));
      if (!Number.isInteger(y) || y < 1991) throw new InputError(agencyFile, r.line, 'data_year', `"${r.get('data_year')}" is not a data year`);
      if (y > nowYear) throw new InputError(agencyFile, r.line, 'data_year', `data year ${y} is in the future (the current year is ${nowYear})`);
      if (year && y !== year) throw new InputError(agencyFile, r.line, 'data_year', `data year ${y} differs from ${year} in earlier rows: a bundle holds one state-year`);
      year = y;
      const st = r.get(stateField).toUpperCase();
      if (!isUsState(st)) throw new InputError(agencyFile, r.line, stateField, `"${r.get(stateField)}" is not a U.S. state code`);
      if (state && st !== state) throw new InputError(agencyFile, r.line, stateField, `state ${st} differs from ${state} in earlier rows: a bundle holds one state-year`);
      state = st;
      const id = Number(r.get('agency_id'));
      if (!Number.isInteger(id)) throw new InputError(agencyFile, r.line, 'agency_id', `"${r.get('agency_id')}" is not a numeric id`);
      if (agencyById.has(id)) {
        const first = firstRow.get(id)!;
        if (first.kept !== sameBut(r) || first.whole === whole(r)) throw new InputError(agencyFile, r.line, 'agency_id', `duplicate agency_id ${id}`);
        repeats++;
        continue;
      }
      firstRow.set(id, { kept: sameBut(r), whole: whole(r) });
      const ori = r.get('ori');
      if (!/^[A-Z0-9]{9}$/i.test(ori)) throw new InputError(agencyFile, r.line, 'ori', `"${ori}" is not a 9-character ORI`);
      const popText = r.get('population');
      const population = popText === '' || popText === 'NA' ? 0 : Number(popText);
      if (!Number.isFinite(population) || population < 0) throw new InputError(agencyFile, r.line, 'population', `"${popText}" is not a population`);
      const participated = flag(r.get(partField), agencyFile, r.line, partField);
      const name = (ah.includes('pub_agency_name') ? r.get('pub_agency_name') : '') || (ah.includes('ucr_agency_name') ? r.get('ucr_agency_name') : '') || ori;
      const unit = ah.includes('pub_agency_unit') ? r.get('pub_agency_unit') : '';
      agencyById.set(id, {
        ori: ori.toUpperCase(),
        name: unit && unit !== 'NA' ? `${name} ${unit}` : name,
        type: ah.includes('agency_type_name') ? r.get('agency_type_name') : '',
        population,
        participated,
      });
      if (participated) {
        reporting++;
        popCovered += population;
      }
    }
    if (repeats) caveats.push(`${rel}: the agencies table repeats ${repeats} agencies in rows that differ only in the summary-UCR "participated" flag; each agency is counted once (NIBRS participation, ${partField}, agrees in every repeat).`);
  }
  if (!year) throw new InputError(agencyFile, null, null, 'the agencies table has no rows');
  if (bundle.state && (bundle.state !== state || bundle.year !== year)) {
    throw new InputError(agencyFile, 2, stateField, `the bundle is named ${bundle.label} but its agencies table is for ${state}-${year}`);
  }
  const expectedId = `nibrs.${state}.${year}`;
  if (src !== expectedId) throw new InputError(agencyFile, 2, stateField, `the bundle holds ${state}-${year}, expected by its name as ${src}`);

  timing('agencies');
  // --- lookups ---------------------------------------------------------------------------------
  const offenseByKey = new Map<number, string>(); // code key → code (validation)
  const offenseByTypeId = new Map<number, string>(); // older era
  let offenseTable: Lookup | null = null;
  if (has('nibrs_offense_type')) {
    offenseTable = await readLookup(bundle, 'nibrs_offense_type', ['offense_code'], 'offense codes');
    const withId = offenseTable.header.includes('offense_type_id');
    for (const r of offenseTable.rows) {
      const code = r.get('offense_code');
      if (code === '' || code === 'NA') continue; // the one blank row of the official table
      if (offenseByKey.has(codeKey(code))) throw new InputError(offenseTable.file, r.line, 'offense_code', `offense code ${code} appears twice`);
      offenseByKey.set(codeKey(code), code);
      if (withId) offenseByTypeId.set(Number(r.get('offense_type_id')), code);
    }
  }
  const coveredByCode = new Map<string, CoveredOffense>(COVERED.map((o) => [o.code, o]));
  const coveredKey = new Map<number, string>(COVERED.map((o) => [codeKey(o.code), o.code]));

  const needPeople = has('nibrs_arrestee') || has('nibrs_victim');
  let dec: Decoders | null = null;
  if (needPeople) {
    const why = 'needed to decode arrestee and victim codes';
    const race = await readLookup(bundle, 'ref_race', ['race_id', 'race_desc'], why);
    const eth = await readLookup(bundle, 'nibrs_ethnicity', ['ethnicity_id', 'ethnicity_name'], why);
    const age = await readLookup(bundle, 'nibrs_age', ['age_id', 'age_code'], why);
    const ageMap = new Map<number, string>();
    let ageInYears: number | null = null;
    for (const [id, code] of idMap(age, 'age_id', 'age_code')) {
      if (code.trim().toUpperCase() === 'AG') {
        // Pre-2021 tables: one code for "Age in Years", the age itself in age_num.
        if (id >= AGE_IN_YEARS_BASE) throw new InputError(age.file, age.rows.find((r) => Number(r.get('age_id')) === id)?.line ?? null, 'age_id', `age id ${id} is larger than any NIBRS age id`);
        ageInYears = id;
        AGE_BUCKETS.forEach((g, i) => ageMap.set(AGE_IN_YEARS_BASE + i, g));
        continue;
      }
      const g = ageGroupOfCode(code);
      if (!g) throw new InputError(age.file, age.rows.find((r) => Number(r.get('age_id')) === id)?.line ?? null, 'age_code', `unknown age code "${code}"`);
      ageMap.set(id, g);
    }
    const at = has('nibrs_arrestee') ? await readLookup(bundle, 'nibrs_arrest_type', ['arrest_type_id', 'arrest_type_name'], why) : null;
    const vt = has('nibrs_victim') ? await readLookup(bundle, 'nibrs_victim_type', ['victim_type_id', 'victim_type_name'], why) : null;
    dec = {
      race: idMap(race, 'race_id', 'race_desc'),
      ethnicity: idMap(eth, 'ethnicity_id', 'ethnicity_name'),
      age: ageMap,
      arrestType: at ? idMap(at, 'arrest_type_id', 'arrest_type_name') : new Map(),
      victimType: vt ? idMap(vt, 'victim_type_id', 'victim_type_name') : new Map(),
      raceFile: race.file,
      ethnicityFile: eth.file,
      ageFile: age.file,
      ageInYearsId: ageInYears,
      arrestTypeFile: at?.file ?? '',
      victimTypeFile: vt?.file ?? '',
    };
  }

  timing('lookups');
  let era: Era | null = null;
  let eraFile = '';
  const setEra = (header: string[], file: string): Era => {
    const e = eraOf(header, file);
    if (era && e !== era) {
      throw new InputError(file, 1, e, `mixed-era bundle: this table uses ${e} but ${eraFile} uses ${era}; tables from different releases cannot be combined`);
    }
    if (!era) {
      era = e;
      eraFile = file;
    }
    if (e === 'offense_type_id' && !offenseTable) {
      throw new InputError(`${rel}${bundle.kind === 'zip' ? ':' : '/'}NIBRS_OFFENSE_TYPE.csv`, null, null, `lookup table missing from the bundle: ${file} uses offense_type_id, which only NIBRS_OFFENSE_TYPE.csv can decode`);
    }
    if (e === 'offense_type_id' && offenseByTypeId.size === 0) {
      throw new InputError(offenseTable!.file, 1, 'offense_type_id', `${file} uses offense_type_id but this offense type table has no offense_type_id column: mixed-era bundle`);
    }
    return e;
  };
  /** Offense code of the row (validated against the bundle's offense table when it has one). */
  const offenseCodeOf = (r: RowView, i: number, e: Era): string | null => {
    if (e === 'offense_type_id') {
      const id = r.int(i);
      if (id === null) throw new InputError(r.file, r.line, r.header[i]!, 'offense type is empty');
      const code = offenseByTypeId.get(id);
      if (code === undefined) throw new InputError(r.file, r.line, r.header[i]!, `unknown offense_type_id ${id}: not in ${offenseTable!.file}`);
      return coveredByCode.has(code) ? code : null;
    }
    const k = r.key(i);
    if (offenseTable && !offenseByKey.has(k)) {
      throw new InputError(r.file, r.line, r.header[i]!, `unknown offense code "${r.str(i)}": not in ${offenseTable.file}`);
    }
    return coveredKey.get(k) ?? null;
  };
  /** The data_year column, required except in the oldest layout, which has none (the folder gives the year). */
  const yearCol = (h: string[], file: string): number => (layout === 'cde-2012' && !h.includes('data_year') ? -1 : col(h, 'data_year', file));
  // The year's four digits as bytes: each row's data_year is compared byte by byte.
  const [y0, y1, y2, y3] = [...String(year).padStart(4, ' ')].map((c) => c.charCodeAt(0)) as [number, number, number, number];
  const checkYear = (r: RowView, i: number): void => {
    if (i < 0) return; // oldest layout: no data_year column (see yearCol)
    const s = r.start[i]!;
    const u = r.u;
    if (r.end[i]! - s === 4 && u[s] === y0 && u[s + 1] === y1 && u[s + 2] === y2 && u[s + 3] === y3) return;
    // Not the year as written: the same checks (and errors) as before.
    if (r.end[i]! - r.start[i]! !== 4 || r.int(i) !== year) {
      throw new InputError(r.file, r.line, r.header[i]!, `data_year "${r.str(i)}" differs from the bundle's year ${year} (agencies table): tables from different years cannot be combined`);
    }
  };

  const readStreaming = async (): Promise<BundleData> => {
    // --- NIBRS_OFFENSE ------------------------------------------------------------------------
    const offenses: { offenseId: number; incident: number; code: string }[] = [];
    const offenseCodeById = new Map<number, string>();
    const offenseFilter = new IdFilter();
    const incidentAgency = new Map<number, number>(); // covered incidents only; filled by the incident pass
    const offT = bundle.tables.get('nibrs_offense')!;
    const offenseIds = new IdSet();
    const offensesAll = await scanCsv(counted(offT, progress), {
      file: offT.display,
      requireFinalNewline: true,
      onHeader(h) {
        checkColumns('nibrs_offense', h, offT.display);
        const e = setEra(h, offT.display);
        const [iy, io, ii, ic] = [yearCol(h, offT.display), col(h, 'offense_id', offT.display), col(h, 'incident_id', offT.display), col(h, e, offT.display)];
        return (r) => {
          checkYear(r, iy);
          // offense_id is the table's key: a repeated one is a duplicated record, whatever its offense.
          const offenseId = r.req(io);
          if (!offenseIds.add(offenseId)) throw new InputError(r.file, r.line, r.header[io]!, `duplicate offense_id ${offenseId}`);
          const code = offenseCodeOf(r, ic, e);
          if (code === null) return;
          const incident = r.req(ii);
          if (offenses.length >= MAX_NIBRS_COVERED_ROWS) throw new InputError(r.file, r.line, r.header[ic]!, `more than ${MAX_NIBRS_COVERED_ROWS} trafficking and prostitution offenses in one state-year; refused`);
          offenses.push({ offenseId, incident, code });
          offenseCodeById.set(offenseId, code);
          offenseFilter.add(offenseId);
          incidentAgency.set(incident, -1);
        };
      },
    });
    timing('t:offense');
    if (!offenseTable) caveats.push(`${rel}: no NIBRS_OFFENSE_TYPE.csv in this bundle, so offense codes were read as written and not checked against the FBI's table.`);

    // --- NIBRS_ARRESTEE (Group A) ---------------------------------------------------------------
    const arrestees: Person[] = [];
    const allArrestees = new Map<number, number>();
    let arresteesAll: number | null = null;
    const arrT = bundle.tables.get('nibrs_arrestee');
    if (arrT && dec) {
      const d = dec;
      const arresteeIds = new IdSet();
      arresteesAll = await scanCsv(counted(arrT, progress), {
        file: arrT.display,
        requireFinalNewline: true,
        requireRecords: !partial,
        onHeader(h) {
          const f = arrT.display;
          checkColumns('nibrs_arrestee', h, f);
          const e = setEra(h, f);
          const [iy, ia, ii, ic, iage, isex, irace, ieth, itype] = [
            yearCol(h, f), col(h, 'arrestee_id', f), col(h, 'incident_id', f), col(h, e, f), col(h, 'age_id', f),
            col(h, 'sex_code', f), col(h, 'race_id', f), col(h, 'ethnicity_id', f), col(h, 'arrest_type_id', f),
          ];
          const sexKeys = new Map<number, number>([...Object.keys(SEX).map((k, n) => [codeKey(k), n + 1] as [number, number]), [0, 0]]);
          const ageOf = ageReader(h, f, d);
          return (r) => {
            checkYear(r, iy);
            const arresteeId = r.req(ia);
            if (!arresteeIds.add(arresteeId)) throw new InputError(r.file, r.line, r.header[ia]!, `duplicate arrestee_id ${arresteeId}`);
            // Every arrestee: one compact key per (race, ethnicity, age, sex), decoded after the pass.
            const race = r.int(irace) ?? -1;
            const eth = r.int(ieth) ?? -1;
            const age = ageOf(r, iage);
            const sex = sexKeys.get(r.isNull(isex) ? 0 : r.key(isex));
            if (sex === undefined) sexOf(r, isex);
            if (race >= 0 && !d.race.has(race)) decode(d.race, r, irace, d.raceFile);
            if (eth >= 0 && !d.ethnicity.has(eth)) decode(d.ethnicity, r, ieth, d.ethnicityFile);
            if (race > MAX_KEY_ID || eth > MAX_KEY_ID || age > MAX_KEY_ID) {
              const i = race > MAX_KEY_ID ? irace : eth > MAX_KEY_ID ? ieth : iage;
              throw new InputError(r.file, r.line, r.header[i]!, `code id ${r.str(i)} is larger than any NIBRS lookup id (${MAX_KEY_ID})`);
            }
            const k = allArresteeKey(race, eth, age, sex!);
            allArrestees.set(k, (allArrestees.get(k) ?? 0) + 1);
            const code = offenseCodeOf(r, ic, e);
            if (code === null) return;
            const incident = r.req(ii);
            if (arrestees.length >= MAX_NIBRS_COVERED_ROWS) throw new InputError(r.file, r.line, r.header[ic]!, `more than ${MAX_NIBRS_COVERED_ROWS} trafficking and prostitution arrestees in one state-year; refused`);
            arrestees.push({
              id: arresteeId,
              incident,
              code,
              dims: {
                race: decode(d.race, r, irace, d.raceFile),
                ethnicity: decode(d.ethnicity, r, ieth, d.ethnicityFile),
                sex: sexOf(r, isex),
                age_group: age < 0 ? 'Not stated' : d.age.get(age)!,
                arrest_type: decode(d.arrestType, r, itype, d.arrestTypeFile),
              },
            });
            if (!incidentAgency.has(incident)) incidentAgency.set(incident, -1);
          };
        },
      });
      timing('t:arrestee');
    } else if (partial) caveats.push(`${rel}: no NIBRS_ARRESTEE.csv in this cut-down bundle; arrestee measures are absent for ${state} ${year}.`);

    // --- NIBRS_VICTIM_OFFENSE, then NIBRS_VICTIM ---------------------------------------------------
    const victimCodes = new Map<number, string[]>();
    const victimFilter = new IdFilter();
    const voT = bundle.tables.get('nibrs_victim_offense');
    const vT = bundle.tables.get('nibrs_victim');
    const victims: Person[] = [];
    if (voT && vT && dec) {
      await scanCsv(counted(voT, progress), {
        file: voT.display,
        requireFinalNewline: true,
        requireRecords: !partial,
        onHeader(h) {
          checkColumns('nibrs_victim_offense', h, voT.display);
          const [iy, iv, io] = [yearCol(h, voT.display), col(h, 'victim_id', voT.display), col(h, 'offense_id', voT.display)];
          return (r) => {
            checkYear(r, iy);
            const oid = r.req(io);
            if (!offenseFilter.mayHave(oid)) return;
            const code = offenseCodeById.get(oid);
            if (code === undefined) return;
            const v = r.req(iv);
            const list = victimCodes.get(v);
            victimFilter.add(v);
            if (!list) victimCodes.set(v, [code]);
            else if (!list.includes(code)) list.push(code);
          };
        },
      });
      timing('t:victim_offense');
      const d = dec;
      const victimIds = new IdSet();
      await scanCsv(counted(vT, progress), {
        file: vT.display,
        requireFinalNewline: true,
        requireRecords: !partial,
        onHeader(h) {
          const f = vT.display;
          checkColumns('nibrs_victim', h, f);
          const [iy, iv, ii, itype, iage, isex, irace, ieth] = [
            yearCol(h, f), col(h, 'victim_id', f), col(h, 'incident_id', f), col(h, 'victim_type_id', f), col(h, 'age_id', f),
            col(h, 'sex_code', f), col(h, 'race_id', f), col(h, 'ethnicity_id', f),
          ];
          const ageOf = ageReader(h, f, d);
          return (r) => {
            checkYear(r, iy);
            const id = r.req(iv);
            if (!victimIds.add(id)) throw new InputError(r.file, r.line, r.header[iv]!, `duplicate victim_id ${id}`);
            if (!victimFilter.mayHave(id)) return;
            const codes = victimCodes.get(id);
            if (!codes) return;
            const incident = r.req(ii);
            const type = decode(d.victimType, r, itype, d.victimTypeFile);
            if (victims.length >= MAX_NIBRS_COVERED_ROWS) throw new InputError(r.file, r.line, r.header[iv]!, `more than ${MAX_NIBRS_COVERED_ROWS} victims of trafficking and prostitution offenses in one state-year; refused`);
            for (const code of codes) {
              const person = coveredByCode.get(code)!.against === 'person';
              victims.push({
                id,
                incident,
                code,
                dims: person
                  ? {
                      victim_type: type,
                      race: decode(d.race, r, irace, d.raceFile),
                      ethnicity: decode(d.ethnicity, r, ieth, d.ethnicityFile),
                      sex: sexOf(r, isex),
                      age_group: ((a) => (a < 0 ? 'Not stated' : d.age.get(a)!))(ageOf(r, iage)),
                    }
                  : { victim_type: type },
              });
            }
            victimCodes.delete(id);
          };
        },
      });
      timing('t:victim');
      if (victimCodes.size) {
        const [v] = victimCodes.keys();
        throw new InputError(voT.display, null, 'victim_id', `victim_id ${v} (and ${victimCodes.size - 1} more) linked to a covered offense is not in ${vT.display}`);
      }
    } else if (partial) caveats.push(`${rel}: no NIBRS_VICTIM/NIBRS_VICTIM_OFFENSE tables in this cut-down bundle; victim measures are absent for ${state} ${year}.`);
    for (const v of victims) if (!incidentAgency.has(v.incident)) incidentAgency.set(v.incident, -1);

    // --- NIBRS_incident: agency of the covered incidents, incidents per agency ---------------------
    // Without the incident table (a `-partial` copy) covered rows stay unattributed (-1) and are counted for the state.
    const incT = bundle.tables.get('nibrs_incident');
    const incidentsByAgency = new Map<number, number>();
    let incidentsAll = 0;
    if (incT) {
      const incidentFilter = new IdFilter();
      for (const id of incidentAgency.keys()) incidentFilter.add(id);
      let lastAgency = -1;
      let run = 0;
      const incidentIds = new IdSet();
      incidentsAll = await scanCsv(counted(incT, progress), {
        file: incT.display,
        requireFinalNewline: true,
        onHeader(h) {
          const f = incT.display;
          checkColumns('nibrs_incident', h, f);
          const [iy, ia, ii] = [yearCol(h, f), col(h, 'agency_id', f), col(h, 'incident_id', f)];
          // Rows come grouped by agency: count runs, and check each agency once per run.
          return (r) => {
            checkYear(r, iy);
            const a = r.req(ia);
            if (a !== lastAgency) {
              if (!agencyById.has(a)) throw new InputError(f, r.line, 'agency_id', `unknown agency_id ${a}: not in ${agencyFile}`);
              if (lastAgency !== -1) incidentsByAgency.set(lastAgency, (incidentsByAgency.get(lastAgency) ?? 0) + run);
              lastAgency = a;
              run = 0;
            }
            run++;
            const inc = r.req(ii);
            if (!incidentIds.add(inc)) throw new InputError(f, r.line, 'incident_id', `duplicate incident_id ${inc}`);
            if (!incidentFilter.mayHave(inc)) return;
            const cur = incidentAgency.get(inc);
            if (cur !== undefined) {
              if (cur !== -1) throw new InputError(f, r.line, 'incident_id', `duplicate incident_id ${inc}`);
              incidentAgency.set(inc, a);
            }
          };
        },
      });
      if (lastAgency !== -1) incidentsByAgency.set(lastAgency, (incidentsByAgency.get(lastAgency) ?? 0) + run);
      timing('t:incident');
      for (const [inc, a] of incidentAgency) {
        if (a === -1) throw new InputError(incT.display, null, 'incident_id', `incident_id ${inc}, referred to by a covered offense, arrestee or victim, is not in this table`);
      }
    }

    // --- NIBRS_ARRESTEE_GROUPB: count only (prostitution and trafficking are Group A) ------------
    let groupB: number | null = null;
    const gbT = bundle.tables.get('nibrs_arrestee_groupb');
    if (gbT) {
      const groupBIds = new IdSet();
      groupB = await scanCsv(counted(gbT, progress), {
        file: gbT.display,
        requireFinalNewline: true,
        requireRecords: !partial,
        onHeader(h) {
          checkColumns('nibrs_arrestee_groupb', h, gbT.display);
          const iy = yearCol(h, gbT.display);
          const iid = h.indexOf('groupb_arrestee_id');
          return (r) => {
            checkYear(r, iy);
            if (iid >= 0 && !groupBIds.add(r.req(iid))) throw new InputError(r.file, r.line, 'groupb_arrestee_id', `duplicate groupb_arrestee_id ${r.str(iid)}`);
          };
        },
      });
    }
    return { offensesAll, arresteesAll, incidentsAll, groupB, offenses, arrestees, victims, incidentAgency, incidentsByAgency, allArrestees };
  };
  // Optional DuckDB path (complete bundles): DuckDB's parallel CSV reader does the selection and
  // totals in SQL. Anything it cannot vouch for sends the bundle through the streaming reader, whose
  // errors name file, line and field.
  const fast =
    // (only for the 2016+ layout with 2021+ age codes: the older quirks are handled by the streaming reader alone)
    partial || subset.absent.length > 0 || layout === 'cde-2012' || dec?.ageInYearsId != null || options.reader !== 'duckdb' || !options.conn
      ? null
      : await readFast({ conn: options.conn, bundle, year, offenseByKey, offenseByTypeId, dec: dec!, agencyIds: new Set(agencyById.keys()), onBytes: progress });
  options.onPath?.(fast ? 'duckdb' : 'streaming');
  const data = fast ?? (await readStreaming());
  timing('read');
  const tables: ReadBundle['tables'] = {};
  for (const [k, t] of bundle.tables) tables[k] = { fileName: t.fileName, display: t.display };
  return { state, year, agencyById, reporting, popCovered, partField, caveats, tables, data, dec, absent: subset.absent };
}

/** Write a read bundle into the stage: places, measures, citations, caveats, fact tables, observations. */
export async function writeBundle(rb: ReadBundle, stage: Stage, rel: string, partial: boolean): Promise<void> {
  const t0 = performance.now();
  const timing = process.env.COGENCY_NIBRS_TIMING ? (what: string) => process.stderr.write(`${rel} ${what} ${(performance.now() - t0).toFixed(0)} ms\n`) : () => {};
  const src = stage.source.id;
  const { state, year, agencyById, reporting, popCovered, partField, caveats, dec } = rb;
  const { offensesAll, arresteesAll, incidentsAll, groupB, offenses, arrestees, victims, incidentAgency, incidentsByAgency, allArrestees } = rb.data;
  const coveredByCode = new Map<string, CoveredOffense>(COVERED.map((o) => [o.code, o]));
  const arrT = rb.tables.nibrs_arrestee;
  const vT = rb.tables.nibrs_victim;
  const gbT = rb.tables.nibrs_arrestee_groupb;
  // --- write: places, measures, citations, caveats, fact tables, observations ------------------
  stage.rowsRead = offensesAll + (arresteesAll ?? 0) + incidentsAll + (groupB ?? 0);
  const oriOf = (agencyId: number) => agencyById.get(agencyId)!.ori;
  // Where a covered row is counted: its agency, or the state when the copy has no incident table.
  const noIncidents = rb.absent.includes('nibrs_incident');
  const placeOf = (incident: number) => (noIncidents ? state : oriOf(incidentAgency.get(incident)!));
  const factOri = (incident: number) => (noIncidents ? null : oriOf(incidentAgency.get(incident)!));
  const live = await stage.connection.runAndReadAll(`SELECT id FROM measures WHERE source_id <> ? AND family = 'nibrs'`, [src]);
  const owned = new Set(live.getRowObjectsJS().map((r) => String(r.id)));
  // Measures are shared by every NIBRS bundle: the first bundle loaded holds the definitions.
  for (const m of nibrsMeasures()) if (!owned.has(m.id)) stage.measure(m);

  const cite = (table: string, what: string) => {
    const t = rb.tables[table];
    const id = `${src}:${t?.fileName ?? table}`;
    stage.citation({ id, sourceId: src, locator: `${t?.display ?? table}: ${what}` });
    return id;
  };
  const cOff = cite('nibrs_offense', rb.absent.includes('nibrs_incident') ? 'offense records (offense code), for the state as a whole (no incident table in this copy)' : 'offense records (offense code), joined to NIBRS_incident for the agency');
  const cInc = cite('nibrs_incident', 'incident records by agency_id');
  const cArr = arrT ? cite('nibrs_arrestee', 'Group A arrestee records (arrest offense code), decoded with REF_RACE, NIBRS_ETHNICITY, NIBRS_AGE, NIBRS_ARREST_TYPE') : '';
  const cVic = vT ? cite('nibrs_victim', 'victim records linked through NIBRS_VICTIM_OFFENSE, decoded with NIBRS_VICTIM_TYPE, REF_RACE, NIBRS_ETHNICITY, NIBRS_AGE') : '';
  const cGb = gbT ? cite('nibrs_arrestee_groupb', 'Group B arrestee records (row count)') : '';
  const cAg = cite('agencies', `agencies table: ${partField}, population`);

  const caveat = (text: string, measure: string | null = null) => stage.caveat({ sourceId: src, measure, place: state, period: year, text });
  caveat(
    `NIBRS ${state} ${year}: ${reporting} of ${agencyById.size} agencies in the extract reported to NIBRS (${partField}), covering a population of ${popCovered.toLocaleString('en-US')} (FBI agency population estimates). Agencies that did not submit NIBRS data are not counted.`,
  );
  for (const t of caveats) caveat(t);
  if (partial) caveat(`${rel} is a cut-down test bundle (not the complete official extract): its figures are not statistics and must not be published.`);

  const s = stage.connection;
  const factCoverage = await stage.factTable(
    'nibrs_coverage',
    'state VARCHAR, year INTEGER, agencies_in_file INTEGER, agencies_reporting INTEGER, population_covered BIGINT, incidents_all BIGINT, offenses_all BIGINT, arrestees_all BIGINT, arrestees_groupb_all BIGINT, bundle VARCHAR, partial BOOLEAN',
  );
  await s.run(`INSERT INTO temp.${factCoverage} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
    src, state, year, agencyById.size, reporting, popCovered, noIncidents ? null : incidentsAll, offensesAll, arresteesAll, groupB, rel, partial,
  ]);
  const factAgencies = await stage.factTable('nibrs_agencies', 'state VARCHAR, year INTEGER, agency_id BIGINT, ori VARCHAR, name VARCHAR, agency_type VARCHAR, population BIGINT, nibrs_participated BOOLEAN, incidents_all BIGINT');
  const factOff = await stage.factTable('nibrs_offenses', 'state VARCHAR, year INTEGER, ori VARCHAR, incident_id BIGINT, offense_id BIGINT, offense_code VARCHAR');
  const factArr = await stage.factTable(
    'nibrs_arrestees',
    'state VARCHAR, year INTEGER, ori VARCHAR, incident_id BIGINT, arrestee_id BIGINT, offense_code VARCHAR, race VARCHAR, ethnicity VARCHAR, sex VARCHAR, age_group VARCHAR, arrest_type VARCHAR',
  );
  const factVic = await stage.factTable(
    'nibrs_victims',
    'state VARCHAR, year INTEGER, ori VARCHAR, incident_id BIGINT, victim_id BIGINT, offense_code VARCHAR, victim_type VARCHAR, race VARCHAR, ethnicity VARCHAR, sex VARCHAR, age_group VARCHAR',
  );
  const app = async (t: string, rows: (string | number | boolean | null)[][]) => {
    if (!rows.length) return;
    const a: DuckDBAppender = await s.createAppender(t, 'main', 'temp');
    for (const row of [[src, ...rows[0]!], ...rows.slice(1).map((r) => [src, ...r])]) {
      for (const v of row) {
        if (v === null) a.appendNull();
        else if (typeof v === 'boolean') a.appendBoolean(v);
        else if (typeof v === 'number') a.appendDouble(v);
        else a.appendVarchar(v);
      }
      a.endRow();
    }
    a.closeSync();
  };
  await app(factAgencies, [...agencyById.entries()].map(([id, a]) => [state, year, id, a.ori, a.name, a.type, a.population, a.participated, incidentsByAgency.get(id) ?? 0]));
  await app(factOff, offenses.map((o) => [state, year, factOri(o.incident), o.incident, o.offenseId, o.code]));
  await app(factArr, arrestees.map((p) => [state, year, factOri(p.incident), p.incident, p.id, p.code, p.dims.race!, p.dims.ethnicity!, p.dims.sex!, p.dims.age_group!, p.dims.arrest_type!]));
  await app(factVic, victims.map((p) => [state, year, factOri(p.incident), p.incident, p.id, p.code, p.dims.victim_type!, p.dims.race ?? null, p.dims.ethnicity ?? null, p.dims.sex ?? null, p.dims.age_group ?? null]));

  // Observations: each count once, at its finest level (agency × dimensions).
  const cells = new Map<string, { measure: string; place: string; dims: Record<string, string>; value: number; cite: string }>();
  const add = (measure: string, place: string, dims: Record<string, string>, cite: string, n = 1) => {
    const key = `${measure}|${place}|${JSON.stringify(dims)}`;
    const c = cells.get(key);
    if (c) c.value += n;
    else cells.set(key, { measure, place, dims, value: n, cite });
  };
  const slug = (code: string) => coveredByCode.get(code)!.slug;
  const seenIncident = new Set<string>();
  for (const o of offenses) {
    const ori = placeOf(o.incident);
    add(`nibrs.offenses.${slug(o.code)}`, ori, {}, cOff);
    const ik = `${o.incident}|${o.code}`;
    if (!seenIncident.has(ik)) {
      seenIncident.add(ik);
      add(`nibrs.incidents.${slug(o.code)}`, ori, {}, cOff);
    }
  }
  for (const p of arrestees) add(`nibrs.arrestees.${slug(p.code)}`, placeOf(p.incident), p.dims, cArr);
  for (const p of victims) add(`nibrs.victims.${slug(p.code)}`, placeOf(p.incident), p.dims, cVic);
  // A zero stored at state level says "reported, none found" (not "no data") for the dimensionless counts.
  for (const o of COVERED) {
    for (const kind of ['offenses', 'incidents']) {
      const id = `nibrs.${kind}.${o.slug}`;
      if (![...cells.values()].some((c) => c.measure === id)) add(id, state, {}, cOff, 0);
    }
  }
  for (const [id, n] of incidentsByAgency) add('nibrs.context.incidents_all', oriOf(id), {}, cInc, n);
  add('nibrs.context.offenses_all', state, {}, cOff, offensesAll);
  if (arresteesAll !== null && dec) {
    const sexNames = ['Not stated', ...Object.values(SEX)];
    const name = (m: Map<number, string>, id: number) => (id < 0 ? 'Not stated' : m.get(id)!);
    for (const [k, n] of allArrestees) {
      const { race, eth, age, sex } = splitAllArresteeKey(k);
      add('nibrs.context.arrestees_all', state, {
        race: name(dec.race, race), ethnicity: name(dec.ethnicity, eth), age_group: name(dec.age, age), sex: sexNames[sex]!,
      }, cArr, n);
    }
  }
  if (groupB !== null) add('nibrs.context.arrestees_groupb_all', state, {}, cGb, groupB);
  add('nibrs.context.agencies_in_file', state, {}, cAg, agencyById.size);
  add('nibrs.context.agencies_reporting', state, {}, cAg, reporting);
  add('nibrs.context.population_covered', state, {}, cAg, popCovered);
  const flags = partial ? ['partial_bundle'] : [];
  for (const c of cells.values()) {
    stage.observation({ measure: c.measure, place: c.place, period: year, dims: c.dims, value: c.value, valueText: null, citationId: c.cite, flags });
  }
  timing('written');
  // Last step, after every table has been read and checked.
  stageAgencyPlaces(stage, state, [...agencyById.values()]);
  timing('places');
}

/** Agencies as places (kind 'agency', parent = state), staged with the bundle and swapped in with it. */
function stageAgencyPlaces(stage: Stage, state: string, agencies: AgencyInfo[]): void {
  for (const ag of agencies) stage.place({ id: ag.ori, kind: 'agency', name: ag.name, parent: state });
}
