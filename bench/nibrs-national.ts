// Benchmark: NIBRS at national scale. Builds a SYNTHETIC 50-state × 5-year volume in the official
// format (bench/nibrs-generate.ts: unpacked CDE extracts `<ST>-<YEAR>/`, from the real Vermont 2024
// extract; under os.tmpdir(), never committed) and, for the last 1, 3 and 5 years of it, prints in
// one run, side by side:
//   - `cogency ingest nibrs` into a fresh store: seconds, MB/s, peak RSS;
//   - DuckDB's own read_csv doing the same selection on the same folders (bench/nibrs-duckdb.ts);
//   - the ratio of the two (target ≥ 1.3×) and whether peak RSS stays under 1 GB and flat in years.
// Then query latencies on the 5-year store (bench/query-national.ts's synthetic questions, this
// tree), each beside the bare SQL aggregate over the same observations (no coverage, citations,
// caveats or disclosure control): the floor any query answering that question has.
//
//   node --import tsx bench/nibrs-national.ts [--incidents 2000000] [--years 1,3,5] [--regenerate] [--keep]
//
// --incidents is per year (the real national NIBRS volume is ~6,000,000; the default keeps a run to
// a few minutes on 2 cores). Each ingest and each baseline runs in its own child process (its own
// peak RSS); ingest and baseline alternate, so load from other work on the machine hits both alike.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

const repo = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : dflt;
};
const incidents = opt('incidents', '2000000');
const yearCounts = opt('years', '1,3,5')
  .split(',')
  .map(Number)
  .sort((a, b) => a - b);
const maxYears = yearCounts.at(-1)!;
const work = join(tmpdir(), 'cogency-nibrs-national');
const volume = join(work, 'volume');
const readme = join(volume, 'SYNTHETIC_README.md');

// The volume is reused while it matches the request (generation takes minutes here).
const wanted = `${incidents} incidents × ${maxYears} years`;
const stampFile = join(work, 'volume.txt');
if (args.includes('--regenerate') || !existsSync(readme) || !existsSync(stampFile) || readFileSync(stampFile, 'utf8') !== wanted) {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  execFileSync(process.execPath, ['--import', 'tsx', join(repo, 'bench/nibrs-generate.ts'), '--out', volume, '--incidents', incidents, '--years', String(maxYears)], { stdio: 'inherit', cwd: repo });
  writeFileSync(stampFile, wanted);
}
const bundlesOf = (dir: string) => readdirSync(join(dir, 'stats/fbi-nibrs-extract')).sort();
const lastYear = Math.max(...bundlesOf(volume).map((b) => Number(b.slice(3, 7))));

/** A data directory holding the volume's last `n` years: hard links (a symlink out of the data directory is refused). */
function subset(n: number): { dir: string; bytes: number; bundles: number } {
  const dir = join(work, `years-${n}`);
  rmSync(dir, { recursive: true, force: true });
  let bytes = 0;
  let bundles = 0;
  for (const b of bundlesOf(volume)) {
    if (Number(b.slice(3, 7)) <= lastYear - n) continue;
    const from = join(volume, 'stats/fbi-nibrs-extract', b);
    const to = join(dir, 'stats/fbi-nibrs-extract', b);
    mkdirSync(to, { recursive: true });
    for (const f of readdirSync(from)) {
      linkSync(join(from, f), join(to, f));
      bytes += statSync(join(from, f)).size;
    }
    bundles++;
  }
  return { dir, bytes, bundles };
}

