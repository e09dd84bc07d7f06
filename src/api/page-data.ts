// GET /api/v1/page-data?path=/ — every API answer an explorer page needs, in one response, so the
// page renders after one round trip instead of a chain of them (the home page used to wait on
// national → measures → eight queries → a disparity per state, one query fetched twice).
//
// The answers are the API's own: each URL is requested from this server in-process (with its
// validation, disclosure control and response cache), and its body is passed on unchanged under
// its URL. The explorer looks a URL up there before fetching it, so a URL missing from the plan
// costs a request, never a wrong answer. Only 200 answers are included; an error is left to the
// page's own request, which shows it.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** Fetch one API URL in-process: its parsed JSON body, or undefined when it is not a 200. */
type Get = <T>(url: string) => Promise<T | undefined>;

interface MeasureInfo {
  id: string;
  periods: number[];
}

/** The enforcement mix the home page draws (web/src/pages/overview.ts): five offense types per kind. */
const MIX = ['sex_trafficking', 'labor_trafficking', 'prostitution', 'promoting_prostitution', 'purchasing_prostitution'];

/** URLs as the explorer writes them (web/src/api.ts builds query strings with URLSearchParams in this order). */
const observationsUrl = (q: Record<string, string>) => `/api/v1/observations?${new URLSearchParams(q).toString()}`;

/** What each page asks for, in the order it asks (answers it depends on are fetched first). */
const PLANS: { path: RegExp; plan: (get: Get) => Promise<void> }[] = [
  {
    // web/src/pages/overview.ts
    path: /^\/$/,
    plan: async (get) => {
      const [, measures] = await Promise.all([get('/api/v1/national'), get<{ measures: MeasureInfo[] }>('/api/v1/measures'), get('/api/v1/places?kind=state')]);
      const have = new Map((measures?.measures ?? []).filter((m) => m.periods.length).map((m) => [m.id, m]));
      const latest = (id: string) => String(have.get(id)!.periods[have.get(id)!.periods.length - 1]);
      const mix = (['offenses', 'arrestees'] as const)
        .filter((k) => have.has(`nibrs.${k}.prostitution`))
        .flatMap((k) => MIX.filter((m) => have.has(`nibrs.${k}.${m}`)).map((m) => get(observationsUrl({ measure: `nibrs.${k}.${m}`, period: latest(`nibrs.${k}.prostitution`), by: 'state' }))));
      const disparity = async () => {
        const id = 'nibrs.arrestees.prostitution';
        if (!have.has(id) || !have.has('census.acs.population.by_race')) return;
        const period = latest(id);
        const byState = await get<{ rows: { place: string }[] }>(observationsUrl({ measure: id, period, by: 'state' }));
        await Promise.all((byState?.rows ?? []).map((r) => get(`/api/v1/disparity?${new URLSearchParams({ measure: id, place: r.place, period }).toString()}`)));
      };
      await Promise.all([...mix, disparity()]);
    },
  },
];

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
        summary: "Every API answer an explorer page needs, by URL, in one response (each exactly as its own URL answers); {} for a page without a plan",
        querystring: {
          type: 'object',
          additionalProperties: false,
          required: ['path'],
          properties: { path: { type: 'string', minLength: 1, maxLength: 200, pattern: '^/[A-Za-z0-9_/.-]*$', description: 'the page path, e.g. /' } },
        },
      },
    },
    async (req, reply) => {
      const { path } = req.query as { path: string };
      const bodies = new Map<string, string>();
      const pending = new Map<string, Promise<unknown>>();
      const get: Get = <T>(url: string) => {
        let p = pending.get(url);
        if (!p) {
          p = app.inject({ method: 'GET', url, headers: { [INTERNAL_HEADER]: token, accept: 'application/json' } }).then((res) => {
            if (res.statusCode !== 200 || !String(res.headers['content-type'] ?? '').startsWith('application/json')) return undefined;
            bodies.set(url, res.body);
            return JSON.parse(res.body) as unknown;
          });
          pending.set(url, p);
        }
        return p as Promise<T | undefined>;
      };
      await PLANS.find((p) => p.path.test(path))?.plan(get);
      // The bodies are JSON already: spliced in as they are, not parsed and written again.
      const parts = [...bodies].map(([url, body]) => `${JSON.stringify(url)}:${body}`);
      return reply.type('application/json; charset=utf-8').send(`{"responses":{${parts.join(',')}}}`);
    },
  );
}
