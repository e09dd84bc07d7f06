// Multiple systems estimation: the numeric parts against known answers, the checks against the
// cases the method paper describes, the parser against malformed tables, and the published
// UK figure reproduced from the real SparseMSE data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { poissonGlm } from '../../../src/methods/mse/glm.ts';
import { maxInteriorMargin } from '../../../src/methods/mse/lp.ts';
import { checkModel, fitModel, fullCounts, stepwise, type OverlapTable } from '../../../src/methods/mse/model.ts';
import { estimatePopulation } from '../../../src/methods/mse/index.ts';
import { parseOverlapCsv } from '../../../src/sources/mse/table.ts';
import { poissonCdf, poissonUpper, qnorm, pnorm, quantileType8 } from '../../../src/methods/mse/numeric.ts';
import { InputError } from '../../../src/sources/errors.ts';
import { MSE_STUDIES, type MseStudy } from '../../../src/methods/mse/studies.ts';
import { compareWithPublished } from '../../../src/methods/mse/report.ts';
import { SKIP_NO_DATA, sharedData } from '../../helpers.ts';

const table = (csv: string): OverlapTable => parseOverlapCsv(csv, 'test.csv');

test('two lists, main effects: the estimate is the Lincoln–Petersen figure n1·n2/m', () => {
  // 30 on A only, 20 on B only, 10 on both: n1 = 40, n2 = 30, m = 10 → N = 120.
  const t = table('A,B,count\n1,0,30\n0,1,20\n1,1,10\n');
  const fit = fitModel(t, [])!;
  assert.ok(Math.abs(fit.estimate - 120) < 1e-6, `got ${fit.estimate}`);
  assert.ok(Math.abs(fit.darkFigure - 60) < 1e-6);
});

test('Poisson IRLS recovers the closed-form log-linear fit and its intercept variance', () => {
  // Saturated one-factor model: fitted means equal the counts; Var(intercept) = 1/y0.
  const fit = poissonGlm([[1, 0], [1, 1]], [40, 10])!;
  assert.ok(Math.abs(fit.fitted[0]! - 40) < 1e-8 && Math.abs(fit.fitted[1]! - 10) < 1e-8);
  assert.ok(Math.abs(fit.interceptVariance - 1 / 40) < 1e-9);
  assert.ok(fit.converged);
});

