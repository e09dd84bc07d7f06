// Ingest while the API is under load: `cogency serve` runs on a store, autocannon keeps it busy,
// and `cogency ingest` in a second process publishes new versions meanwhile (the data alternates
// between two versions of the TIP files). Counted: failed requests (errors, timeouts, non-2xx),
// and how long after each ingest exits the server answers with the new version.
//
//   node --import tsx bench/ingest-under-load.ts [--duration 30] [--connections 20] [--ingests 3]
//        [--data fixtures/data] [--port 18181]
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '30' },
    connections: { type: 'string', default: '20' },
    ingests: { type: 'string', default: '3' },
    data: { type: 'string', default: 'fixtures/data' },
    port: { type: 'string', default: '18181' },
  },
});
const REPO = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'cogency-ingest-load-'));
const db = join(work, 'store.duckdb');
const PORT = Number(args.port);
const TIERS = 'stats/us-state-tip-report/heiss_kelley_tip_tiers_1999-2015.csv';

// Two versions of the data: A as found, B with the tiers file's last row dropped.
const dataA = join(work, 'a');
const dataB = join(work, 'b');
cpSync(resolve(REPO, args.data!), dataA, { recursive: true });
cpSync(resolve(REPO, args.data!), dataB, { recursive: true });
const tiers = readFileSync(join(dataA, TIERS), 'utf8').replace(/\n+$/, '').split('\n');
writeFileSync(join(dataB, TIERS), tiers.slice(0, -1).join('\n') + '\n');

const env = { ...process.env, COGENCY_DB: db, COGENCY_RATE_LIMIT: '0', PORT: String(PORT) };
const cli = (argv: string[]) => spawnSync(process.execPath, [join(REPO, 'bin', 'cogency.js'), ...argv], { cwd: REPO, env, encoding: 'utf8' });

const first = cli(['ingest', '--data', dataA]);
if (first.status !== 0) throw new Error(`first ingest failed: ${first.stderr}`);

const server: ChildProcess = spawn(process.execPath, [join(REPO, 'bin', 'cogency.js'), 'serve'], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'inherit'] });
process.on('exit', () => server.kill('SIGKILL'));
await new Promise<void>((res, rej) => {
  let out = '';
  server.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
    if (/Cogency explorer at/.test(out)) res();
  });
  server.on('exit', (code) => rej(new Error(`server exited ${code}: ${out}`)));
});

const base = `http://127.0.0.1:${PORT}`;
/** The tiers source's checksum as the server reports it now. */
async function servedTiersSha(): Promise<string> {
  const body = (await (await fetch(`${base}/api/v1/sources`)).json()) as { sources: { id: string; sha256: string }[] };
  return body.sources.find((s) => s.id === 'tip.tiers')?.sha256 ?? 'none';
}

const DURATION = Number(args.duration);
const load = autocannon({
  url: `${base}/api/v1/observations?measure=tip.tier&period=2010-2015`,
  connections: Number(args.connections),
  duration: DURATION,
});

const INGESTS = Number(args.ingests);
const visible: number[] = [];
const ingestMs: number[] = [];
let data = dataA;
const t0 = Date.now();
for (let i = 0; i < INGESTS; i++) {
  // Spread the ingests over the run, leaving the last fifth with no ingest.
  const at = ((i + 1) * DURATION * 800) / (INGESTS + 1);
  await new Promise((r) => setTimeout(r, Math.max(0, t0 + at - Date.now())));
  const before = await servedTiersSha();
  data = data === dataA ? dataB : dataA;
  const s = Date.now();
  const r = cli(['ingest', 'tip', '--data', data]);
  if (r.status !== 0) throw new Error(`ingest ${i + 1} failed while the server ran: ${r.stderr}`);
  const done = Date.now();
  ingestMs.push(done - s);
  let sha = before;
  while (sha === before && Date.now() - done < 30_000) {
    await new Promise((res) => setTimeout(res, 50));
    sha = await servedTiersSha();
  }
  if (sha === before) throw new Error(`ingest ${i + 1}: the server still serves the old version 30 s later`);
  visible.push(Date.now() - done);
}
const result = await load;
server.kill('SIGTERM');
const failed = result.errors + result.timeouts + result.non2xx;
console.log(
  `ingest under load: ${result['2xx'] + result.non2xx} requests in ${result.duration} s over ${args.connections} connections ` +
    `(${Math.round(result.requests.average)} req/s, p99 ${result.latency.p99} ms), failed ${failed} ` +
    `(errors ${result.errors}, timeouts ${result.timeouts}, non-2xx ${result.non2xx}); ` +
    `${INGESTS} ingests from a second process took ${ingestMs.join(', ')} ms; new version served ${visible.join(', ')} ms after each ingest exited`,
);
rmSync(work, { recursive: true, force: true });
if (failed > 0) process.exitCode = 1;
