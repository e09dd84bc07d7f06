// Prints the first render time of each explorer page in headless Chromium on localhost, and the
// explorer's JavaScript size (gzip). Targets: < 1 s per page, ≤ 150 kB gzip.
// Usage: npm run build:web && node --import tsx bench/web-render.ts [--data DIR] [--pages /a,/b]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { buildApp, WEB_DIST } from '../src/api/server.ts';
import { Store } from '../src/store/store.ts';
import { ingest } from '../src/sources/ingest.ts';
import { loadConfig } from '../src/config.ts';
import { launch } from '../test/e2e/browser.ts';

const dataArg = process.argv.indexOf('--data');
const cfg = loadConfig({ data: dataArg > 0 ? process.argv[dataArg + 1] : undefined });
const PAGES = ['/', '/explore', '/explore?measure=tip.tier&chart=map', '/map', '/place/VT', '/place/GBR', '/sources', '/methodology', '/embed/explore?measure=tip.policy_index.total&places=CAN', '/law', '/law/compare', '/law/analyze', '/analyses/funnel?place=USA&period=2019', '/analyses/funding', '/analyses/funding?place=KHM', '/analyses/mse'];
const RUNS = 5;
// --pages /a,/b measures only those (e.g. the analyses pages), to keep a re-measurement short.
const pagesArg = process.argv.indexOf('--pages');
const pages = pagesArg > 0 ? process.argv[pagesArg + 1]!.split(',') : PAGES;

const assets = join(WEB_DIST, 'assets');
let js = 0;
let jsGz = 0;
for (const f of readdirSync(assets).filter((n) => n.endsWith('.js'))) {
  const buf = readFileSync(join(assets, f));
  js += statSync(join(assets, f)).size;
  jsGz += gzipSync(buf, { level: 9 }).length;
}
console.log(`explorer JavaScript: ${(js / 1024).toFixed(1)} kB, ${(jsGz / 1024).toFixed(1)} kB gzip (target ≤ 150 kB gzip)`);

const store = await Store.open(':memory:');
process.stderr.write(`ingesting ${cfg.dataDir}…\n`);
await ingest(store, cfg.dataDir, []);
const app = await buildApp({ store, dataDir: cfg.dataDir, rateLimit: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
const browser = await launch();
console.log(`first render (navigation start → page settled), median of ${RUNS} cold loads:`);
for (const path of pages) {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(base + path);
    await page.waitForFunction(() => document.getElementById('status')?.textContent === '' && document.querySelector('main h1, main h2'));
    times.push(await page.evaluate(() => performance.now()));
    await ctx.close();
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(RUNS / 2)]!;
  console.log(`  ${path.padEnd(60)} ${median.toFixed(0).padStart(5)} ms ${median < 1000 ? '' : '(over 1 s)'}`);
}
await browser.close();
await app.close();
store.close();
