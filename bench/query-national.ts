// Benchmark: query latency and SQL statements per query, this tree against a baseline commit, on
// the same stores in the same run. The baseline's src/ is extracted with `git archive` into a
// temporary folder (no worktree, nothing in .git changes) and runs the same child script, so both
// sides answer the same questions from the same store files.
//
//   node --import tsx bench/query-national.ts [--baseline REF] [--runs 2] [--real DB] [--synth DB]
//        [--data ../shared/data] [--states 10] [--incidents 380000]
//
// --real: a store holding the NIBRS bundles of ../shared/data (Vermont 2024, Louisiana 2012-2019)
// and the Census population; built into a temporary folder when not given.
// --synth: a store holding a SYNTHETIC national-style NIBRS year (bench/nibrs-generate.ts, 10
// states by default so it builds in under a minute here); built when not given.
// Each figure is the fastest of --runs timed runs after one untimed run (the machine is shared).
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : dflt;
};
const repo = resolve(import.meta.dirname, '..');

/** The questions asked of each store: [label, query parameters]. */
export const QUESTIONS: Record<'real' | 'synth', [string, Record<string, unknown>][]> = {
  real: [
    ['VT by agency', { measure: 'nibrs.offenses.prostitution', place: 'VT', by: ['agency'] }],
    ['LA by agency, 2012-2019', { measure: 'nibrs.offenses.prostitution', place: 'LA', by: ['agency'] }],
    ['VT by agency, with rates', { measure: 'nibrs.arrestees.prostitution', place: 'VT', by: ['agency'], rate: true }],
    ['every state by year', { measure: 'nibrs.offenses.prostitution', by: ['state'] }],
    ['enforcement mix, every state', { mix: true }],
  ],
  synth: [
    ['one state by agency', { measure: 'nibrs.offenses.prostitution', place: 'AL', by: ['agency'] }],
    ['national by agency', { measure: 'nibrs.offenses.prostitution', by: ['agency'] }],
    ['national by agency, with rates', { measure: 'nibrs.arrestees.prostitution', by: ['agency'], rate: true }],
    ['national total', { measure: 'nibrs.offenses.prostitution' }],
    ['enforcement mix, every state', { mix: true }],
  ],
};

if (args[0] === '--child') {
  // Runs inside either tree: imports that tree's code, counts statements on every Store.
  const [, tree, kind, db, runsText] = args as [string, string, 'real' | 'synth', string, string];
  const { Store } = await import(join(tree, 'src/store/store.ts'));
  const { query } = await import(join(tree, 'src/analysis/query.ts'));
  // enforcementMix moved from rates.ts to mix.ts; a baseline tree may have either.
  const { enforcementMix } = await import(join(tree, existsSync(join(tree, 'src/analysis/mix.ts')) ? 'src/analysis/mix.ts' : 'src/analysis/rates.ts'));
  let statements = 0;
  const all = Store.prototype.all;
  // A snapshot Store runs its own statements; a plain handle forwards to its root (count once).
  Store.prototype.all = function (this: { root: unknown; bound: unknown }, ...a: unknown[]) {
    if (this.bound || !this.root) statements++;
    return all.apply(this, a);
  };
  const store = await Store.open(db);
  const out: { label: string; firstMs: number; ms: number; statements: number; rows: number; digest: string }[] = [];
  for (const [label, params] of QUESTIONS[kind]) {
    let best = Infinity;
    let firstMs = 0;
    let count = 0;
    let rows = 0;
    let digest = '';
    for (let i = 0; i <= Number(runsText); i++) {
      statements = 0;
      const t0 = performance.now();
      const r = params.mix ? await enforcementMix(store, {}) : await query(store, params);
      const ms = performance.now() - t0;
      count = statements;
      rows = Array.isArray(r) ? r.length : r.rows.length;
      // Everything the answer says (values, coverage, rates, flags, citations, caveats), to check both trees agree.
      digest = createHash('sha256').update(JSON.stringify(r)).digest('hex').slice(0, 12);
      if (i > 0) best = Math.min(best, ms);
      else firstMs = ms;
    }
    out.push({ label, firstMs, ms: best, statements: count, rows, digest });
  }
  store.close();
  console.log(JSON.stringify(out));
  process.exit(0);
}

