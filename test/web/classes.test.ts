// Map classes must not overlap (the issue saw "≤ 4" next to "4–9"), and table cells must tell a true
// zero from a withheld count and from a value never collected.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { classLabels, quantiles } from '../../web/src/charts/classes.ts';
import { cellState } from '../../web/src/panels.ts';
import type { ResultRow } from '../../src/model/results.ts';

const fmt = (v: number) => String(v);

test('quantiles: strictly increasing cut points below the maximum; every value lands in exactly one class', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 1, max: 500 }), { minLength: 1, maxLength: 60 }), (values) => {
      const breaks = quantiles(values);
      for (let i = 1; i < breaks.length; i++) assert.ok(breaks[i]! > breaks[i - 1]!, `cut points ${breaks} not strictly increasing`);
      const labels = classLabels(breaks, fmt);
      assert.equal(labels.length, breaks.length + 1, 'one label per class');
      assert.equal(new Set(labels).size, labels.length, 'no two classes share a label');
      for (const v of values) {
        // Class i holds (b[i-1], b[i]]: the chart's own rule (count of cut points below the value).
        const members = labels.filter((_, i) => (i === 0 || v > breaks[i - 1]!) && (i === breaks.length || v <= breaks[i]!));
        assert.equal(members.length, 1, `${v} falls in ${members.length} classes of ${labels.join(' | ')}`);
      }
    }),
  );
  assert.deepEqual(classLabels([4, 9], fmt), ['≤ 4', '> 4 to 9', '> 9']);
  assert.deepEqual(quantiles([5, 5, 5, 5]), [], 'all equal: a single class, not five identical ones');
});

test('cellState: value, zero, withheld and not collected are four different states', () => {
  const row = (over: Partial<ResultRow>): ResultRow => ({ place: 'MO', placeName: 'Missouri', placeKind: 'state', period: 2016, dims: {}, value: 12, valueText: null, suppressed: false, suppressionReason: null, citations: [], flags: [], ...over });
  assert.equal(cellState(row({})), 'cell-value');
  assert.equal(cellState(row({ value: 0 })), 'cell-zero');
  assert.equal(cellState(row({ value: null, suppressed: true })), 'cell-withheld');
  assert.equal(cellState(row({ value: null })), 'cell-missing');
  assert.equal(cellState(row({ value: null, valueText: 'Tier 2' })), 'cell-value', 'a category is a value');
});
