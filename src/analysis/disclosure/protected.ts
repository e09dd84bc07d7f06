// The one protection step. Query results reach a serializer (API JSON and CSV, CLI, pages, the
// Data Package) only as a ProtectedResult, and a ProtectedResult can only be made from rows that
// went through `protectRows`: below state level those rows are rebuilt from the protected table
// families, never taken from the store as they are. The brand is a type no other module can
// name a value of, and `assertProtected` checks at run time what the type promises.
import { UsageError } from '../../sources/errors.ts';
import type { MeasureDef } from '../../model/types.ts';
import type { QueryResult, ResultRow } from '../../model/results.ts';
import type { Store } from '../../store/store.ts';
import { measureFamilies, type ProtectedFamily } from './families.ts';
import { disclosureRule, isProtectedMeasure, isSubState, withheldReason, type DisclosureRule } from './rule.ts';

declare const rowsBrand: unique symbol;
declare const resultBrand: unique symbol;

/** Result rows that passed disclosure control. */
export type ProtectedRows = ResultRow[] & { readonly [rowsBrand]: true };
/** A query result every sub-state value of which passed disclosure control. */
export type ProtectedResult = Omit<QueryResult, 'rows'> & { rows: ProtectedRows; readonly [resultBrand]: true };

const issuedRows = new WeakSet<object>();
const issuedResults = new WeakSet<object>();

export function sealResult(result: Omit<QueryResult, 'rows'> & { rows: ProtectedRows }): ProtectedResult {
  if (!issuedRows.has(result.rows)) throw new Error('disclosure control: these rows did not pass protectRows');
  issuedResults.add(result);
  return result as ProtectedResult;
}

export function assertProtected(result: unknown): asserts result is ProtectedResult {
  if (typeof result !== 'object' || result === null || !issuedResults.has(result)) {
    throw new Error('disclosure control: refusing to publish a result that did not pass the protection step');
  }
}

export interface RowRequest {
  /** The place level rows are grouped at (agency, state, country, place) or none. */
  level: string | null;
  /** The dimensions asked for. */
  dims: string[];
  /** The place the request is restricted to. */
  place: { id: string; kind: string; parent: string | null } | null;
  from?: number | undefined;
  to?: number | undefined;
}

function seal(rows: ResultRow[]): ProtectedRows {
  issuedRows.add(rows);
  return rows as ProtectedRows;
}

/** The rows of a request below state level, rebuilt from the protected families. */
function familyRows(families: ProtectedFamily[], req: RowRequest, reason: string): ResultRow[] {
  const out: ResultRow[] = [];
  const agency = req.place && isSubState(req.place.kind) ? req.place.id : null;
  for (const f of families) {
    if (req.from !== undefined && f.period < req.from) continue;
    if (req.to !== undefined && f.period > req.to) continue;
    if (req.place && req.place.kind === 'state' && f.state !== req.place.id) continue;
    if (agency && req.place!.parent !== f.state) continue;
    const cols = 1 + f.categories.length;
    const columns = req.dims.length ? f.categories.map((c, i) => ({ col: i + 1, dims: { [f.dimension!]: c } })) : [{ col: 0, dims: {} }];
    f.units.forEach((u, r) => {
      if (agency && u.id !== agency) return;
      for (const { col, dims } of columns) {
        const cell = f.cells[r * cols + col]!;
        out.push({
          place: u.id,
          placeName: u.name,
          placeKind: 'agency',
          period: f.period,
          dims,
          value: cell.withheld ? null : cell.value,
          valueText: null,
          suppressed: cell.withheld,
          suppressionReason: cell.withheld ? reason : null,
          citations: cell.citations,
          flags: cell.flags,
        });
      }
    });
  }
  return out;
}

/**
 * Disclosure control for one query's rows. State-level and national rows pass as they are. Rows
 * below state level are replaced by the protected families' cells: every agency of the state and
 * year (zeros included, so a row's presence says nothing), withheld cells marked with the reason.
 * A sub-state breakdown other than the measure's one published dimension is refused.
 */
export async function protectRows(
  store: Store,
  measure: MeasureDef,
  req: RowRequest,
  rows: ResultRow[],
  rule: DisclosureRule = disclosureRule(),
): Promise<ProtectedRows> {
  const subState = req.level === 'agency' || (req.place !== null && isSubState(req.place.kind)) || rows.some((r) => isSubState(r.placeKind));
  if (!subState) return seal(rows);
  if (!isProtectedMeasure(measure)) {
    // Scores and categories are not counts of people: nothing to withhold, but nothing below state level is stored either.
    return seal(rows);
  }
  const families = await measureFamilies(store, measure, rule);
  const dimension = families[0]?.dimension ?? (measure.dimensions?.length === 1 ? measure.dimensions[0]! : null);
  if (req.dims.length > 1 || (req.dims.length === 1 && req.dims[0] !== dimension)) {
    throw new UsageError(
      `below state level ${measure.id} is published ${dimension ? `as agency totals and by ${dimension} only` : 'as agency totals only'} ` +
        '(disclosure control: a finer breakdown of a small area would single people out by their labels); ' +
        `ask for the breakdown at state level (by=state,${req.dims.join(',')})`,
    );
  }
  const rebuilt = familyRows(families, req, withheldReason(rule));
  // by=place also lists values stored for the state itself, which are published as they are.
  const kept = rows.filter((r) => !isSubState(r.placeKind) && !(req.place && isSubState(req.place.kind)));
  // Each row's dimensions serialized once, not at every comparison (a national by-agency answer sorts 41,000 rows).
  const keyed = [...kept, ...rebuilt].map((row) => ({ row, dims: JSON.stringify(row.dims) }));
  keyed.sort((a, b) => a.row.period - b.row.period || a.row.placeName.localeCompare(b.row.placeName) || a.dims.localeCompare(b.dims));
  return seal(keyed.map((k) => k.row));
}

/** The JSON body of a result: only a protected result can become one. */
export function publishable(result: ProtectedResult): ProtectedResult {
  assertProtected(result);
  return result;
}
