// NIBRS coverage beside every figure: which agencies reported and what population they cover,
// for the place and year of each result row (state-year from the coverage table; an agency's own
// participation and population; sums over the loaded states for national rows).
import { listValue } from '@duckdb/node-api';
import type { MeasureDef } from '../model/types.ts';
import type { Store } from '../store/store.ts';
import { coverageKindOf, sourceOfMeasure } from '../sources/descriptors.ts';
import type { ResultRow } from './query.ts';

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

async function hasTable(store: Store, name: string): Promise<boolean> {
  const r = await store.all("SELECT count(*) AS n FROM information_schema.tables WHERE table_name = ? AND table_schema = 'main'", [name]);
  return Number(r[0]?.n ?? 0) > 0;
}

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
 * Coverage of many places and periods in a fixed number of statements (one existence check, then
 * one per kind of place asked for: agencies, states, national), however many rows ask. Keyed by
 * coverageKey; a key missing from the map has no NIBRS coverage.
 */
export async function coverageFor(store: Store, keys: CoverageKey[]): Promise<Map<string, Coverage>> {
  const out = new Map<string, Coverage>();
  if (keys.length === 0 || !(await hasTable(store, 'nibrs_coverage'))) return out;
  const agencies = keys.filter((k) => k.placeKind === 'agency');
  const states = keys.filter((k) => k.placeKind === 'state');
  const national = keys.filter((k) => k.placeKind !== 'agency' && k.placeKind !== 'state');
  if (agencies.length) {
    // One row per (ORI, year) asked for; an agency in two bundles of a year keeps its first.
    const rows = await store.all(
      `SELECT a.ori, a.year, first(a.population ORDER BY a.source_id) AS population,
              first(a.nibrs_participated ORDER BY a.source_id) AS participated, first(c.partial ORDER BY a.source_id) AS partial
       FROM nibrs_agencies a JOIN nibrs_coverage c ON c.source_id = a.source_id
       WHERE a.ori IN (SELECT unnest(?::VARCHAR[])) AND a.year IN (SELECT unnest(?::INTEGER[]))
       GROUP BY a.ori, a.year`,
      [listValue([...new Set(agencies.map((k) => k.place))]), listValue([...new Set(agencies.map((k) => k.period))])],
    );
    for (const r of rows) {
      const rep = Boolean(r.participated);
      const pop = Number(r.population);
      const period = Number(r.year);
      out.set(coverageKey({ place: String(r.ori), placeKind: 'agency', period }), {
        agenciesInFile: 1,
        agenciesReporting: rep ? 1 : 0,
        populationCovered: rep ? pop : 0,
        stateYears: 1,
        partial: Boolean(r.partial),
        text: `agency ${rep ? 'reported to NIBRS' : 'did NOT report to NIBRS'} in ${period}; population ${fmt(pop)}${pop === 0 ? ' (residents counted under another agency)' : ''}`,
      });
    }
  }
  const summed = async (group: 'state' | 'all', asked: CoverageKey[]) => {
    const rows = await store.all(
      `SELECT ${group === 'state' ? 'state' : "''"} AS g, year, count(*) AS n, sum(agencies_in_file) AS inf, sum(agencies_reporting) AS rep,
              sum(population_covered) AS pop, bool_or(partial) AS partial, string_agg(state, ', ' ORDER BY state) AS states
       FROM nibrs_coverage
       WHERE year IN (SELECT unnest(?::INTEGER[]))${group === 'state' ? ' AND state IN (SELECT unnest(?::VARCHAR[]))' : ''}
       GROUP BY g, year`,
      group === 'state'
        ? [listValue([...new Set(asked.map((k) => k.period))]), listValue([...new Set(asked.map((k) => k.place))])]
        : [listValue([...new Set(asked.map((k) => k.period))])],
    );
    for (const r of rows) {
      const n = Number(r.n);
      const period = Number(r.year);
      const c = { agenciesInFile: Number(r.inf), agenciesReporting: Number(r.rep), populationCovered: Number(r.pop), stateYears: n, partial: Boolean(r.partial) };
      const scope = group === 'state' ? '' : ` in the ${n} state extract${n === 1 ? '' : 's'} loaded for ${period} (${String(r.states)})`;
      out.set(coverageKey({ place: String(r.g), placeKind: group, period }), {
        ...c,
        text: `${fmt(c.agenciesReporting)} of ${fmt(c.agenciesInFile)} agencies reporting to NIBRS${scope}; population covered ${fmt(c.populationCovered)}${c.partial ? '; includes a cut-down test bundle' : ''}`,
      });
    }
  };
  if (states.length) await summed('state', states);
  if (national.length) await summed('all', national);
  return out;
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
  const rows = await store.all(
    `WITH asked AS (SELECT unnest(?::VARCHAR[]) AS state, unnest(?::INTEGER[]) AS period)
     SELECT a.state, a.period, o.value FROM asked a
     JOIN observations o ON o.measure = 'census.population' AND o.place = a.state
     QUALIFY row_number() OVER (PARTITION BY a.state, a.period ORDER BY abs(o.period - a.period), o.period) = 1`,
    [listValue(asked.map((a) => a.state)), listValue(asked.map((a) => a.period))],
  );
  const covered = new Map(asked.map((a) => [`${a.state}|${a.period}`, a.covered]));
  for (const r of rows) {
    const key = `${String(r.state)}|${Number(r.period)}`;
    const pop = Number(r.value ?? 0);
    if (pop > 0) out.set(key, covered.get(key)! / pop);
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
  const periods = [...new Set(rows.map((r) => r.period))];
  // States behind the rows; national rows take every state.
  const national = rows.some((r) => r.placeKind !== 'state' && r.placeKind !== 'agency');
  const states = new Set<string>();
  for (const r of rows) if (r.placeKind === 'state') states.add(r.place);
  const agencies = [...new Set(rows.filter((r) => r.placeKind === 'agency').map((r) => r.place))];
  if (agencies.length) {
    const ps = await store.all('SELECT DISTINCT parent FROM places WHERE id IN (SELECT unnest(?::VARCHAR[]))', [listValue(agencies)]);
    for (const p of ps) states.add(String(p.parent));
  }
  const found = await store.all(
    `SELECT c.text FROM caveats c JOIN sources s ON s.id = c.source_id
     WHERE s.importer = ? AND (c.measure IS NULL OR c.measure = ?)
       AND (c.period IS NULL OR c.period IN (SELECT unnest(?::INTEGER[])))
       AND (? OR c.place IS NULL OR c.place IN (SELECT unnest(?::VARCHAR[])))
     GROUP BY c.text ORDER BY min(c.rowid)`,
    [sourceOfMeasure(measure.id)!, measure.id, listValue(periods), national, listValue(states.size ? [...states] : [''])],
  );
  const seen = new Set(already);
  return found.map((r) => String(r.text)).filter((t) => !seen.has(t));
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
  const cov = await store.all(
    `SELECT measure, place, period, value FROM observations
     WHERE measure IN ('fbi.ht.participating_states', 'fbi.ht.reporting_agencies') AND period IN (SELECT unnest(?::INTEGER[]))`,
    [listValue(periods)],
  );
  const states = new Map(cov.filter((c) => c.measure === 'fbi.ht.participating_states').map((c) => [Number(c.period), Number(c.value)]));
  const agencies = new Map(cov.filter((c) => c.measure === 'fbi.ht.reporting_agencies').map((c) => [`${String(c.place)}|${Number(c.period)}`, Number(c.value)]));
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
