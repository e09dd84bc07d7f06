// NIBRS coverage beside every figure: which agencies reported and what population they cover,
// for the place and year of each result row (state-year from the coverage table; an agency's own
// participation and population; sums over the loaded states for national rows).
import type { MeasureDef } from '../model/types.ts';
import type { Store } from '../store/store.ts';
import { coverageKindOf, sourceOfMeasure } from '../sources/descriptors.ts';
import type { ResultRow } from './query.ts';
import { storeIndex, type NibrsCoverage } from './store-index.ts';

export interface Coverage {
  agenciesInFile: number;
  agenciesReporting: number;
  populationCovered: number;
  /** State-years the figure rests on (1 for a state or agency row). */
  stateYears: number;
  /** Some bundle behind the figure is a cut-down test bundle. */
  partial: boolean;
  text: string;
}

const fmt = (n: number) => n.toLocaleString('en-US');

/** Measures the coverage beside a figure is read from: residents (Census) and UCR human-trafficking participation. */
const RESIDENTS = 'census.population';
const HT_STATES = 'fbi.ht.participating_states';
const HT_AGENCIES = 'fbi.ht.reporting_agencies';
export const COVERAGE_MEASURES: readonly string[] = [RESIDENTS, HT_STATES, HT_AGENCIES];

/** The place and period a coverage figure is asked for. */
export interface CoverageKey {
  place: string;
  placeKind: string;
  period: number;
}

/** Agency rows by ORI, state rows by state code, anything else (national) by period alone. */
export const coverageKey = (k: CoverageKey): string =>
  k.placeKind === 'agency' ? `agency|${k.place}|${k.period}` : k.placeKind === 'state' ? `state|${k.place}|${k.period}` : `all||${k.period}`;

/** Coverage of one place and period; null when the place has no NIBRS bundle. */
export async function coverageOf(store: Store, placeId: string, placeKind: string, period: number): Promise<Coverage | null> {
  const key = { place: placeId, placeKind, period };
  return (await coverageFor(store, [key])).get(coverageKey(key)) ?? null;
}

/**
 * Coverage of many places and periods, from the store index (read once per store version), however
 * many rows ask. Keyed by coverageKey; a key missing from the map has no NIBRS coverage.
 */
export async function coverageFor(store: Store, keys: CoverageKey[]): Promise<Map<string, Coverage>> {
  const out = new Map<string, Coverage>();
  if (keys.length === 0) return out;
  const coverage = await (await storeIndex(store)).nibrsCoverage(store);
  if (coverage === null) return out;
  // What one version's coverage says of a place and year never changes: each is worded once.
  let memo = worded.get(coverage);
  if (!memo) worded.set(coverage, (memo = new Map()));
  for (const k of keys) {
    const key = coverageKey(k);
    if (out.has(key)) continue;
    let c = memo.get(key);
    if (c === undefined) memo.set(key, (c = describeCoverage(coverage, k)));
    if (c) out.set(key, c);
  }
  return out;
}

const worded = new WeakMap<NibrsCoverage, Map<string, Coverage | null>>();

function describeCoverage(coverage: NibrsCoverage, k: CoverageKey): Coverage | null {
  if (k.placeKind === 'agency') {
    const a = coverage.agencyYears.get(`${k.place}|${k.period}`);
    if (!a) return null;
    const rep = a.participated;
    const pop = a.population;
    return {
      agenciesInFile: 1,
      agenciesReporting: rep ? 1 : 0,
      populationCovered: rep ? pop : 0,
      stateYears: 1,
      partial: a.partial,
      text: `agency ${rep ? 'reported to NIBRS' : 'did NOT report to NIBRS'} in ${k.period}; population ${fmt(pop)}${pop === 0 ? ' (residents counted under another agency)' : ''}`,
    };
  }
  const state = k.placeKind === 'state';
  const bundles = coverage.bundles.filter((r) => r.year === k.period && (!state || r.state === k.place));
  if (bundles.length === 0) return null;
  const n = bundles.length;
  const c = {
    agenciesInFile: bundles.reduce((t, b) => t + b.agenciesInFile, 0),
    agenciesReporting: bundles.reduce((t, b) => t + b.agenciesReporting, 0),
    populationCovered: bundles.reduce((t, b) => t + b.populationCovered, 0),
    stateYears: n,
    partial: bundles.some((b) => b.partial),
  };
  const states = bundles.map((b) => b.state).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const scope = state ? '' : ` in the ${n} state extract${n === 1 ? '' : 's'} loaded for ${k.period} (${states.join(', ')})`;
  return {
    ...c,
    text: `${fmt(c.agenciesReporting)} of ${fmt(c.agenciesInFile)} agencies reporting to NIBRS${scope}; population covered ${fmt(c.populationCovered)}${c.partial ? '; includes a cut-down test bundle' : ''}`,
  };
}

/**
 * Adds coverage columns to every row of a NIBRS measure (in `extra`, so every output shows
 * them): coverage (text), coverage_agencies_reporting, coverage_agencies_in_file,
 * coverage_population. A fixed number of statements whatever the number of rows.
 */
