// Legislation pages in Debian's Chromium, on the real law corpus where present (else a small
// hand-written corpus): search with highlights, a bill with evidence, the comparison, analyze.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { REPO, sharedData, tempDir } from '../helpers.ts';
import { type Site, foreign, screenshot, startSite } from './browser.ts';

let site: Site;
const requests: string[] = [];

function lawData(): string {
  const real = sharedData();
  if (real) return real;
  const dir = tempDir('cogency-law-');
  cpSync(join(REPO, 'fixtures', 'law', 'corpus'), join(dir, 'law'), { recursive: true });
  return dir;
}

before(async () => {
  site = await startSite(lawData(), ['law']);
});
after(async () => {
  await site?.close();
  assert.deepEqual(foreign(requests), [], 'no page made a request to another host');
});

async function open(path: string, width = 1280): Promise<Page> {
  const page = await site.browser.newPage({ viewport: { width, height: 900 } });
  page.on('request', (r) => requests.push(r.url()));
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(site.base + path);
  await page.waitForFunction(() => document.getElementById('status')?.textContent === '');
  assert.deepEqual(errors, []);
  return page;
}

test('bill list: the API total, search hits highlighted, filters in the URL', async () => {
  const api = (await site.app.inject('/api/v1/bills?limit=1')).json() as { total: number };
  const page = await open('/law');
  await page.waitForSelector('.law-results li.law-result');
  assert.match((await page.textContent('.law-count')) ?? '', new RegExp(api.total.toLocaleString('en-US')));
  await page.fill('#law-q', 'vacat*');
  await page.click('.law-filters button[type="submit"]');
  await page.waitForURL(/q=vacat/);
  await page.waitForSelector('.law-snippets mark');
  const marks = await page.$$eval('.law-snippets mark', (ms) => ms.map((m) => m.textContent?.toLowerCase() ?? ''));
  assert.ok(marks.length > 0 && marks.every((m) => m.startsWith('vacat')), marks.join());
  await screenshot(page, 'law-search');
});

test('bill page: findings grouped by impact, each quote linked to its highlighted evidence', async () => {
  const list = (await site.app.inject('/api/v1/bills?kind=vacatur_record_relief&limit=1')).json() as { items: { id: string }[] };
  const id = list.items[0]!.id;
  const bill = (await site.app.inject(`/api/v1/bills/${encodeURIComponent(id)}`)).json() as { findings: { kind: string }[] };
  const page = await open(`/bills/${encodeURIComponent(id)}`);
  await page.waitForSelector('pre.law-text mark.law-ev');
  assert.match((await page.textContent('#law-findings-h')) ?? '', new RegExp(`\\(${bill.findings.length}\\)`));
  const link = page.locator('a.law-ev-link').first();
  const target = (await link.getAttribute('href'))!.slice(1);
  await link.click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), target, 'the quote moves focus to its evidence');
  await screenshot(page, 'law-bill');
});

test('comparison: kinds × jurisdictions, cells link to texts', async () => {
  const page = await open('/law/compare?scope=all');
  await page.waitForSelector('table.law-matrix td.law-cell a');
  const href = await page.getAttribute('table.law-matrix td.law-cell a', 'href');
  assert.match(href ?? '', /^\/bills\//);
  // "none found" (texts analyzed) and "not collected" (no text) are visibly different from each other and from a finding.
  const api = (await site.app.inject('/api/v1/law/compare?scope=all')).json() as { jurisdictions: string[]; notCollected: string[]; texts: Record<string, number>; kinds: string[]; cells: unknown[] };
  const none = api.kinds.length * api.jurisdictions.length - api.cells.length;
  assert.equal(await page.locator('table.law-matrix td.law-cell-none').count(), none);
  if (none > 0) assert.equal((await page.textContent('table.law-matrix td.law-cell-none'))?.trim(), 'none found');
  for (const j of api.jurisdictions) assert.ok((api.texts[j] ?? 0) > 0, `${j} is a column because it has texts`);
  for (const j of api.notCollected) assert.ok(!api.jurisdictions.includes(j));
  if (api.notCollected.length) assert.match((await page.textContent('.law-not-collected')) ?? '', new RegExp(`Text not collected \\(${api.notCollected.length}\\): ${api.notCollected[0]}`));
});

test('analyze a pasted text: findings with highlights, nothing stored', async () => {
  const before = (await site.app.inject('/api/v1/bills?limit=1')).json() as { total: number };
  const page = await open('/law/analyze', 360);
  await page.fill(
    '#law-text',
    'Section 1. A person convicted of prostitution may apply to the court to vacate the conviction and expunge all records of the arrest if the conduct was the result of having been a victim of human trafficking.',
  );
  await page.click('form.law-analyze button[type="submit"]');
  await page.waitForSelector('.law-bill-findings h4');
  assert.match((await page.textContent('.law-bill-findings')) ?? '', /vacatur|record relief/i);
  assert.ok((await page.locator('pre.law-text mark').count()) > 0);
  // each quote says where it sits and its status (a pasted text marks no new or deleted matter: current law)
  assert.match((await page.locator('a.law-ev-link').first().textContent()) ?? '', /^§ 1, current law: “/);
  const after = (await site.app.inject('/api/v1/bills?limit=1')).json() as { total: number };
  assert.equal(after.total, before.total);
  assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 360);
});
