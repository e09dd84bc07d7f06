// The record-relief navigator in Debian's Chromium: every network request is recorded from page load on,
// and the test proves that choosing a state and answering questions makes no request at all, changes no
// URL and stores nothing (cookies, local and session storage), at phone and desktop widths.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { type Site, foreign, screenshot, startSite } from './browser.ts';

let site: Site;
before(async () => {
  site = await startSite(null, []);
});
after(async () => {
  await site?.close();
});

interface Recorded {
  page: Page;
  requests: { url: string; method: string; body: string | null }[];
}

async function open(width: number): Promise<Recorded> {
  const page = await site.browser.newPage({ viewport: { width, height: 900 } });
  const requests: Recorded['requests'] = [];
  page.on('request', (r) => requests.push({ url: r.url(), method: r.method(), body: r.postData() }));
  page.on('websocket', (ws) => requests.push({ url: ws.url(), method: 'WEBSOCKET', body: null }));
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${site.base}/relief`);
  await page.waitForFunction(() => document.getElementById('status')?.textContent === '');
  await page.waitForSelector('#relief-state');
  assert.deepEqual(errors, []);
  return { page, requests };
}

async function answer(page: Page, question: string, value: string): Promise<void> {
  await page.check(`fieldset[data-question="${question}"] input[value="${value}"]`);
}

for (const width of [375, 1280]) {
  test(`at ${width} px: a Washington check runs on the page and nothing entered leaves it`, async () => {
    const { page, requests } = await open(width);
    const loaded = requests.length;
    const url = page.url();

    await page.selectOption('#relief-state', 'WA');
    await page.waitForSelector('fieldset[data-question="offense_level"]');
    await answer(page, 'offense_level', 'gross_misdemeanor');
    await answer(page, 'victim', 'yes');
    await answer(page, 'result_of', 'yes');
    await answer(page, 'offense_kind', 'prostitution_loitering');
    await answer(page, 'pending', 'no');
    await answer(page, 'restitution_paid', 'yes');
    await page.waitForSelector('#relief-result .relief-outcome.relief-eligible');
    assert.equal(await page.isHidden('fieldset[data-question="enhancement"]'), true, 'questions that cannot matter are hidden');
    assert.match((await page.textContent('#relief-result .relief-outcome')) ?? '', /Eligible/);
    assert.match((await page.textContent('#relief-result')) ?? '', /What to bring/);
    assert.match((await page.textContent('#relief-result')) ?? '', /1-888-373-7888/);

    // One answer that decides "not eligible" shows the statute words that decide it.
    await answer(page, 'offense_kind', 'patronizing');
    await page.waitForSelector('#relief-result .relief-outcome.relief-not-eligible');
    assert.match((await page.textContent('#relief-result')) ?? '', /The offense was patronizing a prostitute as described in RCW 9A\.88\.110\./);

    // "As of" a date before the collected text is known to be in force: no confident answer.
    await page.fill('#relief-asof', '2015-06-01');
    await page.dispatchEvent('#relief-asof', 'change');
    await page.waitForFunction(() => document.getElementById('relief-result-h')?.textContent?.includes('2015-06-01'));

    // A state not collected says so, never "no relief".
    await page.selectOption('#relief-state', 'TX');
    await page.waitForSelector('#relief-result .relief-not-collected');
    assert.match((await page.textContent('#relief-result')) ?? '', /not collected.*does not mean Texas offers no relief/s);

    if (width === 375) {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `no sideways scrolling at 375 px (overflow ${overflow} px)`);
    }
    await page.selectOption('#relief-state', 'ID');
    await answer(page, 'record_type', 'conviction');
    await page.waitForSelector('#relief-result .relief-reading');
    await screenshot(page, `relief-${width}`);

    // The proof: after the page loaded, not one request was made; the URL never changed; nothing was kept.
    assert.deepEqual(requests.slice(loaded), [], 'no request after load');
    assert.equal(page.url(), url);
    assert.deepEqual(foreign(requests.map((r) => r.url)), []);
    assert.ok(requests.every((r) => r.method === 'GET' && r.body === null), 'no request carried a body');
    const kept = await page.evaluate(() => ({ cookies: document.cookie, local: localStorage.length, session: sessionStorage.length }));
    assert.deepEqual(kept, { cookies: '', local: 0, session: 0 });
    await page.close();
  });
}