export async function addCoverage(store: Store, measure: MeasureDef, rows: ResultRow[]): Promise<void> {
  // Which coverage a measure carries is declared in its source descriptor (the measure group's `coverage`).
  const kind = coverageKindOf(measure.id);
  if (kind === 'ucr-ht-participation') return addHtCoverage(store, rows);
  if (kind !== 'nibrs-agencies') return;
  const coverage = await coverageFor(store, rows);
  const stateCoverage = rows
    .filter((r) => r.placeKind === 'state')
    .map((r) => ({ state: r.place, period: r.period, covered: coverage.get(coverageKey(r))?.populationCovered }))
    .filter((s): s is { state: string; period: number; covered: number } => s.covered !== undefined);
  const shares = await residentShares(store, stateCoverage);
  for (const row of rows) {
    const c = coverage.get(coverageKey(row)) ?? null;
    const share = row.placeKind === 'state' && c ? (shares.get(`${row.place}|${row.period}`) ?? null) : null;
    row.extra = {
      ...row.extra,
      coverage: c ? c.text : 'no NIBRS coverage information for this place and year',
      coverage_agencies_reporting: c ? c.agenciesReporting : null,
      coverage_agencies_in_file: c ? c.agenciesInFile : null,
      coverage_population: c ? c.populationCovered : null,
      coverage_share_of_residents: share === null ? null : Math.round(share * 1000) / 1000,
    };
    if (share !== null && share < NIBRS_LOW_COVERAGE) {
      row.flags = [...row.flags, `low_coverage:agencies reporting cover under ${NIBRS_LOW_COVERAGE * 100}% of residents`];
    }
  }
}

/** A state-year whose reporting agencies cover less than this share of residents is flagged. */
export const NIBRS_LOW_COVERAGE = 0.8;

/**
 * Population covered by reporting agencies as a share of each state's residents (Census PEP, the
 * year closest to the data year, the earlier on a tie), keyed "state|period"; a state-year without
 * a Census population is absent. One statement for every state-year asked.
 */
async function residentShares(store: Store, asked: { state: string; period: number; covered: number }[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (asked.length === 0) return out;
  const index = await storeIndex(store);
  const byState = new Map<string, { period: number; value: number | null }[]>();
  if (index.measures.has(RESIDENTS)) {
    for (const o of await index.observations(store, RESIDENTS)) {
      let list = byState.get(o.place.id);
      if (!list) byState.set(o.place.id, (list = []));
      list.push({ period: o.period, value: o.value });
    }
  }
  for (const a of asked) {
    let best: { period: number; value: number | null } | null = null;
    for (const p of byState.get(a.state) ?? []) {
      const d = Math.abs(p.period - a.period);
      if (!best || d < Math.abs(best.period - a.period) || (d === Math.abs(best.period - a.period) && p.period < best.period)) best = p;
    }
    const pop = best?.value ?? 0;
    if (pop > 0) out.set(`${a.state}|${a.period}`, a.covered / pop);
  }
  return out;
}

/**
 * Caveats of every NIBRS bundle behind the rows (the measures table names only the bundle that
 * holds the definitions, so the generic caveat lookup misses the others): every source loaded by
 * the importer whose descriptor declares the measure.
 */
export async function coverageCaveats(store: Store, measure: MeasureDef, rows: ResultRow[], already: string[]): Promise<string[]> {
  if (coverageKindOf(measure.id) !== 'nibrs-agencies' || rows.length === 0) return [];
  const index = await storeIndex(store);
  const importer = sourceOfMeasure(measure.id);
  const periods = new Set(rows.map((r) => r.period));
  // States behind the rows; national rows take every state.
  const national = rows.some((r) => r.placeKind !== 'state' && r.placeKind !== 'agency');
  const states = new Set<string>();
  for (const r of rows) if (r.placeKind === 'state') states.add(r.place);
  for (const r of rows) {
    const parent = r.placeKind === 'agency' ? index.places.get(r.place)?.parent : undefined;
    if (parent) states.add(parent);
  }
  const seen = new Set(already);
  const out = new Set<string>();
  for (const c of index.caveats) {
    if (index.sources.get(c.sourceId)?.importer !== importer) continue;
    if (c.measure !== null && c.measure !== measure.id) continue;
    if (c.period !== null && !periods.has(c.period)) continue;
    if (!national && c.place !== null && !states.has(c.place)) continue;
    if (!seen.has(c.text)) out.add(c.text);
  }
  return [...out];
}

/** Fewer participating states than this marks a national UCR human-trafficking figure as low coverage. */
export const HT_LOW_COVERAGE_STATES = 25;

/**
 * FBI UCR human trafficking: participation grew from 6 states (2013) to 44 (2020), so every
 * figure carries how many states (national rows) or agencies (state rows) reported that year.
 */
async function addHtCoverage(store: Store, rows: ResultRow[]): Promise<void> {
  const periods = [...new Set(rows.map((r) => r.period))];
  if (periods.length === 0) return;
  const index = await storeIndex(store);
  const wanted = new Set(periods);
  const values = async (id: string) => (index.measures.has(id) ? (await index.observations(store, id)).filter((o) => wanted.has(o.period)) : []);
  index.preload(store, [HT_STATES, HT_AGENCIES].filter((id) => index.measures.has(id)));
  const states = new Map((await values(HT_STATES)).map((c) => [c.period, Number(c.value)]));
  const agencies = new Map((await values(HT_AGENCIES)).map((c) => [`${c.place.id}|${c.period}`, Number(c.value)]));
  for (const row of rows) {
    if (row.placeKind === 'state') {
      const n = agencies.get(`${row.place}|${row.period}`);
      row.extra = { ...row.extra, coverage: n === undefined ? `no agency in ${row.placeName} reported human trafficking to the UCR in ${row.period}` : `${fmt(n)} agencies in ${row.placeName} reported to the UCR human-trafficking collection in ${row.period}` };
    } else if (row.placeKind !== 'agency') {
      const n = states.get(row.period);
      row.extra = { ...row.extra, coverage: n === undefined ? 'participation not recorded' : `${n} states participating in ${row.period}` };
      if (n !== undefined && n < HT_LOW_COVERAGE_STATES) row.flags = [...row.flags, `low_coverage:fewer than ${HT_LOW_COVERAGE_STATES} states participating`];
    }
  }
}
