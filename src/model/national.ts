// The answer of GET /api/v1/national (the home page), shared by the server and the explorer.
import type { CitationInfo } from './results.ts';
import type { Topic } from './types.ts';

export interface NationalPoint {
  period: number;
  value: number | null;
  valueText: string | null;
  suppressed: boolean;
  lowCoverage: boolean;
  /** Official publication / official mirror / secondary quote, where the value carries one. */
  grade: string | null;
  coverage: string | null;
  /** Other sources that give a different value, in words. */
  disagreements: string[];
  notes: string[];
  /** Where this one value was read (page, excerpt, file and line), when it rests on one row. */
  source: string | null;
}

export interface NationalSeries {
  measure: string;
  label: string;
  topic: Topic;
  unit: string;
  points: NationalPoint[];
}

export interface TierCountRow {
  period: number;
  tier: string;
  /** Countries on the tier in the loaded placements. */
  counted: number;
  /** Whether the placements list for this tier and year is complete (else `counted` is a floor). */
  complete: boolean;
  /** The count a source states, where one was read (official leads), with its grade. */
  stated: number | null;
  statedGrade: string | null;
  /** The figure shown: the stated count, else the counted one if the list is complete, else null. */
  shown: number | null;
  /** Counted and stated differ on a complete list: shown, not hidden. */
  disagreement: string | null;
}

export interface NationalRecord {
  panels: NationalPanel[];
}

export interface NationalPanel {
  id: string;
  title: string;
  question: string;
  kind: 'lines' | 'bars' | 'tiers';
  loaded: boolean;
  /** Configured measures not in the store, with their labels. */
  notLoaded: { measure: string; label: string }[];
  series: NationalSeries[];
  tierCounts?: TierCountRow[];
  coverage: string;
  breaks: { period: number; label: string }[];
  stateLinks: { href: string; label: string }[];
  noStateData: string | null;
  citations: CitationInfo[];
  caveats: string[];
}

