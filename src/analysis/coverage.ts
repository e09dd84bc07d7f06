// NIBRS coverage beside every figure: which agencies reported and what population they cover,
// for the place and year of each result row (state-year from the coverage table; an agency's own
// participation and population; sums over the loaded states for national rows).
import { listValue } from '@duckdb/node-api';
import type { MeasureDef } from '../model/types.ts';
import type { Store } from '../store/store.ts';
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

/** Coverage of one result row's place and period; null when the row's place has no NIBRS bundle. */
export async function coverageOf(store: Store, placeId: string, placeKind: string, period: number): Promise<Coverage | null> {
  if (!(await hasTable(store, 'nibrs_coverage'))) return null;
  if (placeKind === 'agency') {
    const rows = await store.all(
      'SELECT a.population, a.nibrs_participated, c.partial FROM nibrs_agencies a JOIN nibrs_coverage c ON c.source_id = a.source_id WHERE a.ori = ? AND a.year = ?',
      [placeId, period],
    );
    const r = rows[0];
    if (!r) return null;
    const rep = Boolean(r.nibrs_participated);
    const pop = Number(r.population);
    return {
      agenciesInFile: 1,
      agenciesReporting: rep ? 1 : 0,
      populationCovered: rep ? pop : 0,
      stateYears: 1,
      partial: Boolean(r.partial),
      text: `agency ${rep ? 'reported to NIBRS' : 'did NOT report to NIBRS'} in ${period}; population ${fmt(pop)}${pop === 0 ? ' (residents counted under another agency)' : ''}`,
    };
  }
  const where = placeKind === 'state' ? 'state = ? AND year = ?' : 'year = ?';
  const args = placeKind === 'state' ? [placeId, period] : [period];
  const rows = await store.all(
    `SELECT count(*) AS n, sum(agencies_in_file) AS inf, sum(agencies_reporting) AS rep, sum(population_covered) AS pop, bool_or(partial) AS partial,
            string_agg(state, ', ' ORDER BY state) AS states
     FROM nibrs_coverage WHERE ${where}`,
    args,
  );
  const r = rows[0];
  if (!r || Number(r.n) === 0) return null;
  const n = Number(r.n);
  const c = {
    agenciesInFile: Number(r.inf),
    agenciesReporting: Number(r.rep),
    populationCovered: Number(r.pop),
    stateYears: n,
    partial: Boolean(r.partial),
  };
  const scope = placeKind === 'state' ? '' : ` in the ${n} state extract${n === 1 ? '' : 's'} loaded for ${period} (${String(r.states)})`;
  return {
    ...c,
    text: `${fmt(c.agenciesReporting)} of ${fmt(c.agenciesInFile)} agencies reporting to NIBRS${scope}; population covered ${fmt(c.populationCovered)}${c.partial ? '; includes a cut-down test bundle' : ''}`,
  };
}

/**
 * Adds coverage columns to every row of a NIBRS measure (in `extra`, so every output shows
 * them): coverage (text), coverage_agencies_reporting, coverage_agencies_in_file,
 * coverage_population.
 */
export async function addCoverage(store: Store, measure: MeasureDef, rows: ResultRow[]): Promise<void> {
  if (/^fbi\.ht\.(offenses|cleared|cleared_juvenile|unfounded)$/.test(measure.id)) return addHtCoverage(store, rows);
  if (measure.family !== 'nibrs') return;
  const cache = new Map<string, Coverage | null>();
  const shares = new Map<string, number | null>();
  for (const row of rows) {
    const key = `${row.placeKind}|${row.place}|${row.period}`;
    if (!cache.has(key)) cache.set(key, await coverageOf(store, row.place, row.placeKind, row.period));
    const c = cache.get(key)!;
    if (!shares.has(key)) shares.set(key, row.placeKind === 'state' && c ? await residentShare(store, row.place, row.period, c.populationCovered) : null);
    const share = shares.get(key)!;
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
 * Population covered by reporting agencies as a share of the state's residents (Census PEP, the
 * year closest to the data year); null when no Census population is loaded.
 */
async function residentShare(store: Store, state: string, period: number, covered: number): Promise<number | null> {
  const rows = await store.all(
    "SELECT period, value FROM observations WHERE measure = 'census.population' AND place = ? ORDER BY abs(period - ?), period LIMIT 1",
    [state, period],
  );
  const pop = Number(rows[0]?.value ?? 0);
  return pop > 0 ? covered / pop : null;
}

/**
 * Caveats of every NIBRS bundle behind the rows (the measures table names only the bundle that
 * holds the definitions, so the generic caveat lookup misses the others).
 */
export async function coverageCaveats(store: Store, measure: MeasureDef, rows: ResultRow[], already: string[]): Promise<string[]> {
  if (measure.family !== 'nibrs' || rows.length === 0) return [];
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
     WHERE s.family = 'nibrs' AND (c.measure IS NULL OR c.measure = ?)
       AND (c.period IS NULL OR c.period IN (SELECT unnest(?::INTEGER[])))
       AND (? OR c.place IS NULL OR c.place IN (SELECT unnest(?::VARCHAR[])))
     GROUP BY c.text ORDER BY min(c.rowid)`,
    [measure.id, listValue(periods), national, listValue(states.size ? [...states] : [''])],
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
