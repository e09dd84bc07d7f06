// The shapes of answers: shared by the server (analysis, API) and the explorer, which imports
// these types only, so the two cannot drift apart.
import type { MeasureDef, PlaceKind } from './types.ts';

export interface ResultRow {
  place: string;
  placeName: string;
  placeKind: PlaceKind;
  period: number;
  dims: Record<string, string>;
  value: number | null;
  valueText: string | null;
  suppressed: boolean;
  suppressionReason: string | null;
  /** Ids of the citations listed once in the answer's `citations` (at most a few per row). */
  citations: string[];
  /** How many cited source rows a summed value rests on, when more than a row lists: it then cites each document whole. */
  citedRows?: number;
  flags: string[];
  /** Further columns shown beside the value (e.g. rate, denominator, coverage), in every output. */
  extra?: Record<string, string | number | null>;
}

export interface CitationInfo {
  id: string;
  locator: string;
  sourceId: string;
  publisher: string;
  title: string;
  url: string;
  license: string;
  retrieved: string;
  sha256: string;
}

export interface QueryResult {
  measure: MeasureDef;
  params: { measure: string; place: string | null; from: number | null; to: number | null; by: string[] };
  rows: ResultRow[];
  citations: CitationInfo[];
  caveats: string[];
}

export interface DisparityRow {
  group: string;
  count: number;
  share: number;
  population: number;
  populationShare: number;
  ratio: number | null;
  low: number | null;
  high: number | null;
}

export interface DisparityResult {
  measure: string;
  place: string;
  period: number;
  populationMeasure: string;
  populationPeriod: number;
  rows: DisparityRow[];
  excluded: { group: string; count: number; reason: string }[];
  citations: CitationInfo[];
  caveats: string[];
}

/** GET /api/v1/disclosure: the disclosure rule and what it costs, per source (computed live). */
export interface DisclosureSummary {
  threshold: number;
  reason: string;
  /** How the withheld cells are chosen and checked, in words. */
  method: string[];
  sources: { sourceId: string; tables: number; cells: number; primary: number; withheld: number; unnamedStateYears: number; seconds: number }[];
}
