// Every route of the explorer on a phone (375 px) and a desktop (1280 px): the page never scrolls
// sideways, no text is drawn under 11 px (SVG text is measured after the chart's scaling), and
// axe-core (injected from node_modules, no network) finds no serious or critical violation.
// Screenshots of each route at each width go to test-artifacts/ for review in CI.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { FIXTURE_DATA, REPO, sharedData } from '../helpers.ts';
import { ARTIFACTS, type Site, foreign, screenshot, startSite } from './browser.ts';

const REAL = sharedData();
const DATA = REAL ?? FIXTURE_DATA;
// With the shared data present the routes are checked on real figures (long labels, many years);
// otherwise on the hand-written fixtures, which exercise the same layouts at smaller scale.
const SOURCES = REAL ? ['tip', 'fbi-ucr', 'transcribed', 'law'] : ['tip'];
const AXE = join(REPO, 'node_modules', 'axe-core', 'axe.min.js');
const WIDTHS = [375, 1280];
const MIN_FONT_PX = 11;

let site: Site;
const requests: string[] = [];

before(async () => {
  if (!REAL) console.log('# screens: ../shared/data absent; checking routes on fixtures/data (tip only)');
  site = await startSite(DATA, SOURCES);
});
after(async () => {
  await site?.close();
  assert.deepEqual(foreign(requests), [], 'no page made a request to another host');
});

async function open(path: string, width: number): Promise<Page> {
  // bypassCSP lets the test inject axe-core; the page itself still runs under the server's CSP headers otherwise.
  const context = await site.browser.newContext({ viewport: { width, height: 800 }, bypassCSP: true });
  const page = await context.newPage();
  page.on('request', (r) => requests.push(r.url()));
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(site.base + path);
  await page.waitForFunction(() => document.getElementById('status')?.textContent === '', undefined, { timeout: 20_000 });
  // Let resize observers redraw charts for the measured width before anything is measured.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  assert.deepEqual(errors, [], `no script errors on ${path}`);
  return page;
}

/** Text drawn smaller than `min` px on screen, with its effective size: HTML text by computed size, SVG text times the chart's scale. */
async function smallText(page: Page, min: number): Promise<string[]> {
  return page.evaluate((minPx) => {
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const node = walker.currentNode;
      const text = (node.textContent ?? '').trim();
      const host = node.parentElement;
      if (!text || !host || host.closest('title, script, style, .skip')) continue;
      const style = getComputedStyle(host);
      const box = host.getBoundingClientRect();
      if (style.display === 'none' || style.visibility === 'hidden' || (box.width === 0 && box.height === 0)) continue;
      let size = parseFloat(style.fontSize);
      if (host instanceof SVGGraphicsElement) {
        const ctm = host.getScreenCTM();
        if (ctm) size *= Math.hypot(ctm.a, ctm.b);
      }
      if (size < minPx - 0.05) found.push(`${size.toFixed(1)}px "${text.slice(0, 40)}"`);
    }
    return found;
  }, min);
}

