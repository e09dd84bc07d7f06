// GET /api/v1/page-data: every explorer page's API answers in one response, each exactly as its own
// URL answers it, counted once by the rate limit; a bad page path or query is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Store } from '../../src/store/store.ts';
import { ingest } from '../../src/sources/ingest.ts';
import { buildApp } from '../../src/api/server.ts';
import { INTERNAL_HEADER } from '../../src/api/page-data.ts';
import { FIXTURE_DATA, SKIP_NO_DATA, sharedData } from '../helpers.ts';
import { GATHERED_PAGES, gatheredPage } from '../../src/model/page-requests.ts';

const DATA = sharedData();

test('the home page data: every answer it needs, each identical to its own URL, none twice', { skip: DATA ? false : SKIP_NO_DATA }, async () => {
  const store = await Store.open(':memory:');
  for (const s of ['nibrs', 'census']) await ingest(store, DATA!, [s]);
  const app = await buildApp({ store, dataDir: DATA!, rateLimit: false, webDist: '/nowhere' });
  const res = await app.inject('/api/v1/page-data?path=/');
  assert.equal(res.statusCode, 200);
  const { responses } = res.json() as { responses: Record<string, unknown> };
  const urls = Object.keys(responses);
  for (const url of urls) assert.deepEqual(responses[url], (await app.inject(url)).json(), url);
  // What web/src/pages/overview.ts asks for: the national record, measures, states, the enforcement
  // mix of the latest NIBRS year by state, and a disparity table per state in it.
  for (const url of ['/api/v1/national', '/api/v1/measures', '/api/v1/places?kind=state']) assert.ok(urls.includes(url), url);
  const arrests = urls.find((u) => u.startsWith('/api/v1/observations?measure=nibrs.arrestees.prostitution&period='));
  assert.ok(arrests, 'the arrestee query by state');
  const period = new URLSearchParams(arrests.split('?')[1]).get('period')!;
  const states = (responses[arrests] as { rows: { place: string }[] }).rows.map((r) => r.place);
  assert.ok(states.length > 0);
  for (const st of states) assert.ok(urls.includes(`/api/v1/disparity?measure=nibrs.arrestees.prostitution&place=${st}&period=${period}`), st);
  assert.equal(urls.filter((u) => u.startsWith('/api/v1/observations?measure=nibrs.offenses.')).length, 5, 'five offense types, side by side');
  // A page without a plan gets nothing gathered; a bad path is a 400 naming the parameter.
  assert.deepEqual((await app.inject('/api/v1/page-data?path=/relief')).json(), { responses: {} });
  const bad = await app.inject('/api/v1/page-data?path=https://example.org');
  assert.equal(bad.statusCode, 400);
  assert.match(bad.json().detail, /path/);
  await app.close();
  store.close();
});

test('a page-data request counts once against the rate limit, and a client cannot pass for one of its parts', async () => {
  const store = await Store.open(':memory:');
  const app = await buildApp({ store, dataDir: '/nowhere', rateLimit: { max: 3, timeWindow: 60_000 }, webDist: '/nowhere' });
  // Even on an empty store the home plan asks four URLs (status, national, measures, states).
  const gathered = await app.inject('/api/v1/page-data?path=/');
  assert.equal(gathered.statusCode, 200);
  assert.equal(Object.keys((gathered.json() as { responses: object }).responses).length, 4);
  const forged = { [INTERNAL_HEADER]: 'guessed' };
  assert.equal((await app.inject({ url: '/api/v1/status', headers: forged })).statusCode, 200);
  assert.equal((await app.inject({ url: '/api/v1/status', headers: forged })).statusCode, 200);
  assert.equal((await app.inject({ url: '/api/v1/status', headers: forged })).statusCode, 429, 'the fourth request of the window');
  await app.close();
  store.close();
});

/** Explorer URLs with data: every planned page, with the query variants that change what it asks for. */
export const PAGE_URLS = [
  '/',
  '/explore',
  '/explore?measure=tip.tier&chart=map',
  '/explore?measure=tip.policy_index.total&places=CAN,gbr&chart=bar&from=2005&to=2012',
  '/explore?measure=tip.policy_index.total&places=CAN&rate=1&by=nonsense',
  '/embed/explore?measure=tip.policy_index.total&places=CAN',
  '/map',
  '/map?year=2010&country=gbr',
  '/place/VT',
  '/place/GBR',
  '/sources',
  '/methodology',
  '/law',
  '/law?jurisdiction=VT&q=prostitution&offset=20',
  '/law/compare',
  '/law/compare?scope=all&impact=harmful',
  '/analyses/funnel?place=USA&period=2019',
  '/analyses/funnel?place=vt',
  '/analyses/funding',
  '/analyses/funding?place=KHM',
  '/analyses/mse',
];

const pageDataUrl = (url: string) => {
  const [path, query] = url.split('?') as [string, string?];
  return `/api/v1/page-data?${new URLSearchParams(query ? { path, query: new URLSearchParams(query).toString() } : { path }).toString()}`;
};

const REAL = sharedData();

