// Disclosure control: small counts about small areas can identify people. Any count below the
// threshold in a cell below state level (an agency, or any breakdown of one) is withheld, with
// the reason, in every output. State and national cells are published as the FBI publishes them.
import type { MeasureDef, PlaceKind } from '../model/types.ts';
import type { ResultRow } from './query.ts';

export const SUPPRESSION_THRESHOLD = 10;

/** Place kinds below state level. */
const SUB_STATE: ReadonlySet<PlaceKind> = new Set<PlaceKind>(['agency']);

export function suppressionReason(measure: MeasureDef, placeKind: PlaceKind, value: number | null): string | null {
  if (measure.valueType !== 'count' || value === null) return null;
  if (!SUB_STATE.has(placeKind)) return null;
  if (value >= SUPPRESSION_THRESHOLD) return null;
  return `count below ${SUPPRESSION_THRESHOLD} for an area below state level (${placeKind}) withheld to protect the people counted`;
}

export function applyDisclosureControl(measure: MeasureDef, rows: ResultRow[]): ResultRow[] {
  return rows.map((r) => {
    const reason = suppressionReason(measure, r.placeKind, r.value);
    return reason ? { ...r, value: null, suppressed: true, suppressionReason: reason } : r;
  });
}
