// Published sub-state table families, protected once per source version.
//
// A family is one measure × period × state below state level: the state's sub-state units (every
// agency the source has in that state and year, so a row's presence says nothing about its value)
// × the unit total and, for a measure with exactly one breakdown dimension, its categories. Below
// state level nothing else is published: a breakdown by several dimensions of an agency's count
// would single people out by their labels, so the only sub-state tables are these two-way tables,
// whose every relation (state ⊃ agency, total ⊃ category) the protection and the auditor model.
//
// The pattern is computed for the whole source at once and cached under the source's checksum, so
// every request, page, feed and export sees the same withheld cells: two different queries cannot
// be differenced. Measures nested in one another (NESTED_MEASURES) share one pattern, the union of theirs.
import { setImmediate as setImmediateTurn } from 'node:timers/promises';
import { listValue } from '@duckdb/node-api';
import type { MeasureDef } from '../../model/types.ts';
import type { Store } from '../../store/store.ts';
import { storeIndex } from '../store-index.ts';
import { isProtectedMeasure, type DisclosureRule } from './rule.ts';
import { protectTable, type CellTable } from './suppress.ts';

export interface ProtectedCell {
  value: number | null;
  withheld: boolean;
  citations: string[];
  flags: string[];
}

export interface ProtectedFamily {
  sourceId: string;
  measure: string;
  period: number;
  state: string;
  /** The one breakdown dimension published below state level, if any. */
  dimension: string | null;
  units: { id: string; name: string }[];
  categories: string[];
  /** units × (1 + categories), row-major; column 0 = the unit's total. */
  cells: ProtectedCell[];
  /** How many cells were withheld as primary (1 to threshold − 1) and in all. */
  primaryCount: number;
  withheldCount: number;
}

export interface SourceProtection {
  sourceId: string;
  version: string;
  threshold: number;
  families: ProtectedFamily[];
  byKey: Map<string, ProtectedFamily>;
  /** Seconds spent computing the pattern. */
  seconds: number;
}

export const familyKey = (measure: string, period: number, state: string) => `${measure}|${period}|${state}`;

// Where a source lists one agency for a state and year, the state's published figure is that
// agency's own: no pattern of withheld cells below state level can hide it. If any of its counts
// is small, the agency is shown unnamed instead (the same stand-in for every measure of the
// source in that state and year, so no other table names it): the state figure then describes
// "one agency in the state", which is no finer than the state itself.
export const UNNAMED_SUFFIX = '-one-agency';

/** The stand-in for a state's only agency whose name would give its small count away. */
export function unnamedUnit(state: string): { id: string; name: string } {
  return { id: `${state}${UNNAMED_SUFFIX}`, name: `One agency in ${state} (name withheld)` };
}

/** The state of an unnamed-agency stand-in, or null for any other place id. */
export function unnamedUnitState(id: string): string | null {
  return id.endsWith(UNNAMED_SUFFIX) ? id.slice(0, -UNNAMED_SUFFIX.length) : null;
}

/** The flag every cell of an unnamed agency carries. */
export const UNNAMED_FLAG = 'agency_name_withheld';

/** The dimension a measure is broken down by below state level: its only one, or none. */
export function subStateDimension(m: Pick<MeasureDef, 'dimensions'>): string | null {
  return m.dimensions?.length === 1 ? m.dimensions[0]! : null;
}

/** Patterns per open store (shared by its snapshots; in memory or on disk), per source version. */
const caches = new WeakMap<object, Map<string, Promise<SourceProtection>>>();

/** Sources with counts below state level, with their versions. */
export async function subStateSources(store: Store): Promise<{ id: string; version: string }[]> {
  const rows = await store.all(
    `SELECT s.id, s.sha256 FROM sources s
     WHERE EXISTS (SELECT 1 FROM observations o JOIN places p ON p.id = o.place JOIN measures m ON m.id = o.measure
                   WHERE o.source_id = s.id AND p.kind = 'agency' AND m.value_type = 'count' AND m.aggregation = 'sum')
     ORDER BY s.id`,
  );
  return rows.map((r) => ({ id: String(r.id), version: String(r.sha256) }));
}