test('distribution functions agree with reference values', () => {
  assert.ok(Math.abs(poissonCdf(3, 2.5) - 0.7575761331330659) < 1e-12);
  assert.ok(Math.abs(poissonUpper(10, 4) - 0.00813224279693403) < 1e-12);
  assert.ok(Math.abs(qnorm(0.975) - 1.959963984540054) < 1e-7);
  assert.ok(Math.abs(pnorm(-1) - 0.15865525393145707) < 1e-7);
  // R: quantile(1:10, 0.1, type = 8) = 1.366667
  assert.ok(Math.abs(quantileType8([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.1) - 1.3666667) < 1e-6);
  fc.assert(fc.property(fc.integer({ min: 0, max: 60 }), fc.double({ min: 0.01, max: 80, noNaN: true }), (k, lam) => {
    // P(X ≤ k) + P(X ≥ k + 1) = 1
    return Math.abs(poissonCdf(k, lam) + poissonUpper(k + 1, lam) - 1) < 1e-9;
  }));
});

test('existence LP: a strictly positive solution exists exactly when no face of the cone is hit', () => {
  // Columns (1,0), (1,1): t = (2,1) is interior (x = (1,1)); t = (2,0) forces x2 = 0.
  assert.ok(maxInteriorMargin([[1, 0], [1, 1]], [2, 1]) > 0.5);
  assert.equal(maxInteriorMargin([[1, 0], [1, 1]], [2, 0]), 0);
});

test('checks: the Chan–Silverman–Vincent examples of a missing and of an unidentifiable estimate', () => {
  // Three lists, no case on two lists or more: every pair is non-overlapping. With all three
  // two-list effects the model has 1+3 parameters on 3 histories: not identifiable.
  const sparse = table('A,B,C,count\n1,0,0,5\n0,1,0,7\n0,0,1,9\n');
  const full = fullCounts(sparse);
  assert.deepEqual(checkModel(full, 3, [[0, 1], [0, 2], [1, 2]]), { exists: true, identifiable: false });
  // All three two-list effects on three lists: 7 parameters for 7 histories, so the fit must
  // reproduce every count; with the ABC history empty its fitted mean would have to be 0 — the
  // maximum likelihood estimate does not exist, although the model is identifiable.
  const t2 = table('A,B,C,count\n1,0,0,5\n0,1,0,7\n0,0,1,9\n1,1,0,2\n1,0,1,3\n0,1,1,4\n');
  assert.deepEqual(checkModel(fullCounts(t2), 3, [[0, 1], [0, 2], [1, 2]]), { exists: false, identifiable: true });
  assert.deepEqual(checkModel(fullCounts(t2), 3, [[0, 1], [0, 2]]), { exists: true, identifiable: true });
  assert.deepEqual(checkModel(fullCounts(t2), 3, []), { exists: true, identifiable: true });
});

test('an overlap table that admits no estimate says so instead of printing a number', () => {
  // Two lists that never overlap: the main-effects MLE does not exist (no recapture).
  const r = estimatePopulation(table('A,B,count\n1,0,30\n0,1,20\n'), { replicates: 0 });
  assert.equal(r.estimate, null);
  assert.equal(r.check.exists, false);
  assert.match(r.check.message, /does not exist/);
});

test('malformed tables are refused with file, line and column', () => {
  const cases: [string, RegExp][] = [
    ['A,B,count\n1,0,30\n0,1,-2\n', /test\.csv:3 \[count\]: negative count/],
    ['A,B,count\n1,0,30\n0,1,2.5\n', /test\.csv:3 \[count\]: 2\.5 is not a whole number/],
    ['A,B,count\n1,0,30\n0,2,4\n', /test\.csv:3 \[B\]: "2" is not 0 or 1/],
    ['A,B,total\n1,0,30\n', /test\.csv:1 \[total\]: the last column must hold the counts/],
    ['A,count\n1,30\n', /test\.csv:1 \[header\]: expected at least two list columns/],
    ['A,B,C,D,E,F,G,H,I,count\n1,0,0,0,0,0,0,0,0,3\n', /test\.csv:1 \[header\]: too many lists: 9/],
    ['A,B,count\n1,0,30\n1,0,4\n0,1,1\n1,1,1\n', /test\.csv:3: this capture history already appears on line 2/],
    ['A,B,count\n0,0,30\n', /test\.csv:2: a row with 0 on every list/],
    ['A,B,count\n1,0,30\n0,1\n', /test\.csv:3: row has 2 fields/],
    ['A,A,count\n1,0,30\n', /test\.csv:1 \[A\]: list "A" appears twice/],
    ['A,B,count\n1,0,30\n1,1,3\n', /test\.csv:1 \[A\]: list A holds every observed case/],
    ['A,B,count\n1,0,x\n', /test\.csv:2 \[count\]: "x" is not a count/],
  ];
  for (const [csv, re] of cases) {
    assert.throws(() => parseOverlapCsv(csv, 'test.csv'), (e: unknown) => e instanceof InputError && re.test(e.message), csv);
  }
});

test('the parser accepts any valid table it is given, whatever the row order', () => {
  fc.assert(
    fc.property(fc.integer({ min: 2, max: 5 }), fc.array(fc.nat(50), { minLength: 31, maxLength: 31 }), (m, counts) => {
      const rows: string[] = [];
      for (let h = 1; h < 1 << m; h++) {
        const flags = Array.from({ length: m }, (_, i) => (h >> i) & 1).join(',');
        rows.push(`${flags},${counts[h - 1]! + 1}`);
      }
      rows.reverse();
      const t = parseOverlapCsv([Array.from({ length: m }, (_, i) => `L${i}`).join(',') + ',count', ...rows].join('\n'));
      return t.rows.length === (1 << m) - 1 && t.rows.reduce((s, r) => s + r.count, 0) === counts.slice(0, (1 << m) - 1).reduce((s, c) => s + c + 1, 0);
    }),
    { numRuns: 30 },
  );
});

const data = sharedData();
const read = (name: string) =>
  parseOverlapCsv(readFileSync(join(data!, 'stats/mse-hidden-population/sparsemse-2.0.1', `${name}.derived.csv`), 'utf8'), `${name}.derived.csv`);

test('UK 2013, five lists: the stepwise model reproduces the Home Office published 11,313', { skip: data ? false : SKIP_NO_DATA }, () => {
  const t = read('UKdat_5');
  const s = stepwise(t)!;
  assert.equal(s.model.observed, 2744);
  assert.ok(Math.abs(s.model.estimate - 11313) <= 1, `estimate ${s.model.estimate}`);
  // The model the stepwise search chose, in the order it added the effects.
  assert.deepEqual(s.steps.map((x) => x.added), ['LA:NG', 'NG:GP', 'PFNCA:GP', 'LA:PFNCA', 'GO:GP', 'NG:GO']);
});

test('UK 2013, five lists: BCa bootstrap interval brackets the estimate and is repeatable', { skip: data ? false : SKIP_NO_DATA }, () => {
  const t = read('UKdat_5');
  const a = estimatePopulation(t, { replicates: 200, seed: 7 });
  const b = estimatePopulation(t, { replicates: 200, seed: 7 });
  assert.ok(a.interval && a.estimate);
  assert.deepEqual(a.interval, b.interval, 'same seed, same interval');
  assert.ok(a.interval.low < a.estimate && a.estimate < a.interval.high);
  assert.ok(a.interval.low > a.observed, 'the population is at least the cases observed');
  assert.equal(a.bootstrap?.failed, 0);
  // The published Home Office range (10,000–13,000) overlaps the interval.
  assert.ok(a.interval.low < 13000 && a.interval.high > 10000);
  // The threshold sensitivity: the default row is the estimate itself, main effects alone differ.
  assert.equal(a.sensitivity.find((x) => x.pThreshold === 0.02)!.estimate, a.estimate);
  assert.equal(a.sensitivity.find((x) => x.pThreshold === 0)!.estimate, a.mainEffectsEstimate);
  assert.deepEqual(a.sensitivity.find((x) => x.pThreshold === 0)!.twoListEffects, []);
});

test('UK 2013, five lists: the parametric bootstrap from the selected model also brackets the estimate, and differs from the observed resampling', { skip: data ? false : SKIP_NO_DATA }, () => {
  const t = read('UKdat_5');
  const fitted = estimatePopulation(t, { replicates: 200, seed: 7, resample: 'fitted' });
  const observed = estimatePopulation(t, { replicates: 200, seed: 7 });
  assert.equal(fitted.bootstrap?.resample, 'fitted');
  assert.match(fitted.interval!.method, /samples from the selected model/);
  assert.ok(fitted.interval!.low < fitted.estimate! && fitted.estimate! < fitted.interval!.high);
  assert.notDeepEqual(fitted.interval, observed.interval);
});

test('Netherlands: pairs with no case in common are fitted as non-overlapping, not as free parameters', { skip: data ? false : SKIP_NO_DATA }, () => {
  const r = estimatePopulation(read('Ned'), { replicates: 0 });
  assert.equal(r.observed, 8234);
  assert.ok(r.model && r.model.nonOverlappingEffects.length > 0);
  assert.ok(r.estimate! > r.observed);
});

test('published comparisons: a point is compared by difference, a range by inside/outside, and only known-model points are checks', () => {
  const t = table('A,B,count\n1,0,30\n0,1,20\n1,1,10\n'); // Lincoln–Petersen: 120
  const est = estimatePopulation(t, { replicates: 0 });
  const study = {
    ...MSE_STUDIES[0]!,
    comparisons: [
      { label: 'point', point: 119.5, low: null, high: null, compareWith: 'main-effects', modelKnown: true, citation: 'c', url: 'u' },
      { label: 'range around', point: null, low: 100, high: 130, compareWith: 'stepwise', modelKnown: false, citation: 'c', url: 'u' },
      { label: 'range below', point: null, low: 50, high: 110, compareWith: 'stepwise', modelKnown: false, citation: 'c', url: 'u' },
    ],
  } satisfies MseStudy;
  const [point, around, below] = compareWithPublished(study, est);
  assert.ok(Math.abs(point!.difference! - 0.5) < 1e-6 && point!.insideRange === null);
  assert.deepEqual([around!.difference, around!.insideRange], [null, true]);
  assert.deepEqual([below!.difference, below!.insideRange], [null, false]);
  // Main effects is the only model here (two lists): it sits inside or outside with the estimate; a point comparison has no range verdict.
  assert.deepEqual([around!.mainEffectsInsideRange, below!.mainEffectsInsideRange, point!.mainEffectsInsideRange], [true, false, null]);
  // With no estimate there is nothing to compare: no difference, no verdict.
  const none = estimatePopulation(table('A,B,count\n1,0,30\n0,1,20\n'), { replicates: 0 });
  assert.ok(compareWithPublished(study, none).every((c) => c.ours === null && c.difference === null && c.insideRange === null));
});

test('the catalogue: every study either has a reproduced published figure or says what was not found; ranges of unknown models are never checks', () => {
  for (const s of MSE_STUDIES) {
    if (!s.published) assert.ok(s.searchNote.length > 40, `${s.id}: a study without a checked figure says what was searched`);
    for (const c of s.comparisons) {
      if (!c.modelKnown) assert.equal(c.point, null, `${s.id}: a figure whose model is unknown is shown as a range, never as a point to match`);
      if (c.modelKnown) assert.notEqual(c.point, null, `${s.id}: a known-model comparison has a point to reproduce`);
      assert.ok(c.low === null || (c.high !== null && c.low < c.high), `${s.id}: ${c.label}`);
      assert.match(c.url, /^https:\/\//);
    }
  }
});

test('every published figure with a known model is reproduced within ±1 (Home Office 11,313; Binette & Steorts’ SparseMSE and independence runs)', { skip: data ? false : SKIP_NO_DATA }, () => {
  let checked = 0;
  for (const s of MSE_STUDIES) {
    const est = estimatePopulation(read(s.file.replace('.derived.csv', '')), { replicates: 0 });
    if (s.published) {
      assert.ok(Math.abs(est.estimate! - s.published.estimate) <= 1, `${s.id}: ${est.estimate} vs published ${s.published.estimate}`);
      checked++;
    }
    for (const c of compareWithPublished(s, est).filter((x) => x.modelKnown)) {
      assert.ok(Math.abs(c.difference!) <= 1, `${s.id} ${c.compareWith}: ours ${c.ours} vs published ${c.point}`);
      checked++;
    }
  }
  // UKdat_5: the Home Office figure, and Binette & Steorts' stepwise and main-effects figures.
  assert.equal(checked, 3);
});
