// Same-origin API calls only: the explorer never contacts another host.
export interface Measure {
  id: string;
  label: string;
  definition: string;
  unit: string;
  valueType: 'categorical' | 'count' | 'score' | 'amount' | 'estimate';
  aggregation: 'sum' | 'none';
  periodKind: string;
  topic: string;
  family: string;
  categories: string[];
  dimensions: string[];
  periods: number[];
}

export interface Citation {
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

export interface ResultRow {
  place: string;
  placeName: string;
  placeKind: string;
  period: number;
  dims: Record<string, string>;
  value: number | null;
  valueText: string | null;
  suppressed: boolean;
  suppressionReason: string | null;
  citations: string[];
  flags: string[];
  extra?: Record<string, string | number | null>;
}

export interface QueryResult {
  measure: Measure;
  params: { measure: string; place: string | null; from: number | null; to: number | null; by: string[] };
  rows: ResultRow[];
  citations: Citation[];
  caveats: string[];
}

export interface Source {
  id: string;
  family: string;
  publisher: string;
  title: string;
  url: string;
  license: string;
  retrieved: string;
  sha256: string;
  format: string;
  version: string;
  file: string;
  bytes: number;
  loaded_at: string;
  rows_read: number;
  rows_stored: number;
  rows_rejected: number;
  measures: string[] | null;
}

export interface Place {
  id: string;
  kind: string;
  name: string;
  parent: string | null;
}

async function get<T>(path: string): Promise<T> {
  const res = await fetch(path, { headers: { accept: 'application/json' } });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { detail?: string };
    throw new Error(body.detail ?? `${res.status} ${res.statusText}`);
  }
  return (await res.json()) as T;
}

let measuresCache: Promise<Measure[]> | null = null;

export function observationsUrl(q: Record<string, string | undefined>, format?: 'csv'): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v) p.set(k, v);
  if (format) p.set('format', format);
  return `/api/v1/observations?${p.toString()}`;
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
  citations: Citation[];
  caveats: string[];
}

export const api = {
  profile: <T>(id: string) => get<T>(`/api/v1/places/${encodeURIComponent(id)}/profile`),
  disparity: (q: { measure: string; place: string; period: string }) => get<DisparityResult>(`/api/v1/disparity?${new URLSearchParams(q).toString()}`),
  status: () => get<{ sourcesLoaded: number; dataDir: string }>('/api/v1/status'),
  measures: () => (measuresCache ??= get<{ measures: Measure[] }>('/api/v1/measures').then((r) => r.measures)),
  sources: async () => (await get<{ sources: Source[] }>('/api/v1/sources')).sources,
  places: async (kind?: string) => (await get<{ places: Place[] }>(`/api/v1/places${kind ? `?kind=${kind}` : ''}`)).places,
  observations: (q: Record<string, string | undefined>) => get<QueryResult>(observationsUrl(q)),
};
