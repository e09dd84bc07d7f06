// The API requests an explorer page makes, derived from its URL and the answers it has had: one
// copy, imported by the pages (web/src/pages) and by the server's page-data plans
// (src/api/page-data.ts), so what the server gathers for a page is what the page asks for, and a
// change to a page's defaults changes both. Pure: no DOM, no server.
import type { Geography } from './inventory.ts';
import type { MeasureDef } from './types.ts';

/** A page's query string, parsed. */
export type Params = Record<string, string>;
/** A same-origin JSON GET that rejects unless the answer is a 200. */
export type GetJson = <T>(url: string) => Promise<T>;

/** `path?query` with the given parameters in order, empty ones left out (URLSearchParams encoding). */
export function withQuery(path: string, params: Record<string, string | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== '' && v !== undefined) p.set(k, v);
  const qs = p.toString();
  return qs ? `${path}?${qs}` : path;
}

export function observationsUrl(q: Record<string, string | undefined>, format?: 'csv'): string {
  return withQuery('/api/v1/observations', { ...q, ...(format ? { format } : {}) });
}

export const STATUS_URL = '/api/v1/status';
export const MEASURES_URL = '/api/v1/measures';
export const SERVICES_URL = '/api/v1/services';

// ---- / (the overview) ----

export const NATIONAL_URL = '/api/v1/national';
export const STATES_URL = '/api/v1/places?kind=state';
/** The enforcement mix: five NIBRS offense types, always side by side and never summed. */
export const MIX_OFFENSES = ['sex_trafficking', 'labor_trafficking', 'prostitution', 'promoting_prostitution', 'purchasing_prostitution'] as const;
export type MixOffense = (typeof MIX_OFFENSES)[number];
type WithPeriods = { id: string; periods: number[] };
const latestYear = (m: WithPeriods) => m.periods[m.periods.length - 1]!;

/** The mixes the overview draws: each NIBRS kind whose prostitution measure has values, in its latest year, one query by state per offense type loaded. */
export function enforcementMixes(have: Map<string, WithPeriods>): { kind: 'offenses' | 'arrestees'; year: number; queries: { offense: MixOffense; url: string }[] }[] {
  return (['offenses', 'arrestees'] as const)
    .filter((kind) => have.has(`nibrs.${kind}.prostitution`))
    .map((kind) => {
      const year = latestYear(have.get(`nibrs.${kind}.prostitution`)!);
      const queries = MIX_OFFENSES.filter((o) => have.has(`nibrs.${kind}.${o}`)).map((offense) => ({ offense, url: observationsUrl({ measure: `nibrs.${kind}.${offense}`, period: String(year), by: 'state' }) }));
      return { kind, year, queries };
    });
}

/**
 * Who is arrested against who lives there: arrests for prostitution by state in their latest year,
 * then a disparity table per state in them; none unless arrests and the population by race are loaded.
 */
export function disparitySection(have: Map<string, WithPeriods>): { measure: string; year: number; statesUrl: string } | null {
  const measure = 'nibrs.arrestees.prostitution';
  if (!have.has(measure) || !have.has('census.acs.population.by_race')) return null;
  const year = latestYear(have.get(measure)!);
  return { measure, year, statesUrl: observationsUrl({ measure, period: String(year), by: 'state' }) };
}

export const disparityUrl = (q: { measure: string; place: string; period: string }) => `/api/v1/disparity?${new URLSearchParams(q).toString()}`;

// ---- /explore and /embed/explore ----

/** A measure as /api/v1/measures lists it, as far as choosing a view needs. */
export type ViewMeasure = Pick<MeasureDef, 'id' | 'unit' | 'valueType' | 'aggregation' | 'periodKind' | 'topic'> & { periods: number[]; dimensions: string[]; geography: Geography };

export const MAX_PLACES = 6;
export type Chart = 'line' | 'bar' | 'map';
/** Several lines: on one scale, one small chart each (own scale), or chosen from the data. */
export type Layout = 'auto' | 'overlay' | 'multiples';

