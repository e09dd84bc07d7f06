// The disclosure rule and its parameters, in one place: every output, the auditor and the
// methodology page read them from here.
import { UsageError } from '../../sources/errors.ts';
import type { MeasureDef, PlaceKind } from '../../model/types.ts';

/** Counts from 1 to DEFAULT_THRESHOLD − 1 below state level are withheld (primary suppression). */
export const DEFAULT_THRESHOLD = 10;

export interface DisclosureRule {
  /** Nonzero counts below this, in a cell below state level, are withheld. */
  threshold: number;
}

/** The rule in force: COGENCY_SUPPRESSION_THRESHOLD (a whole number from 2 to 1000) or the default. */
export function disclosureRule(env: NodeJS.ProcessEnv = process.env): DisclosureRule {
  const raw = env.COGENCY_SUPPRESSION_THRESHOLD;
  if (raw === undefined || raw.trim() === '') return { threshold: DEFAULT_THRESHOLD };
  const n = Number(raw.trim());
  if (!Number.isInteger(n) || n < 2 || n > 1000) {
    throw new UsageError(`COGENCY_SUPPRESSION_THRESHOLD "${raw}" is not a whole number from 2 to 1000`);
  }
  return { threshold: n };
}

/** Place kinds below state level: their counts describe few enough people to identify them. */
const SUB_STATE: ReadonlySet<PlaceKind> = new Set<PlaceKind>(['agency']);

export function isSubState(kind: PlaceKind | string): boolean {
  return SUB_STATE.has(kind as PlaceKind);
}

/** Measures whose sub-state values go through protection: additive counts. */
export function isProtectedMeasure(m: Pick<MeasureDef, 'valueType' | 'aggregation'>): boolean {
  return m.valueType === 'count' && m.aggregation === 'sum';
}

/** Primary suppression: a nonzero count below the threshold (negative adjusted counts included). */
export function isPrimary(value: number, rule: DisclosureRule): boolean {
  return value !== 0 && value < rule.threshold;
}

/**
 * One reason for every withheld cell, primary or complementary: were the two told apart, a reader
 * would know each primary cell is between 1 and threshold − 1, which pins sums of them.
 */
export function withheldReason(rule: DisclosureRule): string {
  return (
    `withheld (disclosure control): below state level, counts from 1 to ${rule.threshold - 1} are not published, ` +
    'nor the other cells that would let them be worked out from published totals'
  );
}
