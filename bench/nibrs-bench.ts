// Benchmark: `cogency ingest nibrs` vs pandas on a SYNTHETIC national-size NIBRS year (generated
// from the real Vermont 2024 extract by bench/nibrs-generate.ts under os.tmpdir(); never committed).
// Prints, side by side in one run: MB/s, seconds and peak RSS of each, and the ratio.
//
//   node --import tsx bench/nibrs-bench.ts [--regenerate] [--incidents 6000000]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '..');
const synth = join(tmpdir(), 'cogency-nibrs-synthetic');
const root = join(synth, 'stats/fbi-nibrs-extract');
const args = process.argv.slice(2);
if (args.includes('--regenerate') || !existsSync(join(synth, 'SYNTHETIC_README.md'))) {
  const i = args.indexOf('--incidents');
  execFileSync(process.execPath, ['--import', 'tsx', join(repo, 'bench/nibrs-generate.ts'), '--out', synth, ...(i >= 0 ? ['--incidents', args[i + 1]!] : [])], {
    stdio: 'inherit',
    cwd: repo,
  });
}

let bytes = 0;
let bundles = 0;
for (const b of readdirSync(root)) {
  bundles++;
  for (const f of readdirSync(join(root, b))) bytes += statSync(join(root, b, f)).size;
}
const mb = bytes / 1e6;

interface Run {
  seconds: number;
  maxRssKb: number;
  incidents: number;
}
function run(cmd: string, argv: string[]): Run {
  const r = spawnSync(cmd, argv, { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed:\n${r.stderr}`);
  const last = r.stdout.trim().split('\n').pop()!;
  return JSON.parse(last) as Run;
}

const db = join(tmpdir(), `cogency-nibrs-bench-${process.pid}.duckdb`);
const ours = run(process.execPath, ['--import', 'tsx', join(repo, 'bench/nibrs-ingest-child.ts'), synth, db]);
rmSync(db, { force: true });
rmSync(`${db}.wal`, { force: true });
const py = '/usr/bin/python3';
const pandas = existsSync(py) ? run(py, [join(repo, 'bench/nibrs-pandas.py'), synth]) : null;

const row = (name: string, r: Run | null) =>
  r
    ? `${name.padEnd(28)} ${(mb / r.seconds).toFixed(1).padStart(8)} MB/s ${r.seconds.toFixed(2).padStart(8)} s ${(r.maxRssKb / 1024).toFixed(0).padStart(7)} MB peak RSS  ${r.incidents.toLocaleString('en-US')} incidents`
    : `${name.padEnd(28)} not run (install Debian python3-pandas)`;
console.log(`SYNTHETIC national-size NIBRS year (from real VT-2024; not real statistics): ${bundles} state bundles, ${mb.toFixed(0)} MB of CSV, ${cpus().length} cores`);
console.log(row('cogency ingest nibrs', ours));
console.log(row('pandas (same selection)', pandas));
if (pandas) console.log(`ratio: cogency is ${(pandas.seconds / ours.seconds).toFixed(2)}x pandas (targets: >= 5x, >= 100 MB/s, peak RSS < 2 GB)`);
