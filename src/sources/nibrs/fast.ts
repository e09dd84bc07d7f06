// Fast path for complete bundles: DuckDB's parallel CSV reader does one pass per table, selecting
// the covered offenses and computing the totals in SQL, so the bulk bytes never cross into
// JavaScript. It only vouches for clean input: whatever it cannot account for (a cast that fails,
// an unknown code, another data year, a CSV error) returns null, and the caller re-reads the bundle
// with the streaming reader, whose errors name file, line and field.
import { createWriteStream } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { DuckDBConnection } from '@duckdb/node-api';
import { InputError } from '../errors.ts';
import { checkColumns } from './columns.ts';
import type { Bundle, BundleTable } from './bundle.ts';
import { COVERED } from './measures.ts';
import { codeKey, splitQuoted } from './scan.ts';
import { SEX_CODES, SEX, allArresteeKey, type BundleData, type Decoders, type Era, type Person } from './data.ts';

export interface FastContext {
  conn: DuckDBConnection;
  bundle: Bundle;
  year: number;
  offenseByKey: Map<number, string>;
  offenseByTypeId: Map<number, string>;
  dec: Decoders;
  agencyIds: Set<number>;
  onBytes(n: number): void;
}

const TABLES = ['nibrs_offense', 'nibrs_arrestee', 'nibrs_victim_offense', 'nibrs_victim', 'nibrs_incident', 'nibrs_arrestee_groupb'];

/** Thrown inside the fast path when the input needs the streaming reader's precise diagnosis. */
class Unsure extends Error {}

const sq = (s: string) => `'${s.replace(/'/g, "''")}'`;

async function firstLineAndLastByte(path: string): Promise<{ header: string[]; endsWithLf: boolean; size: number }> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const head = Buffer.alloc(Math.min(size, 65536));
    await fh.read(head, 0, head.length, 0);
    const nl = head.indexOf(10);
    if (nl < 0) throw new Unsure('no header line');
    let text = head.toString('utf8', 0, nl).replace(/\r$/, '');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const last = Buffer.alloc(1);
    await fh.read(last, 0, 1, size - 1);
    return { header: splitQuoted(text, path, 1).map((h) => h.trim().toLowerCase()), endsWithLf: last[0] === 10, size };
  } finally {
    await fh.close();
  }
}

async function extract(t: BundleTable, dir: string): Promise<string> {
  const out = join(dir, t.fileName);
  await pipeline(Readable.from(t.open()), createWriteStream(out, { highWaterMark: 1 << 20 }));
  return out;
}

