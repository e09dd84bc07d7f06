// Atom feeds (checked with an XML parser against RFC 4287's required elements), the OpenAPI
// document and the human docs page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
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
  app = await buildApp({ store, dataDir: FIXTURE_DATA, webDist: '/nonexistent', rateLimit: false });
});
after(async () => {
  await app.close();
  store.close();
});

const asList = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);
type Node = Record<string, unknown>;

/** Parse and check the Atom elements RFC 4287 requires of a feed and of each entry. */
function parseAtom(xml: string): { feed: Node; entries: Node[] } {
  assert.equal(XMLValidator.validate(xml), true, 'well-formed XML');
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' }).parse(xml) as { feed: Node };
  const feed = doc.feed;
  assert.equal(feed['@xmlns'], 'http://www.w3.org/2005/Atom');
  for (const el of ['id', 'title', 'updated']) assert.ok(feed[el], `feed has <${el}>`);
  assert.match(String(feed.updated), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.ok(feed.author, 'feed has an author (entries have none of their own)');
  const links = asList(feed.link as Node | Node[]);
  assert.ok(links.some((l) => l['@rel'] === 'self'));
  const entries = asList(feed.entry as Node | Node[]);
  const ids = new Set<string>();
  for (const e of entries) {
    for (const el of ['id', 'title', 'updated']) assert.ok(e[el], `entry has <${el}>`);
    assert.match(String(e.updated), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.ok(!ids.has(String(e.id)), 'entry ids are unique');
    ids.add(String(e.id));
  }
  return { feed, entries };
}

test('sources feed: one entry per loaded source version', async () => {
  const res = await app.inject({ url: '/feeds/sources.atom', headers: { host: 'cogency.example:8080' } });
  assert.equal(res.statusCode, 200);
  assert.match(String(res.headers['content-type']), /application\/atom\+xml/);
  const { feed, entries } = parseAtom(res.body);
  assert.equal(feed.id, 'http://cogency.example:8080/feeds/sources.atom');
  assert.equal(entries.length, 2);
  assert.ok(entries.every((e) => /^http:\/\/cogency\.example:8080\/api\/v1\/sources#tip\.\w+@[0-9a-f]{64}$/.test(String(e.id))));
  // A hostile Host header is not echoed.
  const evil = await app.inject({ url: '/feeds/sources.atom', headers: { host: '"><x y="' } });
  assert.equal(evil.statusCode, 200);
  assert.doesNotMatch(evil.body, /<x /);
  parseAtom(evil.body);
});

test('bills feed: valid and empty without analyzed bills, filtered once a bills table exists', async () => {
  const empty = await app.inject('/feeds/bills.atom?jurisdiction=NY&kind=bill');
  assert.equal(empty.statusCode, 200);
  const e0 = parseAtom(empty.body);
  assert.equal(e0.entries.length, 0);
  assert.match(String(e0.feed.subtitle), /No analyzed bills/);
  const s = await Store.open(':memory:');
  await s.connection.run(`CREATE TABLE bills (id VARCHAR, jurisdiction VARCHAR, kind VARCHAR, identifier VARCHAR, title VARCHAR, status VARCHAR, citation VARCHAR, analyzed_at TIMESTAMP);
    INSERT INTO bills VALUES ('ny-1', 'NY', 'bill', 'S 1234', 'An act <concerning> "sex work" & trafficking', 'introduced', 'NY S 1234 (2025)', '2026-03-01 10:00:00'),
                             ('ny-2', 'NY', 'statute', 'PL 230.00', 'Prostitution', 'in force', 'N.Y. Penal Law 230.00', '2026-03-02 10:00:00'),
                             ('ca-1', 'CA', 'bill', 'SB 357', 'Loitering', 'enacted', 'CA SB 357 (2022)', '2026-01-02 10:00:00')`);
  s.changed();
  const a = await buildApp({ store: s, dataDir: FIXTURE_DATA, webDist: '/nonexistent', rateLimit: false });
  const all = parseAtom((await a.inject('/feeds/bills.atom')).body);
  assert.deepEqual(all.entries.map((e) => String(e.id).split('/').pop()), ['ny-2', 'ny-1', 'ca-1'], 'newest first');
  const ny = parseAtom((await a.inject('/feeds/bills.atom?jurisdiction=ny&kind=bill')).body);
  assert.deepEqual(ny.entries.map((e) => String(e.id).split('/').pop()), ['ny-1']);
  assert.match(String(ny.entries[0]!.title), /An act <concerning> "sex work" & trafficking/);
  // kind= is the kind of text (bill or statute); a provision kind goes in provision=, never silently into kind=.
  const statutes = parseAtom((await a.inject('/feeds/bills.atom?kind=statute')).body);
  assert.deepEqual(statutes.entries.map((e) => String(e.id).split('/').pop()), ['ny-2']);
  assert.match(String(statutes.feed.title), /statutes only/);
  await s.connection.run(`CREATE TABLE findings (bill_id VARCHAR, kind VARCHAR); INSERT INTO findings VALUES ('ca-1', 'loitering_for_prostitution'), ('ny-2', 'buyer_criminalization')`);
  s.changed();
  const loitering = parseAtom((await a.inject('/feeds/bills.atom?provision=loitering_for_prostitution')).body);
  assert.deepEqual(loitering.entries.map((e) => String(e.id).split('/').pop()), ['ca-1']);
  const wrong = await a.inject('/feeds/bills.atom?kind=loitering_for_prostitution');
  assert.equal(wrong.statusCode, 400);
  assert.match(wrong.json().detail, /kind/);
  for (const bad of ['jurisdiction=N%27Y', 'kind=' + 'x'.repeat(100), 'since=2020', 'jurisdiction=', 'provision=nope']) {
    const r = await a.inject(`/feeds/bills.atom?${bad}`);
    assert.equal(r.statusCode, 400, bad);
    assert.match(String(r.headers['content-type']), /problem\+json/);
  }
  await a.close();
  s.close();
});

test('OpenAPI 3.1 from the route schemas, and a docs page with no script, no inline style, nothing third-party', async () => {
  const doc = (await app.inject('/api/v1/openapi.json')).json();
  assert.equal(doc.openapi, '3.1.0');
  for (const p of ['/api/v1/status', '/api/v1/sources', '/api/v1/measures', '/api/v1/places', '/api/v1/observations', '/api/v1/export', '/api/v1/export/data/{file}', '/feeds/sources.atom', '/feeds/bills.atom']) {
    assert.ok(doc.paths[p]?.get, `${p} is documented`);
  }
  const docs = await app.inject('/api/v1/docs');
  assert.equal(docs.statusCode, 200);
  assert.match(String(docs.headers['content-type']), /text\/html/);
  assert.match(docs.body, /\/api\/v1\/observations/);
  assert.match(docs.body, /<code>measure<\/code>/);
  assert.doesNotMatch(docs.body, /<script|style=|<style/i);
  for (const m of docs.body.matchAll(/(?:href|src)="([^"]*)"/g)) assert.match(m[1]!, /^(\/|#|data:)/, `local reference: ${m[1]}`);
  const css = await app.inject('/api/v1/docs.css');
  assert.match(String(css.headers['content-type']), /text\/css/);
  assert.doesNotMatch(css.body, /url\(|@import/);
});
