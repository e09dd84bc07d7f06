import type { AddressInfo } from 'node:net';
import { buildApp } from '/work/main/src/api/server.ts';
import { Store } from '/work/main/src/store/store.ts';
import { launch } from '/work/main/test/e2e/browser.ts';
const store = await Store.open('/work/main/data/cogency.duckdb');
const app = await buildApp({ store, dataDir: '/work/shared/data', rateLimit: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
const browser = await launch();
for (let i = 0; i < 4; i++) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(base + '/');
  await page.waitForFunction(() => document.getElementById('status')?.textContent === '' && document.querySelector('main h1, main h2'));
  const t = await page.evaluate(() => ({
    settled: performance.now(),
    nav: performance.getEntriesByType('navigation').map((e: any) => ({ resp: e.responseEnd, dcl: e.domContentLoadedEventEnd })),
    res: performance.getEntriesByType('resource').map((e: any) => `${e.name.replace(/^https?:\/\/[^/]+/, '').slice(0, 50)} start ${e.startTime.toFixed(0)} end ${e.responseEnd.toFixed(0)} size ${e.transferSize}`),
  }));
  console.log(i, 'settled', t.settled.toFixed(0), JSON.stringify(t.nav), '\n  ' + t.res.join('\n  '));
  await ctx.close();
}
await browser.close(); await app.close(); store.close();
