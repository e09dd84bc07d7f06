// The claims checker page in Debian's Chromium on the real record (skipped without ../shared/data):
// a claim is checked, its reading corrected and checked again; bad input gets a message; the text never
// reaches the address bar or another host.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { sharedData, SKIP_NO_DATA } from '../helpers.ts';
import { type Site, foreign, screenshot, startSite } from './browser.ts';
import { CLAIM_SOURCES } from '../../src/claims/eval.ts';

let site: Site | null = null;
before(async () => {
  const data = sharedData();
  if (data) site = await startSite(data, CLAIM_SOURCES);
});
after(async () => {
  await site?.close();
});

test('check a claim, correct its reading, and see bad input answered', async (t) => {
  if (!site) return t.skip(SKIP_NO_DATA);
  const page = await site.browser.newPage({ viewport: { width: 375, height: 900 } });
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${site.base}/claims`);
  await page.waitForSelector('#claim-text');
  const claim = 'The FBI estimated about 75,000 prostitution arrests nationally in 2003.';
  await page.fill('#claim-text', claim);
  await page.click('.claim-form button[type="submit"]');
  await page.waitForSelector('#claim-result [data-verdict="consistent"]');
  assert.match((await page.textContent('#claim-result')) ?? '', /75,190/);
  assert.equal(await page.inputValue('#claim-from'), '2003');

  await page.fill('#claim-from', '2010');
  await page.fill('#claim-to', '2010');
  await page.click('#claim-recheck');
  await page.waitForSelector('#claim-result [data-verdict="differs"]');
  assert.match((await page.textContent('#claim-result')) ?? '', /62,668/);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no sideways scrolling at 375 px (${overflow})`);
  await screenshot(page, 'claims-375');

  await page.fill('#claim-text', 'Más de 170 arrestos en una operación contra la trata de personas');
  await page.click('.claim-form button[type="submit"]');
  await page.waitForFunction(() => /English/.test(document.getElementById('claim-message')?.textContent ?? ''));

  assert.deepEqual(errors, []);
  assert.deepEqual(foreign(requests), []);
  assert.ok(requests.every((u) => !decodeURIComponent(u).includes('75,000') && !u.includes('arrestos')), 'the claim never appears in a URL');
  assert.ok(!page.url().includes('claim='), 'nothing in the address bar');
  await page.close();
});
