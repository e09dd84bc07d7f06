// The vocabulary every layer shares: measures, places, periods, citations, caveats.

/** What a number is about. Trafficking and prostitution are separate topics and never summed. */
export type Topic =
  | 'sex_trafficking'
  | 'labor_trafficking'
  | 'trafficking_all_forms'
  | 'prostitution_selling'
  | 'prostitution_promoting'
  | 'prostitution_buying'
  | 'prostitution_all_forms'
  | 'anti_trafficking_policy'
  | 'funding'
  | 'context';

/** Which year a period counts: TIP report year is not the year the data describe. */
export type PeriodKind = 'report_year' | 'data_year' | 'fiscal_year' | 'reference_year';

export type ValueType = 'categorical' | 'count' | 'score' | 'amount' | 'estimate';

export interface MeasureDef {
  id: string;
  label: string;
  /** Plain-language definition: what is counted, by whom, in what unit, over which period. */
  definition: string;
  unit: string;
  valueType: ValueType;
  /** 'sum': additive over places and dimensions (counts); 'none': one value per cell (tiers, scores). */
  aggregation: 'sum' | 'none';
  periodKind: PeriodKind;
  topic: Topic;
  /** Source family id (e.g. 'tip'). */
  family: string;
  /** Allowed values for categorical measures, in display order. */
  categories?: string[];
  /** Dimensions an observation of this measure may carry (for --by). */
  dimensions?: string[];
}

export type PlaceKind = 'world' | 'country' | 'state' | 'agency' | 'region';

export interface Place {
  id: string;
  kind: PlaceKind;
  name: string;
  /** Parent place id (agency → state → country). */
  parent: string | null;
}

/** Provenance of one loaded file (or bundle of files). */
export interface SourceMeta {
  /** Stable id of the source, e.g. 'tip.tiers'. */
  id: string;
  family: string;
  publisher: string;
  title: string;
  url: string;
  license: string;
  /** ISO date the file was retrieved by whoever put it in the data directory. */
  retrieved: string;
  sha256: string;
  format: string;
  /** Version label: the checksum prefix unless the publisher names a version. */
  version: string;
  /** Path of the file relative to the data directory. */
  file: string;
  bytes: number;
}

export interface Citation {
  id: string;
  sourceId: string;
  /** Where in the source: table, page, row(s). */
  locator: string;
}

export interface Observation {
  measure: string;
  place: string;
  period: number;
  dims: Record<string, string>;
  value: number | null;
  valueText: string | null;
  citationId: string;
  flags: string[];
}

export interface Caveat {
  sourceId: string;
  /** Null means the caveat applies to every measure of the source. */
  measure: string | null;
  place: string | null;
  period: number | null;
  text: string;
}

/** A row the importer refused, with the reason (reported in the ingest summary). */
export interface Rejection {
  file: string;
  line: number;
  field: string;
  reason: string;
}
