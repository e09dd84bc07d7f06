import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Store } from '../../src/store/store.ts';
import { query } from '../../src/analysis/query.ts';
import { ingest } from '../../src/sources/ingest.ts';
import type { SourceMeta } from '../../src/model/types.ts';
import { SKIP_NO_DATA, sharedData } from '../helpers.ts';

const meta: SourceMeta = {
  id: 'synthetic.pop', family: 'synthetic', publisher: 'Test', title: 'Synthetic population', url: 'http://127.0.0.1/', license: 'none',
  retrieved: '2026-01-01', sha256: 'pop', format: 'csv', version: 'x', file: 'x.csv', bytes: 1,
};

test('NIBRS figures carry the share of residents covered; under 80% they are flagged', { skip: sharedData() ? false : SKIP_NO_DATA }, async () => {
  const s = await Store.open(':memory:');
  await ingest(s, sharedData()!, ['nibrs']);
  const covered = async () => (await query(s, { measure: 'nibrs.offenses.prostitution', place: 'VT', from: 2024, to: 2024 })).rows[0]!;
  assert.equal((await covered()).extra?.coverage_share_of_residents, null, 'no Census population loaded: no share');
  // A synthetic population three times the covered one (test data, not Vermont's).
  await s.loadSource({ ...meta, id: 'synthetic.pop', sha256: 'pop' }, async (stage) => {
    stage.measure({ id: 'census.population', label: 'Population', definition: 'd', unit: 'persons', valueType: 'count', aggregation: 'sum', periodKind: 'reference_year', topic: 'context', family: 'census' });
    stage.citation({ id: 'p', sourceId: 'synthetic.pop', locator: 'row' });
    stage.observation({ measure: 'census.population', place: 'VT', period: 2023, dims: {}, value: 648_493 * 3, valueText: null, citationId: 'p', flags: [] });
  });
  const row = await covered();
  assert.equal(row.extra?.coverage_share_of_residents, 0.333);
  assert.ok(row.flags.includes('low_coverage:agencies reporting cover under 80% of residents'));
  s.close();
});
