// Benchmark: CLI start-up, this tree against a baseline commit (by default `int`, whose main.ts
// imports every command's module up front), in the same run. The baseline's src/ and bin/ are
// extracted with `git archive` into a temporary folder and compiled with its own bin/build.js when it
// has one, so both sides run compiled (this tree must be built: `npm run build:cli`). Each figure is
// the median wall time of --runs runs of a fresh process, the two trees taking turns; bare
// `node -e 0` is the floor.
//
//   node --import tsx bench/cli-start.ts [--baseline REF] [--runs 5] [--db STORE]
//
// --db: a store for the query figure (`query tip.tier --place GBR --period 2015`, or
// `sources` when TIP is not loaded); without it only --help and `law --help` are timed.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : dflt;
};
const repo = resolve(import.meta.dirname, '..');
const runs = Number(opt('runs', '5'));
const ref = opt('baseline', 'int');
const db = opt('db', '');

// A stale or missing build would time the TypeScript loader instead of the CLI.
const { freshBuild } = (await import(join(repo, 'bin/build-state.js'))) as { freshBuild: () => string | null };
if (!freshBuild()) throw new Error('dist/ is not built from the current src/: run `npm run build:cli` first');

/** Wall time of one fresh process (`tree` null: bare node). */
function timeOnce(tree: string | null, argv: string[]): number {
  const t0 = performance.now();
  const r = tree ? spawnSync(process.execPath, [join(tree, 'bin/cogency.js'), ...argv], { cwd: tree, encoding: 'utf8' }) : spawnSync(process.execPath, argv);
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

const median = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;

/**
 * Median of --runs runs of each tree, the two taking turns, so that load from other processes on
 * a busy machine falls on both sides alike.
 */
function paired(trees: (string | null)[], argv: string[]): number[] {
  const times = trees.map((): number[] => []);
  for (let i = 0; i < runs; i++) trees.forEach((tree, t) => times[t]!.push(timeOnce(tree, argv)));
  return times.map(median);
}

const work = mkdtempSync(join(tmpdir(), 'cogency-cli-bench-'));
try {
  const commit = execFileSync('git', ['rev-parse', '--short', ref], { cwd: repo, encoding: 'utf8' }).trim();
  const base = join(work, 'baseline');
  execFileSync('sh', ['-c', `mkdir -p '${base}' && git archive '${commit}' src bin tsconfig.json package.json | tar -x -C '${base}'`], { cwd: repo });
  symlinkSync(join(repo, 'node_modules'), join(base, 'node_modules'));
  const baseCompiled = existsSync(join(base, 'bin/build.js'));
  if (baseCompiled) execFileSync(process.execPath, [join(base, 'bin/build.js')], { cwd: base, stdio: 'ignore' });
  const cases: [string, string[]][] = [
    ['cogency --help', ['--help']],
    ['cogency law --help', ['law', '--help']],
  ];
  if (db) cases.push(['cogency query tip.tier (GBR 2015)', ['--db', resolve(db), 'query', 'tip.tier', '--place', 'GBR', '--period', '2015']]);
  const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repo, encoding: 'utf8' }).trim();
  console.log(
    `median of ${runs} fresh processes; baseline ${ref} (${commit}, ${baseCompiled ? 'compiled' : 'through tsx: it has no bin/build.js'}) against this tree (${head}, compiled); floor: node -e 0 = ${paired([null], ['-e', '0'])[0]!.toFixed(0)} ms\n`,
  );
  const results = [];
  for (const [label, argv] of cases) {
    const [before, after] = paired([base, repo], argv) as [number, number];
    console.log(`${label.padEnd(36)} baseline ${before.toFixed(0).padStart(6)} ms   this tree ${after.toFixed(0).padStart(6)} ms   ${(before / after).toFixed(1)}×`);
    results.push({ label, baselineMs: before, currentMs: after });
  }
  console.log('\n' + JSON.stringify({ baseline: commit, baselineCompiled: baseCompiled, head, runs, results }));
} finally {
  rmSync(work, { recursive: true, force: true });
}
