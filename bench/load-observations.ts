// Load: req/s and latency of an observations query, served from the response cache and computed
// afresh, with all sources loaded; and the same bytes from a bare static server (the ceiling).
// Then distinct queries with the response cache off, so each one is computed: this tree, and with
// --baseline REF the same URLs against that commit's server (its src/ and bin/ from `git archive`).
//
//   node --import tsx bench/load-observations.ts [--duration 60] [--connections 200]
//        [--db STORE] [--data ../shared/data] [--url /api/v1/observations?...] [--tool autocannon|wrk]
//        [--distinct N] [--baseline REF] [--rounds 2]
//
// --distinct: how many distinct observation URLs (default 20000; 0 skips those runs): every
// measure, state or country and year in the store, some as a range of years, some broken down by
// agency or with rates (NIBRS), in a fixed shuffled order (autocannon only).
//
// --rounds: the cached server and the static ceiling run side by side and are measured in turn,
// this many times each; the ratio is of their mean req/s.
//
// --tool: autocannon (npm, default) or wrk (Debian `apt-get install wrk`; written in C, it
// takes less of the CPU the server also needs on a small machine).
// --db: a store with the sources loaded (copied first; the server locks its file). Without it,
// every source in --data is ingested into a fresh store first. Server, static server and load
// generator run on 127.0.0.1; the rate limit is off for the run (COGENCY_RATE_LIMIT=0).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { get as httpGet } from 'node:http';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '60' },
    connections: { type: 'string', default: '200' },
    db: { type: 'string' },
    data: { type: 'string', default: process.env.COGENCY_DATA ?? '../shared/data' },
    url: { type: 'string', default: '/api/v1/observations?measure=tip.tier&place=GBR&period=2010-2015' },
    port: { type: 'string', default: '18080' },
    tool: { type: 'string', default: 'autocannon' },
    distinct: { type: 'string', default: '20000' },
    baseline: { type: 'string' },
    rounds: { type: 'string', default: '2' },
  },
});
const DURATION = Number(args.duration);
const CONNECTIONS = Number(args.connections);
const PORT = Number(args.port);
const ROUNDS = Math.max(1, Number(args.rounds));
const REPO = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'cogency-load-'));
const db = join(work, 'store.duckdb');

function run(cmd: string[], env: Record<string, string> = {}): Promise<void> {
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, cmd, { cwd: REPO, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('exit', (code) => (code === 0 ? res() : rej(new Error(`${cmd.join(' ')} exited ${code}`))));
  });
}

const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const c of children) c.kill('SIGKILL');
});

/** Start a child and wait (at most 120 s) until it prints `ready`. */
function start(cmd: string[], ready: RegExp, env: Record<string, string> = {}): Promise<ChildProcess> {
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, cmd, { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
    children.add(child);
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      rej(new Error(`${cmd.join(' ')} not ready after 120 s: ${out}`));
    }, 120_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (ready.test(out)) {
        clearTimeout(timer);
        res(child);
      }
    });
    child.on('exit', (code) => {
      children.delete(child);
      clearTimeout(timer);
      rej(new Error(`${cmd.join(' ')} exited ${code} before it was ready: ${out}`));
    });
  });
}

/** SIGTERM, then SIGKILL if it has not exited within 10 s. */
function stop(child: ChildProcess): Promise<void> {
  return new Promise((res) => {
    child.removeAllListeners('exit');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.on('exit', () => {
      clearTimeout(timer);
      children.delete(child);
      res();
    });
    child.kill('SIGTERM');
  });
}

interface Run {
  label: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  total: number;
}

/** wrk's figures: Requests/sec, the 50% and 99% latency lines, socket errors and non-2xx answers. */
function wrk(url: string, connections: number, seconds: number): Omit<Run, 'label'> {
  const out = execFileSync('wrk', ['-t2', `-c${connections}`, `-d${seconds}s`, '--latency', '--timeout', '10s', url], { encoding: 'utf8' });
  const ms = (line: RegExp) => {
    const m = line.exec(out);
    if (!m) return NaN;
    const v = Number(m[1]);
    return m[2] === 'us' ? v / 1000 : m[2] === 's' ? v * 1000 : v;
  };
  const errs = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(out);
  return {
    rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN),
    p50: ms(/^\s+50%\s+([\d.]+)(us|ms|s)/m),
    p99: ms(/^\s+99%\s+([\d.]+)(us|ms|s)/m),
    errors: (errs ? errs.slice(1).reduce((a, b) => a + Number(b), 0) : 0) + Number(non2xx?.[1] ?? 0),
    total: Number(/(\d+) requests in/.exec(out)?.[1] ?? NaN),
  };
}