export interface View<M extends ViewMeasure> {
  measure: M;
  /** Further measures drawn on the same axes (same unit and period kind), each as its own line, never summed. */
  compare: M[];
  places: string[];
  from: number;
  to: number;
  by: string;
  chart: Chart;
  rate: boolean;
  layout: Layout;
}

/**
 * What a newcomer first sees, in order of preference: the enforcement mix (prostitution against sex- and
 * labor-trafficking arrests, three lines, never a sum), then trafficking case counts, then the TIP
 * policy index. The first whose measures are loaded wins.
 */
export const DEFAULT_VIEWS: { measure: string; compare: string[] }[] = [
  { measure: 'fbi.cde.arrests.prostitution', compare: ['fbi.cde.arrests.sex_trafficking', 'fbi.cde.arrests.labor_trafficking'] },
  { measure: 'fbi.arrests.prostitution_estimated', compare: ['us.ucr_ht.arrests_commercial_sex', 'us.ucr_ht.arrests_involuntary_servitude'] },
  { measure: 'us.federal_ht.prosecuted', compare: ['us.federal_ht.convicted'] },
  { measure: 'tip.law_enforcement.prosecutions', compare: ['tip.law_enforcement.prosecutions_labor'] },
  { measure: 'tip.policy_index.total', compare: [] },
];

/** Measures that may share an axis with `m`: same unit and period kind, numeric, and not `m` itself. */
export function comparable(m: ViewMeasure, other: ViewMeasure): boolean {
  return other.id !== m.id && other.unit === m.unit && other.periodKind === m.periodKind && other.valueType !== 'categorical' && m.valueType !== 'categorical';
}

/** The view an explore URL asks for, with every default filled in; `measures` are those with values (at least one). */
export function parseView<M extends ViewMeasure>(measures: M[], p: Params): View<M> {
  const byId = new Map(measures.map((m) => [m.id, m]));
  const preset = p.measure ? undefined : DEFAULT_VIEWS.find((d) => byId.has(d.measure));
  // Without a choice, never the alphabetically first measure: a preset, else the first numeric measure that is not context.
  const measure =
    byId.get(p.measure ?? '') ??
    (preset ? byId.get(preset.measure) : undefined) ??
    measures.find((m) => m.valueType === 'count' && m.topic !== 'context') ??
    measures.find((m) => m.valueType === 'count') ??
    measures[0]!;
  const compareIds = p.measure ? (p.compare ?? '').split(',').filter(Boolean) : (preset?.compare ?? []);
  const compare = compareIds
    .map((id) => byId.get(id))
    .filter((m): m is M => m !== undefined && comparable(measure, m))
    .slice(0, 4);
  const periods = [...new Set([measure, ...compare].flatMap((m) => m.periods))].sort((a, b) => a - b);
  const last = periods[periods.length - 1] ?? new Date().getFullYear();
  const to = periods.includes(Number(p.to)) ? Number(p.to) : last;
  const from = periods.includes(Number(p.from)) && Number(p.from) <= to ? Number(p.from) : (periods[0] ?? to);
  const places = (p.places ?? '').split(',').map((x) => x.trim().toUpperCase()).filter(Boolean).slice(0, MAX_PLACES);
  const allowedBy = ['', ...measure.dimensions, ...(measure.aggregation === 'sum' ? ['state', 'agency'] : [])];
  const by = allowedBy.includes(p.by ?? '') ? (p.by ?? '') : '';
  // Comparing measures is a line chart: a bar or map of one measure would silently drop the others.
  const chart: Chart = compare.length ? 'line' : p.chart === 'bar' || p.chart === 'map' ? p.chart : measure.valueType === 'categorical' ? 'map' : 'line';
  const layout: Layout = p.layout === 'overlay' || p.layout === 'multiples' ? p.layout : 'auto';
  return { measure, compare, places, from, to, by, chart, rate: p.rate === '1', layout };
}