function child(tree: string, kind: 'real' | 'synth', db: string, runs: number) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(repo, 'bench/query-national.ts'), '--child', tree, kind, db, String(runs)], {
    cwd: tree,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  if (r.status !== 0) throw new Error(`child (${tree}, ${kind}) failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as { label: string; ms: number; statements: number; rows: number; digest: string }[];
}

const work = mkdtempSync(join(tmpdir(), 'cogency-query-bench-'));
try {
  const runs = Number(opt('runs', '2'));
  const dataDir = resolve(opt('data', resolve(repo, '../shared/data')));
  const cli = (dbPath: string, data: string, ...rest: string[]) =>
    execFileSync(process.execPath, [join(repo, 'bin/cogency.js'), '--data', data, '--db', dbPath, ...rest], { stdio: ['ignore', 'ignore', 'inherit'] });
  let real = opt('real', '');
  if (!real) {
    if (!existsSync(join(dataDir, 'stats/fbi-nibrs-extract'))) throw new Error(`no NIBRS data under ${dataDir}; pass --data or --real`);
    real = join(work, 'real.duckdb');
    console.log('building the real-data store (NIBRS + Census)…');
    cli(real, dataDir, 'ingest', 'nibrs', 'census');
  }
  let synth = opt('synth', '');
  if (!synth) {
    const synthData = join(work, 'synthetic');
    console.log('generating and ingesting the SYNTHETIC national-style NIBRS year…');
    execFileSync(process.execPath, ['--import', 'tsx', join(repo, 'bench/nibrs-generate.ts'), '--states', opt('states', '10'), '--incidents', opt('incidents', '380000'), '--out', synthData], {
      stdio: 'inherit',
      env: { ...process.env, COGENCY_DATA: dataDir },
    });
    synth = join(work, 'synth.duckdb');
    cli(synth, synthData, 'ingest', 'nibrs');
    rmSync(synthData, { recursive: true, force: true });
  }
  const ref = opt('baseline', 'int');
  const commit = execFileSync('git', ['rev-parse', '--short', ref], { cwd: repo, encoding: 'utf8' }).trim();
  const base = join(work, 'baseline');
  execFileSync('sh', ['-c', `mkdir -p '${base}' && git archive '${commit}' src tsconfig.json package.json | tar -x -C '${base}'`], { cwd: repo });
  symlinkSync(join(repo, 'node_modules'), join(base, 'node_modules'));
  // int's disclosure cache keyed itself by the in-memory write connection, so every query of a
  // NIBRS count on a store file failed; the baseline gets the same one-line key fix as this tree.
  const families = join(base, 'src/analysis/disclosure/families.ts');
  if (existsSync(families)) writeFileSync(families, readFileSync(families, 'utf8').replaceAll('store.connection', '((store as unknown as { root: object | null }).root ?? store)'));
  const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repo, encoding: 'utf8' }).trim();
  const dirty = execFileSync('git', ['status', '--porcelain', 'src'], { cwd: repo, encoding: 'utf8' }).trim() ? ' + uncommitted changes' : '';
  console.log(`\nbaseline ${ref} (${commit}) against this tree (${head}${dirty}); fastest of ${runs} runs after one untimed run\n`);
  const pad = (s: string | number, n: number) => String(s).padStart(n);
  console.log(`${'store'.padEnd(6)} ${'question'.padEnd(32)} ${pad('rows', 6)} | ${pad('baseline ms', 12)} ${pad('stmts', 6)} | ${pad('this ms', 9)} ${pad('stmts', 6)} | ${pad('speed-up', 8)}   (answers compared in full: a line starting !! marks a difference)`);
  const summary: unknown[] = [];
  for (const [kind, db] of [['real', real], ['synth', synth]] as const) {
    const before = child(base, kind, db, runs);
    const after = child(repo, kind, db, runs);
    for (const [i, a] of after.entries()) {
      const b = before[i]!;
      if (a.digest !== b.digest) console.log(`  !! answers differ for ${a.label}: baseline ${b.rows} rows (${b.digest}), this tree ${a.rows} rows (${a.digest})`);
      console.log(
        `${kind.padEnd(6)} ${a.label.padEnd(32)} ${pad(a.rows, 6)} | ${pad(b.ms.toFixed(0), 12)} ${pad(b.statements, 6)} | ${pad(a.ms.toFixed(0), 9)} ${pad(a.statements, 6)} | ${pad((b.ms / a.ms).toFixed(1) + '×', 8)}`,
      );
      summary.push({ store: kind, question: a.label, rows: a.rows, baseline: b, current: a });
    }
  }
  console.log('\n' + JSON.stringify({ baseline: commit, head: head + dirty, runs, results: summary }));
} finally {
  rmSync(work, { recursive: true, force: true });
}
