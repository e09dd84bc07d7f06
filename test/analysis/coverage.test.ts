import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Store } from '../../src/store/store.ts';
import { query } from '../../src/analysis/query.ts';
import { coverageFor, coverageKey, coverageOf } from '../../src/analysis/coverage.ts';
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

test('coverage of many rows is read once per store version (no statement per row) and agrees with the one-row lookup', { skip: sharedData() ? false : SKIP_NO_DATA }, async () => {
  const s = await Store.open(':memory:');
  await ingest(s, sharedData()!, ['nibrs']);
  const byAgency = (await query(s, { measure: 'nibrs.offenses.prostitution', by: ['agency'] })).rows;
  const byState = (await query(s, { measure: 'nibrs.offenses.prostitution', by: ['state'] })).rows;
  const national = (await query(s, { measure: 'nibrs.offenses.prostitution' })).rows;
  const keys = [...byAgency, ...byState, ...national];
  assert.ok(byAgency.length > 100 && byState.length > 1, `${byAgency.length} agency rows, ${byState.length} state rows`);
  let statements = 0;
  const all = s.all.bind(s);
  s.all = (sql, params) => {
    statements++;
    return all(sql, params);
  };
  const batch = await coverageFor(s, keys);
  // The queries above read the coverage tables into the store index; every lookup after that is in memory.
  assert.equal(statements, 0, 'no statement once the store version is indexed');
  s.all = all;
  // The batch gives each row exactly what looking its place and year up alone gives.
  for (const k of keys) assert.deepEqual(batch.get(coverageKey(k)) ?? null, await coverageOf(s, k.place, k.placeKind, k.period), coverageKey(k));
  assert.ok(byAgency.every((r) => batch.has(coverageKey(r))), 'every agency row has coverage');
  // National rows sum every loaded state of their year.
  const nat = batch.get(coverageKey(national[0]!))!;
  const states = byState.filter((r) => r.period === national[0]!.period).map((r) => batch.get(coverageKey(r))!);
  assert.equal(nat.populationCovered, states.reduce((a, c) => a + c.populationCovered, 0));
  assert.equal(nat.agenciesInFile, states.reduce((a, c) => a + c.agenciesInFile, 0));
  s.close();
});
