// The response cache: one computation for a burst of identical requests, dropped when the store changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildApp } from '../../src/api/server.ts';
import { Store } from '../../src/store/store.ts';
import { ingest } from '../../src/sources/ingest.ts';
import { FIXTURE_DATA } from '../helpers.ts';
import { loadAgencySource } from './agency-source.ts';

test('identical concurrent requests are computed once; a reload invalidates', async () => {
  const store = await Store.open(':memory:');
  await ingest(store, FIXTURE_DATA, ['tip']);
  await loadAgencySource(store);
  const app = await buildApp({ store, dataDir: FIXTURE_DATA, webDist: '/nonexistent', rateLimit: false });
  let computed = 0;
  const read = store.read.bind(store);
  store.read = ((fn: Parameters<Store['read']>[0]) => {
    computed++;
    return read(fn);
  }) as Store['read'];
  const url = '/api/v1/observations?measure=test.arrests&by=state,sex';
  const burst = await Promise.all(Array.from({ length: 20 }, () => app.inject(url)));
  assert.ok(burst.every((r) => r.statusCode === 200 && r.body === burst[0]!.body));
  assert.equal(computed, 1, 'one computation for the burst');
  await app.inject(url);
  assert.equal(computed, 1, 'then served from the cache');
  // Errors are not cached, and do not leave waiters hanging.
  const bad = await Promise.all(Array.from({ length: 5 }, () => app.inject('/api/v1/observations?measure=nope')));
  assert.ok(bad.every((r) => r.statusCode === 400));
  await loadAgencySource(store, 'agency-v2');
  await app.inject(url);
  assert.equal(computed, 7, 'recomputed after the store changed (5 bad requests + 1)');
  await app.close();
  store.close();
});

test('cached answers sent before Fastify runs: same bytes and headers, same rate limit, revalidation and compression still answered', async () => {
  const store = await Store.open(':memory:');
  await ingest(store, FIXTURE_DATA, ['tip']);
  const app = await buildApp({ store, dataDir: FIXTURE_DATA, webDist: '/nonexistent', rateLimit: { max: 6, timeWindow: 60_000 } });
  let throughFastify = 0;
  app.addHook('onRequest', async () => void throughFastify++);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  const url = '/api/v1/observations?measure=tip.tier&place=GBR&period=2010-2015';
  // fetch asks for compression unless told otherwise; the fast path serves identity only.
  const get = (path: string, headers: Record<string, string> = {}) => fetch(base + path, { headers: { 'accept-encoding': 'identity', ...headers } });
  const first = await get(url);
  const second = await get(url);
  assert.equal(first.status, 200);
  assert.equal(second.status, 200);
  assert.equal(await second.text(), await first.text());
  assert.equal(throughFastify, 1, 'the second answer never reached Fastify');
  const perAnswer = new Set(['date', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'keep-alive', 'connection']);
  const headersOf = (r: Response) => [...r.headers].filter(([k]) => !perAnswer.has(k));
  assert.deepEqual(headersOf(second), headersOf(first), 'the same headers (security, cache-control, ETag, type, length)');
  assert.equal(second.headers.get('x-ratelimit-remaining'), '4', 'the cached answer counted against the limit');
  // Revalidation goes through Fastify (a 304); brotli is compressed once and sent from the cache;
  // another encoding is Fastify's.
  const etag = first.headers.get('etag')!;
  assert.equal((await get(url, { 'if-none-match': etag })).status, 304);
  assert.equal(throughFastify, 2);
  const br = await fetch(base + url, { headers: { 'accept-encoding': 'gzip;q=0.5, br' } });
  assert.equal(br.headers.get('content-encoding'), 'br');
  assert.equal(await br.text(), await (await get(url)).text(), 'the same entity, decoded');
  assert.equal(throughFastify, 2, 'brotli from the cache');
  const gzip = await fetch(base + url, { headers: { 'accept-encoding': 'gzip, br;q=0' } });
  assert.equal(gzip.headers.get('content-encoding'), 'gzip');
  await gzip.arrayBuffer();
  assert.equal(throughFastify, 3);
  // Six requests in the window: the seventh, cached or not, is refused.
  const over = await get(url);
  assert.equal(over.status, 429);
  await over.arrayBuffer();
  await app.close();
  store.close();
});
