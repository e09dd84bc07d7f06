// The funnel's answer as the API returns it: shared by the server and the explorer (no Node imports).
import type { CitationInfo } from './results.ts';

export interface SeriesValue {
  measure: string;
  label: string;
  unit: string;
  periodKind: string;
  cohortRule: string;
  publisher: string;
  note: string;
  filter: { dim: string; value: string } | null;
  status: 'value' | 'not loaded' | 'no figure' | 'suppressed';
  value: number | null;
  coverage: string | null;
  flags: string[];
  citations: string[];
}

export interface FunnelResult {
  id: string;
  title: string;
  topic: string;
  level: string;
  stages: { order: number; stage: string; series: SeriesValue[] }[];
  ratios: { from: string; to: string; fromMeasure: string; toMeasure: string; computed: boolean; value: number | null; explanation: string }[];
}

export interface FunnelReport {
  place: string;
  placeName: string;
  level: string;
  period: number | null;
  /** Years with at least one figure in some funnel for this place. */
  years: number[];
  funnels: FunnelResult[];
  citations: CitationInfo[];
  caveats: string[];
  notLoaded: string[];
}
