// The methodology page states the disclosure rule and what it costs, per source, from the live
// store: the table holds the figures /api/v1/disclosure computes from the protected patterns.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { type Site, startSite, tableCells } from './browser.ts';
import { loadAgencySource } from '../api/agency-source.ts';
import type { DisclosureSummary } from '../../src/model/results.ts';

let site: Site;

before(async () => {
  site = await startSite(null, []);
  await loadAgencySource(site.store);
});
after(async () => {
  await site?.close();
});

test('methodology: the rule, how it is applied and the cells withheld per source', async () => {
  const summary = (await site.app.inject('/api/v1/disclosure')).json() as DisclosureSummary;
  assert.equal(summary.threshold, 10);
  assert.deepEqual(summary.sources.map((s) => s.sourceId), ['test.agency']);
  const [cost] = summary.sources;
  assert.ok(cost!.withheld >= cost!.primary && cost!.primary > 0 && cost!.cells > cost!.withheld);
  const page = await site.browser.newPage();
  await page.goto(`${site.base}/methodology`);
  await page.waitForSelector('#disclosure-costs');
  const cells = await tableCells(page, '#disclosure-costs');
  assert.deepEqual(cells[0]!.slice(0, 5), ['test.agency', String(cost!.tables), String(cost!.cells), String(cost!.primary), String(cost!.withheld)]);
  assert.match((await page.textContent('#disclosure + p')) ?? '', /counts from 1 to 9 are withheld/);
  assert.match((await page.textContent('#disclosure ~ ul')) ?? '', /hypercube/);
  await page.close();
});
