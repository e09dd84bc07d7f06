// The API requests each explorer page makes in headless Chromium, and their depth (round trips of
// API requests, one starting after another ends). Target (issue 18): one request, page-data.
// Usage: npm run build:web && node --import tsx bench/web-requests.ts [--db STORE] [--data DIR]
// The store (default: data/cogency.duckdb) is read as the server reads it; nothing is ingested into it.
import type { AddressInfo } from 'node:net';
import { buildApp } from '../src/api/server.ts';
import { Store } from '../src/store/store.ts';
import { launch } from '../test/e2e/browser.ts';
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1]! : fallback;
};
const store = await Store.open(arg('--db', 'data/cogency.duckdb'));
const app = await buildApp({ store, dataDir: arg('--data', '../shared/data'), rateLimit: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
const browser = await launch();
const PAGES = ['/', '/explore', '/explore?measure=tip.tier&chart=map', '/map', '/place/VT', '/place/GBR', '/sources', '/methodology', '/law', '/law/compare', '/analyses/funnel?place=USA&period=2019', '/analyses/funding', '/analyses/mse', '/relief', '/claims'];
for (const path of PAGES) {
  const page = await browser.newPage();
  const reqs: { url: string; start: number; end: number }[] = [];
  const t0 = Date.now();
  page.on('request', (r) => { const u = new URL(r.url()); if (u.pathname.startsWith('/api/')) reqs.push({ url: u.pathname + u.search, start: Date.now() - t0, end: -1 }); });
  page.on('requestfinished', (r) => { const u = new URL(r.url()); const x = reqs.find((q) => q.url === u.pathname + u.search && q.end < 0); if (x) x.end = Date.now() - t0; });
  await page.goto(base + path);
  await page.waitForFunction(() => document.getElementById('status')?.textContent === '' && document.querySelector('main h1, main h2'));
  await page.waitForTimeout(200);
  // depth: a request that starts after another API answer ended sits one round trip deeper.
  const depth = new Map<number, number>();
  reqs.forEach((r, i) => { let d = 1; reqs.forEach((q, j) => { if (j !== i && q.end >= 0 && q.end <= r.start) d = Math.max(d, (depth.get(j) ?? 1) + 1); }); depth.set(i, d); });
  console.log(path.padEnd(42), reqs.length, 'API requests, depth', Math.max(0, ...depth.values()), '|', reqs.map((r) => r.url.replace('/api/v1/', '').slice(0, 40)).join(', '));
  await page.close();
}
await browser.close(); await app.close(); store.close();
