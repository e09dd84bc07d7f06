// Mutation fuzzing of every importer at scale (10,000 inputs per importer by default), with the
// oracle of test/sources/fuzz/harness.ts (0 crashes, 0 hangs, 0 silent loads of corrupted input),
// then pathological files (2 GiB sparse tables, an endless line, zip bombs): time to refusal and
// peak memory.
//
//   node --import tsx bench/ingest-fuzz.ts [--inputs 10000] [--importers tip,nibrs] [--seed N] [--no-limits]
//
// Needs ../shared/data (COGENCY_DATA) for the real-file cases; runs on the fixtures alone otherwise.
// Exits 1 on any violation.
import { spawnSync } from 'node:child_process';
import { closeSync, cpSync, ftruncateSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { deflateRawSync } from 'node:zlib';
import { FUZZ_IMPORTERS, buildCorpus, fuzzImporter, runImporter, type FuzzStats } from '../test/sources/fuzz/harness.ts';
import { FIXTURE_DATA, REPO, sharedData } from '../test/helpers.ts';

const { values: args } = parseArgs({
  options: {
    inputs: { type: 'string', default: '10000' },
    importers: { type: 'string', default: FUZZ_IMPORTERS.join(',') },
    seed: { type: 'string', default: '20261206' },
    'no-limits': { type: 'boolean', default: false },
    'limits-only': { type: 'boolean', default: false },
    timeout: { type: 'string', default: '10000' },
  },
});
const N = Number(args.inputs);
/** Free text in method_entry_code, so 2 GiB of rows stay under the 16 million row limit (144 bytes a row). */
const PAD = 'N'.repeat(84);
const seed = Number(args.seed);
const shared = sharedData();
const corpus = args['limits-only'] ? [] : await buildCorpus(shared);
if (!args['limits-only']) console.log(`corpus: ${corpus.length} cases (${corpus.map((c) => c.name).join('; ')})${shared ? '' : ' — real data not found, fixtures only'}`);

const rows: { importer: string; stats: FuzzStats; wallS: number; cpuS: number }[] = [];
let failed = false;
for (const importer of args['limits-only'] ? [] : args.importers!.split(',')) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const stats = await fuzzImporter(corpus, importer, N, seed + importer.length * 7919, Number(args.timeout));
  const cpu = process.cpuUsage(c0);
  const row = { importer, stats, wallS: (performance.now() - t0) / 1000, cpuS: (cpu.user + cpu.system) / 1e6 };
  rows.push(row);
  if (stats.violations.length) failed = true;
  console.log(
    `${importer.padEnd(9)} inputs ${stats.inputs}  loaded ${stats.loaded}  refused ${stats.refused}  must-refuse ${stats.mustRefuse}  ` +
      `crashes ${stats.crashes}  hangs ${stats.hangs}  silent loads ${stats.silentLoads}  violations ${stats.violations.length}  ` +
      `slowest ${stats.slowestMs.toFixed(0)} ms  wall ${row.wallS.toFixed(1)} s  cpu ${row.cpuS.toFixed(1)} s`,
  );
  console.log(`          by operator (refused/inputs): ${Object.entries(stats.byOp).sort().map(([k, v]) => `${k} ${v.refused}/${v.n}`).join(', ')}`);
  for (const v of stats.violations.slice(0, 10)) console.log(`          VIOLATION ${v.problem} [${v.case} ${v.op} ${v.target}] ${v.detail}`);
}

// ---------------------------------------------------------------------------------------------
// Pathological files: each refused in seconds, memory far below 1 GiB.

