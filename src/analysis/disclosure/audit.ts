// The auditor: for every published sub-state table, the feasible interval of each withheld cell
// given everything published about it, and the cells an attacker could narrow below the rule.
//
// It reads what the outputs publish — the same `query` the API, CLI, pages and export use (agency
// rows, the agency × category rows, the state margins) — not the suppression pattern, and only
// then compares with the true values in the store to say which intervals are too narrow. Each
// (measure, period, state) table is one linear system (see intervals.ts); nothing links tables
// of different measures, years or states except the nested measures, which share one pattern.
import { listMeasures, query } from '../query.ts';
import type { MeasureDef } from '../../model/types.ts';
import type { Store } from '../../store/store.ts';
import { subStateDimension, subStateSources, unnamedUnitState } from './families.ts';
import { feasibleIntervals, type PublishedTable } from './intervals.ts';
import { rectangleRoom, type CellTable } from './suppress.ts';
import { disclosureRule, isPrimary, isProtectedMeasure, type DisclosureRule } from './rule.ts';

export interface RecoveredCell {
  measure: string;
  period: number;
  state: string;
  agency: string;
  category: string | null;
  value: number;
  lo: number;
  hi: number;
  requiredLo: number;
  requiredHi: number;
}

export interface SourceCost {
  sourceId: string;
  cells: number;
  primary: number;
  withheld: number;
}

export interface AuditReport {
  threshold: number;
  sources: string[];
  tables: number;
  cells: number;
  withheld: number;
  primary: number;
  /** Primary cells whose interval is narrower than the rule (the target is none). */
  recoverable: RecoveredCell[];
  /** Withheld small counts whose interval is a single value (before the single-agency exception). */
  exact: number;
  /** Withheld small counts proved protected by a withheld rectangle, without an LP. */
  certified: number;
  /**
   * Cells of an agency shown unnamed (its state's only agency that year, with a small count): the
   * state figure gives the count, but not whose it is. A state's only agency shown by name with a
   * small count is pinned by the state figure and counted as recoverable.
   */
  unnamed: number;
  /** Published sub-state cells from 1 to threshold − 1 (the target is none). */
  shownSmall: number;
  seconds: number;
}

export interface AuditOptions {
  rule?: DisclosureRule;
  /** The naive attacker: two LPs per withheld small count over its whole table, no certificates, no split into groups, no closed forms (benchmarks only). */
  naive?: boolean;
}

const EPS = 1e-6;

interface Table {
  measure: string;
  period: number;
  state: string;
  units: string[];
  categories: string[];
  published: (number | null)[];
  margins: number[];
}

/** The sub-state tables of one measure exactly as the outputs publish them. */
async function publishedTables(store: Store, m: MeasureDef): Promise<Table[]> {
  const dim = subStateDimension(m);
  const totals = await query(store, { measure: m.id, by: ['agency'] });
  const byCat = dim ? await query(store, { measure: m.id, by: ['agency', dim] }) : null;
  const stateTotals = await query(store, { measure: m.id, by: ['state'] });
  const stateCats = dim ? await query(store, { measure: m.id, by: ['state', dim] }) : null;
  // Values published for the state itself (by=place), which an attacker takes off the state margin.
  const own = await query(store, { measure: m.id, by: ['place'] });
  const parents = new Map<string, string>();
  const agencyIds = [...new Set(totals.rows.map((r) => r.place))];
  if (agencyIds.length) {
    const rows = await store.all(`SELECT id, parent FROM places WHERE id IN (${agencyIds.map(() => '?').join(',')})`, agencyIds);
    for (const r of rows) parents.set(String(r.id), String(r.parent));
  }
  for (const id of agencyIds) {
    const state = unnamedUnitState(id);
    if (state !== null) parents.set(id, state);
  }
  const tables = new Map<string, Table & { index: Map<string, number> }>();
  for (const r of totals.rows) {
    const state = parents.get(r.place)!;
    const key = `${r.period}|${state}`;
    let t = tables.get(key);
    if (!t) {
      t = { measure: m.id, period: r.period, state, units: [], categories: [], published: [], margins: [], index: new Map() };
      tables.set(key, t);
    }
    t.index.set(r.place, t.units.length);
    t.units.push(r.place);
  }
  const catsOf = new Map<string, Set<string>>();
  for (const r of byCat?.rows ?? []) {
    const key = `${r.period}|${parents.get(r.place)!}`;
    (catsOf.get(key) ?? catsOf.set(key, new Set()).get(key)!).add(r.dims[dim!]!);
  }
  for (const [key, t] of tables) {
    t.categories = [...(catsOf.get(key) ?? [])].sort();
    t.published = new Array((1 + t.categories.length) * t.units.length).fill(0);
    t.margins = new Array(1 + t.categories.length).fill(0);
  }
  const cols = (t: Table) => 1 + t.categories.length;
  for (const r of totals.rows) {
    const t = tables.get(`${r.period}|${parents.get(r.place)!}`)!;
    t.published[t.index.get(r.place)! * cols(t)] = r.suppressed ? null : r.value;
  }
  for (const r of byCat?.rows ?? []) {
    const t = tables.get(`${r.period}|${parents.get(r.place)!}`)!;
    t.published[t.index.get(r.place)! * cols(t) + 1 + t.categories.indexOf(r.dims[dim!]!)] = r.suppressed ? null : r.value;
  }
  const ownValue = new Map<string, number>();
  for (const r of own.rows) if (r.placeKind === 'state' && r.value !== null) ownValue.set(`${r.period}|${r.place}|${JSON.stringify(r.dims)}`, (ownValue.get(`${r.period}|${r.place}|${JSON.stringify(r.dims)}`) ?? 0) + r.value);
  for (const r of stateTotals.rows) {
    const t = tables.get(`${r.period}|${r.place}`);
    if (t && r.value !== null) t.margins[0] = r.value - (ownValue.get(`${r.period}|${r.place}|{}`) ?? 0);
  }
  for (const r of stateCats?.rows ?? []) {
    const t = tables.get(`${r.period}|${r.place}`);
    const c = t ? t.categories.indexOf(r.dims[dim!]!) : -1;
    if (t && c >= 0 && r.value !== null) t.margins[1 + c] = r.value;
  }
  return [...tables.values()];
}

