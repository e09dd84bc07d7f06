import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { buildApp } from '/work/main/src/api/server.ts';
import { Store } from '/work/main/src/store/store.ts';
import { launch } from '/work/main/test/e2e/browser.ts';
const store = await Store.open('/work/main/data/cogency.duckdb');
const app = await buildApp({ store, dataDir: '/work/shared/data', rateLimit: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
const browser = await launch();
for (let i = 0; i < 3; i++) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 200 }); await cdp.send('Profiler.start');
  await page.goto(base + (process.argv[2] ?? '/'));
  await page.waitForFunction(() => document.getElementById('status')?.textContent === '' && document.querySelector('main h1, main h2'));
  const { profile } = await cdp.send('Profiler.stop');
  const settled = await page.evaluate(() => performance.now());
  console.log(i, 'settled', settled.toFixed(0));
  if (i === 2) writeFileSync('/tmp/web.cpuprofile', JSON.stringify(profile));
  await ctx.close();
}
await browser.close(); await app.close(); store.close();
