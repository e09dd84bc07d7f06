// The home page leads with the national record: at 375 and 1280 px, with no horizontal overflow
// and no request to another host; each loaded panel draws one mark per value the API gives,
// carries its citation, coverage and caveats, shows the grade beside graded values, and the
// panels whose measures are absent are named as not loaded.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { sharedData, SKIP_NO_DATA } from '../helpers.ts';
import { foreign, screenshot, startSite, type Site } from './browser.ts';
import type { NationalRecord } from '../../src/model/national.ts';

const DATA = sharedData();
let site: Site;
let record: NationalRecord;
const requests: string[] = [];

before(async () => {
  if (!DATA) return;
  site = await startSite(DATA, ['tip', 'fbi-ucr', 'transcribed']);
  record = (await site.app.inject('/api/v1/national')).json() as NationalRecord;
});
after(async () => {
  await site?.close();
  assert.deepEqual(foreign(requests), [], 'the home page made no request to another host');
});

async function open(width: number): Promise<Page> {
  const page = await site.browser.newPage({ viewport: { width, height: 900 } });
  page.on('request', (r) => requests.push(r.url()));
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${site.base}/`);
  await page.waitForFunction(() => document.getElementById('status')?.textContent === '');
  assert.deepEqual(errors, [], 'no script errors');
  return page;
}

for (const width of [375, 1280]) {
  test(`home page at ${width} px: the nation first, every panel cited, nothing overflows`, { skip: DATA ? false : SKIP_NO_DATA }, async () => {
    const page = await open(width);
    // The national record comes before any state-level section.
    const sections = await page.$$eval('#app > section, #app > nav', (ns) => ns.map((n) => n.id));
    assert.equal(sections[0], 'national', `the national record comes first (page order: ${sections.join(', ')})`);
    const loaded = record.panels.filter((p) => p.loaded);
    assert.ok(loaded.length >= 5, `at least five panels are filled from tip, fbi-ucr and the transcriptions (got ${loaded.map((p) => p.id).join(', ')})`);
    for (const p of loaded) {
      const sel = `#panel-${p.id}`;
      assert.equal(await page.locator(`${sel} .citation`).count(), p.citations.length, `${p.id}: one citation line per source`);
      assert.match((await page.textContent(`${sel} .citation`)) ?? '', /sha256/, `${p.id}: the citation carries the checksum`);
      assert.ok(((await page.textContent(`${sel} .coverage`)) ?? '').includes(p.coverage), `${p.id}: coverage shown`);
      if (p.kind === 'lines') {
        const values = p.series.flatMap((s) => s.points.filter((x) => x.value !== null && !x.suppressed));
        assert.equal(await page.locator(`${sel} svg.chart circle.point`).count(), values.length, `${p.id}: one mark per value`);
      }
      if (p.kind === 'bars') assert.equal(await page.locator(`${sel} svg.chart rect.bar`).count(), p.series.length, `${p.id}: one bar per estimate`);
    }
    // The grade is written beside graded values.
    const federal = record.panels.find((p) => p.id === 'federal')!;
    const convicted = federal.series.find((s) => s.measure === 'us.federal_ht.convicted')!;
    const last = convicted.points[convicted.points.length - 1]!;
    const line = (await page.textContent('#panel-federal li[data-measure="us.federal_ht.convicted"]')) ?? '';
    assert.match(line, new RegExp(`${last.value!.toLocaleString('en-US')} \\(${last.period}\\)official publication`));
    // A disagreement is shown beside the value it concerns (ILO: rounded official 50 vs 49.6 quoted).
    assert.match((await page.textContent('#panel-ilo li[data-measure="ilo.global_estimates_2022.modern_slavery"]')) ?? '', /another source: 49\.6 million persons/);
    // Configured measures this build does not load are named, not hidden.
    const arrests = record.panels.find((p) => p.id === 'arrests')!;
    assert.ok(arrests.notLoaded.length > 0);
    assert.match((await page.textContent('#panel-arrests .partly-loaded')) ?? '', new RegExp(arrests.notLoaded[0]!.measure.replace(/\./g, '\\.')));
    // Floors: a tier count from an incomplete list is drawn hollow.
    assert.ok((await page.locator('#panel-tip-tiers circle.point.floor').count()) > 0, 'incomplete tier lists are drawn as floors');
    // A way down to each state.
    assert.equal(await page.locator('#state-index a[href^="/place/"]').count(), 52, '50 states, D.C. and Puerto Rico');
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scroll <= width, `no horizontal overflow at ${width} px (page is ${scroll} px wide)`);
    await screenshot(page, `home-${width}`);
  });
}

