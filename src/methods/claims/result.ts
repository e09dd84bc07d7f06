// The shape of a claim check, shared by the server and the explorer (browser-safe: types and labels only).
import type { CitationInfo } from '../../model/results.ts';
import type { ClaimParse } from './parse.ts';

export type Verdict = 'consistent' | 'differs' | 'no-figure' | 'conflates';

export const VERDICT_LABEL: Record<Verdict, string> = {
  consistent: 'Consistent with the record',
  differs: 'Differs from the record',
  'no-figure': 'The record has no such figure',
  conflates: 'Conflates different things',
};

export interface RegistryEntry {
  id: string;
  figure: string;
  match: string[][];
  atRisk: boolean;
  origin: string;
  sources: { title: string; url: string }[];
}

export interface RecordFigure {
  measure: string;
  label: string;
  place: string;
  period: string;
  value: number | string;
  /** The same question on the command line. */
  query: string;
  citations: CitationInfo[];
  caveats: string[];
}

export interface CheckResult {
  verdict: Verdict;
  headline: string;
  explanation: string[];
  parse: ClaimParse;
  record: RecordFigure | null;
  difference: { absolute: number; percent: number | null } | null;
  registry: RegistryEntry | null;
  recordHas: string[];
}