interface LimitRow {
  what: string;
  refusedIn: string;
  reason: string;
  rssMiB: number;
}
const limits: LimitRow[] = [];
if (!args['no-limits'] && !args['limits-only']) {
  // In a child process, so its peak memory is the pathological files' alone.
  const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--limits-only'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  process.stdout.write(child.stdout.split('\n').filter((l) => !l.startsWith('{')).join('\n'));
  const summary = child.stdout.split('\n').find((l) => l.startsWith('{'));
  if (summary) limits.push(...(JSON.parse(summary) as { limits: LimitRow[] }).limits);
  if (child.status !== 0) failed = true;
}
if (args['limits-only']) {
  const GiB = 1024 ** 3;
  const sparse = (path: string, size: number, head: string) => {
    const fd = openSync(path, 'w');
    writeSync(fd, head);
    ftruncateSync(fd, size);
    closeSync(fd);
  };
  const fresh = () => {
    const dir = mkdtempSync(join(tmpdir(), 'cogency-limits-'));
    cpSync(FIXTURE_DATA, dir, { recursive: true });
    cpSync(join(REPO, 'fixtures/nibrs/DE-2023'), join(dir, 'stats/fbi-nibrs-extract/DE-2023'), { recursive: true });
    return dir;
  };
  const TIERS = 'stats/us-state-tip-report/heiss_kelley_tip_tiers_1999-2015.csv';
  const GSI = 'stats/walkfree-ilo-global-estimates/2023-Global-Slavery-Index-Data.xlsx';
  const OFF = 'stats/fbi-nibrs-extract/DE-2023/NIBRS_OFFENSE.csv';
  const cases: [string, string, string, (dir: string) => void][] = [
    ['2 GiB CSV (TIP tiers, sparse)', 'tip', TIERS, (d) => sparse(join(d, TIERS), 2 * GiB, 'countryname,iso,year,ccode,tier\n')],
    ['2 GiB single-line NIBRS table', 'nibrs', OFF, (d) => sparse(join(d, OFF), 2 * GiB, 'data_year')],
    ['2 GiB NIBRS table, endless second line', 'nibrs', OFF, (d) => sparse(join(d, OFF), 2 * GiB, 'data_year,offense_id,incident_id,offense_code,attempt_complete_flag,location_id,num_premises_entered,method_entry_code\n2023,')],
    ['2 GiB .xlsx (sparse)', 'walkfree', GSI, (d) => sparse(join(d, GSI), 2 * GiB, 'PK\u0003\u0004')],
    ['xlsx zip bomb (64 MiB of zeros, 1000:1)', 'walkfree', GSI, (d) => writeFileSync(join(d, GSI), bomb(64 * 1024 * 1024))],
    ['2 GiB valid NIBRS offense table (14.9 million rows)', 'nibrs', OFF, (d) => bigOffenseTable(join(d, OFF), 2 * GiB)],
  ];
  for (const [what, importer, target, make] of cases) {
    const dir = fresh();
    make(dir);
    const t0 = performance.now();
    const o = await runImporter(importer, dir, target);
    const s = (performance.now() - t0) / 1000;
    rmSync(dir, { recursive: true, force: true });
    const row = { what, refusedIn: `${s.toFixed(2)} s`, reason: o.kind === 'refused' ? o.error.reason : o.kind, rssMiB: Math.round(process.resourceUsage().maxRSS / 1024) };
    limits.push(row);
    // The big valid table must load (streamed); everything else must be refused; and all within 1 GiB.
    const expected = what.includes('valid') ? 'loaded' : 'refused';
    if (o.kind !== expected || row.rssMiB > 1024) failed = true;
    console.log(`limits: ${what}: ${o.kind} in ${row.refusedIn} (${row.reason}); peak RSS so far ${row.rssMiB} MiB`);
  }
}

/** A valid NIBRS_OFFENSE.csv of about `bytes` bytes: unique offense ids, offense 13B (not covered, so only counted). */
function bigOffenseTable(path: string, bytes: number): void {
  const fd = openSync(path, 'w');
  writeSync(fd, 'data_year,offense_id,incident_id,offense_code,attempt_complete_flag,location_id,num_premises_entered,method_entry_code\n');
  let written = 0;
  let id = 1;
  while (written < bytes) {
    const lines: string[] = [];
    for (let k = 0; k < 20000; k++, id++) lines.push(`2023,${1000000000 + id},${2000000000 + id},13B,C,000000000013,000000000000,${PAD}`);
    const chunk = Buffer.from(lines.join('\n') + '\n');
    writeSync(fd, chunk);
    written += chunk.length;
  }
  closeSync(fd);
}

function bomb(size: number): Buffer {
  const data = Buffer.alloc(size);
  const comp = deflateRawSync(data, { level: 9 });
  const name = Buffer.from('xl/worksheets/sheet1.xml');
  const lh = Buffer.alloc(30);
  lh.writeUInt32LE(0x04034b50, 0); lh.writeUInt16LE(20, 4); lh.writeUInt16LE(8, 8);
  lh.writeUInt32LE(comp.length, 18); lh.writeUInt32LE(size, 22); lh.writeUInt16LE(name.length, 26);
  const ch = Buffer.alloc(46);
  ch.writeUInt32LE(0x02014b50, 0); ch.writeUInt16LE(20, 4); ch.writeUInt16LE(20, 6); ch.writeUInt16LE(8, 10);
  ch.writeUInt32LE(comp.length, 20); ch.writeUInt32LE(size, 24); ch.writeUInt16LE(name.length, 28);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0); eocd.writeUInt16LE(1, 8); eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(46 + name.length, 12); eocd.writeUInt32LE(30 + name.length + comp.length, 16);
  return Buffer.concat([lh, name, comp, ch, name, eocd]);
}

console.log(
  JSON.stringify({
    inputsPerImporter: N,
    seed,
    realData: !!shared,
    importers: rows.map((r) => ({ importer: r.importer, ...r.stats, violations: r.stats.violations.slice(0, 20), wallS: +r.wallS.toFixed(1), cpuS: +r.cpuS.toFixed(1) })),
    limits,
    peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
process.exit(failed ? 1 : 0);
