// Property tests on every route's parameters: whatever the query, never a 500, always a problem
// document on error, and never a count below the disclosure threshold for a place below state level.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/api/server.ts';
import { SUPPRESSION_THRESHOLD } from '../../src/analysis/disclosure.ts';
import { Store } from '../../src/store/store.ts';
import { ingest } from '../../src/sources/ingest.ts';
import { FIXTURE_DATA } from '../helpers.ts';
import { AGENCIES, loadAgencySource } from './agency-source.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
let store: Store;
let app: FastifyInstance;
let checked = 0;
let requests = 0;
let suppressedSeen = 0;

before(async () => {
  store = await Store.open(':memory:');
  await ingest(store, FIXTURE_DATA, ['tip']);
  await loadAgencySource(store);
  app = await buildApp({ store, dataDir: FIXTURE_DATA, webDist: '/nonexistent', rateLimit: false });
});
after(async () => {
  await app.close();
  store.close();
  process.stdout.write(`# fuzz: ${requests} requests, ${checked} observation answers checked for disclosure, ${suppressedSeen} withheld cells seen\n`);
});

const ROUTES = [
  '/api/v1/status', '/api/v1/sources', '/api/v1/measures', '/api/v1/places', '/api/v1/observations', '/api/v1/openapi.json', '/api/v1/docs',
  '/api/v1/docs.css', '/api/v1/export', '/api/v1/export/datapackage.json', '/feeds/sources.atom', '/feeds/bills.atom', '/explore', '/embed/x',
];
const KEYS = ['measure', 'place', 'period', 'by', 'format', 'kind', 'jurisdiction', 'file', 'measure[]', '__proto__', 'constructor', 'x'];
const GOOD: Record<string, string[]> = {
  measure: ['test.arrests', 'tip.tier', 'tip.policy_index.prevention', 'TEST.ARRESTS', 'test.arrest'],
  place: [...AGENCIES, 'VT', 'NY', 'USA', 'GBR', 'vt0010000', 'ZZZ'],
  period: ['2019', '2020', '2019-2021', '2021-2019', '2015', '1999-2015', '2020 - 2021', '2019\u20132021', '2019:2021', ' 2020\n', '2020\r\n', '0000', '9999-9999'],
  by: ['agency', 'state', 'country', 'place', 'sex', 'period', 'agency,sex', 'state,sex,period', 'agency,state', 'sex,sex', ''],
  format: ['json', 'csv', 'csv', 'xml', ''],
  kind: ['country', 'state', 'agency', 'bill', 'world'],
  jurisdiction: ['NY', 'US', 'ny'],
};

const nasty = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('%', '%zz', '%00', '%E0%A4%A', '%FF', '%ED%A0%80', '%C0%AF', '&&&', '==', "' OR 1=1 --", '"; DROP TABLE observations; --', '../../etc/passwd', '\u0000', '\uD800', '[]', '{}', 'null', 'NaN', '-1', '1e309', ' '.repeat(5)),
  fc.integer().map(String),
);
const value = (key: string) => (Object.hasOwn(GOOD, key) ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...GOOD[key]!) }, { weight: 1, arbitrary: nasty }) : nasty);
const pair = fc.constantFrom(...KEYS).chain((k) => fc.tuple(fc.constant(k), value(k)));
/** Percent-encode the UTF-8 bytes (lone surrogates become U+FFFD), or sometimes send the text raw with its broken escapes. */
const enc = (s: string) =>
  /%/.test(s) && s.length % 2 === 0 ? s : [...Buffer.from(s, 'utf8')].map((b) => (/[A-Za-z0-9_.~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
const request = fc.record({
  route: fc.constantFrom(...ROUTES),
  pairs: fc.array(pair, { maxLength: 5 }),
  raw: fc.option(fc.string({ maxLength: 40 }), { nil: undefined }),
});

async function check(url: string): Promise<void> {
  requests++;
  const res = await app.inject(url);
  assert.ok(res.statusCode < 500, `${url} → ${res.statusCode} ${res.body.slice(0, 300)}`);
  if (res.statusCode >= 400) {
    assert.match(String(res.headers['content-type']), /application\/problem\+json/, url);
    const p = res.json();
    assert.equal(p.status, res.statusCode, url);
    assert.ok(p.title && p.detail, url);
    return;
  }
  if (res.statusCode === 200 && url.startsWith('/api/v1/observations')) {
    checked++;
    if (/json/.test(String(res.headers['content-type']))) {
      const body = res.json() as { measure: { valueType: string }; rows: { placeKind: string; value: number | null; suppressed: boolean }[] };
      for (const r of body.rows) {
        if (r.suppressed) suppressedSeen++;
        if (body.measure.valueType === 'count' && r.placeKind === 'agency' && r.value !== null) {
          assert.ok(r.value === 0 || r.value >= SUPPRESSION_THRESHOLD, `${url}: agency count ${r.value} published`);
        }
      }
    } else {
      // The values; the citation list follows an empty line.
      const rows = parse(res.body.split('\n\n')[0]!, { columns: true }) as Record<string, string>[];
      for (const r of rows) {
        if (AGENCIES.includes(r.place ?? '') && r.unit === 'arrests' && r.value !== '') {
          assert.ok(Number(r.value) === 0 || Number(r.value) >= SUPPRESSION_THRESHOLD, `${url}: CSV row ${JSON.stringify(r)}`);
        }
      }
    }
  }
}

test('random parameters on every route: never a 500, errors are problem documents', async () => {
  await fc.assert(
    fc.asyncProperty(request, async ({ route, pairs, raw }) => {
      const qs = pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&');
      await check(`${route}${qs ? `?${qs}` : ''}${raw !== undefined ? `${qs ? '&' : '?'}${raw.replace(/[#\s]/g, '')}` : ''}`);
    }),
    { numRuns: RUNS * 2 },
  );
});

test('well-formed observation queries never publish an agency count below the threshold', async () => {
  const obs = fc.record({
    measure: fc.constantFrom('test.arrests', 'tip.tier'),
    place: fc.option(fc.constantFrom(...GOOD.place!), { nil: undefined }),
    period: fc.option(fc.constantFrom('2019', '2020', '2021', '2019-2021', '2015'), { nil: undefined }),
    by: fc.subarray(['agency', 'state', 'country', 'place', 'sex', 'period']),
    format: fc.constantFrom('json', 'csv'),
  });
  await fc.assert(
    fc.asyncProperty(obs, async (q) => {
      const params = new URLSearchParams({ measure: q.measure, format: q.format });
      if (q.place) params.set('place', q.place);
      if (q.period) params.set('period', q.period);
      if (q.by.length) params.set('by', q.by.join(','));
      await check(`/api/v1/observations?${params}`);
    }),
    { numRuns: RUNS },
  );
  // Random draws may miss every agency table (multi-dimension agency breakdowns are refused), so
  // the one query that must show withheld cells is asked once for certain.
  await check('/api/v1/observations?measure=test.arrests&by=agency&format=json');
  assert.ok(suppressedSeen > 0, 'the data has small agency counts, and they were withheld');
});

test('export file names and path tricks', async () => {
  await fc.assert(
    fc.asyncProperty(fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('observations.csv', 'places.parquet', '..%2F..%2Fdatapackage.json', '%2e%2e', 'a.csv.exe')), async (name) => {
      await check(`/api/v1/export/data/${enc(name).replace(/%25/g, '%')}`);
    }),
    { numRuns: Math.ceil(RUNS / 2) },
  );
});
