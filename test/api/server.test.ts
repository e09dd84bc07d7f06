import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/api/server.ts';
import { Store } from '../../src/store/store.ts';
import { ingest } from '../../src/sources/ingest.ts';
import { FIXTURE_DATA } from '../helpers.ts';

let store: Store;
let app: FastifyInstance;

before(async () => {
  store = await Store.open(':memory:');
  await ingest(store, FIXTURE_DATA, ['tip']);
  app = await buildApp({ store, dataDir: FIXTURE_DATA, webDist: '/nonexistent' });
});
after(async () => {
  await app.close();
  store.close();
});

test('observations carry values, citation ids and the citations they point at', async () => {
  const res = await app.inject('/api/v1/observations?measure=tip.tier&place=GBR&period=2015');
  assert.equal(res.statusCode, 200);
  const body = res.json();
  assert.equal(body.rows.length, 1);
  assert.equal(body.rows[0].valueText, 'Tier 1');
  const ids = body.citations.map((c: { id: string }) => c.id);
  assert.deepEqual(body.rows[0].citations.filter((id: string) => !ids.includes(id)), [], 'every cited id is listed');
  assert.match(body.citations[0].sha256, /^[0-9a-f]{64}$/);
  assert.ok(body.caveats.length > 0);
});

test('CSV holds the same rows as JSON', async () => {
  const json = (await app.inject('/api/v1/observations?measure=tip.tier&period=2015')).json();
  const res = await app.inject('/api/v1/observations?measure=tip.tier&period=2015&format=csv');
  assert.equal(res.statusCode, 200);
  assert.match(res.headers['content-type'] as string, /text\/csv/);
  // The values, an empty line, then each citation once.
  const [values, cited] = res.body.trim().split('\n\n') as [string, string];
  const lines = values.split('\n');
  assert.equal(lines[0]!.split(',')[0], 'measure');
  assert.equal(lines.length - 1, json.rows.length);
  const places = lines.slice(1).map((l) => l.split(',')[1]);
  assert.deepEqual(places, json.rows.map((r: { place: string }) => r.place));
  const header = lines[0]!.split(',');
  const idsInCells = lines.slice(1).map((l) => l.split(',')[header.indexOf('citation')]);
  assert.deepEqual(idsInCells, json.rows.map((r: { citations: string[] }) => r.citations.join(' ')), 'a cell holds citation ids only');
  const citationLines = cited.split('\n');
  assert.match(citationLines[0]!, /^citation,publisher,document,locator,retrieved,sha256,url,license$/);
  assert.deepEqual(citationLines.slice(1).map((l) => l.split(',')[0]), json.citations.map((c: { id: string }) => c.id), 'each citation listed once');
});

test('a citation id resolves on its own, and an unknown one is a 404 problem', async () => {
  const json = (await app.inject('/api/v1/observations?measure=tip.tier&place=GBR&period=2015')).json();
  const id = json.rows[0].citations[0] as string;
  assert.match(id, /^c[0-9a-z]{10}$/);
  const res = await app.inject(`/api/v1/citations/${id}`);
  assert.equal(res.statusCode, 200);
  assert.deepEqual(res.json(), json.citations.find((c: { id: string }) => c.id === id));
  assert.match(res.json().locator, /line \d+/);
  const missing = await app.inject('/api/v1/citations/czzzzzzzzzz');
  assert.equal(missing.statusCode, 404);
  assert.match(missing.headers['content-type'] as string, /problem\+json/);
  assert.equal((await app.inject('/api/v1/citations/c%27--')).statusCode, 400);
});

test('every bad parameter is a 400 problem document, never a 500', async () => {
  const cases: [string, RegExp][] = [
    ['/api/v1/observations', /measure/],
    ['/api/v1/observations?measure=nope', /unknown measure "nope"/],
    ['/api/v1/observations?measure=tip.tier&period=2015x', /not a year/],
    ['/api/v1/observations?measure=tip.tier&period=2016-2001', /ends before/],
    ['/api/v1/observations?measure=tip.tier&place=ZZZ', /unknown place/],
    ['/api/v1/observations?measure=tip.tier&by=shoe', /cannot break/],
    ['/api/v1/observations?measure=tip.tier&format=xml', /format/],
    ['/api/v1/observations?measure=tip.tier&evil=1', /evil/],
    ["/api/v1/observations?measure=tip.tier&place=GB'R", /place/],
    ['/api/v1/observations?measure=' + 'x'.repeat(500), /measure/],
  ];
  for (const [url, detail] of cases) {
    const res = await app.inject(url);
    assert.equal(res.statusCode, 400, url);
    assert.match(res.headers['content-type'] as string, /application\/problem\+json/);
    assert.match(res.json().detail, detail, url);
  }
});

test('sources, measures and the OpenAPI document', async () => {
  const sources = (await app.inject('/api/v1/sources')).json().sources;
  assert.deepEqual(sources.map((s: { id: string }) => s.id), ['tip.policy_index', 'tip.tiers']);
  assert.match(sources[1].sha256, /^[0-9a-f]{64}$/);
  const measures = (await app.inject('/api/v1/measures')).json().measures;
  const tier = measures.find((m: { id: string }) => m.id === 'tip.tier');
  assert.match(tier.definition, /report year/);
  assert.deepEqual(tier.periods, [2014, 2015]);
  const doc = (await app.inject('/api/v1/openapi.json')).json();
  assert.equal(doc.openapi, '3.1.0');
  assert.ok(doc.paths['/api/v1/observations'].get.parameters.some((p: { name: string }) => p.name === 'measure'));
  assert.equal((await app.inject('/api/v1/nothing')).statusCode, 404);
});