/** One measure's answers for a view: one per compared place (or one for all places). */
export interface ViewPart<M, R> {
  measure: M;
  results: R[];
}

/**
 * The observation queries a view makes, in the order it makes them. Bars and maps show one period:
 * the last of the range that has values, found by asking year by year from the last. Compared
 * measures are asked each on its own, over the years of the range it has values for.
 */
export async function fetchViewParts<M extends ViewMeasure, R extends { rows: unknown[] }>(v: View<M>, get: GetJson): Promise<ViewPart<M, R>[]> {
  if (v.chart !== 'line') {
    for (const year of v.measure.periods.filter((y) => y >= v.from && y <= v.to).reverse()) {
      const results = await fetchPeriod<M, R>(v, String(year), get);
      if (results.some((r) => r.rows.length)) return [{ measure: v.measure, results }];
    }
  }
  const period = v.from === v.to ? String(v.to) : `${v.from}-${v.to}`;
  if (!v.compare.length) return [{ measure: v.measure, results: await fetchPeriod<M, R>(v, period, get) }];
  const parts = await Promise.all(
    [v.measure, ...v.compare].map(async (m): Promise<ViewPart<M, R> | null> => {
      const years = m.periods.filter((y) => y >= v.from && y <= v.to);
      if (!years.length) return null;
      return { measure: m, results: await fetchPeriod<M, R>({ ...v, measure: m, compare: [] }, `${years[0]}-${years[years.length - 1]}`, get) };
    }),
  );
  return parts.filter((x): x is ViewPart<M, R> => x !== null);
}

function fetchPeriod<M extends ViewMeasure, R>(v: View<M>, period: string, get: GetJson): Promise<R[]> {
  // A map of a summed measure over all places needs values per place: countries for global sources, states for U.S. ones.
  const by = v.chart === 'map' && v.measure.aggregation === 'sum' && !v.by && v.places.length === 0 ? v.measure.geography : v.by;
  const targets = v.places.length ? v.places : [undefined];
  return Promise.all(targets.map((place) => get<R>(observationsUrl({ measure: v.measure.id, place, period, by: by || undefined, rate: v.rate ? '1' : undefined }))));
}

// ---- /map ----

export const TIP_TIER = 'tip.tier';

/** The report year (the last with values unless the URL names one that has them) and the selected country. */
export function tipMapView(periods: number[], p: Params): { year: number; country: string } {
  const year = periods.includes(Number(p.year)) ? Number(p.year) : periods[periods.length - 1]!;
  return { year, country: p.country?.toUpperCase() || '' };
}

export const tipYearUrl = (year: number) => observationsUrl({ measure: TIP_TIER, period: String(year) });
export const tipHistoryUrl = (country: string) => observationsUrl({ measure: TIP_TIER, place: country });

// ---- /place/:id ----

export const PLACE_LAW_LIMIT = 100;
export const placeProfileUrl = (id: string) => `/api/v1/places/${encodeURIComponent(id)}/profile`;
/** A state's texts in the legislation corpus. */
export const placeBillsUrl = (id: string) => withQuery('/api/v1/bills', { jurisdiction: id, limit: String(PLACE_LAW_LIMIT) });
/** U.S. anti-trafficking grants to a country. */
export const placeFundingUrl = (id: string) => withQuery('/api/v1/funding', { place: id });

// ---- /law and /law/compare ----

export const LAW_PAGE = 20;
export const LAW_IMPACTS = ['harmful', 'concern', 'protective'] as const;
export const LAW_JURISDICTIONS_URL = '/api/v1/law/compare?scope=all';
export const LAW_LIST_KEYS = ['q', 'jurisdiction', 'type', 'kind', 'impact', 'year', 'offset'] as const;
export type LawListState = Record<(typeof LAW_LIST_KEYS)[number], string>;

