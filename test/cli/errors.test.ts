// One error model: each kind maps to one exit code and one HTTP status, with a stable code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConflictError, InputError, InternalError, NotFoundError, UnavailableError, UsageError, exitCodeOf, problemOf } from '../../src/sources/errors.ts';
import { StoreWriteError } from '../../src/store/store.ts';
import { Store } from '../../src/store/store.ts';
import { buildApp } from '../../src/api/server.ts';
import { FIXTURE_DATA } from '../helpers.ts';

test('each kind has its exit code, status and code; internal errors say nothing about their cause', () => {
  const cases: [unknown, number, number, string][] = [
    [new InputError('a.csv', 3, 'year', 'not a year'), 1, 400, 'input.invalid'],
    [new UsageError('unknown option'), 2, 400, 'usage'],
    [new NotFoundError('no such bill', 'bill.not_found'), 3, 404, 'bill.not_found'],
    [new ConflictError('busy', 'store.busy'), 4, 409, 'store.busy'],
    [new StoreWriteError('/x/db', 'tip.tiers', new Error('IO Error: No space left on device')), 5, 503, 'store.write_failed'],
    [new UnavailableError('cannot open'), 5, 503, 'unavailable'],
    [new InternalError('invariant broken at /secret/path'), 70, 500, 'internal'],
    [new TypeError('x is undefined in /secret/path'), 70, 500, 'internal'],
  ];
  for (const [e, exit, status, code] of cases) {
    assert.equal(exitCodeOf(e), exit, String(e));
    const p = problemOf(e);
    assert.deepEqual([p.status, p.code, p.type], [status, code, 'about:blank'], String(e));
    if (status === 500) assert.equal(p.detail, 'unexpected error');
    else assert.equal(p.detail, (e as Error).message);
  }
  // The constructor every importer uses is unchanged, and so is its message.
  assert.equal(new InputError('a.csv', 3, 'year', 'not a year').message, 'a.csv:3 [year]: not a year');
  assert.doesNotMatch(new StoreWriteError('/x/db', 'tip.tiers', new Error('disk')).message, /\/x\/db/, 'no store path in a message an API may show');
});

test('the API answers problem documents with the stable code', async () => {
  const store = await Store.open(':memory:');
  const app = await buildApp({ store, dataDir: FIXTURE_DATA, webDist: '/nonexistent', rateLimit: false });
  const missing = await app.inject('/api/v1/nothing');
  assert.equal(missing.statusCode, 404);
  assert.equal(missing.headers['content-type'], 'application/problem+json; charset=utf-8');
  assert.equal(JSON.parse(missing.body).code, 'not_found');
  const bad = await app.inject('/api/v1/observations?measure=tip.tier&nonsense=1');
  assert.equal(bad.statusCode, 400);
  assert.equal(JSON.parse(bad.body).code, 'usage');
  await app.close();
  store.close();
});
