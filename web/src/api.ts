// Same-origin API calls only: the explorer never contacts another host. Response types are the
// server's own (src/model), imported as types only.
import type { MeasureDef, SourceMeta } from '../../src/model/types.ts';
import type { CitationInfo, DisclosureSummary, QueryResult as ServerResult } from '../../src/model/results.ts';
import type { NationalRecord } from '../../src/model/national.ts';
import type { Geography, NotLoadedGroup, SourceSummary } from '../../src/model/inventory.ts';
import { MEASURES_URL, NATIONAL_URL, PAGE_PATH_MAX, PAGE_PATH_PATTERN, PAGE_QUERY_MAX, STATUS_URL, gatheredPage, pageDataUrl, pageQuery, placeProfileUrl } from '../../src/model/page-requests.ts';

export type { NationalPanel, NationalPoint, NationalSeries, TierCountRow } from '../../src/model/national.ts';
export type { NotLoadedGroup, SourceSummary } from '../../src/model/inventory.ts';

export type { DisclosureSummary, DisparityResult, DisparityRow, ResultRow } from '../../src/model/results.ts';
export type Citation = CitationInfo;
/** A measure as /api/v1/measures lists it: with the periods that hold values and the level its maps break down to (from its source's descriptor). */
export type Measure = MeasureDef & { categories: string[]; dimensions: string[]; periods: number[]; geography: Geography };
export type QueryResult = Omit<ServerResult, 'measure'> & { measure: Measure };

/** A loaded source as /api/v1/sources lists it: its provenance plus load figures. */
export interface Source extends SourceMeta {
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

/** The answers gathered for the page being shown, by URL (null: none asked for). */
let gathered: Promise<Map<string, unknown>> | null = null;

/**
 * At navigation: ask for everything the page will need (its status check included) in one request,
 * in parallel with loading its code. Its API calls then take their answers from there; a URL it
 * does not hold is fetched.
 */
export function gatherPageData(path: string, search: string): void {
  const query = pageQuery(search);
  gathered =
    gatheredPage(path) && new RegExp(PAGE_PATH_PATTERN).test(path) && path.length <= PAGE_PATH_MAX && query.length <= PAGE_QUERY_MAX
      ? fetch(pageDataUrl(path, query), { headers: { accept: 'application/json' } })
          .then(async (res) => (res.ok ? new Map(Object.entries(((await res.json()) as { responses: Record<string, unknown> }).responses)) : new Map<string, unknown>()))
          .catch(() => new Map<string, unknown>())
      : null;
}

/** The gathered answer to a GET of `url`, if page-data holds one. */
export async function gatheredAnswer<T>(url: string): Promise<T | undefined> {
  const ready = gathered && (await gathered).get(url);
  return ready !== undefined && ready !== null ? (ready as T) : undefined;
}

async function get<T>(path: string): Promise<T> {
  return (await gatheredAnswer<T>(path)) ?? fetchJson<T>(path);
}

async function fetchJson<T>(path: string): Promise<T> {
  const res = await fetch(path, { headers: { accept: 'application/json' } });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { detail?: string };
    throw new Error(body.detail ?? `${res.status} ${res.statusText}`);
  }
  return (await res.json()) as T;
}

let measuresCache: Promise<Measure[]> | null = null;


export const api = {
  /** Any same-origin JSON GET, from the gathered answers when they hold it. */
  get,
  profile: <T>(id: string) => get<T>(placeProfileUrl(id)),
  status: () => get<{ sourcesLoaded: number; lastLoadedAt: string | null }>(STATUS_URL),
  measures: () => (measuresCache ??= get<{ measures: Measure[] }>(MEASURES_URL).then((r) => r.measures)),
  sources: async () => (await get<{ sources: Source[] }>('/api/v1/sources')).sources,
  inventory: () =>
    get<{ sources: Source[]; notLoaded: NotLoadedGroup[]; inventoryErrors: { importer: string; message: string }[]; known: SourceSummary[] }>('/api/v1/sources'),
  national: () => get<NationalRecord>(NATIONAL_URL),
  places: async (kind?: string) => (await get<{ places: Place[] }>(`/api/v1/places${kind ? `?kind=${kind}` : ''}`)).places,
  disclosure: () => get<DisclosureSummary>('/api/v1/disclosure'),
};
