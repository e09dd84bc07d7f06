// Security headers, caching, compression, limits and rate limiting.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/api/server.ts';
import { Store } from '../../src/store/store.ts';
import { ingest } from '../../src/sources/ingest.ts';
import { FIXTURE_DATA, tempDir } from '../helpers.ts';
import { loadAgencySource } from './agency-source.ts';

let store: Store;
let app: FastifyInstance;
const PRE = Buffer.from('export const answer = 42;\n'.repeat(300));
const web = tempDir('cogency-web-');

before(async () => {
  mkdirSync(join(web, 'assets'));
  writeFileSync(join(web, 'index.html'), '<!doctype html><title>x</title><script type="module" src="/assets/app-abc123.js"></script>');
  writeFileSync(join(web, 'assets', 'app-abc123.js'), 'console.log(1);\n'.repeat(200));
  // As the build writes them (web/vite.config.ts): the file, and beside it its .br and .gz.
  writeFileSync(join(web, 'assets', 'pre-def456.js'), PRE);
  writeFileSync(join(web, 'assets', 'pre-def456.js.br'), brotliCompressSync(PRE));
  writeFileSync(join(web, 'assets', 'pre-def456.js.gz'), gzipSync(PRE));
  store = await Store.open(':memory:');
  await ingest(store, FIXTURE_DATA, ['tip']);
  await loadAgencySource(store);
  app = await buildApp({ store, dataDir: FIXTURE_DATA, webDist: web, rateLimit: false });
});
after(async () => {
  await app.close();
  store.close();
});

const GETS = [
  '/api/v1/status', '/api/v1/sources', '/api/v1/measures', '/api/v1/places?kind=state', '/api/v1/observations?measure=tip.tier&period=2015',
  '/api/v1/observations?measure=tip.tier&format=csv', '/api/v1/openapi.json', '/api/v1/docs', '/api/v1/docs.css', '/feeds/sources.atom',
  '/feeds/bills.atom', '/api/v1/export/datapackage.json', '/api/v1/export/data/places.csv', '/', '/explore', '/place/GBR', '/assets/app-abc123.js',
];

test('every GET has security headers, an ETag and Cache-Control, and answers If-None-Match with 304', async () => {
  for (const url of GETS) {
    const res = await app.inject(url);
    assert.equal(res.statusCode, 200, url);
    const h = res.headers;
    assert.match(String(h['content-security-policy']), /default-src 'self'/, url);
    assert.match(String(h['content-security-policy']), /frame-ancestors 'none'/, url);
    assert.doesNotMatch(String(h['content-security-policy']), /unsafe-inline|https?:/, url);
    assert.equal(h['x-content-type-options'], 'nosniff', url);
    assert.equal(h['referrer-policy'], 'no-referrer', url);
    assert.equal(h['x-frame-options'], 'DENY', url);
    assert.ok(h['cache-control'], `${url} has Cache-Control`);
    assert.ok(h.etag, `${url} has an ETag`);
    const again = await app.inject({ url, headers: { 'if-none-match': String(h.etag) } });
    assert.equal(again.statusCode, 304, `${url} revalidates`);
    assert.equal(again.body, '', url);
  }
  assert.match(String((await app.inject('/assets/app-abc123.js')).headers['cache-control']), /immutable/);
  assert.equal((await app.inject('/explore')).headers['cache-control'], 'no-cache');
  assert.equal((await app.inject('/api/v1/nothing')).headers['cache-control'], 'no-store');
});

test('embeds may be framed anywhere; nothing else may', async () => {
  const res = await app.inject('/embed/map');
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-security-policy']), /frame-ancestors \*/);
  assert.equal(res.headers['x-frame-options'], undefined);
  assert.match(String((await app.inject('/map')).headers['content-security-policy']), /frame-ancestors 'none'/);
});

test('identical store state gives identical bytes and ETags; a reload changes them', async () => {
  const url = '/api/v1/observations?measure=test.arrests&by=agency,sex';
  const a = await app.inject(url);
  const b = await app.inject(url);
  const fresh = await buildApp({ store, dataDir: FIXTURE_DATA, webDist: '/nonexistent', rateLimit: false, responseCache: false });
  const c = await fresh.inject(url);
  await fresh.close();
  assert.equal(a.body, b.body);
  assert.equal(a.body, c.body, 'the cache serves what the handler computes');
  assert.equal(a.headers.etag, b.headers.etag);
  assert.equal(a.headers.etag, c.headers.etag);
  await loadAgencySource(store, 'agency-v2'); // same rows, new version: sources change
  const s1 = await app.inject('/api/v1/sources');
  assert.match(s1.body, /agency-v2/, 'the cache is dropped when the store changes');
});

