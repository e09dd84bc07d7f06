// Complementary suppression, proved on random hierarchical tables (units × total × categories,
// state margins published): after protectTable, every primary cell's feasible interval meets the
// rule — checked by the GLPK attacker and, on small tables, by an independent brute-force
// enumeration of every integer completion that matches what is published.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { protectTable, requirements, publishedView, margins, type CellTable } from '../../src/analysis/disclosure/suppress.ts';
import { feasibleIntervals } from '../../src/analysis/disclosure/intervals.ts';

const rule = { threshold: 10 };

/** A random table: rows units, cols − 1 categories (0 = totals only); totals are the row sums. */
const table = (maxRows: number, maxCats: number, maxValue: number) =>
  fc
    .record({ rows: fc.integer({ min: 2, max: maxRows }), cats: fc.integer({ min: 0, max: maxCats }) })
    .chain(({ rows, cats }) =>
      fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 10, max: maxValue })), { minLength: rows * Math.max(cats, 1), maxLength: rows * Math.max(cats, 1) }).map((v) => {
        const cols = cats + 1;
        const values: number[] = [];
        for (let r = 0; r < rows; r++) {
          if (cats === 0) values.push(v[r]!);
          else {
            const row = v.slice(r * cats, (r + 1) * cats);
            values.push(row.reduce((a, x) => a + x, 0), ...row);
          }
        }
        return { rows, cols, values } satisfies CellTable;
      }),
    );

/**
 * Every integer completion of the withheld cells consistent with the published cells and margins:
 * each category column's withheld cells take every split of what its margin leaves; unit totals
 * follow from their categories and must match what is published.
 */
function bruteForceIntervals(t: CellTable, withheld: boolean[]): Map<number, [number, number]> {
  const m = margins(t);
  const out = new Map<number, [number, number]>();
  const x = t.values.map((v, i) => (withheld[i] ? 0 : v));
  const firstCol = t.cols > 1 ? 1 : 0;
  const record = (): void => {
    if (t.cols > 1) {
      let sum = 0;
      for (let r = 0; r < t.rows; r++) {
        let s = 0;
        for (let c = 1; c < t.cols; c++) s += x[r * t.cols + c]!;
        if (!withheld[r * t.cols] && s !== t.values[r * t.cols]) return;
        x[r * t.cols] = s;
        sum += s;
      }
      if (sum !== m[0]) return;
    }
    withheld.forEach((w, i) => {
      if (!w) return;
      const cur = out.get(i);
      out.set(i, cur ? [Math.min(cur[0], x[i]!), Math.max(cur[1], x[i]!)] : [x[i]!, x[i]!]);
    });
  };
  const column = (c: number): void => {
    if (c === t.cols) return record();
    const hidden: number[] = [];
    let rest = m[c]!;
    for (let r = 0; r < t.rows; r++) {
      if (withheld[r * t.cols + c]) hidden.push(r * t.cols + c);
      else rest -= t.values[r * t.cols + c]!;
    }
    if (rest < 0) return;
    const split = (k: number, left: number): void => {
      if (k === hidden.length - 1) {
        x[hidden[k]!] = left;
        return column(c + 1);
      }
      for (let v = 0; v <= left; v++) {
        x[hidden[k]!] = v;
        split(k + 1, left - v);
      }
    };
    if (hidden.length === 0) return rest === 0 ? column(c + 1) : undefined;
    split(0, rest);
  };
  column(firstCol);
  return out;
}

test('the issue’s pinning attack: a total of 4 over 4 withheld agencies no longer pins each at 1', async () => {
  // Vermont 40A: four agencies with 1 each, others 0 or large. Withheld must include a cell that
  // lets each 1 be 0 (a zero) and reach 10 (the large one): the state total alone then says nothing.
  const t: CellTable = { rows: 7, cols: 1, values: [1, 1, 1, 1, 0, 0, 25] };
  const p = await protectTable(t, rule);
  const iv = await feasibleIntervals(publishedView(t, p.withheld), [0, 1, 2, 3]);
  for (const i of [0, 1, 2, 3]) {
    assert.equal(iv.get(i)!.lo, 0);
    assert.ok(iv.get(i)!.hi >= 10, `cell ${i}: ${JSON.stringify(iv.get(i))}`);
  }
});

test('state minus the shown agencies and total minus the shown subcategories recover nothing', async () => {
  // Two agencies × two subcategories: agency A has 3 of subcategory X.
  const t: CellTable = { rows: 3, cols: 3, values: [15, 3, 12, 20, 10, 10, 30, 25, 5] };
  const p = await protectTable(t, rule);
  assert.ok(p.withheld[1], 'the 3 is withheld');
  for (let r = 0; r < t.rows; r++) {
    const row = [0, 1, 2].map((c) => p.withheld[r * 3 + c]);
    assert.notEqual(row.filter(Boolean).length, 1, `row ${r}: one withheld cell in a row is total minus the others`);
  }
  for (let c = 0; c < 3; c++) {
    const col = [0, 1, 2].map((r) => p.withheld[r * 3 + c]);
    assert.notEqual(col.filter(Boolean).length, 1, `column ${c}: one withheld cell in a column is the state margin minus the others`);
  }
});

test('a withheld unit total takes its breakdown with it (no labels under a withheld count)', async () => {
  const t: CellTable = { rows: 3, cols: 3, values: [4, 0, 4, 30, 15, 15, 40, 20, 20] };
  const p = await protectTable(t, rule);
  assert.deepEqual([0, 1, 2].map((c) => p.withheld[c]), [true, true, true]);
});

test('property: small random tables meet the rule by exhaustive enumeration (independent of the LP)', async () => {
  await fc.assert(
    fc.asyncProperty(table(3, 2, 12), async (t) => {
      const p = await protectTable(t, rule);
      const brute = bruteForceIntervals(t, p.withheld);
      for (const req of requirements(t, rule, p.primary)) {
        const [lo, hi] = brute.get(req.cell)!;
        assert.ok(lo <= req.lo && hi >= req.hi, `${JSON.stringify(t)} withheld ${JSON.stringify(p.withheld)}: cell ${req.cell} in [${lo}, ${hi}], rule [${req.lo}, ${req.hi}]`);
      }
    }),
    { numRuns: 150 },
  );
});

test('property: larger random tables meet the rule (GLPK attacker) and the pattern is deterministic', async () => {
  await fc.assert(
    fc.asyncProperty(table(12, 4, 60), async (t) => {
      const p = await protectTable(t, rule);
      const reqs = requirements(t, rule, p.primary);
      const iv = await feasibleIntervals(publishedView(t, p.withheld), reqs.map((r) => r.cell));
      for (const r of reqs) {
        const got = iv.get(r.cell)!;
        assert.ok(got.lo <= r.lo + 1e-6 && got.hi >= r.hi - 1e-6, `cell ${r.cell} (${r.value}): [${got.lo}, ${got.hi}] vs [${r.lo}, ${r.hi}]`);
      }
      assert.deepEqual((await protectTable(t, rule)).withheld, p.withheld, 'the same table gives the same pattern');
    }),
    { numRuns: 120 },
  );
});