test('every plan: each gathered body is byte for byte what its own URL answers, the status check included', async () => {
  const store = await Store.open(':memory:');
  // With the shared data, sources that give each page something to gather; otherwise the fixtures' TIP files.
  const sources = REAL ? ['tip', 'fbi-ucr', 'transcribed', 'law', 'grants', 'services', 'walkfree'] : ['tip'];
  for (const s of sources) await ingest(store, REAL ?? FIXTURE_DATA, [s]);
  const app = await buildApp({ store, dataDir: REAL ?? FIXTURE_DATA, rateLimit: false, webDist: '/nowhere' });
  // A bill's page, its id encoded in the path as the explorer links it (none loaded without the law corpus).
  const bill = ((await app.inject('/api/v1/bills?limit=1')).json() as { items: { id: string }[] }).items[0];
  const billPage = `/bills/${encodeURIComponent(bill?.id ?? 'none')}`;
  const pages = [...PAGE_URLS, billPage];
  for (const name of Object.keys(GATHERED_PAGES)) assert.ok(pages.some((u) => gatheredPage(u.split('?')[0]!) === name), `a page URL for the ${name} plan`);
  if (REAL) assert.ok(bill, 'a bill in the corpus');
  for (const pageUrl of pages) {
    const res = await app.inject(pageDataUrl(pageUrl));
    assert.equal(res.statusCode, 200, pageUrl);
    const urls = Object.keys((res.json() as { responses: object }).responses);
    assert.ok(urls.includes('/api/v1/status'), `${pageUrl}: the status check`);
    if (!pageUrl.startsWith('/analyses/mse') && pageUrl !== '/bills/none') assert.ok(urls.length > 1, `${pageUrl}: the page's own data (${urls.join(' ')})`);
    // The whole response, rebuilt from each URL's own answer: byte for byte, nothing else in it.
    const own = await Promise.all(urls.map(async (u) => `${JSON.stringify(u)}:${(await app.inject(u)).body}`));
    assert.equal(res.body, `{"responses":{${own.join(',')}}}`, pageUrl);
    // Asked again: the same bytes (from the response cache).
    assert.equal((await app.inject(pageDataUrl(pageUrl))).body, res.body, `${pageUrl} again`);
  }
  // What the pages' defaults imply, spot-checked: the map's latest year, the law list's first page, a state's laws.
  const urlsOf = async (u: string) => Object.keys(((await app.inject(pageDataUrl(u))).json() as { responses: object }).responses);
  const tierYears = (((await app.inject('/api/v1/measures')).json() as { measures: { id: string; periods: number[] }[] }).measures.find((m) => m.id === 'tip.tier')!).periods;
  assert.ok((await urlsOf('/map')).includes(`/api/v1/observations?measure=tip.tier&period=${tierYears[tierYears.length - 1]}`));
  assert.ok((await urlsOf('/map?year=2010&country=gbr')).includes('/api/v1/observations?measure=tip.tier&place=GBR'), 'the selected country upper-cased, as the page does');
  if (REAL) {
    assert.ok((await urlsOf('/law')).includes('/api/v1/bills?limit=20'));
    assert.ok((await urlsOf('/place/vt')).includes('/api/v1/bills?jurisdiction=VT&limit=100'));
    assert.ok((await urlsOf('/place/GBR')).includes('/api/v1/funding?place=GBR'));
  }
  await app.close();
  store.close();
});

test('a bad page path or query is a 400 problem document that does not echo it', async () => {
  const store = await Store.open(':memory:');
  const app = await buildApp({ store, dataDir: '/nowhere', rateLimit: false, webDist: '/nowhere' });
  const bad: [string, RegExp][] = [
    ['path=%2Fexplore%3Cscript%3E', /path/],
    ['path=/explore&query=measure%3D%3Cscript%3E', /query/], // a raw < in the query: not form-encoded
    ['path=/explore&query=' + 'a'.repeat(1001), /query/],
    ['path=/explore&query=' + encodeURIComponent(Array.from({ length: 21 }, (_, i) => `${String.fromCharCode(97 + i)}=1`).join('&')), /at most 20/],
    ['path=/explore&query=' + encodeURIComponent('me%24sure=1'), /name/], // a name that decodes to "me$sure"
    ['path=/explore&query=' + encodeURIComponent(`measure=${'x'.repeat(301)}`), /longer/],
    ['path=/explore&query=' + encodeURIComponent('measure=%01'), /control/],
    ['path=/explore&other=1', /other/],
  ];
  for (const [qs, detail] of bad) {
    const res = await app.inject(`/api/v1/page-data?${qs}`);
    assert.equal(res.statusCode, 400, qs);
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/, qs);
    const body = res.json() as { status: number; detail: string };
    assert.equal(body.status, 400);
    assert.match(body.detail, detail, qs);
    assert.doesNotMatch(res.body, /script|xxxx|me\$sure/, `${qs}: the input is not echoed`);
  }
  // A query of 20 well-formed parameters is taken.
  const twenty = Array.from({ length: 20 }, (_, i) => `${String.fromCharCode(97 + i)}=1`).join('&');
  assert.equal((await app.inject(`/api/v1/page-data?path=/explore&query=${encodeURIComponent(twenty)}`)).statusCode, 200);
  await app.close();
  store.close();
});
