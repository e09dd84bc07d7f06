// Every page of the explorer in Debian's Chromium: charts draw the right marks, tables hold the
// API's numbers, downloads hold the table's, permalinks reopen the view, nothing leaves localhost.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { DESCRIPTORS } from '../../src/sources/descriptors.ts';
import { FIXTURE_DATA, sharedData } from '../helpers.ts';
import { type Site, assertDownloadMatchesTable, downloadText, foreign, startSite, screenshot, tableCells } from './browser.ts';

const DATA = sharedData() ?? FIXTURE_DATA;
const REAL = DATA !== FIXTURE_DATA;
const PLACES = REAL ? ['CAN', 'GBR'] : ['CAN'];
let site: Site;
let app: FastifyInstance;
let browser: Browser;
let base: string;
const requests: string[] = [];

before(async () => {
  site = await startSite(DATA, ['tip']);
  ({ app, browser, base } = site);
});
after(async () => {
  await site?.close();
  assert.deepEqual(foreign(requests), [], 'no page made a request to another host');
});

async function open(path: string, width = 1280): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  page.on('request', (r) => requests.push(r.url()));
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(base + path);
  await page.waitForFunction(() => document.getElementById('status')?.textContent === '');
  assert.deepEqual(errors, [], `no script errors on ${path}`);
  return page;
}

const api = async (q: string) => (await app.inject(`/api/v1/observations?${q}`)).json() as { rows: { place: string; period: number; value: number | null }[] };

test('explore: a line per place with one mark per value; table = API; download = table; permalink', async () => {
  const q = `measure=tip.policy_index.total&places=${PLACES.join(',')}&chart=line`;
  const page = await open(`/explore?${q}`);
  await page.waitForSelector('#data-table');
  const expected = (await Promise.all(PLACES.map((p) => api(`measure=tip.policy_index.total&place=${p}`)))).flatMap((r) => r.rows);
  assert.equal(await page.locator('svg.chart circle.point').count(), expected.length);
  assert.equal(await page.locator('svg.chart path.series').count(), PLACES.length);
  const cells = await tableCells(page, '#data-table');
  assert.deepEqual(
    cells.map((c) => [c[1], c[2]]),
    expected.map((r) => [String(r.period), String(r.value)]),
    'the table holds the same numbers as the API',
  );
  await assertDownloadMatchesTable(page, await downloadText(page, '.download-csv'), '#data-table');
  const json = JSON.parse(await downloadText(page, '.download-json')) as { rows: Record<string, string>[] };
  assert.deepEqual(json.rows.map((r) => r.value), cells.map((c) => c[2]));
  await screenshot(page, 'explore-line');

  // Switch to bars: one bar per place for the last year with values; URL follows.
  await page.click('#chart-bar');
  await page.waitForSelector('svg.chart rect.bar');
  assert.equal(await page.locator('svg.chart rect.bar').count(), PLACES.length);
  assert.match(page.url(), /chart=bar/);
  const permalink = page.url();
  const barCells = await tableCells(page, '#data-table');
  const again = await open(permalink.replace(base, ''));
  await again.waitForSelector('#data-table');
  assert.deepEqual(await tableCells(again, '#data-table'), barCells, 'the permalink reopens the same view');
  assert.equal(await again.inputValue('#measure'), 'tip.policy_index.total');
});

test('explore: small multiples share one time axis, each line on its own scale; the toggle draws them on one scale', async () => {
  const page = await open(`/explore?measure=tip.policy_index.total&places=${PLACES.join(',')}&chart=line&layout=multiples`);
  await page.waitForSelector('.multiples svg.chart');
  assert.equal(await page.locator('.multiples .multiple').count(), PLACES.length, 'one chart per place');
  for (const chart of await page.locator('.multiples .multiple').all()) assert.equal(await chart.locator('path.series').count(), 1);
  // Every small chart spans the same years: the first and last year ticks agree.
  const spans = await page.$$eval('.multiples svg.chart', (svgs) =>
    svgs.map((svg) => {
      const years = [...svg.querySelectorAll('text.tick')].map((t) => t.textContent ?? '').filter((t) => /^\d{4}$/.test(t));
      return `${years[0]}–${years[years.length - 1]}`;
    }),
  );
  assert.equal(new Set(spans).size, 1, `one time axis for all: ${spans.join(', ')}`);
  await page.click('#layout-toggle');
  await page.waitForURL(/layout=overlay/);
  await page.waitForSelector('svg.chart path.series');
  assert.equal(await page.locator('.multiples').count(), 0);
  assert.equal(await page.locator('svg.chart path.series').count(), PLACES.length, 'one chart, a line per place');
});

