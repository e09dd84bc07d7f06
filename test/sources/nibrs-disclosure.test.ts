// Disclosure control, proved by property: random queries over every NIBRS measure, every allowed
// breakdown, places at every level and with or without rates never show a count below 10 for an
// agency (or any breakdown of one) — in the rows, in the flattened CSV records, or through a rate.
// Uses the hand-written fixture (agencies above and below the threshold) and, when present, the
// real Vermont extract.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import fc from 'fast-check';
import { Store } from '../../src/store/store.ts';
import { query, listMeasures } from '../../src/analysis/query.ts';
import { flatten, toCsv } from '../../src/analysis/tabulate.ts';
import { SUPPRESSION_THRESHOLD } from '../../src/analysis/disclosure.ts';
import { UsageError } from '../../src/sources/errors.ts';
import { describeFiles } from '../../src/sources/importer.ts';
import { bundleSpec, makeNibrsImporter } from '../../src/sources/nibrs/index.ts';
import type { MeasureDef } from '../../src/model/types.ts';
import { HAVE_VT, REPO, VT } from './nibrs/helpers.ts';

const FIXTURE = join(REPO, 'fixtures/nibrs/DE-2023');

describe('NIBRS disclosure control (property)', () => {
  let store: Store;
  let measures: MeasureDef[];
  let agencies: string[];
  before(async () => {
    store = await Store.open(':memory:');
    const imp = makeNibrsImporter();
    const bundles: [string, string][] = [[FIXTURE, 'DE-2023']];
    if (HAVE_VT) bundles.push([VT, 'VT-2024']);
    for (const [path, label] of bundles) {
      const spec = await bundleSpec(path, label);
      await store.loadSource(await describeFiles(spec, join(path, '..')), (stage) => imp.load(spec, stage, join(path, '..')));
    }
    measures = (await listMeasures(store)).filter((m) => m.family === 'nibrs');
    agencies = (await store.all("SELECT id FROM places WHERE kind = 'agency' ORDER BY id LIMIT 40")).map((r) => String(r.id));
  });
  after(() => store.close());

  it('the fixture loads with counts on both sides of the threshold', async () => {
    const r = await query(store, { measure: 'nibrs.arrestees.purchasing_prostitution', place: 'DE', by: ['agency'] });
    // Every agency of the state-year is listed, zeros included, so a row's presence says nothing.
    assert.deepEqual(r.rows.map((x) => [x.place, x.value, x.suppressed]), [['DE0010000', 12, false], ['DE0030000', 0, false], ['DE0020000', 0, false]]);
    const p = await query(store, { measure: 'nibrs.arrestees.prostitution', place: 'DE', by: ['agency'] });
    // 3 is withheld, and with it a zero: were the 3 alone withheld, the state total would give it back.
    assert.deepEqual(p.rows.map((x) => [x.place, x.value, x.suppressed]), [['DE0010000', null, true], ['DE0030000', 0, false], ['DE0020000', null, true]]);
    const s = await query(store, { measure: 'nibrs.arrestees.prostitution', place: 'DE' });
    assert.equal(s.rows[0]?.value, 3, 'state level is published as is');
    const v = await query(store, { measure: 'nibrs.victims.labor_trafficking', place: 'DE', by: ['sex', 'age_group'] });
    assert.deepEqual(v.rows.map((x) => [x.dims.sex, x.dims.age_group, x.value]), [['Male', '25-34', 1], ['Male', '45-54', 1]]);
    const leak = await query(store, { measure: 'nibrs.arrestees.prostitution', place: 'DE0020000', by: ['state'] });
    assert.equal(leak.rows[0]?.suppressed, true, 'an agency filter grouped at state level is still below state level');
  });

  it('no cell below state level with a count under 10 is ever shown', async () => {
    const places = [undefined, 'DE', 'USA', ...(HAVE_VT ? ['VT'] : [])];
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        fc.oneof(fc.constantFrom(...places), fc.nat().map((i) => agencies[i % agencies.length])),
        fc.subarray(['agency', 'state', 'country', 'place', 'period', 'race', 'ethnicity', 'sex', 'age_group', 'arrest_type', 'victim_type'], { maxLength: 3 }),
        fc.boolean(),
        async (mi, place, by, rate) => {
          const measure = measures[mi % measures.length]!;
          let result;
          try {
            result = await query(store, { measure: measure.id, place, by, rate });
          } catch (e) {
            if (e instanceof UsageError) return; // a breakdown the measure does not allow, or a rate of a non-count
            throw e;
          }
          const agencyScoped = place !== undefined && agencies.includes(place);
          const records = flatten(result).records;
          const csv = toCsv(result);
          result.rows.forEach((row, i) => {
            const below = row.placeKind === 'agency' || agencyScoped;
            if (below && measure.valueType === 'count') {
              if (row.suppressed) {
                assert.equal(row.value, null);
                assert.match(String(row.suppressionReason), /from 1 to 9/);
                assert.equal(records[i]!.value, null);
                assert.equal(records[i]!.suppressed, 'yes');
                assert.equal(row.extra?.rate_per_100k ?? null, null, 'a rate would reveal the count');
              } else {
                assert.ok(row.value === 0 || (row.value !== null && row.value >= SUPPRESSION_THRESHOLD), `${measure.id} ${JSON.stringify(row)}`);
              }
            }
            assert.ok(row.extra && 'coverage' in row.extra, 'coverage is shown beside every figure');
          });
          if (result.rows.length) assert.ok(csv.split('\n')[0]!.includes('coverage'));
        },
      ),
      { numRuns: 120 },
    );
  });
});