interface Run {
  seconds: number;
  maxRssKb: number;
  incidents: number;
  bundles: number;
}
function child(script: string, argv: string[]): Run {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(repo, script), ...argv], { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`${script} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Run;
}

const load = () => loadavg()[0]!.toFixed(1);
console.log(`SYNTHETIC NIBRS volume (from real VT-2024; not real statistics): ${wanted}, ${cpus().length} cores, load average ${load()} at start`);
console.log(`${'years'.padEnd(5)} ${'bundles'.padStart(7)} ${'MB'.padStart(6)} | ${'cogency s'.padStart(9)} ${'MB/s'.padStart(6)} ${'RSS MB'.padStart(6)} | ${'DuckDB s'.padStart(9)} ${'MB/s'.padStart(6)} ${'RSS MB'.padStart(6)} | ${'ratio'.padStart(6)} | load`);
const results: unknown[] = [];
let store5 = '';
for (const n of yearCounts) {
  const { dir, bytes, bundles } = subset(n);
  const db = join(work, `store-${n}.duckdb`);
  rmSync(`${db}.versions`, { recursive: true, force: true });
  rmSync(db, { force: true });
  const ours = child('bench/nibrs-ingest-child.ts', [dir, db]);
  const duck = child('bench/nibrs-duckdb.ts', [dir]);
  if (ours.bundles !== bundles || duck.bundles !== bundles || ours.incidents !== duck.incidents) {
    throw new Error(`the two runs disagree: cogency ${ours.bundles} bundles, ${ours.incidents} incidents; DuckDB ${duck.bundles} bundles, ${duck.incidents} incidents`);
  }
  const mb = bytes / 1e6;
  console.log(
    `${String(n).padEnd(5)} ${String(bundles).padStart(7)} ${mb.toFixed(0).padStart(6)} | ${ours.seconds.toFixed(1).padStart(9)} ${(mb / ours.seconds).toFixed(0).padStart(6)} ${(ours.maxRssKb / 1024).toFixed(0).padStart(6)} | ${duck.seconds.toFixed(1).padStart(9)} ${(mb / duck.seconds).toFixed(0).padStart(6)} ${(duck.maxRssKb / 1024).toFixed(0).padStart(6)} | ${(duck.seconds / ours.seconds).toFixed(2).padStart(5)}× | ${load()}`,
  );
  results.push({ years: n, bundles, bytes, incidents: ours.incidents, cogency: ours, duckdb: duck });
  rmSync(dir, { recursive: true, force: true });
  if (n === maxYears) store5 = db;
  else {
    rmSync(`${db}.versions`, { recursive: true, force: true });
    rmSync(db, { force: true });
  }
}

// Query latencies on the largest store: this tree's query() (fastest of 3 after one untimed run) beside the bare aggregate.
const q = spawnSync(process.execPath, ['--import', 'tsx', join(repo, 'bench/query-national.ts'), '--child', repo, 'synth', store5, '3'], { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 26 });
if (q.status !== 0) throw new Error(`query-national child failed:\n${q.stderr}`);
const answers = JSON.parse(q.stdout.trim().split('\n').pop()!) as { label: string; firstMs: number; ms: number; statements: number; rows: number }[];
const instance = await DuckDBInstance.create(store5, { access_mode: 'READ_ONLY' });
const c = await instance.connect();
const BARE: Record<string, string> = {
  'one state by agency': `SELECT place, period, sum(value) FROM observations WHERE measure = 'nibrs.offenses.prostitution' AND place IN (SELECT id FROM places WHERE path LIKE '%/AL/%') GROUP BY ALL`,
  'national by agency': `SELECT place, period, sum(value) FROM observations WHERE measure = 'nibrs.offenses.prostitution' AND place IN (SELECT id FROM places WHERE kind = 'agency') GROUP BY ALL`,
  'national by agency, with rates': `SELECT o.place, o.period, sum(o.value), any_value(a.population) FROM observations o JOIN nibrs_agencies a ON a.ori = o.place AND a.year = o.period WHERE o.measure = 'nibrs.arrestees.prostitution' GROUP BY ALL`,
  'national total': `SELECT period, sum(value) FROM observations WHERE measure = 'nibrs.offenses.prostitution' GROUP BY ALL`,
};
const bare = async (sql: string) => {
  let best = Infinity;
  for (let i = 0; i <= 3; i++) {
    const t = performance.now();
    await c.runAndReadAll(sql);
    if (i > 0) best = Math.min(best, performance.now() - t);
  }
  return best;
};
console.log(`\nqueries on the ${maxYears}-year store (fastest of 3 after one first run; load average ${load()}). The first run of the`);
console.log('first sub-state question also computes every source\'s disclosure pattern, which `cogency serve` does at start.');
console.log(`${'question'.padEnd(32)} ${'rows'.padStart(6)} ${'stmts'.padStart(6)} ${'first ms'.padStart(9)} ${'cogency ms'.padStart(11)} | ${'bare SQL ms'.padStart(11)}`);
const queries: unknown[] = [];
for (const a of answers) {
  const sql = BARE[a.label];
  const b = sql ? await bare(sql) : null;
  console.log(`${a.label.padEnd(32)} ${String(a.rows).padStart(6)} ${String(a.statements).padStart(6)} ${a.firstMs.toFixed(0).padStart(9)} ${a.ms.toFixed(0).padStart(11)} | ${(b === null ? '–' : b.toFixed(0)).padStart(11)}`);
  queries.push({ ...a, bareMs: b });
}
c.closeSync();
instance.closeSync();
if (!args.includes('--keep')) {
  rmSync(`${store5}.versions`, { recursive: true, force: true });
  rmSync(store5, { force: true });
}
console.log('\n' + JSON.stringify({ volume: wanted, cores: cpus().length, ingest: results, queries }));
