import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify, { type FastifyInstance } from 'fastify';
import { join } from 'node:path';
import { Store } from '../../src/store/store.ts';
import { ingestLaw } from '../../src/law/store.ts';
import { lawRoutes } from '../../src/law/routes.ts';
import { FIX } from './helpers.ts';

let store: Store;
let app: FastifyInstance;
const logged: string[] = [];

before(async () => {
  store = await Store.open(':memory:');
  await ingestLaw(store, join(FIX, 'corpus'));
  // the host app's settings (src/api/server.ts): no silent removal of unknown parameters, coerced query types
  app = Fastify({
    ajv: { customOptions: { removeAdditional: false, coerceTypes: true } },
    logger: { level: 'info', stream: { write: (s: string) => void logged.push(s) } },
  });
  await app.register(lawRoutes, { store });
  await app.ready();
});
after(async () => {
  await app.close();
  store.close();
});

const get = (url: string) => app.inject({ method: 'GET', url });
const json = <T>(r: { body: string }) => JSON.parse(r.body) as T;

interface ListBody {
  total: number;
  items: { id: string; jurisdiction: string; type: string; findings: { kind: string; impact: string }[]; snippets?: { text: string; highlights: [number, number][] }[] }[];
}

test('GET /api/v1/bills lists with filters', async () => {
  const all = json<ListBody>(await get('/api/v1/bills'));
  assert.equal(all.total, 3);
  assert.ok(all.items.every((b) => Array.isArray(b.findings)));
  assert.deepEqual(json<ListBody>(await get('/api/v1/bills?jurisdiction=xa')).items.map((b) => b.id), ['xa-stat-2', 'xa-stat-1']);
  assert.deepEqual(json<ListBody>(await get('/api/v1/bills?type=bill')).items.map((b) => b.id), ['xb-bill-7']);
  assert.deepEqual(json<ListBody>(await get('/api/v1/bills?year=2021')).items.map((b) => b.id), ['xa-stat-2']);
  assert.deepEqual(json<ListBody>(await get('/api/v1/bills?kind=loitering_for_prostitution')).items.map((b) => b.id), ['xa-stat-1']);
  assert.deepEqual(json<ListBody>(await get('/api/v1/bills?impact=protective')).items.map((b) => b.id), ['xa-stat-2']);
  const page = json<ListBody>(await get('/api/v1/bills?limit=1&offset=2'));
  assert.equal(page.total, 3);
  assert.equal(page.items.length, 1);
});

test('GET /api/v1/bills?q= searches the texts with highlighted hits, within the filters', async () => {
  const r = json<ListBody>(await get('/api/v1/bills?q=vacate%20conviction'));
  assert.deepEqual(r.items.map((b) => b.id), ['xa-stat-2']);
  const s = r.items[0]!.snippets![0]!;
  assert.ok(s.highlights.length >= 2);
  // the last word matches as a prefix while typing (conviction → convictions)
  for (const [a, b] of s.highlights) assert.match(s.text.slice(a, b).toLowerCase(), /^(?:vacate|conviction)/);
  assert.equal(json<ListBody>(await get('/api/v1/bills?q=prostitution&jurisdiction=XB')).items.length, 1);
  assert.equal(json<ListBody>(await get('/api/v1/bills?q=nosuchwordanywhere')).total, 0);
});

test('GET /api/v1/bills/:id returns text, findings with spans into the text, sources; 404 problem otherwise', async () => {
  const r = await get('/api/v1/bills/xa-stat-2');
  assert.equal(r.statusCode, 200);
  const b = json<{ text: string; findings: { kind: string; impact: string; spans: { start: number; end: number; text: string }[] }[]; sources: { url: string }[]; source: { id: string } }>(r);
  assert.ok(b.findings.length >= 1);
  for (const f of b.findings) for (const s of f.spans) assert.equal(b.text.slice(s.start, s.end), s.text);
  assert.equal(b.sources[0]!.url, 'https://example.org/xa/1-102');
  assert.equal(b.source.id, 'law');
  const nf = await get('/api/v1/bills/nope-1');
  assert.equal(nf.statusCode, 404);
  assert.match(String(nf.headers['content-type']), /application\/problem\+json/);
});

