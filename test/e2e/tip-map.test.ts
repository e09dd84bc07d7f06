import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { FIXTURE_DATA, sharedData } from '../helpers.ts';
import { type Site, assertDownloadMatchesTable, downloadText, foreign, startSite, openPage, screenshot } from './browser.ts';

// Real data where present; otherwise the hand-written fixture (two report years).
const DATA = sharedData() ?? FIXTURE_DATA;
const REAL = DATA !== FIXTURE_DATA;
let site: Site;
let browser: Browser;
let base: string;

before(async () => {
  site = await startSite(DATA, ['tip']);
  ({ browser, base } = site);
});
after(async () => {
  await site?.close();
});

const tableRows = (page: import('playwright-core').Page) =>
  page.$$eval('#tier-table tbody tr', (trs) => trs.map((tr) => [tr.getAttribute('data-place'), tr.children[1]!.textContent!.trim()]));

test('map page: change the year, click a country, permalink; no request leaves localhost', async () => {
  const { page, requests } = await openPage(browser);
  const newest = REAL ? '2015' : '2015';
  const older = REAL ? '2005' : '2014';
  await page.goto(base + '/map');
  await page.waitForSelector('#tier-table tbody tr');
  assert.equal(await page.inputValue('#year'), newest);
  const rowsNew = await tableRows(page);
  if (REAL) {
    assert.equal(rowsNew.length, 187);
    assert.equal(rowsNew.filter(([, t]) => t === 'Tier 3').length, 23);
  }
  const fillNew = await page.$$eval('path.area[data-category="Tier 3"]', (ps) => ps.length);
  assert.ok(fillNew > 0, 'Tier 3 countries are coloured on the map');
  await screenshot(page, 'tip-map-newest');

  // Change the year: map, table and URL follow.
  await page.selectOption('#year', older);
  await page.waitForFunction((y) => document.querySelector('#table-title')?.textContent?.includes(y), older);
  const rowsOld = await tableRows(page);
  assert.notDeepEqual(rowsOld, rowsNew, 'the table changed with the year');
  assert.match(page.url(), new RegExp(`year=${older}`));
  const mapOld = await page.$$eval('path.area', (ps) => ps.map((p) => p.getAttribute('data-category')).join());
  await page.selectOption('#year', newest);
  await page.waitForFunction((y) => document.querySelector('#table-title')?.textContent?.includes(y), newest);
  const mapNew = await page.$$eval('path.area', (ps) => ps.map((p) => p.getAttribute('data-category')).join());
  assert.notEqual(mapOld, mapNew, 'the map changed with the year');

  // Click a country on the map: its tier history appears.
  await page.click('path.area[data-key="GBR"]');
  await page.waitForSelector('#history-table tbody tr');
  assert.match(await page.textContent('#history-title') ?? '', /United Kingdom/);
  const history = await page.$$eval('#history-table tbody tr', (trs) => trs.map((tr) => tr.textContent));
  assert.ok(history.length >= 2);
  assert.ok(history.some((h) => /2015\s*Tier 1/.test(h ?? '')));
  assert.match(page.url(), /country=GBR/);
  await screenshot(page, 'tip-map-gbr');

  // The CSV download holds exactly the rows of the table.
  await assertDownloadMatchesTable(page, await downloadText(page, '.download-csv'), '#tier-table');
  const shown = await tableRows(page);

  // The citation and caveats sit beside the map.
  assert.match(await page.textContent('.cite') ?? '', /sha256/);
  assert.ok((await page.$$('.caveats li')).length >= 3);

  // A permalink reopens the same view.
  const permalink = page.url();
  const again = await openPage(browser);
  await again.page.goto(permalink);
  await again.page.waitForSelector('#history-table tbody tr');
  assert.equal(await again.page.inputValue('#year'), newest);
  assert.deepEqual(await tableRows(again.page), shown);

  assert.deepEqual(foreign([...requests, ...again.requests]), [], 'no request to a non-local host');
  assert.ok(requests.length > 3);
});

test('keyboard: a country can be selected without a mouse', async () => {
  const { page } = await openPage(browser);
  await page.goto(base + '/map?year=2015');
  await page.waitForSelector('#tier-table tbody tr');
  await page.focus('path.area[data-key="BRA"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#history-table');
  assert.match(await page.textContent('#history-title') ?? '', /Brazil/);
});
