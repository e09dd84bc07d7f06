// GET /api/v1/page-data: the home page's API answers in one response, each exactly as its own URL
// answers it, counted once by the rate limit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Store } from '../../src/store/store.ts';
import { ingest } from '../../src/sources/ingest.ts';
import { buildApp } from '../../src/api/server.ts';
import { INTERNAL_HEADER } from '../../src/api/page-data.ts';
import { SKIP_NO_DATA, sharedData } from '../helpers.ts';

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
  assert.deepEqual((await app.inject('/api/v1/page-data?path=/sources')).json(), { responses: {} });
  const bad = await app.inject('/api/v1/page-data?path=https://example.org');
  assert.equal(bad.statusCode, 400);
  assert.match(bad.json().detail, /path/);
  await app.close();
  store.close();
});

test('a page-data request counts once against the rate limit, and a client cannot pass for one of its parts', async () => {
  const store = await Store.open(':memory:');
  const app = await buildApp({ store, dataDir: '/nowhere', rateLimit: { max: 3, timeWindow: 60_000 }, webDist: '/nowhere' });
  // Even on an empty store the home plan asks three URLs (national, measures, states).
  const gathered = await app.inject('/api/v1/page-data?path=/');
  assert.equal(gathered.statusCode, 200);
  assert.equal(Object.keys((gathered.json() as { responses: object }).responses).length, 3);
  const forged = { [INTERNAL_HEADER]: 'guessed' };
  assert.equal((await app.inject({ url: '/api/v1/status', headers: forged })).statusCode, 200);
  assert.equal((await app.inject({ url: '/api/v1/status', headers: forged })).statusCode, 200);
  assert.equal((await app.inject({ url: '/api/v1/status', headers: forged })).statusCode, 429, 'the fourth request of the window');
  await app.close();
  store.close();
});
