import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../../src/api/server.ts';
import { Store } from '../../src/store/store.ts';
import { foreign, launch, openPage } from './browser.ts';

test('with no data the explorer explains how to get it', async () => {
  const store = await Store.open(':memory:');
  const app = await buildApp({ store, dataDir: '/nowhere/data' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await launch();
  try {
    const { page, requests } = await openPage(browser);
    await page.goto(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}/`);
    await page.waitForSelector('.empty h1');
    assert.equal(await page.textContent('.empty h1'), 'No data loaded yet');
    assert.match((await page.textContent('.empty')) ?? '', /\/nowhere\/data.*COGENCY_DATA/s);
    assert.deepEqual(foreign(requests), []);
  } finally {
    await browser.close();
    await app.close();
    store.close();
  }
});
