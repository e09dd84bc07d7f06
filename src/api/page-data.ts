// GET /api/v1/page-data?path=/explore&query=measure%3Dtip.tier — every API answer an explorer page
// needs, in one response, so the page renders after one round trip instead of a chain of them
// (status → measures → observations, profile → bills → services, ...).
//
// The answers are the API's own: each URL is requested from this server in-process (with its
// validation, disclosure control and response cache), and its body is passed on unchanged under
// its URL. The explorer looks a URL up there before fetching it, so a URL missing from the plan
// costs a request, never a wrong answer. Only 200 answers are included; an error is left to the
// page's own request, which shows it.
//
// Which URLs a page asks for, given its URL, is written once in src/model/page-requests.ts and
// run both by the page and by its plan here. The page's query is parsed and checked here; a plan
// reads only the parameters its page reads, and every API URL is built from them with
// URLSearchParams (or encodeURIComponent for a path segment the router already restricts).
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { UsageError } from '../sources/errors.ts';
import {
  GATHERED_PAGES,
  type GatheredPage,
  type GetJson,
  LAW_JURISDICTIONS_URL,
  MEASURES_URL,
  MSE_STUDIES_URL,
  PAGE_PATH_MAX,
  PAGE_PATH_PATTERN,
  NATIONAL_URL,
  PAGE_QUERY_MAX,
  type Params,
  SERVICES_URL,
  STATES_URL,
  STATUS_URL,
  TIP_TIER,
  billId,
  billUrl,
  type ViewMeasure,
  disparitySection,
  disparityUrl,
  enforcementMixes,
  fetchViewParts,
  fundingUrl,
  funnelUrl,
  gatheredPage,
  lawCompareState,
  lawCompareUrl,
  lawListState,
  lawListUrl,
  parseView,
  placeBillsUrl,
  placeFundingUrl,
  placeProfileUrl,
  tipHistoryUrl,
  tipMapView,
  tipYearUrl,
} from '../model/page-requests.ts';

/** Fetch one API URL in-process: its parsed JSON body, or undefined when it is not a 200. */
type Get = <T>(url: string) => Promise<T | undefined>;

/** What a plan is given: both getters (`must` rejects where `get` gives undefined), the page's parameters and its path's match. */
interface PlanContext {
  get: Get;
  must: GetJson;
  params: Params;
  match: RegExpMatchArray;
}

/** An answer a plan needed was not a 200: the page will ask for it itself and show the error. */
class Unanswered extends Error {}

/** Most answers one page-data request gathers (the home page on a 51-state store asks about 70); past it, the page fetches the rest itself, counted by the rate limit. */
export const MAX_PARTS = 128;
/** Most query parameters, and longest parameter value, a page's query may hold. */
const MAX_PARAMS = 20;
const MAX_VALUE = 300;

/** What each page asks for, in the order it asks (answers it depends on are fetched first). Its status check is asked by every plan. */
const PLANS: Record<GatheredPage, (c: PlanContext) => Promise<unknown>> = {
  // web/src/pages/overview.ts
  home: async ({ get }) => {
    const [, measures] = await Promise.all([get(NATIONAL_URL), get<{ measures: ViewMeasure[] }>(MEASURES_URL), get(STATES_URL)]);
    const have = new Map((measures?.measures ?? []).filter((m) => m.periods.length).map((m) => [m.id, m]));
    const disparity = async () => {
      const section = disparitySection(have);
      if (!section) return;
      const byState = await get<{ rows: { place: string }[] }>(section.statesUrl);
      await Promise.all((byState?.rows ?? []).map((r) => get(disparityUrl({ measure: section.measure, place: r.place, period: String(section.year) }))));
    };
    await Promise.all([...enforcementMixes(have).flatMap((mix) => mix.queries.map((q) => get(q.url))), disparity()]);
  },
  // web/src/pages/explore.ts
  explore: async ({ must, params }) => {
    const measures = (await must<{ measures: ViewMeasure[] }>(MEASURES_URL)).measures.filter((m) => m.periods.length > 0);
    if (measures.length) await fetchViewParts(parseView(measures, params), must);
  },
  // web/src/pages/tipmap.ts
  map: async ({ get, must, params }) => {
    const measure = (await must<{ measures: ViewMeasure[] }>(MEASURES_URL)).measures.find((m) => m.id === TIP_TIER);
    if (!measure?.periods.length) return;
    const { year, country } = tipMapView(measure.periods, params);
    await Promise.all([get(tipYearUrl(year)), country ? get(tipHistoryUrl(country)) : undefined]);
  },
  // web/src/pages/place.ts (the route upper-cases the id)
  place: async ({ get, must, match }) => {
    const { place } = await must<{ place: { id: string; kind: string } }>(placeProfileUrl(match[1]!.toUpperCase()));
    await Promise.all([place.kind === 'state' ? get(placeBillsUrl(place.id)) : undefined, place.kind === 'country' ? get(placeFundingUrl(place.id)) : undefined, get(SERVICES_URL)]);
  },
  // web/src/pages/sources.ts
  sources: ({ get }) => Promise.all([get('/api/v1/sources'), get(MEASURES_URL)]),
  // web/src/pages/methodology.ts
  methodology: ({ get }) => Promise.all([get(MEASURES_URL), get('/api/v1/disclosure')]),
  // web/src/pages/law/bills.ts
  law: ({ get, params }) => Promise.all([get(LAW_JURISDICTIONS_URL), get(lawListUrl(lawListState(params)))]),
  // web/src/pages/law/compare.ts
  lawCompare: ({ get, params }) => get(lawCompareUrl(lawCompareState(params))),
  // web/src/pages/analyses/funnel.ts
  funnel: ({ get, params }) => get(funnelUrl(params)),
  // web/src/pages/analyses/funding.ts
  funding: ({ get, params }) => Promise.all([get(fundingUrl(params)), get(SERVICES_URL)]),
  // web/src/pages/analyses/mse.ts: the studies, not a chosen study's detail, whose bootstrap takes
  // seconds; gathered, it would hold back the whole page, which shows the studies first.
  mse: ({ get }) => get(MSE_STUDIES_URL),
  // web/src/pages/law/bill.ts
  bill: ({ get, params, match }) => get(billUrl(billId(match[0]!, params))),
};