interface AxeViolation { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id} (${v.help}) at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}${v.nodes.length > 3 ? ` and ${v.nodes.length - 3} more` : ''}`);
}

async function firstBill(): Promise<string | null> {
  if (!REAL) return null;
  const res = await site.app.inject('/api/v1/bills?limit=1');
  if (res.statusCode !== 200) return null;
  const row = (res.json() as { items?: { id?: string }[] }).items?.[0];
  return row?.id ? `/bills/${encodeURIComponent(row.id)}` : null;
}

const ROUTES = [
  '/',
  '/explore',
  '/explore?measure=tip.policy_index.total&places=CAN&chart=line',
  '/explore?measure=tip.tier&chart=map&from=2015&to=2015',
  '/embed/explore?measure=tip.policy_index.total&places=CAN&chart=line',
  '/map',
  REAL ? '/place/MO' : '/place/CAN',
  '/sources',
  '/methodology',
  '/law',
  '/law/compare',
  '/law/analyze',
  '/analyses',
  '/analyses/mse',
  '/analyses/funnel',
  '/analyses/funding',
  '/relief',
  '/claims',
];

for (const route of ROUTES) {
  test(`any screen: ${route}`, async () => {
    const problems: string[] = [];
    for (const width of WIDTHS) {
      const page = await open(route, width);
      const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      if (pageWidth > width) problems.push(`${width}px: page is ${pageWidth} px wide (scrolls sideways)`);
      const small = await smallText(page, MIN_FONT_PX);
      if (small.length) problems.push(`${width}px: ${small.length} text runs under ${MIN_FONT_PX} px, e.g. ${small.slice(0, 3).join('; ')}`);
      for (const v of await seriousViolations(page)) problems.push(`${width}px: axe ${v}`);
      await screenshot(page, `screens-${route === '/' ? 'home' : route.replace(/[^a-z0-9]+/gi, '-').replace(/^-+|-+$/g, '')}-${width}`);
      await page.context().close();
    }
    assert.deepEqual(problems, [], `${route} works at ${WIDTHS.join(' and ')} px`);
  });
}

test('any screen: a bill page', async (t) => {
  const bill = await firstBill();
  if (!bill) return t.skip('no bill in the store (the law corpus in ../shared/data is absent)');
  const problems: string[] = [];
  for (const width of WIDTHS) {
    const page = await open(bill, width);
    const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    if (pageWidth > width) problems.push(`${width}px: page is ${pageWidth} px wide`);
    const small = await smallText(page, MIN_FONT_PX);
    if (small.length) problems.push(`${width}px: ${small.length} text runs under ${MIN_FONT_PX} px`);
    for (const v of await seriousViolations(page)) problems.push(`${width}px: axe ${v}`);
    await screenshot(page, `screens-bill-${width}`);
    await page.context().close();
  }
  assert.deepEqual(problems, []);
});

test('explore, first visit: a comparison of enforcement measures, each its own line, never a sum', async (t) => {
  const measures = (await site.app.inject('/api/v1/measures')).json() as { id: string; label: string; unit: string; periods: number[] }[] | { measures: { id: string; label: string; unit: string; periods: number[] }[] };
  const list = Array.isArray(measures) ? measures : measures.measures;
  const page = await open('/explore', 1280);
  await page.waitForSelector('#data-table');
  const url = new URL(page.url());
  const chosen = url.searchParams.get('measure')!;
  const alphabeticalFirst = [...list].filter((m) => m.periods.length).sort((a, b) => a.label.localeCompare(b.label))[0]!.id;
  assert.notEqual(chosen, alphabeticalFirst, 'the default is not simply the alphabetically first measure');
  const compared = (url.searchParams.get('compare') ?? '').split(',').filter(Boolean);
  if (!compared.length) {
    await page.context().close();
    return t.skip(`no comparison preset is loaded with these sources (default measure ${chosen})`);
  }
  const ids = [chosen, ...compared];
  const units = new Set(ids.map((id) => list.find((m) => m.id === id)!.unit));
  assert.equal(units.size, 1, 'compared measures share one unit');
  // Each measure is queried on its own, as the chart must have: one line per measure with values, one mark per value.
  const from = url.searchParams.get('from');
  const to = url.searchParams.get('to');
  const perMeasure = await Promise.all(
    ids.map(async (id) => ((await site.app.inject(`/api/v1/observations?measure=${id}&period=${from}-${to}`)).json() as { rows: { value: number | null; suppressed: boolean }[] }).rows),
  );
  const withValues = perMeasure.filter((rows) => rows.some((r) => r.value !== null && !r.suppressed));
  assert.equal(await page.locator('svg.chart path.series').count(), withValues.length);
  assert.equal(await page.locator('svg.chart circle.point').count(), perMeasure.flat().filter((r) => r.value !== null && !r.suppressed).length);
  // One chart with a legend entry per line, or (lines of very different size) one titled chart per line.
  const legend = await page.$$eval('.chart-figure .legend li', (lis) => lis.map((li) => li.textContent ?? ''));
  const multiples = await page.$$eval('.multiples .multiple h3', (hs) => hs.map((h) => h.textContent ?? ''));
  assert.equal(legend.length + multiples.length, withValues.length, 'a legend entry or a titled chart per line');
  const header = await page.$$eval('#data-table thead th', (ths) => ths.map((th) => th.textContent));
  assert.ok(header.includes('Measure'), 'the table names the measure of every row');
  await screenshot(page, 'explore-compare-default');
  await page.context().close();
});

test('every chart downloads as CSV (its plotted values), SVG and PNG; the page prints on A4 without navigation or sideways overflow', async () => {
  const page = await open('/explore?measure=tip.policy_index.total&places=CAN&chart=line', 1280);
  await page.waitForSelector('svg.chart circle.point');
  const api = (await site.app.inject('/api/v1/observations?measure=tip.policy_index.total&place=CAN')).json() as { rows: { period: number; value: number | null; suppressed: boolean }[] };
  const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.click('.chart-downloads .chart-csv')]);
  const csv = readFileSync(await csvDownload.path(), 'utf8').trim().split('\n');
  assert.equal(csv[0], 'series,period,value,status');
  assert.deepEqual(
    csv.slice(1).map((line) => line.split(',').slice(-3, -1)),
    api.rows.map((r) => [String(r.period), r.suppressed || r.value === null ? '' : String(r.value)]),
    'the chart CSV holds the plotted values, as the API gives them',
  );
  const [svgDownload] = await Promise.all([page.waitForEvent('download'), page.click('.chart-downloads .chart-svg')]);
  const svg = readFileSync(await svgDownload.path(), 'utf8');
  assert.match(svg, /^<svg[^>]+xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.equal((svg.match(/class="point/g) ?? []).length, api.rows.filter((r) => r.value !== null && !r.suppressed).length);
  const [pngDownload] = await Promise.all([page.waitForEvent('download'), page.click('.chart-downloads .chart-png')]);
  const png = readFileSync(await pngDownload.path());
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG file');
  assert.ok(png.length > 2000, `the PNG holds a drawing (${png.length} bytes)`);

  // Print at A4 width (210 mm at 96 dpi ≈ 794 px): controls and navigation left off, nothing wider than the paper.
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.isVisible('header.site nav'), false, 'navigation is not printed');
  assert.equal(await page.isVisible('.chart-downloads'), false, 'download buttons are not printed');
  assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 794);
  const pdf = await page.pdf({ format: 'A4' });
  assert.ok(pdf.subarray(0, 5).toString() === '%PDF-', 'the browser prints the page to PDF');
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, 'explore-print-a4.pdf'), pdf);
  await page.context().close();
});

test('a state page answers: its enforcement mix as separate lines and its laws with rubric findings, coverage stated', async (t) => {
  if (!REAL) return t.skip('needs the shared data (state arrests and the law corpus)');
  const bills = (await site.app.inject('/api/v1/bills?jurisdiction=MO&limit=100')).json() as { total: number; items: { id: string; findings: unknown[] }[] };
  const page = await open('/place/MO', 1280);
  await page.waitForSelector('.place-law');
  const coverage = await page.textContent('.place-law');
  if (bills.total === 0) assert.match(coverage ?? '', /not collected, which is not the same as no such law/);
  else {
    assert.match(coverage ?? '', new RegExp(`${bills.total} texts? of Missouri in the corpus`));
    assert.equal(await page.locator('.place-bills > li').count(), bills.items.length, 'a list item per bill the API returns');
    assert.equal(await page.locator('.place-findings > li').count(), bills.items.reduce((n, b) => n + b.findings.length, 0), 'every finding listed');
  }
  const profile = (await site.app.inject('/api/v1/places/MO/profile')).json() as { measures?: { measure: { unit: string; topic: string } }[] };
  const arrestMeasures = (profile.measures ?? []).filter((m) => m.measure.unit === 'arrests' && m.measure.topic !== 'context').length;
  if (arrestMeasures >= 2) assert.ok((await page.locator('h2', { hasText: 'Enforcement mix' }).count()) === 1);
  await page.context().close();
});
