import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foreign, openPage, startSite } from './browser.ts';

test('with no data the explorer explains how to get it', async () => {
  const site = await startSite(null, []);
  try {
    const { page, requests } = await openPage(site.browser);
    await page.goto(`${site.base}/`);
    await page.waitForSelector('.empty h1');
    assert.equal(await page.textContent('.empty h1'), 'No data loaded yet');
    const text = (await page.textContent('.empty')) ?? '';
    assert.match(text, /no official files in its data directory.*COGENCY_DATA/s);
    assert.doesNotMatch(text, /\/nowhere/, 'no server path is published');
    assert.deepEqual(foreign(requests), []);
  } finally {
    await site.close();
  }
});