/**
 * The protected families of source versions (each computed once, then cached), in the order asked. Those not yet cached are
 * read together, in three statements whatever their number (a national NIBRS store has a source
 * per state and year: 250 sources over five years took 750 statements, ~8 s, one source at a time).
 */
export function sourceProtections(store: Store, sources: { id: string; version: string }[], rule: DisclosureRule): Promise<SourceProtection[]> {
  let cache = caches.get(store.identity);
  if (!cache) {
    cache = new Map();
    caches.set(store.identity, cache);
  }
  const own = cache;
  const keyOf = (s: { id: string; version: string }) => `${s.id}@${s.version}@${rule.threshold}`;
  const missing = sources.filter((s, i) => !own.has(keyOf(s)) && sources.findIndex((t) => t.id === s.id) === i);
  if (missing.length) {
    const inputs = readInputs(store, missing.map((s) => s.id));
    for (const s of missing) {
      const key = keyOf(s);
      const p = inputs.then((all) => buildSourceProtection(s.id, s.version, rule, all.get(s.id) ?? emptyInputs()));
      own.set(key, p);
      p.catch(() => own.delete(key));
      // Older versions of the same source are never asked for again.
      for (const k of own.keys()) if (k.startsWith(`${s.id}@`) && k !== key) own.delete(k);
    }
  }
  return Promise.all(sources.map((s) => own.get(keyOf(s))!));
}

/** Every protected family of the measure in the store (all its sources). */
export async function measureFamilies(store: Store, measure: MeasureDef, rule: DisclosureRule): Promise<ProtectedFamily[]> {
  if (!isProtectedMeasure(measure)) return [];
  const index = await storeIndex(store);
  const sourceIds = new Set<string>();
  for (const o of await index.observations(store, measure.id)) if (o.place.kind === 'agency') sourceIds.add(o.sourceId);
  const versions = [...sourceIds].sort().flatMap((id) => {
    const source = index.sources.get(id);
    return source ? [{ id, version: source.sha256 }] : [];
  });
  return (await sourceProtections(store, versions, rule)).flatMap((prot) => prot.families.filter((f) => f.measure === measure.id));
}

type RawValue = { value: number; citations: string[]; flags: string[] };

/** What one source's pattern is computed from. */
interface SourceInputs {
  measures: { id: string; dimension: string | null }[];
  /** "period|state" → every agency the source has in that state and year: the rows of that year's tables. */
  units: Map<string, { id: string; name: string }[]>;
  categoriesOf: Map<string, Set<string>>;
  /** "measure|period|agency|category" → the value (finer breakdowns summed away). */
  values: Map<string, RawValue>;
}

const emptyInputs = (): SourceInputs => ({ measures: [], units: new Map(), categoriesOf: new Map(), values: new Map() });

