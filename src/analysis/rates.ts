// Rates per 100,000 for NIBRS counts (the enforcement mix is in mix.ts). The denominator is the population
// covered by the agencies that reported to NIBRS (agencies table: sum of `population` where
// `nibrs_participated` is set) for the row's place and year — never the whole state's population,
// since agencies that did not report contribute no counts. Every rate says which denominator it used.
import { UsageError } from '../sources/errors.ts';
import type { MeasureDef } from '../model/types.ts';
import type { Store } from '../store/store.ts';
import { rateBaseOf } from '../sources/descriptors.ts';
import { coverageFor, coverageKey } from './coverage.ts';
import type { ResultRow } from '../model/results.ts';

export const RATE_BASE = 100_000;

const fmt = (n: number) => n.toLocaleString('en-US');

/** Rates only where the measure's source descriptor names their denominator, and only for additive counts. */
export function rateAllowed(measure: MeasureDef): boolean {
  return rateBaseOf(measure.id) === 'nibrs-covered-population' && measure.valueType === 'count' && measure.aggregation === 'sum';
}

/**
 * Adds `rate_per_100k` and `denominator` (text) to every row (in `extra`). A suppressed count
 * gives a suppressed rate (the rate and the population would reveal the count).
 */
export async function addRates(store: Store, measure: MeasureDef, rows: ResultRow[]): Promise<void> {
  if (!rateAllowed(measure)) {
    throw new UsageError(`rates per 100,000 are available for NIBRS counts only; ${measure.id} is a ${measure.valueType} (${measure.family})`);
  }
  const group = rows.some((r) => Object.keys(r.dims).length > 0);
  const coverage = await coverageFor(store, rows);
  for (const row of rows) {
    const c = coverage.get(coverageKey(row));
    let rate: number | null = null;
    let denominator: string;
    if (row.suppressed) {
      denominator = 'rate withheld with the count (disclosure control)';
    } else if (!c) {
      denominator = 'no NIBRS coverage information for this place and year: no rate';
    } else if (c.populationCovered <= 0) {
      denominator =
        row.placeKind === 'agency'
          ? 'agency population is 0 in the FBI agencies table (its residents are counted under another agency) or it did not report: no rate'
          : 'population covered is 0: no rate';
    } else {
      rate = row.value === null ? null : Math.round((row.value / c.populationCovered) * RATE_BASE * 1000) / 1000;
      const who = row.placeKind === 'agency' ? `the agency's population (FBI agencies table)` : `the population covered by NIBRS-reporting agencies (sum of agencies.population where nibrs_participated is set)`;
      denominator = `per 100,000 of ${who}: ${fmt(c.populationCovered)}, ${row.period}${group ? '; all residents, not the population of the group shown' : ''}`;
    }
    row.extra = { ...row.extra, rate_per_100k: rate, denominator };
  }
}