async function load(label: string, url: string, paths?: string[]): Promise<Run> {
  process.stderr.write(`… ${label}\n`);
  if (paths) {
    // One shared cursor over the list: every request of the run asks a different question (until the list wraps).
    let next = 0;
    const requests = [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, path: paths[next++ % paths.length] }) }];
    const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, pipelining: 1, requests });
    return { label: `${label} (${Math.min(next, paths.length)} distinct)`, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts + r.non2xx, total: r.requests.total };
  }
  if (args.tool === 'wrk') {
    wrk(url, Math.min(CONNECTIONS, 20), 2); // warm-up
    return { label, ...wrk(url, CONNECTIONS, DURATION) };
  }
  // A short warm-up, then the measured run.
  await autocannon({ url, connections: Math.min(CONNECTIONS, 20), duration: 2 });
  const r = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, pipelining: 1 });
  return { label, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors + r.timeouts + r.non2xx, total: r.requests.total };
}

if (args.db) copyFileSync(resolve(args.db), db);
else await run([join(REPO, 'bin', 'cogency.js'), 'ingest', '--data', resolve(args.data!), '--db', db]);

/** Distinct observation URLs from what the store holds, in a fixed pseudo-random order. */
async function distinctPaths(n: number): Promise<string[]> {
  const { Store } = await import('../src/store/store.ts');
  const store = await Store.open(db);
  try {
    const rows = await store.all(
      `SELECT DISTINCT o.measure, o.place, o.period, m.family, m.value_type = 'count' AND m.aggregation = 'sum' AS counts
       FROM observations o JOIN places p ON p.id = o.place JOIN measures m ON m.id = o.measure
       WHERE p.kind IN ('state', 'country') ORDER BY hash(o.measure || o.place || o.period::VARCHAR) LIMIT ${Math.trunc(n)}`,
    );
    return rows.map((r, i) => {
      const q = new URLSearchParams({ measure: String(r.measure), place: String(r.place) });
      const year = Number(r.period);
      q.set('period', i % 4 === 0 ? `${year - 3}-${year}` : String(year));
      // Agency breakdowns and rates exist for NIBRS counts only (anything else is a 400).
      if (r.family === 'nibrs' && r.counts && i % 3 === 0) q.set('by', 'agency');
      if (r.family === 'nibrs' && r.counts && i % 2 === 0) q.set('rate', '1');
      return `/api/v1/observations?${q.toString()}`;
    });
  } finally {
    store.close();
  }
}

const serve = (cache: boolean, repo = REPO) =>
  start([join(repo, 'bin', 'cogency.js'), 'serve', '--db', db, '--port', String(PORT)], /Cogency explorer at/, {
    COGENCY_RATE_LIMIT: '0',
    COGENCY_RESPONSE_CACHE: cache ? '1' : '0',
  });
const target = `http://127.0.0.1:${PORT}${args.url}`;

/** Status, headers (name, value, … as sent) and body of one GET without Accept-Encoding, as autocannon asks. */
function rawGet(url: string): Promise<{ status: number; headers: string[]; body: Buffer }> {
  return new Promise((res, rej) => {
    httpGet(url, (r) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => res({ status: r.statusCode ?? 0, headers: r.rawHeaders, body: Buffer.concat(chunks) }));
    }).on('error', rej);
  });
}

let server = await serve(true);
const first = await rawGet(target);
if (first.status !== 200) throw new Error(`${target} answered ${first.status}: ${first.body.toString()}`);
const body = first.body;
const status = (await (await fetch(`http://127.0.0.1:${PORT}/api/v1/status`)).json()) as { sourcesLoaded: number };
// The ceiling sends the same response: these headers and body. Node adds Date, Connection and Keep-Alive to both.
const sentHeaders: string[] = [];
for (let i = 0; i < first.headers.length; i += 2) {
  if (!/^(date|connection|keep-alive|x-ratelimit-.*)$/i.test(first.headers[i]!)) sentHeaders.push(first.headers[i]!, first.headers[i + 1]!);
}
// "name: value\r\n": two bytes after each name and after each value.
const headerBytes = sentHeaders.reduce((n, h) => n + Buffer.byteLength(h) + 2, 0);
console.log(
  `load bench (${args.tool}): ${args.url} (${body.length} bytes, ${sentHeaders.length / 2} headers of ${headerBytes} bytes), ${status.sourcesLoaded} sources loaded, ${CONNECTIONS} connections, ${DURATION} s per run`,
);

