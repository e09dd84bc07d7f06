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
