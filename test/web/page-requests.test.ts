// src/model/page-requests.ts: the URLs a page asks for, as both the page and page-data's plan run them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type ViewMeasure, billId, fetchViewParts, funnelUrl, gatheredPage, lawListState, lawListUrl, parseView, tipMapView, withQuery } from '../../src/model/page-requests.ts';

// Measures written for this test (not from any source).
const measure = (id: string, over: Partial<ViewMeasure> = {}): ViewMeasure => ({
  id,
  unit: 'arrests',
  valueType: 'count',
  aggregation: 'sum',
  periodKind: 'data_year',
  topic: 'sex_trafficking',
  periods: [2018, 2019, 2020],
  dimensions: [],
  geography: 'state',
  ...over,
});

test('explore: with no measure named, the first loaded preset and its compared measures; a named measure drops the preset', () => {
  const ms = [measure('a.first'), measure('tip.policy_index.total', { unit: 'score', topic: 'context' }), measure('us.federal_ht.prosecuted'), measure('us.federal_ht.convicted')];
  const v = parseView(ms, {});
  assert.equal(v.measure.id, 'us.federal_ht.prosecuted');
  assert.deepEqual(v.compare.map((m) => m.id), ['us.federal_ht.convicted']);
  assert.equal(v.chart, 'line', 'comparing measures is a line chart');
  const named = parseView(ms, { measure: 'a.first', chart: 'map', places: 'vt, ca', from: '2019', to: '2018' });
  assert.deepEqual(named.compare, []);
  assert.equal(named.chart, 'map');
  assert.deepEqual(named.places, ['VT', 'CA']);
  assert.deepEqual([named.from, named.to], [2018, 2018], 'a start after the end falls back to the first year');
});

test('explore: a map walks back from the last year until a year has rows, one query per place; a line asks the range once', async () => {
  const asked: string[] = [];
  const get = async <T>(url: string): Promise<T> => {
    asked.push(url);
    return { rows: url.includes('period=2018') ? [{}] : [] } as T;
  };
  const ms = [measure('m.count')];
  const parts = await fetchViewParts(parseView(ms, { measure: 'm.count', chart: 'map', places: 'VT,NH' }), get);
  assert.deepEqual(asked, [
    '/api/v1/observations?measure=m.count&place=VT&period=2020',
    '/api/v1/observations?measure=m.count&place=NH&period=2020',
    '/api/v1/observations?measure=m.count&place=VT&period=2019',
    '/api/v1/observations?measure=m.count&place=NH&period=2019',
    '/api/v1/observations?measure=m.count&place=VT&period=2018',
    '/api/v1/observations?measure=m.count&place=NH&period=2018',
  ]);
  assert.equal(parts[0]!.results.length, 2);
  asked.length = 0;
  await fetchViewParts(parseView(ms, { measure: 'm.count', chart: 'map' }), get);
  assert.equal(asked[0], '/api/v1/observations?measure=m.count&period=2020&by=state', 'a map of a summed measure over all places asks by state');
  asked.length = 0;
  await fetchViewParts(parseView(ms, { measure: 'm.count', rate: '1' }), get);
  assert.deepEqual(asked, ['/api/v1/observations?measure=m.count&period=2018-2020&rate=1']);
});

test('the other pages: defaults and encodings as the pages apply them', () => {
  assert.deepEqual(tipMapView([2013, 2014], { year: '1990', country: 'gbr' }), { year: 2014, country: 'GBR' });
  assert.equal(funnelUrl({}), '/api/v1/funnel?place=USA');
  assert.equal(funnelUrl({ place: 'vt', period: '2019' }), '/api/v1/funnel?place=VT&period=2019');
  assert.equal(lawListUrl(lawListState({ q: 'a&b=c', offset: '20', other: 'x' })), '/api/v1/bills?limit=20&q=a%26b%3Dc&offset=20');
  assert.equal(withQuery('/x', { a: '', b: undefined }), '/x');
  assert.equal(billId('/bills/ny%2Fs%201', {}), 'ny/s 1');
  assert.equal(billId('/bills/%E0%A4%A', {}), '%E0%A4%A', 'a malformed escape is kept as it is');
  assert.equal(billId('/bills/x', { id: 'y' }), 'y');
  assert.equal(gatheredPage('/embed/explore'), 'explore');
  assert.equal(gatheredPage('/relief'), undefined);
});
