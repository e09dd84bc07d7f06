// Rates per 100,000 for NIBRS counts, and the enforcement mix. The denominator is the population
// covered by the agencies that reported to NIBRS (agencies table: sum of `population` where
// `nibrs_participated` is set) for the row's place and year — never the whole state's population,
// since agencies that did not report contribute no counts. Every rate says which denominator it used.
import { UsageError } from '../sources/errors.ts';
import type { MeasureDef } from '../model/types.ts';
import type { Store } from '../store/store.ts';
import { coverageFor, coverageKey } from './coverage.ts';
import { query, type QueryParams, type ResultRow } from './query.ts';

export const RATE_BASE = 100_000;

const fmt = (n: number) => n.toLocaleString('en-US');

export function rateAllowed(measure: MeasureDef): boolean {
  return measure.family === 'nibrs' && measure.valueType === 'count' && measure.aggregation === 'sum';
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

export interface MixRow {
  state: string;
  stateName: string;
  period: number;
  /** Offense or arrestee counts by offense group, side by side (never summed across topics). */
  counts: Record<string, number | null>;
  rates: Record<string, number | null>;
  coverage: string;
  populationCovered: number | null;
}

/** The enforcement mix columns: trafficking vs prostitution (selling, promoting) vs purchasing. */
export const MIX_COLUMNS: { key: string; measure: string }[] = [];
for (const kind of ['offenses', 'arrestees']) {
  for (const slug of ['sex_trafficking', 'labor_trafficking', 'prostitution', 'promoting_prostitution', 'purchasing_prostitution']) {
    MIX_COLUMNS.push({ key: `${kind}.${slug}`, measure: `nibrs.${kind}.${slug}` });
  }
}

/**
 * Enforcement mix per state-year: trafficking offenses (64A, 64B) vs prostitution offenses
 * (40A, 40B) vs purchasing (40C), and the same for arrestees, as counts and rates per 100,000
 * with coverage. Each column is its own measure; nothing is summed across trafficking and
 * prostitution. State level and above only, so no cell needs suppression.
 */
export async function enforcementMix(store: Store, params: Omit<QueryParams, 'measure' | 'by'>): Promise<MixRow[]> {
  const out = new Map<string, MixRow>();
  const loaded: typeof MIX_COLUMNS = [];
  for (const col of MIX_COLUMNS) {
    let result;
    try {
      result = await query(store, { ...params, measure: col.measure, by: ['state'] });
    } catch (e) {
      if (e instanceof UsageError && /unknown measure/.test(e.message)) continue;
      throw e;
    }
    loaded.push(col);
    await addRates(store, result.measure, result.rows);
    const coverage = await coverageFor(store, result.rows.filter((r) => !out.has(`${r.place}|${r.period}`)));
    for (const r of result.rows) {
      const key = `${r.place}|${r.period}`;
      let m = out.get(key);
      if (!m) {
        const c = coverage.get(coverageKey(r));
        m = { state: r.place, stateName: r.placeName, period: r.period, counts: {}, rates: {}, coverage: c?.text ?? '', populationCovered: c?.populationCovered ?? null };
        out.set(key, m);
      }
      m.counts[col.key] = r.suppressed ? null : r.value;
      m.rates[col.key] = (r.extra?.rate_per_100k as number | null | undefined) ?? null;
    }
  }
  // A loaded bundle records every arrest and victim; a state-year with none for an offense has
  // no rows for it, which means zero, not missing.
  for (const m of out.values()) {
    for (const col of loaded) {
      if (m.counts[col.key] !== undefined) continue;
      m.counts[col.key] = 0;
      m.rates[col.key] = m.populationCovered ? 0 : null;
    }
  }
  return [...out.values()].sort((a, b) => a.period - b.period || a.state.localeCompare(b.state));
}
