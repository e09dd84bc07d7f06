import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Store } from '../../src/store/store.ts';
import { placeProfile } from '../../src/analysis/profile.ts';
import type { SourceMeta } from '../../src/model/types.ts';

const meta: SourceMeta = {
  id: 'synthetic', family: 'synthetic', publisher: 'Test', title: 'Synthetic', url: 'http://127.0.0.1/', license: 'none',
  retrieved: '2026-01-01', sha256: 'x', format: 'csv', version: 'x', file: 'x.csv', bytes: 1,
};

async function store(): Promise<Store> {
  const s = await Store.open(':memory:');
  await s.loadSource(meta, async (stage) => {
    stage.measure({ id: 'syn.count', label: 'Count', definition: 'd', unit: 'persons', valueType: 'count', aggregation: 'sum', periodKind: 'data_year', topic: 'prostitution_selling', family: 'syn', dimensions: ['race'] });
    stage.measure({ id: 'syn.score', label: 'Score', definition: 'd', unit: 'score', valueType: 'score', aggregation: 'none', periodKind: 'data_year', topic: 'context', family: 'syn' });
    stage.place({ id: 'VT0000001', kind: 'agency', name: 'Agency One', parent: 'VT' });
    stage.place({ id: 'VT0000002', kind: 'agency', name: 'Agency Two', parent: 'VT' });
    stage.citation({ id: 'c', sourceId: 'synthetic', locator: 'row' });
    const o = (measure: string, place: string, period: number, value: number, dims: Record<string, string> = {}) =>
      stage.observation({ measure, place, period, dims, value, valueText: null, citationId: 'c', flags: [] });
    o('syn.count', 'VT0000001', 2024, 8, { race: 'White' });
    o('syn.count', 'VT0000001', 2024, 4, { race: 'Black' });
    o('syn.count', 'VT0000002', 2024, 3, { race: 'White' });
    o('syn.score', 'VT', 2024, 7.5);
    o('syn.score', 'VT0000001', 2024, 2);
  });
  return s;
}

test('a state profile sums counts below it and shows only its own scores', async () => {
  const s = await store();
  const p = await placeProfile(s, 'vt');
  assert.deepEqual(p.place, { id: 'VT', name: 'Vermont', kind: 'state' });
  const count = p.measures.find((m) => m.measure.id === 'syn.count')!;
  assert.deepEqual(count.series, [{ period: 2024, value: 15, valueText: null, suppressed: false }]);
  const score = p.measures.find((m) => m.measure.id === 'syn.score')!;
  assert.deepEqual(score.series.map((x) => x.value), [7.5]);
  assert.deepEqual(p.sources.map((x) => x.id), ['synthetic']);
  s.close();
});

test('an agency profile shows the protected totals: small counts and the cells that give them away are withheld', async () => {
  const s = await store();
  const p = await placeProfile(s, 'VT0000002');
  const count = p.measures.find((m) => m.measure.id === 'syn.count')!;
  assert.deepEqual(count.series, [{ period: 2024, value: null, valueText: null, suppressed: true }]);
  // 12 would give the 3 away (state total 15), so it is withheld too.
  const one = await placeProfile(s, 'VT0000001');
  assert.deepEqual(one.measures.find((m) => m.measure.id === 'syn.count')!.series, [{ period: 2024, value: null, valueText: null, suppressed: true }]);
  assert.deepEqual(one.measures.find((m) => m.measure.id === 'syn.score')!.series.map((x) => x.value), [2], 'scores are not counts of people');
  await assert.rejects(placeProfile(s, 'ZZZ'), /unknown place "ZZZ"/);
  s.close();
});