test('sources page lists every file that is not loaded, with its reason', { skip: DATA ? false : SKIP_NO_DATA }, async () => {
  const page = await open(375);
  await page.goto(`${site.base}/sources`);
  await page.waitForSelector('#not-loaded-table tbody tr');
  const body = (await site.app.inject('/api/v1/sources')).json() as { notLoaded: { path: string; reason: string }[] };
  assert.equal(await page.locator('#not-loaded-table tbody tr').count(), body.notLoaded.length);
  const text = (await page.textContent('#not-loaded-table')) ?? '';
  for (const g of body.notLoaded) assert.ok(text.includes(g.reason), `the reason for ${g.path} is shown`);
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(scroll <= 375, `no horizontal overflow at 375 px (page is ${scroll} px wide)`);
});

test('tier history: each placement says what it was read on, and a disagreeing source is named', { skip: DATA ? false : SKIP_NO_DATA }, async () => {
  const page = await open(375);
  await page.goto(`${site.base}/map?year=2020&country=ZWE`);
  await page.waitForSelector('#history-table tbody tr');
  const rows = await page.$$eval('#history-table tbody tr', (trs) => trs.map((tr) => tr.textContent ?? ''));
  assert.ok(rows.some((r) => /^2015Tier 3research coding of the reports$/.test(r)), rows.join(' | '));
  assert.ok(rows.some((r) => /^2020Tier 2secondary quote; another source: Tier 3 per CIA World Factbook/.test(r)), rows.join(' | '));
  assert.ok(rows.some((r) => /^2024Tier 2 Watch Listofficial mirror$/.test(r)), rows.join(' | '));
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(scroll <= 375, `no horizontal overflow at 375 px (page is ${scroll} px wide)`);
});

test('a series crossing the 2021 NIBRS transition shows the break on its chart, values unsmoothed', async () => {
  // Hand-made values (not real figures), loaded straight into an empty store for this test.
  const own = await startSite(null, []);
  try {
    const { FBI_HT_MEASURES } = await import('../../src/sources/fbi-ht/measures.ts');
    await own.store.loadSource(
      { id: 'test.crossing', family: 'fbi', publisher: 'test', title: 'hand-made values', url: 'https://example.org', license: 'test', retrieved: '2026-01-01', sha256: 'test-crossing', format: 'csv', version: '1', file: 'x', bytes: 1 },
      async (stage) => {
        stage.measure(FBI_HT_MEASURES[0]!);
        stage.citation({ id: 'test.crossing:1', sourceId: 'test.crossing', locator: 'line 1' });
        for (const [period, value] of [[2019, 700], [2020, 900], [2021, 150], [2022, 800]] as const)
          stage.observation({ measure: 'fbi.ht.offenses', place: 'USA', period, dims: { subcategory: 'Commercial Sex Acts' }, value, valueText: null, citationId: 'test.crossing:1', flags: [] });
      },
    );
    const page = await own.browser.newPage({ viewport: { width: 375, height: 900 } });
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${own.base}/`);
    await page.waitForSelector('#panel-offenses svg.chart');
    assert.equal(await page.locator('#panel-offenses svg.chart line.coverage-break').count(), 1, 'one dashed rule at 2021');
    assert.match((await page.textContent('#panel-offenses .coverage-break-note')) ?? '', /2021/);
    assert.equal(await page.locator('#panel-offenses svg.chart circle.point').count(), 4, 'the 2021 dip is drawn, not smoothed away');
    assert.match((await page.textContent('#panels-not-loaded')) ?? '', /ilo\.global_estimates_2022\.modern_slavery/);
  } finally {
    await own.close();
  }
});
