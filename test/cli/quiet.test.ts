// `cogency serve` starts its background work (search index, disclosure patterns) only after a
// quiet moment: no request for a while, counted from when the work is asked for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { trackActivity } from '../../src/cli/serve.ts';

test('quiet() waits for the given time without a request, counted from the later of the last request and the call', async () => {
  const server = createServer();
  const activity = trackActivity(server);
  // Its timers do not keep a process alive (a listening server does): this test keeps it alive.
  const alive = setInterval(() => {}, 1000);
  // A request long before the call does not count: the wait starts at the call.
  await new Promise((r) => setTimeout(r, 120));
  let t0 = performance.now();
  await activity.quiet(100);
  assert.ok(performance.now() - t0 >= 95, `waited ${performance.now() - t0} ms from the call`);
  // A request during the wait pushes it back.
  t0 = performance.now();
  const done = activity.quiet(100);
  await new Promise((r) => setTimeout(r, 60));
  server.emit('request', {}, {});
  const requestAt = performance.now();
  await done;
  assert.ok(performance.now() - requestAt >= 95, `resolved ${performance.now() - requestAt} ms after the last request`);
  assert.ok(performance.now() - t0 >= 155);
  clearInterval(alive);
});
