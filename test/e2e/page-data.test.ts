// Every explorer page in one round trip after the shell: in Debian's Chromium, each page with API
// data makes exactly one API request (/api/v1/page-data, its status check included) and renders
// from it; no page asks for any URL twice. Pages without data of their own make only the status check.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { FIXTURE_DATA, sharedData } from '../helpers.ts';
import type { Page } from 'playwright-core';
import { type Site, foreign, startSite } from './browser.ts';

const REAL = sharedData();
// With the shared data, sources that give each page something to ask for; otherwise the fixtures' TIP files.
const SOURCES = REAL ? ['tip', 'fbi-ucr', 'transcribed', 'law', 'grants', 'services', 'walkfree'] : ['tip'];

/** Pages whose API data is gathered: each must make one request, page-data. */
const GATHERED = [
  '/',
  '/explore',
  '/explore?measure=tip.tier&chart=map',
  '/explore?measure=tip.policy_index.total&places=CAN,GBR&chart=bar',
  '/embed/explore?measure=tip.policy_index.total&places=CAN',
  '/map',
  '/map?country=GBR',
  '/place/VT',
  '/place/GBR',
  '/sources',
  '/methodology',
  '/law',
  '/law?jurisdiction=VT&q=prostitution',
  '/law/compare',
  '/analyses/funnel?place=USA&period=2019',
  '/analyses/funding',
  '/analyses/funding?place=KHM',
  '/analyses/mse',
];
/** Exempt: no API data beyond the status check, so no page-data request (its one request is the status check itself). */
const STATUS_ONLY = ['/relief', '/claims', '/analyses', '/law/analyze'];

let site: Site;
const all: string[] = [];

before(async () => {
  if (!REAL) console.log('# page-data e2e: ../shared/data absent; checking pages on fixtures/data (tip only)');
  site = await startSite(REAL ?? FIXTURE_DATA, SOURCES);
});
after(async () => {
  await site?.close();
  assert.deepEqual(foreign(all), [], 'no page made a request to another host');
});

/** The API requests a page makes from navigation until the network is idle, each as path + query. */
async function apiRequests(path: string, check?: (page: Page) => Promise<void>): Promise<string[]> {
  const page = await site.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const api: string[] = [];
  const errors: string[] = [];
  page.on('request', (r) => {
    all.push(r.url());
    const u = new URL(r.url());
    if (u.pathname.startsWith('/api/')) api.push(u.pathname + u.search);
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(site.base + path, { waitUntil: 'networkidle' });
  // Shown: the status line cleared and a heading drawn (an embedded chart has no h1).
  await page.waitForFunction(() => document.getElementById('status')?.textContent === '' && document.querySelector('main h1, main h2'), undefined, { timeout: 10_000 }).catch(() => {
    throw new Error(`${path} was not shown`);
  });
  assert.deepEqual(errors, [], `no script errors on ${path}`);
  await check?.(page);
  await page.close();
  return api;
}

test('each page with data makes one API request, page-data, and asks for no URL twice', async () => {
  const failures: string[] = [];
  // A bill's page, with the law corpus loaded: its id encoded in the path as the explorer links it.
  const bill = ((await site.app.inject('/api/v1/bills?limit=1')).json() as { items: { id: string }[] }).items[0];
  for (const path of [...GATHERED, ...(bill ? [`/bills/${encodeURIComponent(bill.id)}`] : [])]) {
    const api = await apiRequests(path);
    if (api.length !== 1 || !api[0]!.startsWith('/api/v1/page-data?')) failures.push(`${path}: ${api.join(', ')}`);
  }
  assert.deepEqual(failures, [], 'pages that made requests beside page-data');
});

test('pages without data of their own ask only for the status', async () => {
  for (const path of STATUS_ONLY) assert.deepEqual(await apiRequests(path), ['/api/v1/status'], path);
});

test('a page whose answer was refused still fetches it and shows the error', async () => {
  // A place the funnel does not know: the refusal is not gathered, so the page asks once more and shows the problem.
  const api = await apiRequests('/analyses/funnel?place=ZZZ', async (page) => assert.match((await page.textContent('main .error')) ?? '', /ZZZ|place/i));
  assert.equal(api.filter((u) => u.startsWith('/api/v1/page-data?')).length, 1);
  assert.deepEqual(api.filter((u) => !u.startsWith('/api/v1/page-data?')), ['/api/v1/funnel?place=ZZZ']);
  assert.equal(new Set(api).size, api.length, 'no URL twice');
});
