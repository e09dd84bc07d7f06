// Same-origin API calls only: the explorer never contacts another host.
export interface Measure {
  id: string;
  label: string;
  definition: string;
  unit: string;
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
  period: number;
  dims: Record<string, string>;
  value: number | null;
  valueText: string | null;
  suppressed: boolean;
  citations: string[];
}

export interface QueryResult {
  rows: ResultRow[];
  citations: Citation[];
  caveats: string[];
}

async function get<T>(path: string): Promise<T> {
  const res = await fetch(path, { headers: { accept: 'application/json' } });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { detail?: string };
    throw new Error(body.detail ?? `${res.status} ${res.statusText}`);
  }
  return (await res.json()) as T;
}

export const api = {
  status: () => get<{ sourcesLoaded: number; dataDir: string }>('/api/v1/status'),
  measures: async () => (await get<{ measures: Measure[] }>('/api/v1/measures')).measures,
  observations: (q: Record<string, string>) => get<QueryResult>(`/api/v1/observations?${new URLSearchParams(q).toString()}`),
};