/** The sub-state counts of the sources, by source: three statements for any number of sources. */
async function readInputs(store: Store, sourceIds: string[]): Promise<Map<string, SourceInputs>> {
  const params = [listValue(sourceIds)];
  const IN = 'o.source_id IN (SELECT unnest(?::VARCHAR[]))';
  const SUB_STATE_COUNTS = "p.kind = 'agency' AND m.value_type = 'count' AND m.aggregation = 'sum'";
  const out = new Map<string, SourceInputs>();
  const of = (id: unknown) => {
    const key = String(id);
    return out.get(key) ?? out.set(key, emptyInputs()).get(key)!;
  };
  const measureRows = await store.all(
    `SELECT DISTINCT o.source_id, m.id, m.dimensions FROM observations o JOIN measures m ON m.id = o.measure JOIN places p ON p.id = o.place
     WHERE ${IN} AND ${SUB_STATE_COUNTS} ORDER BY o.source_id, m.id`,
    params,
  );
  for (const r of measureRows) {
    const dims = JSON.parse(String(r.dimensions ?? '[]')) as string[];
    of(r.source_id).measures.push({ id: String(r.id), dimension: subStateDimension({ dimensions: dims }) });
  }
  const unitRows = await store.all(
    `SELECT DISTINCT o.source_id, o.period, p.parent AS state, p.id, p.name FROM observations o JOIN places p ON p.id = o.place
     WHERE ${IN} AND p.kind = 'agency' ORDER BY o.source_id, o.period, state, p.id`,
    params,
  );
  for (const r of unitRows) {
    const units = of(r.source_id).units;
    const k = `${Number(r.period)}|${String(r.state)}`;
    (units.get(k) ?? units.set(k, []).get(k)!).push({ id: String(r.id), name: String(r.name) });
  }
  const valueRows = await store.all(
    `SELECT o.source_id, o.measure, o.period, o.place,
            CASE WHEN json_array_length(m.dimensions) = 1
                 THEN coalesce(json_extract_string(o.dims, '$.' || json_extract_string(m.dimensions, '$[0]')), 'not stated') END AS category,
            sum(o.value) AS value, list(DISTINCT o.citation_id ORDER BY o.citation_id) AS citations, list(DISTINCT o.flags ORDER BY o.flags) AS flags
     FROM observations o JOIN measures m ON m.id = o.measure JOIN places p ON p.id = o.place
     WHERE ${IN} AND ${SUB_STATE_COUNTS}
     GROUP BY ALL`,
    params,
  );
  for (const r of valueRows) {
    const inputs = of(r.source_id);
    const m = String(r.measure);
    const cat = r.category === null ? null : String(r.category);
    if (cat !== null) (inputs.categoriesOf.get(m) ?? inputs.categoriesOf.set(m, new Set()).get(m)!).add(cat);
    inputs.values.set(`${m}|${Number(r.period)}|${String(r.place)}|${cat ?? ''}`, {
      value: Number(r.value ?? 0),
      citations: (r.citations as unknown[]).map(String),
      flags: [...new Set((r.flags as unknown[]).flatMap((f) => JSON.parse(String(f)) as string[]))],
    });
  }
  return out;
}

async function buildSourceProtection(sourceId: string, version: string, rule: DisclosureRule, inputs: SourceInputs): Promise<SourceProtection> {
  const t0 = performance.now();
  const { measures, units, categoriesOf, values } = inputs;
  const families: ProtectedFamily[] = [];
  for (const [yearState, list] of [...units].sort(([a], [b]) => a.localeCompare(b))) {
    // A turn of the event loop between state-years: patterns are computed in the background of a
    // serving process (seconds of CPU on a national store), and requests are answered in between.
    await setImmediateTurn();
    const [periodText, state] = yearState.split('|') as [string, string];
    const period = Number(periodText);
    const first = families.length;
    // Measures that bound one another cell by cell are protected with one shared pattern.
    const groups = new Map<string, typeof measures>();
    for (const m of measures) {
      const g = nestGroup(m.id, measures.map((x) => x.id));
      (groups.get(g) ?? groups.set(g, []).get(g)!).push(m);
    }
    for (const group of groups.values()) {
      const dimension = group[0]!.dimension;
      const categories = dimension ? [...new Set(group.flatMap((m) => [...(categoriesOf.get(m.id) ?? [])]))].sort() : [];
      const cols = 1 + categories.length;
      const built = [];
      const union = new Array<boolean>(list.length * cols).fill(false);
      for (const m of group) {
        const tableValues: number[] = [];
        const raw: (RawValue | undefined)[] = [];
        for (const u of list) {
          let total = 0;
          const row: number[] = [];
          const rowRaw: (RawValue | undefined)[] = [];
          if (dimension) {
            for (const c of categories) {
              const v = values.get(`${m.id}|${period}|${u.id}|${c}`);
              row.push(v?.value ?? 0);
              rowRaw.push(v);
              total += v?.value ?? 0;
            }
          }
          const totalRaw = dimension ? undefined : values.get(`${m.id}|${period}|${u.id}|`);
          if (!dimension) total = totalRaw?.value ?? 0;
          tableValues.push(total, ...row);
          raw.push(totalRaw ?? mergeRaw(rowRaw), ...rowRaw);
        }
        const table: CellTable = { rows: list.length, cols, values: tableValues };
        const prot = await protectTable(table, rule);
        prot.withheld.forEach((w, i) => (union[i] = union[i] || w));
        built.push({ m, table, prot, raw });
      }
      for (const { m, table, prot, raw } of built) {
        const cells: ProtectedCell[] = table.values.map((v, i) =>
          union[i]
            ? { value: null, withheld: true, citations: [], flags: [] }
            : { value: v, withheld: false, citations: raw[i]?.citations ?? [], flags: raw[i]?.flags ?? [] },
        );
        families.push({
          sourceId,
          measure: m.id,
          period,
          state,
          dimension,
          units: list,
          categories,
          cells,
          primaryCount: prot.primary.filter(Boolean).length,
          withheldCount: union.filter(Boolean).length,
        });
      }
    }
    const ofYear = families.slice(first);
    if (list.length === 1 && ofYear.some((f) => f.primaryCount > 0)) {
      for (const f of ofYear) {
        f.units = [unnamedUnit(state)];
        f.cells = f.cells.map((c) => ({ ...c, flags: [...c.flags, UNNAMED_FLAG] }));
      }
    }
  }
  return {
    sourceId,
    version,
    threshold: rule.threshold,
    families,
    byKey: new Map(families.map((f) => [familyKey(f.measure, f.period, f.state), f])),
    seconds: (performance.now() - t0) / 1000,
  };
}