/** The page's query, parsed as the explorer parses it (web/src/state.ts readParams); a 400 names what is wrong, never echoing it. */
function pageParams(query: string): Params {
  const entries = [...new URLSearchParams(query)];
  if (entries.length > MAX_PARAMS) throw new UsageError(`parameter "query": at most ${MAX_PARAMS} parameters`);
  for (const [k, v] of entries) {
    if (!/^[A-Za-z_]{1,20}$/.test(k)) throw new UsageError('parameter "query": a parameter name must be 1 to 20 letters or _');
    if (v.length > MAX_VALUE) throw new UsageError(`parameter "query": a value is longer than ${MAX_VALUE} characters`);
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u001f\u007f]/.test(v)) throw new UsageError('parameter "query": a value holds a control character');
  }
  return Object.fromEntries(entries);
}

/** Requests made by this route carry this header; the rate limit counts the page request once, not each part. */
export const INTERNAL_HEADER = 'x-cogency-page-part';

/** A secret per app: a client cannot pass for one of the route's own in-process requests. */
export function pageDataToken(): { token: string; isInternal: (req: FastifyRequest) => boolean } {
  const token = randomBytes(16).toString('hex');
  return { token, isInternal: (req) => req.headers[INTERNAL_HEADER] === token };
}

export function pageDataRoutes(app: FastifyInstance, { token }: { token: string }): void {
  app.get(
    '/api/v1/page-data',
    {
      config: { cache: true },
      schema: {
        summary:
          "Every API answer an explorer page needs (its status check included), by URL, in one response (each exactly as its own URL answers); {} for a page without a plan",
        querystring: {
          type: 'object',
          additionalProperties: false,
          required: ['path'],
          properties: {
            path: { type: 'string', minLength: 1, maxLength: PAGE_PATH_MAX, pattern: PAGE_PATH_PATTERN, description: 'the page path, e.g. /explore' },
            query: { type: 'string', maxLength: PAGE_QUERY_MAX, pattern: '^[A-Za-z0-9*._%+=&-]*$', description: "the page's query string, form-encoded, without the ?" },
          },
        },
      },
    },
    async (req, reply) => {
      const { path, query = '' } = req.query as { path: string; query?: string };
      const params = pageParams(query);
      const bodies = new Map<string, string>();
      const pending = new Map<string, Promise<unknown>>();
      const get: Get = <T>(url: string) => {
        let p = pending.get(url);
        if (!p) {
          if (pending.size >= MAX_PARTS) return Promise.resolve(undefined);
          p = app.inject({ method: 'GET', url, headers: { [INTERNAL_HEADER]: token, accept: 'application/json' } }).then((res) => {
            if (res.statusCode !== 200 || !String(res.headers['content-type'] ?? '').startsWith('application/json')) return undefined;
            bodies.set(url, res.body);
            return JSON.parse(res.body) as unknown;
          });
          pending.set(url, p);
        }
        return p as Promise<T | undefined>;
      };
      const must: GetJson = async <T>(url: string) => {
        const body = await get<T>(url);
        if (body === undefined) throw new Unanswered(url);
        return body;
      };
      const page = gatheredPage(path);
      if (page) {
        const status = get(STATUS_URL);
        const match = path.match(GATHERED_PAGES[page])!;
        await PLANS[page]({ get, must, params, match }).catch((e: unknown) => {
          if (!(e instanceof Unanswered)) throw e;
        });
        await status;
      }
      // Answers asked for beside one that failed are still on their way: wait for all, keep every 200.
      await Promise.allSettled(pending.values());
      // The bodies are JSON already: spliced in as they are, not parsed and written again.
      const parts = [...bodies].map(([url, body]) => `${JSON.stringify(url)}:${body}`);
      return reply.type('application/json; charset=utf-8').send(`{"responses":{${parts.join(',')}}}`);
    },
  );
}