test('CSV download names come from parsed values, never raw text (an en dash or a newline was a 500)', async () => {
  for (const [period, name] of [['2014\u20132015', 'tip.tier_2014-2015.csv'], [' 2015\n', 'tip.tier_2015.csv'], ['2015:2015', 'tip.tier_2015.csv']]) {
    const res = await app.inject(`/api/v1/observations?measure=tip.tier&format=csv&period=${encodeURIComponent(period!)}`);
    assert.equal(res.statusCode, 200, JSON.stringify(period));
    assert.equal(res.headers['content-disposition'], `attachment; filename="${name}"`);
  }
});

test('gzip and brotli when asked, with Vary', async () => {
  const url = '/api/v1/observations?measure=test.arrests&by=agency,sex,period';
  const plain = await app.inject(url);
  for (const [enc, dec] of [['br', brotliDecompressSync], ['gzip', gunzipSync]] as const) {
    const res = await app.inject({ url, headers: { 'accept-encoding': enc } });
    assert.equal(res.headers['content-encoding'], enc);
    assert.match(String(res.headers.vary), /accept-encoding/i);
    assert.equal(dec(res.rawPayload).toString(), plain.body);
    assert.ok(res.rawPayload.length < plain.rawPayload.length / 3);
  }
});

test('explorer files compressed at build time are sent as written, not compressed again', async () => {
  for (const [enc, ext] of [['br', 'br'], ['gzip', 'gz']] as const) {
    const res = await app.inject({ url: '/assets/pre-def456.js', headers: { 'accept-encoding': enc } });
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-encoding'], enc);
    assert.match(String(res.headers['content-type']), /javascript/);
    assert.match(String(res.headers.vary), /accept-encoding/i);
    assert.deepEqual(res.rawPayload, readFileSync(join(web, 'assets', `pre-def456.js.${ext}`)), `${enc}: the file the build wrote`);
  }
  const plain = await app.inject('/assets/pre-def456.js');
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.deepEqual(plain.rawPayload, PRE);
});

test('limits: long URLs 414; posted bodies and other methods are 4xx problem documents, never 500', async () => {
  const long = await app.inject('/api/v1/observations?measure=tip.tier&place=' + 'A'.repeat(3000));
  assert.equal(long.statusCode, 414);
  assert.match(String(long.headers['content-type']), /application\/problem\+json/);
  const big = await app.inject({ method: 'POST', url: '/api/v1/observations', payload: 'x'.repeat(64 * 1024), headers: { 'content-type': 'application/json' } });
  assert.ok(big.statusCode >= 400 && big.statusCode < 500, `POST: ${big.statusCode}`);
  for (const method of ['PUT', 'DELETE', 'PATCH', 'OPTIONS'] as const) {
    const res = await app.inject({ method, url: '/api/v1/status' });
    assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${method}: ${res.statusCode}`);
    assert.match(String(res.headers['content-type']), /problem\+json/);
  }
});

test('rate limit per client: 429 problem document with Retry-After', async () => {
  const limited = await buildApp({ store, dataDir: FIXTURE_DATA, webDist: '/nonexistent', rateLimit: { max: 5, timeWindow: 60_000 } });
  const codes: number[] = [];
  let last;
  for (let i = 0; i < 7; i++) {
    last = await limited.inject({ url: '/api/v1/status', remoteAddress: '10.0.0.1' });
    codes.push(last.statusCode);
  }
  assert.deepEqual(codes, [200, 200, 200, 200, 200, 429, 429]);
  assert.match(String(last!.headers['content-type']), /application\/problem\+json/);
  assert.ok(Number(last!.headers['retry-after']) > 0);
  assert.equal(last!.json().status, 429);
  assert.match(last!.json().detail, /rate limit/);
  const other = await limited.inject({ url: '/api/v1/status', remoteAddress: '10.0.0.2' });
  assert.equal(other.statusCode, 200, 'another client is not limited');
  assert.equal((await limited.inject({ url: '/', remoteAddress: '10.0.0.1' })).statusCode, 200, "the explorer's files are not limited");
  await limited.close();
});
