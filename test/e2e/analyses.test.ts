// The analyses pages in Debian's Chromium on the real data: hidden-population estimates (studies,
// a study's bootstrap interval, an uploaded table and a malformed one), the enforcement funnel and
// funding against need with services. Render times are measured and printed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { sharedData, SKIP_NO_DATA } from '../helpers.ts';
import { type Site, foreign, screenshot, startSite } from './browser.ts';

const data = sharedData();
let site: Site;
const requests: string[] = [];

before(async () => {
  if (data) site = await startSite(data, ['mse', 'fbi-ht', 'grants', 'walkfree', 'tip', 'services', 'transcribed']);
});
after(async () => {
  await site?.close();
  assert.deepEqual(foreign(requests), [], 'no page made a request to another host');
});

async function open(path: string): Promise<{ page: Page; ms: number }> {
  const page = await site.browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('request', (r) => requests.push(r.url()));
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const t0 = Date.now();
  await page.goto(site.base + path);
  await page.waitForFunction(() => document.getElementById('status')?.textContent === '' && document.querySelector('h1'));
  const ms = Date.now() - t0;
  assert.deepEqual(errors, []);
  return { page, ms };
}

test('hidden-population estimates: observed beside estimate, a study with its interval, uploads', { skip: data ? false : SKIP_NO_DATA }, async () => {
  const { page } = await open('/analyses/mse');
  const rows = await page.$$eval('#mse-studies tbody tr', (trs) => trs.map((tr) => [tr.getAttribute('data-id'), tr.querySelector('.observed')?.textContent, tr.querySelector('.estimate')?.textContent]));
  assert.equal(rows.length, 7);
  assert.deepEqual(rows.find((r) => r[0] === 'UKdat_5'), ['UKdat_5', '2,744', '11,313']);
  assert.equal(await page.locator('#mse-critiques li').count(), 5);
  // Published figures beside ours: the reproduced UK figure, and for the Netherlands a published range whose model is unknown (comparison only).
  assert.match(await page.locator('#mse-studies tr[data-id="UKdat_5"] .published').innerText(), /reproduced within 0\.0/);
  assert.match(await page.locator('#mse-studies tr[data-id="Ned"] .published').innerText(), /range 42,000–58,000 .*model not known, so not a check \(ours outside\)/);
  await page.click('a[data-study="Western"]');
  await page.waitForSelector('#mse-detail .interval', { timeout: 60_000 });
  assert.match(await page.locator('#mse-detail').innerText(), /sex trafficking/);
  assert.match(await page.locator('#mse-detail').innerText(), /not an annual figure/);
  assert.match(await page.locator('#mse-detail .mse-comparisons').innerText(), /1,600–3,600[\s\S]*inside the range[\s\S]*Why no published point is checked: The estimate of Farrell et al\./);
  await page.fill('#mse-csv', 'A,B,count\n1,0,30\n0,1,-4\n');
  await page.click('#mse-upload button[type=submit]');
  await page.waitForSelector('#mse-upload-result .error');
  assert.match(await page.locator('#mse-upload-result').innerText(), /upload\.csv:3 \[count\]: negative count/);
  await page.fill('#mse-csv', 'A,B,C,count\n1,0,0,30\n0,1,0,20\n0,0,1,25\n1,1,0,10\n1,0,1,6\n0,1,1,5\n1,1,1,2\n');
  await page.click('#mse-upload button[type=submit]');
  await page.waitForSelector('#mse-upload-result .observed', { timeout: 60_000 });
  assert.equal(await page.locator('#mse-upload-result .observed').innerText(), '98');
  await screenshot(page, 'analyses-mse');
  await page.close();
});

test('enforcement funnel: separate funnels, ratios only between like stages, render time', { skip: data ? false : SKIP_NO_DATA }, async () => {
  await open('/analyses/funnel?place=USA&period=2019').then((x) => x.page.close()); // warm the response cache
  const { page, ms } = await open('/analyses/funnel?place=USA&period=2019');
  console.log(`funnel page (USA 2019) rendered in ${ms} ms`);
  assert.ok(await page.locator('[data-funnel="sex-trafficking"]').count());
  assert.ok(await page.locator('[data-funnel="labor-trafficking"]').count());
  assert.ok(await page.locator('[data-funnel="prostitution-all"]').count());
  const sex = await page.locator('[data-funnel="sex-trafficking"] .ratio.computed').innerText();
  assert.match(sex, /Offenses cleared: 0\.\d{3}/);
  assert.ok((await page.locator('[data-funnel="federal-trafficking"] .ratio.refused').count()) >= 1);
  assert.match(await page.locator('[data-funnel="federal-trafficking"]').innerText(), /a ratio would divide unlike things/);
  await screenshot(page, 'analyses-funnel');
  await page.close();
});

test('funding against need and services: denominator year shown, none known apart from counts, render time', { skip: data ? false : SKIP_NO_DATA }, async () => {
  await open('/analyses/funding').then((x) => x.page.close());
  const { page, ms } = await open('/analyses/funding');
  console.log(`funding page rendered in ${ms} ms`);
  assert.ok((await page.locator('#funding-countries tbody tr').count()) > 100);
  assert.deepEqual(await page.$$eval('#funding-worldwide tbody th', (ths) => ths.map((t) => t.textContent)), ['2009', '2012', '2013']);
  const nga = await page.locator('#services-table tr', { hasText: 'Nigeria (NGA)' }).innerText();
  assert.match(nga, /none known/);
  assert.match(nga, /92/);
  await page.click('a[href="/analyses/funding?place=KHM"]');
  await page.waitForSelector('#funding-country');
  assert.match(await page.locator('#funding-country').innerText(), /for 2021/);
  assert.match(await page.locator('#funding-country .identified').innerText(), /Victims identified \(TIP law-enforcement data\): no country figure in the record/);
  await screenshot(page, 'analyses-funding');
  await page.close();
});
