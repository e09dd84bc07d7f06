// Disparity ratio: a group's share of arrests (or offenses, victims) divided by its share of the
// population. 1 = proportional. The 95% interval comes from the Wilson interval of the group's
// share of arrests; population shares from the ACS are treated as known (their margins are small
// next to those of a few dozen arrests, and the caveat says so).
import { UsageError } from '../sources/errors.ts';
import type { Store } from '../store/store.ts';
import { getMeasure, query } from './query.ts';
import type { DisparityResult, DisparityRow } from '../model/results.ts';

export type { DisparityResult, DisparityRow } from '../model/results.ts';

export interface GroupCount {
  group: string;
  count: number;
  population: number;
}

const Z95 = 1.959964;

/** Wilson score interval for a proportion k/n. */
export function wilson(k: number, n: number, z = Z95): [number, number] {
  if (n === 0) return [0, 1];
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return [Math.max(0, center - half), Math.min(1, center + half)];
}

export function disparityRatios(groups: GroupCount[]): DisparityRow[] {
  const total = groups.reduce((s, g) => s + g.count, 0);
  const pop = groups.reduce((s, g) => s + g.population, 0);
  return groups.map((g) => {
    const share = total ? g.count / total : 0;
    const populationShare = pop ? g.population / pop : 0;
    if (!total || !populationShare) return { ...g, share, populationShare, ratio: null, low: null, high: null };
    const [lo, hi] = wilson(g.count, total);
    return { ...g, share, populationShare, ratio: share / populationShare, low: lo / populationShare, high: hi / populationShare };
  });
}

/** FBI and Census name the same race groups slightly differently; compare on a common key. */
export function raceKey(label: string): string | null {
  const l = label.toLowerCase();
  if (/unknown|not specified|not stated/.test(l)) return null;
  if (/multiple|two or more/.test(l)) return 'Two or more races';
  if (/^white/.test(l)) return 'White';
  if (/black/.test(l)) return 'Black or African American';
  if (/american indian|alaska/.test(l)) return 'American Indian or Alaska Native';
  if (/hawaiian|pacific/.test(l)) return 'Native Hawaiian or Other Pacific Islander';
  if (/^asian/.test(l)) return 'Asian';
  if (/other race/.test(l)) return 'Some other race';
  return label;
}

export const POPULATION_BY_RACE = 'census.acs.population.by_race';


export async function disparityQuery(store: Store, p: { measure: string; place: string; period: number }): Promise<DisparityResult> {
  const measure = await getMeasure(store, p.measure);
  if (measure.valueType !== 'count' || measure.topic === 'context' || !measure.dimensions?.includes('race')) {
    throw new UsageError(`a disparity ratio needs a count of offenses, arrests or victims broken down by race; ${measure.id} is not one`);
  }
  const [place] = await store.all('SELECT id, kind FROM places WHERE upper(id) = upper(?)', [p.place]);
  if (!place) throw new UsageError(`unknown place "${p.place}"`);
  if (place.kind !== 'state' && place.id !== 'USA') throw new UsageError('disparity ratios are computed for a state or the United States, where population denominators exist');
  const counts = await query(store, { measure: measure.id, place: String(place.id), from: p.period, to: p.period, by: ['race'] });
  const popPeriods = await store.all(
    `SELECT DISTINCT o.period FROM observations o JOIN places pl ON pl.id = o.place
     WHERE o.measure = ? AND (pl.id = ? OR starts_with(pl.path, ?)) ORDER BY o.period`,
    [POPULATION_BY_RACE, String(place.id), `/${String(place.id)}/`],
  );
  if (popPeriods.length === 0) throw new UsageError(`no population by race is loaded for ${String(place.id)} (load the Census ACS DP05 files)`);
  // The population year closest to the data year, preferring earlier years on a tie.
  const popPeriod = popPeriods.map((r) => Number(r.period)).sort((a, b) => Math.abs(a - p.period) - Math.abs(b - p.period) || a - b)[0]!;
  const pop = await query(store, { measure: POPULATION_BY_RACE, place: String(place.id), from: popPeriod, to: popPeriod, by: ['race'] });
  const popByKey = new Map<string, number>();
  for (const r of pop.rows) {
    const k = raceKey(r.dims.race ?? '');
    if (k && r.value !== null) popByKey.set(k, (popByKey.get(k) ?? 0) + r.value);
  }
  const countByKey = new Map<string, number>();
  const excluded: DisparityResult['excluded'] = [];
  for (const r of counts.rows) {
    const label = r.dims.race ?? 'not stated';
    const k = raceKey(label);
    if (r.value === null) continue;
    if (!k) excluded.push({ group: label, count: r.value, reason: 'race not recorded' });
    else if (!popByKey.has(k)) excluded.push({ group: label, count: r.value, reason: 'no matching population group' });
    else countByKey.set(k, (countByKey.get(k) ?? 0) + r.value);
  }
  const groups = [...popByKey].map(([group, population]) => ({ group, population, count: countByKey.get(group) ?? 0 }));
  const caveats = [
    ...counts.caveats,
    `Population shares are from the Census ACS 1-year estimates for ${popPeriod}${popPeriod !== p.period ? `, the year closest to ${p.period} that is loaded` : ''}; they carry sampling error not included in the interval.`,
    'Shares of arrests are among people whose race was recorded; unknown race is left out and counted separately.',
    'The FBI records race without Hispanic origin here, so groups are compared on race alone.',
  ];
  return {
    measure: measure.id,
    place: String(place.id),
    period: p.period,
    populationMeasure: POPULATION_BY_RACE,
    populationPeriod: popPeriod,
    rows: disparityRatios(groups),
    excluded,
    citations: [...counts.citations, ...pop.citations],
    caveats,
  };
}