test('GET /api/v1/law/compare: kinds × jurisdictions with the bills in each cell', async () => {
  const r = json<{ scope: string; kinds: string[]; jurisdictions: string[]; cells: { kind: string; jurisdiction: string; bills: { id: string }[] }[] }>(
    await get('/api/v1/law/compare'),
  );
  assert.equal(r.scope, 'enacted');
  assert.deepEqual(r.jurisdictions, ['XA', 'XB']);
  const loit = r.cells.find((c) => c.kind === 'loitering_for_prostitution' && c.jurisdiction === 'XA');
  assert.deepEqual(loit?.bills.map((b) => b.id), ['xa-stat-1']);
  // Texts per column, and the jurisdictions with no text at all, named apart (not columns of blanks).
  const t = json<{ texts: Record<string, number>; notCollected: string[]; jurisdictions: string[] }>(await get('/api/v1/law/compare?scope=all'));
  for (const j of t.jurisdictions) assert.ok((t.texts[j] ?? 0) >= 1, `${j} has texts`);
  const bills = json<{ total: number }>(await get('/api/v1/bills?limit=1')).total;
  assert.equal(Object.values(t.texts).reduce((a, b) => a + b, 0), bills, 'every text is counted in its jurisdiction');
  assert.ok(t.notCollected.includes('US') && t.notCollected.includes('VT'), 'no federal or Vermont text in the fixture corpus');
  assert.ok(!t.notCollected.some((j) => t.jurisdictions.includes(j)));
  const harmful = json<{ cells: { bills: { impact: string }[] }[] }>(await get('/api/v1/law/compare?impact=harmful&scope=all'));
  assert.ok(harmful.cells.every((c) => c.bills.every((b) => b.impact === 'harmful')));
});

test('POST /api/v1/law/analyze returns findings and logs nothing of the text', async () => {
  const secret = 'A person who pays a fee to another person to engage in sexual conduct commits the offense of patronizing prostitution. UNIQUE-MARKER-7731';
  const r = await app.inject({ method: 'POST', url: '/api/v1/law/analyze', payload: { text: secret } });
  assert.equal(r.statusCode, 200);
  const b = json<{ findings: { kind: string; spans: { start: number; end: number; text: string }[] }[] }>(r);
  assert.ok(b.findings.some((f) => f.kind === 'buyer_criminalization'));
  for (const f of b.findings) for (const s of f.spans) assert.equal(secret.slice(s.start, s.end), s.text);
  assert.equal(r.headers['cache-control'], 'no-store');
  assert.ok(!logged.some((l) => l.includes('UNIQUE-MARKER-7731')), 'text never logged');
  assert.ok(!logged.some((l) => l.includes('/api/v1/law/analyze')), 'analyze requests are not logged');
});

test('bad input is a 400 problem document, never a 500', async () => {
  const bad = [
    '/api/v1/bills?limit=0',
    '/api/v1/bills?limit=101',
    '/api/v1/bills?offset=-1',
    '/api/v1/bills?year=abc',
    '/api/v1/bills?kind=not_a_kind',
    '/api/v1/bills?impact=bad',
    '/api/v1/bills?type=x',
    '/api/v1/bills?jurisdiction=%27%3B%20DROP',
    '/api/v1/bills?q=',
    `/api/v1/bills?q=${'x'.repeat(300)}`,
    '/api/v1/bills?unknown=1',
    '/api/v1/law/compare?scope=some',
    '/api/v1/bills/%27%3Bdrop',
    '/api/v1/bills/xa-stat-1?x=1',
  ];
  for (const url of bad) {
    const r = await get(url);
    assert.equal(r.statusCode, 400, url);
    assert.match(String(r.headers['content-type']), /application\/problem\+json/, url);
    assert.equal(json<{ status: number }>(r).status, 400);
  }
  const posts: [unknown, string | undefined][] = [
    [{}, undefined],
    [{ text: '' }, undefined],
    [{ text: '   ' }, undefined],
    [{ text: 42 }, undefined],
    [{ text: 'x', format: 'exe' }, undefined],
    [{ text: 'x', extra: 1 }, undefined],
    ['not json', 'application/json'],
  ];
  for (const [payload, ct] of posts) {
    const r = await app.inject({ method: 'POST', url: '/api/v1/law/analyze', payload: payload as string, headers: ct ? { 'content-type': ct } : {} });
    assert.equal(r.statusCode, 400, JSON.stringify(payload));
    assert.match(String(r.headers['content-type']), /application\/problem\+json/);
  }
  const big = await app.inject({ method: 'POST', url: '/api/v1/law/analyze', payload: { text: 'a'.repeat(2 * 1024 * 1024 + 10) } });
  assert.equal(big.statusCode, 413);
  assert.match(String(big.headers['content-type']), /application\/problem\+json/);
  // a text/plain body is not the JSON object the endpoint takes
  const text = await app.inject({ method: 'POST', url: '/api/v1/law/analyze', payload: 'plain', headers: { 'content-type': 'text/plain' } });
  assert.equal(text.statusCode, 400);
  assert.match(String(text.headers['content-type']), /application\/problem\+json/);
  const xml = await app.inject({ method: 'POST', url: '/api/v1/law/analyze', payload: '<a/>', headers: { 'content-type': 'application/xml' } });
  assert.equal(xml.statusCode, 415);
  assert.match(String(xml.headers['content-type']), /application\/problem\+json/);
});
