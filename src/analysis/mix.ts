// The enforcement mix: trafficking vs prostitution offense groups side by side per state-year.
// Kept apart from rates.ts because it calls query(), which itself adds rates: one module each
// keeps the import graph acyclic.
import { UsageError } from '../sources/errors.ts';
import type { Store } from '../store/store.ts';
import { coverageFor, coverageKey } from './coverage.ts';
import { query, type QueryParams } from './query.ts';
import { addRates } from './rates.ts';

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
    // Coverage of every new state-year in one set-based lookup, not one per row.
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