/**
 * Pairs of measures where one never exceeds the other in the same cell (every incident with a
 * 64A offense is counted once among the 64A offenses; juvenile clearances are clearances). An
 * attacker could bound a withheld cell of one by a published cell of the other, so both are
 * withheld together. `*` stands for the same offense slug on both sides.
 */
export const NESTED_MEASURES: [inner: string, outer: string][] = [
  ['nibrs.incidents.*', 'nibrs.offenses.*'],
  ['fbi.ht.cleared_juvenile', 'fbi.ht.cleared'],
];

function nestedMatch(pattern: string, id: string): string | null {
  if (!pattern.endsWith('*')) return pattern === id ? '' : null;
  const prefix = pattern.slice(0, -1);
  return id.startsWith(prefix) ? id.slice(prefix.length) : null;
}

/** The group a measure's pattern is shared with: the outermost measure it is nested in (or itself). */
export function nestGroup(id: string, present: string[]): string {
  for (const [inner, outer] of NESTED_MEASURES) {
    const slug = nestedMatch(inner, id);
    if (slug === null) continue;
    const outerId = outer.endsWith('*') ? outer.slice(0, -1) + slug : outer;
    if (present.includes(outerId)) return nestGroup(outerId, present);
  }
  return id;
}

function mergeRaw(parts: (RawValue | undefined)[]) {
  const present = parts.filter((p) => p !== undefined);
  if (present.length === 0) return undefined;
  return {
    value: present.reduce((a, p) => a + p.value, 0),
    citations: [...new Set(present.flatMap((p) => p.citations))].sort(),
    flags: [...new Set(present.flatMap((p) => p.flags))],
  };
}

export interface DisclosureCost {
  sourceId: string;
  /** Sub-state tables (measure × year × state) and their cells. */
  tables: number;
  cells: number;
  /** Cells withheld because they hold a count from 1 to threshold − 1. */
  primary: number;
  /** All cells withheld (primary and complementary). */
  withheld: number;
  /** State-years whose only agency is shown unnamed. */
  unnamedStateYears: number;
  /** Seconds the pattern took to compute (once per source version). */
  seconds: number;
}

/** What disclosure control costs users, per source: computed from the live patterns. */
export async function disclosureCosts(store: Store, rule: DisclosureRule): Promise<DisclosureCost[]> {
  const out: DisclosureCost[] = [];
  for (const p of await sourceProtections(store, await subStateSources(store), rule)) {
    out.push({
      sourceId: p.sourceId,
      tables: p.families.length,
      cells: p.families.reduce((a, f) => a + f.cells.length, 0),
      primary: p.families.reduce((a, f) => a + f.primaryCount, 0),
      withheld: p.families.reduce((a, f) => a + f.withheldCount, 0),
      unnamedStateYears: new Set(p.families.filter((f) => f.units.some((u) => unnamedUnitState(u.id) !== null)).map((f) => `${f.period}|${f.state}`)).size,
      seconds: Math.round(p.seconds * 1000) / 1000,
    });
  }
  return out;
}
