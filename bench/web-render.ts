// Prints the first render time of each explorer page in headless Chromium on localhost, and the
// explorer's JavaScript size (gzip). Targets: < 1 s per page, ≤ 150 kB gzip.
// Then the home page settled, warm (the server has answered it before), on a fresh app (a new app
// on a newly opened store in this process: empty caches, V8 already warm, none of `cogency
// serve`'s warm-up) and on a fresh `cogency serve` process (loaded the moment it says it is
// listening, which it does once it has computed the home page's answers), each with its data gathered in one
// request (/api/v1/page-data) and, in the same run, with that request blocked so the page fetches
// each answer itself; with the API requests each load made and how many were repeats.
// Targets: home settled < 400 ms warm, < 700 ms fresh.
// Usage: npm run build:web && node --import tsx bench/web-render.ts [--data DIR] [--db STORE] [--pages /a,/b]
// --db: a store with the sources loaded (opened read-only); without it, --data is ingested into memory
// and the fresh-server runs are skipped.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { buildApp, WEB_DIST } from '../src/api/server.ts';
import { Store } from '../src/store/store.ts';
import { ingest } from '../src/sources/ingest.ts';
import { loadConfig } from '../src/config.ts';
import { launch } from '../test/e2e/browser.ts';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const cfg = loadConfig({ data: arg('--data') });
const dbArg = arg('--db');
const PAGES = ['/', '/explore', '/explore?measure=tip.tier&chart=map', '/map', '/place/VT', '/place/GBR', '/sources', '/methodology', '/embed/explore?measure=tip.policy_index.total&places=CAN', '/law', '/law/compare', '/law/analyze', '/analyses/funnel?place=USA&period=2019', '/analyses/funding', '/analyses/funding?place=KHM', '/analyses/mse'];
const RUNS = 5;
// --pages /a,/b measures only those (e.g. the analyses pages), to keep a re-measurement short.
const pages = arg('--pages')?.split(',') ?? PAGES;

const assets = join(WEB_DIST, 'assets');
let js = 0;
let jsGz = 0;
for (const f of readdirSync(assets).filter((n) => n.endsWith('.js'))) {
  const buf = readFileSync(join(assets, f));
  js += statSync(join(assets, f)).size;
  jsGz += gzipSync(buf, { level: 9 }).length;
}
console.log(`explorer JavaScript: ${(js / 1024).toFixed(1)} kB, ${(jsGz / 1024).toFixed(1)} kB gzip (target ≤ 150 kB gzip)`);

async function server(): Promise<{ base: string; close: () => Promise<void> }> {
  const store = await Store.open(dbArg ?? ':memory:');
  if (!dbArg) {
    process.stderr.write(`ingesting ${cfg.dataDir}…\n`);
    await ingest(store, cfg.dataDir, []);
  }
  const app = await buildApp({ store, dataDir: cfg.dataDir, rateLimit: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    close: async () => {
      await app.close();
      store.close();
    },
  };
}

/** `cogency serve` on the store in a new process, once it prints that it is listening. */
async function serveProcess(): Promise<{ base: string; close: () => Promise<void> }> {
  const port = 18400 + Math.floor(Math.random() * 500);
  const child = spawn(process.execPath, [join(import.meta.dirname, '..', 'bin', 'cogency.js'), 'serve', '--db', dbArg!, '--data', cfg.dataDir, '--port', String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, COGENCY_RATE_LIMIT: '0' },
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (/Cogency explorer at/.test(out)) resolve();
    });
    child.on('exit', (code) => reject(new Error(`cogency serve exited ${code}: ${out}`)));
  });
  return {
    base: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        child.removeAllListeners('exit');
        child.on('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** One cold page load (new browser context): ms from navigation start to settled, and the API requests it made. */
async function loadOnce(base: string, path: string, gather = true): Promise<{ ms: number; api: string[] }> {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  if (!gather) await page.route('**/api/v1/page-data*', (r) => r.abort());
  const api: string[] = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.pathname.startsWith('/api/')) api.push(u.pathname + u.search);
  });
  await page.goto(base + path);
  await page.waitForFunction(() => document.getElementById('status')?.textContent === '' && document.querySelector('main h1, main h2'));
  const ms = await page.evaluate(() => performance.now());
  await ctx.close();
  return { ms, api };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const live = await server();
const base = live.base;
const browser = await launch();
console.log(`first render (navigation start → page settled), median of ${RUNS} cold loads:`);
for (const path of pages) {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push((await loadOnce(base, path)).ms);
  const m = median(times);
  console.log(`  ${path.padEnd(60)} ${m.toFixed(0).padStart(5)} ms ${m < 1000 ? '' : '(over 1 s)'}`);
}

const requests = (api: string[]) => `${api.length} API requests, ${api.length - new Set(api).size} repeated`;
console.log(`\nhome page settled (median of ${RUNS}; target < 400 ms warm, < 700 ms fresh):`);
for (const gather of [true, false]) {
  const label = gather ? 'data gathered in one request' : 'page-data blocked: each answer fetched';
  const warm: number[] = [];
  let api: string[] = [];
  for (let i = 0; i < RUNS; i++) ({ ms: warm[i], api } = await loadOnce(base, '/', gather));
  console.log(`  warm,  ${label.padEnd(40)} ${median(warm).toFixed(0).padStart(5)} ms  (${requests(api)})`);
  if (!dbArg) continue;
  const fresh: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const s = await server();
    ({ ms: fresh[i], api } = await loadOnce(s.base, '/', gather));
    await s.close();
  }
  console.log(`  fresh app, ${label.padEnd(36)} ${median(fresh).toFixed(0).padStart(5)} ms  (${requests(api)})`);
  // What a first visitor gets: a `cogency serve` process, loaded as soon as it says it is listening.
  const started: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const s = await serveProcess();
    ({ ms: started[i], api } = await loadOnce(s.base, '/', gather));
    await s.close();
  }
  console.log(`  fresh \`cogency serve\`, ${label.padEnd(28)} ${median(started).toFixed(0).padStart(5)} ms  (${requests(api)})`);
}
await browser.close();
await live.close();