export async function readFast(ctx: FastContext): Promise<BundleData | null> {
  const { bundle, conn, dec, year } = ctx;
  let tmp: string | null = null;
  try {
    // Files DuckDB can read: the folder's own files, or the zip's entries extracted (CRC-checked).
    const paths = new Map<string, string>();
    for (const key of TABLES) {
      const t = bundle.tables.get(key);
      if (!t) return null;
      if (bundle.kind === 'folder') paths.set(key, join(bundle.path, t.fileName));
      else {
        tmp ??= await mkdtemp(join(tmpdir(), 'cogency-nibrs-'));
        paths.set(key, await extract(t, tmp));
      }
    }
    const heads = new Map<string, string[]>();
    let era: Era | null = null;
    for (const [key, p] of paths) {
      const h = await firstLineAndLastByte(p);
      if (!h.endsWithLf || new Set(h.header).size !== h.header.length) return null;
      heads.set(key, h.header);
      if (key === 'nibrs_offense' || key === 'nibrs_arrestee') {
        const e: Era | null = h.header.includes('offense_code') && !h.header.includes('offense_type_id') ? 'offense_code' : h.header.includes('offense_type_id') && !h.header.includes('offense_code') ? 'offense_type_id' : null;
        if (!e || (era && e !== era)) return null;
        era = e;
      }
    }
    if (!era || (era === 'offense_type_id' && ctx.offenseByTypeId.size === 0)) return null;
    const need: Record<string, string[]> = {
      nibrs_offense: ['data_year', 'offense_id', 'incident_id', era],
      nibrs_arrestee: ['data_year', 'arrestee_id', 'incident_id', era, 'age_id', 'sex_code', 'race_id', 'ethnicity_id', 'arrest_type_id'],
      nibrs_victim_offense: ['data_year', 'victim_id', 'offense_id'],
      nibrs_victim: ['data_year', 'victim_id', 'incident_id', 'victim_type_id', 'age_id', 'sex_code', 'race_id', 'ethnicity_id'],
      nibrs_incident: ['data_year', 'agency_id', 'incident_id'],
      nibrs_arrestee_groupb: ['data_year'],
    };
    for (const [key, cols] of Object.entries(need)) if (cols.some((c) => !heads.get(key)!.includes(c))) return null;
    // Ids and codes are typed, so DuckDB parses them natively; a value that does not parse is a
    // CSV error, and the streaming reader then names its line and field.
    const BIGINT = new Set(['offense_id', 'incident_id', 'arrestee_id', 'victim_id', 'agency_id']);
    const INTEGER = new Set(['data_year', 'race_id', 'ethnicity_id', 'age_id', 'arrest_type_id', 'victim_type_id']);
    if (era === 'offense_type_id') INTEGER.add('offense_type_id');
    const src = (key: string) => {
      const type = (h: string) => (BIGINT.has(h) ? 'BIGINT' : INTEGER.has(h) ? 'INTEGER' : 'VARCHAR');
      const cols = heads.get(key)!.map((h) => `${sq(h)}: '${type(h)}'`).join(', ');
      return `read_csv(${sq(paths.get(key)!)}, columns = {${cols}}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
        nullstr = ['', 'NA'], strict_mode = true, null_padding = false, ignore_errors = false, parallel = true)`;
    };
    const rows = async (sql: string) => {
      const t = performance.now();
      const out = (await conn.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
      if (process.env.COGENCY_NIBRS_TIMING) process.stderr.write(`  ${sql.replace(/\s+/g, ' ').slice(0, 50)}… ${(performance.now() - t).toFixed(0)} ms, ${out.length} groups\n`);
      return out;
    };
    const checkYear = (r: Record<string, unknown>) => {
      if (r.data_year !== year) throw new Unsure('data year');
    };
    const big = (v: unknown): number => {
      if (v === null || v === undefined) throw new Unsure('id');
      return Number(v);
    };
    const idOf = (m: Map<number, string>, v: unknown): number => {
      if (v === null || v === undefined) return -1;
      const s = String(v);
      if (!/^\d+$/.test(s) || !m.has(Number(s))) throw new Unsure('code');
      return Number(s);
    };
    const name = (m: Map<number, string>, v: unknown) => {
      const id = idOf(m, v);
      return id < 0 ? 'Not stated' : m.get(id)!;
    };
    const sexOf = (v: unknown) => {
      if (v === null || v === undefined) return 'Not stated';
      const s = SEX[String(v).trim().toUpperCase()];
      if (!s) throw new Unsure('sex');
      return s;
    };
    const bytesOf = async (key: string) => ctx.onBytes((await firstLineAndLastByte(paths.get(key)!)).size);

    // What the streaming reader refuses with a line and field (an unknown column, an empty table, a
    // repeated id) sends the bundle to it: the fast path only vouches for clean input.
    for (const [key, h] of heads) {
      try {
        checkColumns(key, h, key);
      } catch {
        throw new Unsure('columns');
      }
    }
    const KEYS: Record<string, string> = { nibrs_offense: 'offense_id', nibrs_incident: 'incident_id', nibrs_arrestee: 'arrestee_id', nibrs_victim: 'victim_id' };
    for (const [key, id] of Object.entries(KEYS)) {
      const [r] = await rows(`SELECT count(*) AS n, count(DISTINCT "${id}") AS d FROM ${src(key)}`);
      if (!r || Number(r.n) === 0 || Number(r.n) !== Number(r.d)) throw new Unsure('keys');
    }

    // Offense keys: the raw text of offense_code, or of offense_type_id in older releases.
    const codeOfKey = (raw: string): string => {
      if (era === 'offense_type_id') {
        const c = /^\d+$/.test(raw) ? ctx.offenseByTypeId.get(Number(raw)) : undefined;
        if (c === undefined) throw new Unsure('offense type');
        return c;
      }
      const c = ctx.offenseByKey.get(codeKey(raw));
      if (c === undefined || c !== raw) throw new Unsure('offense code');
      return c;
    };
    const coveredCodes = new Set(COVERED.map((o) => o.code));
    const coveredKeys =
      era === 'offense_type_id'
        ? [...ctx.offenseByTypeId].filter(([, c]) => coveredCodes.has(c)).map(([id]) => String(id))
        : [...coveredCodes];
    const inCovered = `${era} IN (${coveredKeys.map(sq).join(', ') || 'NULL'})`;

    // --- offenses ---
    const offenses: BundleData['offenses'] = [];
    let offensesAll = 0;
    for (const r of await rows(
      `SELECT data_year, ${era} AS k, count(*) AS n, count(*) FILTER (WHERE offense_id IS NULL OR incident_id IS NULL) AS bad,
              list(struct_pack(o := offense_id, i := incident_id)) FILTER (WHERE ${inCovered}) AS sel
       FROM ${src('nibrs_offense')} GROUP BY ALL`,
    )) {
      checkYear(r);
      if (Number(r.bad) > 0 || r.k === null) throw new Unsure('offense ids');
      const code = codeOfKey(String(r.k));
      offensesAll += Number(r.n);
      for (const x of (r.sel as { o: unknown; i: unknown }[] | null) ?? []) offenses.push({ offenseId: big(x.o), incident: big(x.i), code });
    }
    await bytesOf('nibrs_offense');
    const incidentAgency = new Map<number, number>();
    for (const o of offenses) incidentAgency.set(o.incident, -1);

    // --- arrestees (Group A) ---
    const arrestees: Person[] = [];
    const allArrestees = new Map<number, number>();
    let arresteesAll = 0;
    const sexIndex = (v: unknown) => (v === null || v === undefined ? 0 : SEX_CODES.indexOf(String(v).trim().toUpperCase()) + 1);
    for (const r of await rows(
      `SELECT data_year, ${era} AS k, race_id, ethnicity_id, age_id, sex_code, count(*) AS n,
              count(*) FILTER (WHERE arrestee_id IS NULL OR incident_id IS NULL) AS bad,
              list(struct_pack(a := arrestee_id, i := incident_id, t := arrest_type_id)) FILTER (WHERE ${inCovered}) AS sel
       FROM ${src('nibrs_arrestee')} GROUP BY ALL`,
    )) {
      checkYear(r);
      if (Number(r.bad) > 0 || r.k === null) throw new Unsure('arrestee ids');
      const code = codeOfKey(String(r.k));
      const n = Number(r.n);
      arresteesAll += n;
      const sx = sexIndex(r.sex_code);
      if (sx === 0 && r.sex_code !== null) throw new Unsure('sex');
      const key = allArresteeKey(idOf(dec.race, r.race_id), idOf(dec.ethnicity, r.ethnicity_id), idOf(dec.age, r.age_id), sx);
      allArrestees.set(key, (allArrestees.get(key) ?? 0) + n);
      const sel = (r.sel as { a: unknown; i: unknown; t: unknown }[] | null) ?? [];
      if (!sel.length) continue;
      const base = { race: name(dec.race, r.race_id), ethnicity: name(dec.ethnicity, r.ethnicity_id), sex: sexOf(r.sex_code), age_group: name(dec.age, r.age_id) };
      for (const x of sel) {
        const incident = big(x.i);
        arrestees.push({ id: big(x.a), incident, code, dims: { ...base, arrest_type: name(dec.arrestType, x.t) } });
        if (!incidentAgency.has(incident)) incidentAgency.set(incident, -1);
      }
    }
    await bytesOf('nibrs_arrestee');

    // --- victims, through NIBRS_VICTIM_OFFENSE ---
    await conn.run('CREATE OR REPLACE TEMP TABLE nibrs_fast_off (offense_id BIGINT, code VARCHAR)');
    let app = await conn.createAppender('nibrs_fast_off', 'main', 'temp');
    for (const o of offenses) {
      app.appendBigInt(BigInt(o.offenseId));
      app.appendVarchar(o.code);
      app.endRow();
    }
    app.closeSync();
    const victimCodes = new Map<number, string[]>();
    for (const r of await rows(
      `SELECT v.data_year, count(*) AS n, count(*) FILTER (WHERE v.victim_id IS NULL OR v.offense_id IS NULL) AS bad,
              list(struct_pack(v := v.victim_id, c := o.code)) FILTER (WHERE o.code IS NOT NULL) AS sel
       FROM ${src('nibrs_victim_offense')} v LEFT JOIN temp.nibrs_fast_off o ON o.offense_id = v.offense_id GROUP BY ALL`,
    )) {
      checkYear(r);
      if (Number(r.bad) > 0) throw new Unsure('victim offense ids');
      for (const x of (r.sel as { v: unknown; c: string }[] | null) ?? []) {
        const id = big(x.v);
        const list = victimCodes.get(id);
        if (!list) victimCodes.set(id, [x.c]);
        else if (!list.includes(x.c)) list.push(x.c);
      }
    }
    await bytesOf('nibrs_victim_offense');
    await conn.run('CREATE OR REPLACE TEMP TABLE nibrs_fast_vic (victim_id BIGINT)');
    app = await conn.createAppender('nibrs_fast_vic', 'main', 'temp');
    for (const id of victimCodes.keys()) {
      app.appendBigInt(BigInt(id));
      app.endRow();
    }
    app.closeSync();
    const victims: Person[] = [];
    const person = new Set(COVERED.filter((o) => o.against === 'person').map((o) => o.code));
    const seenVictim = new Set<number>();
    for (const r of await rows(
      `SELECT v.data_year, count(*) AS n, count(*) FILTER (WHERE v.victim_id IS NULL OR v.incident_id IS NULL) AS bad,
              list(struct_pack(id := m.victim_id, i := v.incident_id, t := v.victim_type_id, r := v.race_id, e := v.ethnicity_id, a := v.age_id, s := v.sex_code))
                FILTER (WHERE m.victim_id IS NOT NULL) AS sel
       FROM ${src('nibrs_victim')} v LEFT JOIN temp.nibrs_fast_vic m ON m.victim_id = v.victim_id GROUP BY ALL`,
    )) {
      checkYear(r);
      if (Number(r.bad) > 0) throw new Unsure('victim ids');
      for (const x of (r.sel as { id: unknown; i: unknown; t: unknown; r: unknown; e: unknown; a: unknown; s: unknown }[] | null) ?? []) {
        const id = big(x.id);
        if (seenVictim.has(id)) throw new Unsure('duplicate victim');
        seenVictim.add(id);
        const incident = big(x.i);
        const type = name(dec.victimType, x.t);
        for (const code of victimCodes.get(id)!) {
          victims.push({
            id,
            incident,
            code,
            dims: person.has(code)
              ? { victim_type: type, race: name(dec.race, x.r), ethnicity: name(dec.ethnicity, x.e), sex: sexOf(x.s), age_group: name(dec.age, x.a) }
              : { victim_type: type },
          });
        }
        if (!incidentAgency.has(incident)) incidentAgency.set(incident, -1);
      }
    }
    if (seenVictim.size !== victimCodes.size) throw new Unsure('victim missing');
    await bytesOf('nibrs_victim');
    // The streaming reader lists victims in file order; the order does not change any figure.

    // --- incidents: per agency, and the agency of each covered incident ---
    await conn.run('CREATE OR REPLACE TEMP TABLE nibrs_fast_inc (incident_id BIGINT)');
    app = await conn.createAppender('nibrs_fast_inc', 'main', 'temp');
    for (const id of incidentAgency.keys()) {
      app.appendBigInt(BigInt(id));
      app.endRow();
    }
    app.closeSync();
    const incidentsByAgency = new Map<number, number>();
    let incidentsAll = 0;
    for (const r of await rows(
      `SELECT i.data_year, i.agency_id, count(*) AS n, count(*) FILTER (WHERE i.incident_id IS NULL) AS bad,
              list(m.incident_id) FILTER (WHERE m.incident_id IS NOT NULL) AS sel
       FROM ${src('nibrs_incident')} i LEFT JOIN temp.nibrs_fast_inc m ON m.incident_id = i.incident_id GROUP BY ALL`,
    )) {
      checkYear(r);
      if (Number(r.bad) > 0 || r.agency_id === null) throw new Unsure('incident ids');
      const agency = Number(r.agency_id);
      if (!ctx.agencyIds.has(agency)) throw new Unsure('agency');
      const n = Number(r.n);
      incidentsAll += n;
      incidentsByAgency.set(agency, (incidentsByAgency.get(agency) ?? 0) + n);
      for (const x of (r.sel as unknown[] | null) ?? []) {
        const id = big(x);
        if (incidentAgency.get(id) !== -1) throw new Unsure('duplicate incident');
        incidentAgency.set(id, agency);
      }
    }
    for (const a of incidentAgency.values()) if (a === -1) throw new Unsure('incident missing');
    await bytesOf('nibrs_incident');

    // --- Group B: count ---
    let groupB = 0;
    for (const r of await rows(`SELECT data_year, count(*) AS n FROM ${src('nibrs_arrestee_groupb')} GROUP BY ALL`)) {
      checkYear(r);
      groupB += Number(r.n);
    }
    await bytesOf('nibrs_arrestee_groupb');
    return { offensesAll, arresteesAll, incidentsAll, groupB, offenses, arrestees, victims, incidentAgency, incidentsByAgency, allArrestees };
  } catch (e) {
    if (e instanceof Unsure) return null;
    if (e instanceof InputError) throw e; // a damaged zip entry: precise already
    // A DuckDB CSV error (ragged row, bad quoting, …): the streaming reader says exactly where.
    return null;
  } finally {
    for (const t of ['nibrs_fast_off', 'nibrs_fast_vic', 'nibrs_fast_inc']) await conn.run(`DROP TABLE IF EXISTS temp.${t}`);
    if (tmp) await rm(tmp, { recursive: true, force: true });
  }
}