export function lawListState(p: Params): LawListState {
  return Object.fromEntries(LAW_LIST_KEYS.map((k) => [k, p[k] ?? ''])) as LawListState;
}

export function lawListUrl(state: LawListState): string {
  const q: Record<string, string> = { limit: String(LAW_PAGE) };
  for (const k of LAW_LIST_KEYS) if (state[k]) q[k] = state[k];
  return withQuery('/api/v1/bills', q);
}

export function lawCompareState(p: Params): { scope: 'all' | 'enacted'; impact: string } {
  return { scope: p.scope === 'all' ? 'all' : 'enacted', impact: (LAW_IMPACTS as readonly string[]).includes(p.impact ?? '') ? p.impact! : '' };
}

export const lawCompareUrl = (state: { scope: string; impact: string }) => withQuery('/api/v1/law/compare', { scope: state.scope, impact: state.impact });

// ---- /bills/:id ----

/** The text a bill page shows: ?id= when given, else its path after /bills/, decoded. */
export function billId(path: string, p: Params): string {
  if (p.id !== undefined) return p.id;
  const raw = path.replace(/^\/bills\//, '').replace(/\/+$/, '');
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export const billUrl = (id: string): string => `/api/v1/bills/${encodeURIComponent(id)}`;

// ---- /analyses/* ----

/** The funnel of a place (USA unless named) and year (the API's latest unless named). */
export function funnelUrl(p: Params): string {
  const q = new URLSearchParams({ place: (p.place ?? 'USA').toUpperCase() });
  if (p.period) q.set('period', p.period);
  return `/api/v1/funnel?${q.toString()}`;
}

/** Funding against need: every country, or the one named, over the years named or all. */
export function fundingUrl(p: Params): string {
  const q = new URLSearchParams();
  if (p.place) q.set('place', p.place);
  if (p.period) q.set('period', p.period);
  return `/api/v1/funding?${q.toString()}`;
}

export const MSE_STUDIES_URL = '/api/v1/mse/studies';
export const mseStudyUrl = (id: string) => `${MSE_STUDIES_URL}/${encodeURIComponent(id)}`;

// ---- which pages /api/v1/page-data gathers ----

/** Pages whose answers /api/v1/page-data gathers, by plan (src/api/page-data.ts has one plan for each name). */
export const GATHERED_PAGES = {
  home: /^\/$/,
  explore: /^\/(?:embed\/)?explore$/,
  map: /^\/map$/,
  place: /^\/place\/([A-Za-z0-9_-]+)$/,
  sources: /^\/sources$/,
  methodology: /^\/methodology$/,
  law: /^\/law$/,
  lawCompare: /^\/law\/compare$/,
  funnel: /^\/analyses\/funnel$/,
  funding: /^\/analyses\/funding$/,
  mse: /^\/analyses\/mse$/,
  bill: /^\/bills\/.+$/,
} as const;
export type GatheredPage = keyof typeof GATHERED_PAGES;

export function gatheredPage(path: string): GatheredPage | undefined {
  return (Object.keys(GATHERED_PAGES) as GatheredPage[]).find((k) => GATHERED_PAGES[k].test(path));
}

/** The page paths page-data takes (a bill's id is percent-encoded in its path); another page fetches its answers itself. */
export const PAGE_PATH_PATTERN = '^/[A-Za-z0-9_/.%-]*$';
export const PAGE_PATH_MAX = 200;
/** Longest page query page-data takes; a page with a longer one fetches its answers itself. */
export const PAGE_QUERY_MAX = 1000;
/** A page's query as page-data takes it: form-encoded, so of the characters [A-Za-z0-9*._%+=&-] only. */
export const pageQuery = (search: string): string => new URLSearchParams(search).toString();

/** The page-data URL of a page, exactly as the explorer asks it (so the server's warm-up fills the cache entry the browser reads). */
export const pageDataUrl = (path: string, query = ''): string => `/api/v1/page-data?${new URLSearchParams(query ? { path, query } : { path }).toString()}`;