/** True sub-state values (from the store, not from any output), to judge the intervals. */
async function trueValues(store: Store, m: MeasureDef): Promise<Map<string, number>> {
  const dim = subStateDimension(m);
  const rows = await store.all(
    `SELECT o.period, o.place, ${dim ? `coalesce(json_extract_string(o.dims, '$.${dim.replace(/[^a-z0-9_]/g, '')}'), 'not stated')` : 'NULL'} AS category, sum(o.value) AS v
     FROM observations o JOIN places p ON p.id = o.place WHERE o.measure = ? AND p.kind = 'agency' GROUP BY ALL`,
    [m.id],
  );
  const out = new Map<string, number>();
  for (const r of rows) {
    const v = Number(r.v);
    out.set(`${Number(r.period)}|${String(r.place)}|`, (out.get(`${Number(r.period)}|${String(r.place)}|`) ?? 0) + v);
    if (r.category !== null) out.set(`${Number(r.period)}|${String(r.place)}|${String(r.category)}`, v);
  }
  return out;
}

export async function auditDisclosure(store: Store, opts: AuditOptions = {}): Promise<AuditReport> {
  const t0 = performance.now();
  const rule = opts.rule ?? disclosureRule();
  const sources = await subStateSources(store);
  const measures = (await listMeasures(store)).filter(isProtectedMeasure);
  const subState = new Set(
    (await store.all("SELECT DISTINCT o.measure FROM observations o JOIN places p ON p.id = o.place WHERE p.kind = 'agency'")).map((r) => String(r.measure)),
  );
  const report: AuditReport = {
    threshold: rule.threshold, sources: sources.map((s) => s.id), tables: 0, cells: 0, withheld: 0, primary: 0,
    recoverable: [], exact: 0, certified: 0, unnamed: 0, shownSmall: 0, seconds: 0,
  };
  for (const m of measures.filter((x) => subState.has(x.id))) {
    const truth = await trueValues(store, m);
    for (const t of await publishedTables(store, m)) {
      report.tables++;
      const width = 1 + t.categories.length;
      const values = t.published.map((_, i) => truth.get(`${t.period}|${t.units[Math.floor(i / width)]}|${i % width === 0 ? '' : t.categories[(i % width) - 1]}`) ?? 0);
      const view: PublishedTable = { rows: t.units.length, cols: width, cells: t.published, margins: t.margins, lowerPrior: Math.min(0, ...values) };
      const withheld = t.published.flatMap((v, i) => (v === null ? [i] : []));
      report.cells += t.published.length;
      // An unnamed agency has no count of its own in the store to recover: its cells stand for
      // "one agency in the state" and equal the state figures by design.
      report.unnamed += t.units.filter((u) => unnamedUnitState(u) !== null).length * width;
      report.withheld += withheld.length;
      report.shownSmall += t.published.filter((v) => v !== null && isPrimary(v, rule)).length;
      if (withheld.length === 0) continue;
      const mask = t.published.map((v) => v === null);
      const truthTable: CellTable = { rows: t.units.length, cols: width, values };
      const checks = withheld
        .filter((i) => isPrimary(values[i]!, rule))
        .map((i) => {
          const v = values[i]!;
          const col = i % width;
          const bound = col === 0 ? t.margins[0]! : Math.min(t.margins[col]!, t.margins[0]!);
          return { i, v, requiredLo: Math.min(v, 0), requiredHi: Math.max(v, Math.min(rule.threshold, bound)) };
        });
      report.primary += checks.length;
      // A withheld rectangle with room enough is a certificate: two completions of the table, each
      // matching every published value, that put the cell at or beyond both ends of the rule.
      // Only cells without one need the LP (the naive attacker solves the LP for every cell).
      const open = opts.naive
        ? checks
        : checks.filter((c) => {
            const room = rectangleRoom(truthTable, mask, c.i);
            const ok = room.down >= c.v - c.requiredLo - EPS && room.up >= c.requiredHi - c.v - EPS;
            if (ok) report.certified++;
            return !ok;
          });
      if (open.length === 0) continue;
      const intervals = await feasibleIntervals(view, open.map((c) => c.i), { naive: opts.naive });
      for (const { i, v, requiredLo, requiredHi } of open) {
        const iv = intervals.get(i)!;
        const col = i % width;
        if (iv.hi - iv.lo < EPS) report.exact++;
        if (iv.lo > requiredLo + EPS || iv.hi < requiredHi - EPS) {
          report.recoverable.push({
            measure: m.id, period: t.period, state: t.state, agency: t.units[Math.floor(i / width)]!, category: col === 0 ? null : t.categories[col - 1]!,
            value: v, lo: iv.lo, hi: iv.hi, requiredLo, requiredHi,
          });
        }
      }
    }
  }
  report.seconds = (performance.now() - t0) / 1000;
  return report;
}
