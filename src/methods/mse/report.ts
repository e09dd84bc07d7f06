// What the API returns for one study: shared by the server and the explorer (no Node imports here).
import type { MseEstimate } from './index.ts';
import type { MseStudy } from './studies.ts';

export interface StoredStudyCitation {
  id: string;
  locator: string;
  study: string;
  url: string;
  source: { id: string; sha256: string; retrieved: string; file: string };
}

export interface StudyReport {
  id: string;
  title: string;
  place: string;
  population: string;
  lists: string[];
  listsDescription: string;
  /** How to read the figure in time: never "annual" unless the lists cover one year. */
  periodLabel: string;
  periodKind: MseStudy['periodKind'];
  observed: number;
  estimate: MseEstimate;
  published: MseStudy['published'];
  /** estimate − published, where a published figure with a known model exists. */
  differenceFromPublished: number | null;
  citation: StoredStudyCitation;
  note: string;
  /** The overlap table; for sub-state studies cells of 1–9 cases are withheld (count null, suppressed true). */
  table: { flags: number[]; count: number | null; suppressed: boolean }[];
}

export function periodLabel(s: MseStudy): string {
  return s.periodKind === 'single-year'
    ? `estimate for ${s.period}`
    : `total over the lists' period — not an annual figure (period ${s.period})`;
}