test('explore: a categorical measure on the world map, keyboard and 360 px', async () => {
  const page = await open('/explore?measure=tip.tier&chart=map&from=2015&to=2015', 360);
  await page.waitForSelector('svg.map path.area[data-category]');
  const rows = (await api('measure=tip.tier&period=2015')).rows;
  const painted = await page.locator('svg.map path.area.has-data').count();
  assert.ok(painted > 0 && painted <= rows.length);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `no horizontal scrolling at 360 px (page is ${width} px wide)`);
  await screenshot(page, 'explore-map-360');
  await page.focus('svg.map path.area[data-key="CAN"]');
  await page.keyboard.press('Enter');
  await page.waitForURL(/places=CAN/);
});

test('overview answers with figures and sources, its data in one request', async () => {
  const earlier = requests.length;
  const page = await open('/');
  await page.waitForSelector('#panel-tip-tiers svg.chart circle.point');
  const apiCalls = requests.slice(earlier).map((u) => new URL(u).pathname).filter((p) => p.startsWith('/api/'));
  assert.deepEqual(apiCalls, ['/api/v1/page-data'], 'every answer the page needs, its status check included, gathered into one request');
  const tiers = ((await app.inject('/api/v1/national')).json() as { panels: { id: string; tierCounts?: { shown: number | null; counted: number }[] }[] }).panels.find((p) => p.id === 'tip-tiers')!;
  const marks = tiers.tierCounts!.filter((t) => t.shown !== null || t.counted > 0).length;
  assert.equal(await page.locator('#panel-tip-tiers circle.point').count(), marks, 'one mark per tier and report year');
  assert.match((await page.textContent('#panel-tip-tiers .citation')) ?? '', /sha256/);
  // With only the TIP files loaded, the other national panels are named as not loaded.
  assert.match((await page.textContent('#panels-not-loaded')) ?? '', /us\.federal_ht\.convicted/);
  assert.ok((await page.locator('#all-measures a').count()) >= 5);
});

test('place profile lists every measure the store holds for the place', async () => {
  const page = await open('/place/CAN');
  await page.waitForSelector('.place-measure');
  const measures = await page.$$eval('.place-measure', (s) => s.map((x) => x.getAttribute('data-measure')));
  assert.ok(measures.includes('tip.tier'));
  assert.ok(measures.includes('tip.policy_index.total'));
  assert.equal(await page.textContent('h1'), 'Canada');
  // Policy figures come before the context figures, and funding and services sit between them:
  // with no grant or directory loaded for Canada, the page says so instead of showing a zero.
  const order = await page.$$eval('h2', (hs) => hs.map((h) => h.textContent ?? ''));
  const at = (text: string) => order.findIndex((h) => h === text);
  assert.ok(at('Anti-trafficking policy') >= 0 && at('Anti-trafficking policy') < at('Funding and services'), order.join(' | '));
  if (at('Context') >= 0) assert.ok(at('Funding and services') < at('Context'), order.join(' | '));
  const funding = (await page.textContent('.place-funding')) ?? '';
  assert.match(funding, /not the same as no funding/);
  assert.match(funding, /none known, which is not the same as none|Services for/);
  const bad = await open('/place/ZZZ');
  assert.match((await bad.textContent("main")) ?? "", /unknown place "ZZZ"/);
});

test('sources page shows provenance, caveats and the export link', async () => {
  const page = await open('/sources');
  assert.equal(await page.locator('article.source').count(), 2);
  const text = (await page.textContent('#source-tip\\.tiers')) ?? '';
  assert.match(text, /[0-9a-f]{64}/);
  assert.match(text, /report year/i);
  assert.equal(await page.getAttribute('#export-link', 'href'), '/api/v1/export');
  // Every source Cogency reads, from its descriptor, loaded or not: what it counts and does not.
  assert.equal(await page.locator('#known-sources details.known-source').count(), DESCRIPTORS.length);
  await page.click('#known-nibrs summary');
  const nibrs = (await page.textContent('#known-nibrs')) ?? '';
  assert.match(nibrs, /Does not count/);
  assert.match(nibrs, /Prostitution \(40A\)/);
});

test('methodology defines every loaded measure and the disclosure rule', async () => {
  const page = await open('/methodology');
  for (const id of ['tip.tier', 'tip.policy_index.total']) assert.equal(await page.locator(`[id="m-${id}"]`).count(), 1);
  assert.match((await page.textContent('#disclosure + p')) ?? '', /counts from 1 to 9 are withheld/);
});

test('embed view shows one chart without the site chrome', async () => {
  const page = await open(`/embed/explore?measure=tip.policy_index.total&places=${PLACES[0]}&chart=line`);
  await page.waitForSelector('svg.chart circle.point');
  assert.equal(await page.isVisible('header.site'), false);
  assert.equal(await page.locator('#measure').count(), 0, 'no controls in the embed');
});