// The ceiling: node:http answering every request with the same bytes from memory.
const staticFile = join(work, 'observations.json');
writeFileSync(staticFile, body);
const staticScript = join(work, 'static.mjs');
writeFileSync(
  staticScript,
  `import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
const body = readFileSync(${JSON.stringify(staticFile)});
const headers = ${JSON.stringify(sentHeaders)};
// /minimal: only the two headers a bare server needs, to show what the rest cost.
const minimal = { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length };
createServer((req, res) => { res.writeHead(200, req.url === '/minimal' ? minimal : headers); res.end(body); })
  .listen(${PORT + 1}, '127.0.0.1', () => console.log('static ready'));
`,
);
const stat = await start([staticScript], /static ready/);
const again = await rawGet(`http://127.0.0.1:${PORT + 1}/observations.json`);
if (!again.body.equals(body)) throw new Error('the static server does not send the same body');
// Both servers up at once, measured in turn (cached, static, cached, static …): drift on a shared machine hits both alike.
const cachedRuns: Run[] = [];
const ceilingRuns: Run[] = [];
const minimalRuns: Run[] = [];
for (let round = 1; round <= ROUNDS; round++) {
  cachedRuns.push(await load(`cogency, cached (round ${round})`, target));
  ceilingRuns.push(await load(`static server, node:http, same headers and body (round ${round})`, `http://127.0.0.1:${PORT + 1}/observations.json`));
  minimalRuns.push(await load(`static server, node:http, same body, 2 headers (round ${round})`, `http://127.0.0.1:${PORT + 1}/minimal`));
}
await stop(stat);
await stop(server);
const cached = combine('cogency, cached', cachedRuns);
const ceiling = combine('static server (node:http, same headers and body from memory)', ceilingRuns);
const bare = combine('static server (node:http, same body, content-type and content-length only)', minimalRuns);

server = await serve(false);
const uncached = await load('cogency, uncached (response cache off)', target);
await stop(server);

/** Several runs of one server as one: total requests over total time; the worst p50 and p99. */
function combine(label: string, runs: Run[]): Run {
  return {
    label: `${label}, ${runs.length} run${runs.length === 1 ? '' : 's'}`,
    rps: runs.reduce((a, r) => a + r.rps, 0) / runs.length,
    p50: Math.max(...runs.map((r) => r.p50)),
    p99: Math.max(...runs.map((r) => r.p99)),
    errors: runs.reduce((a, r) => a + r.errors, 0),
    total: runs.reduce((a, r) => a + r.total, 0),
  };
}

const distinctRuns: Run[] = [];
const DISTINCT = Number(args.distinct);
if (DISTINCT > 0 && args.tool === 'autocannon') {
  const paths = await distinctPaths(DISTINCT);
  const trees: [string, string][] = [['cogency', REPO]];
  if (args.baseline) {
    const commit = execFileSync('git', ['rev-parse', '--short', args.baseline], { cwd: REPO, encoding: 'utf8' }).trim();
    const base = join(work, 'baseline');
    mkdirSync(base);
    execFileSync('sh', ['-c', `git archive '${commit}' src bin tsconfig.json package.json | tar -x -C '${base}'`], { cwd: REPO });
    symlinkSync(join(REPO, 'node_modules'), join(base, 'node_modules'));
    trees.push([`baseline ${commit}`, base]);
  }
  for (const [name, tree] of trees) {
    server = await serve(false, tree);
    // Untimed: one request of each measure, so the run measures answering, not first-use loading.
    for (const p of new Map(paths.map((p) => [new URLSearchParams(p.split('?')[1]).get('measure'), p])).values()) await fetch(`http://127.0.0.1:${PORT}${p}`).then((r) => r.arrayBuffer());
    distinctRuns.push(await load(`${name}, distinct URLs, response cache off`, `http://127.0.0.1:${PORT}`, paths));
    await stop(server);
  }
}

const rows = [cached, uncached, ceiling, bare, ...distinctRuns].map((r) => ({
  run: r.label,
  'req/s': Math.round(r.rps),
  'p50 ms': r.p50,
  'p99 ms': r.p99,
  errors: r.errors,
  requests: r.total,
}));
console.table(rows);
const ratio = (cached.rps / ceiling.rps).toFixed(2);
const ok = cached.rps >= 3000 && cached.p99 < 50 && cached.errors === 0;
console.log(`cached / static ratio: ${ratio} (against the 2-header server: ${(cached.rps / bare.rps).toFixed(2)})`);
console.log(`targets (cached: >= 3000 req/s, p99 < 50 ms, 0 errors): ${ok ? 'met' : 'NOT met'}`);
console.log(`target cached >= 0.8x static: ${Number(ratio) >= 0.8 ? 'met' : 'NOT met'}`);
if (distinctRuns[0]) {
  const d = distinctRuns[0];
  console.log(`target distinct uncached (>= 1000 req/s, p99 < 50 ms, 0 errors): ${d.rps >= 1000 && d.p99 < 50 && d.errors === 0 ? 'met' : 'NOT met'}`);
}
console.log(JSON.stringify({ tool: args.tool, duration: DURATION, connections: CONNECTIONS, url: args.url, bytes: body.length, runs: rows, ratio: Number(ratio) }));
rmSync(work, { recursive: true, force: true });
