// What the API returns for one study: shared by the server and the explorer (no Node imports here).
import type { MseEstimate } from './index.ts';
import type { MseStudy, PublishedComparison } from './studies.ts';

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
  /** Other published figures beside Cogency's, with the comparison made. */
  comparisons: ComparisonReport[];
  /** What was looked for and not found (no published figure is checked where this is set). */
  searchNote: string;
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


export interface ComparisonReport extends PublishedComparison {
  /** Cogency's figure the published one is set beside (null when no estimate exists). */
  ours: number | null;
  /** ours − published point, where a point was published. */
  difference: number | null;
  /** Whether ours lies inside the published range, where a range was published. */
  insideRange: boolean | null;
  /**
   * For a range set beside the stepwise estimate: whether the main-effects estimate lies inside it
   * (where the two models disagree, which of them the published range is closer to is worth seeing).
   */
  mainEffectsInsideRange: boolean | null;
}

/** Each published figure beside the one of ours it compares with. */
export function compareWithPublished(s: MseStudy, est: MseEstimate): ComparisonReport[] {
  return s.comparisons.map((c) => {
    const ours = c.compareWith === 'stepwise' ? est.estimate : est.mainEffectsEstimate;
    const inside = (v: number | null) => (v !== null && c.low !== null && c.high !== null ? v >= c.low && v <= c.high : null);
    return {
      ...c,
      ours,
      difference: ours !== null && c.point !== null ? ours - c.point : null,
      insideRange: inside(ours),
      mainEffectsInsideRange: c.compareWith === 'stepwise' && c.point === null ? inside(est.mainEffectsEstimate) : null,
    };
  });
}
