// Analyses built on several measures at once: disparity ratios and the enforcement mix.
import type { FastifyInstance } from 'fastify';
import { disparityQuery } from '../analysis/disparity.ts';
import { placeProfile } from '../analysis/profile.ts';
import { enforcementMix, MIX_COLUMNS } from '../analysis/rates.ts';
import { parsePeriod } from '../analysis/query.ts';
import { UsageError } from '../sources/errors.ts';
import type { Store } from '../store/store.ts';

const PLACE = { type: 'string', minLength: 1, maxLength: 20, pattern: '^[A-Za-z0-9_-]+$' } as const;
const PERIOD = { type: 'string', maxLength: 20, description: 'a year (2024) or a range (2020-2024)' } as const;

export async function analysisRoutes(app: FastifyInstance, opts: { store: Store }): Promise<void> {
  app.get(
    '/api/v1/disparity',
    {
      config: { cache: true },
      schema: {
        summary: "Disparity ratios by race: a group's share of a count over its share of the population, with 95% intervals",
        querystring: {
          type: 'object',
          additionalProperties: false,
          required: ['measure', 'place', 'period'],
          properties: {
            measure: { type: 'string', minLength: 1, maxLength: 100, pattern: '^[a-z0-9_.]+$', description: 'a count broken down by race, e.g. nibrs.arrestees.prostitution' },
            place: { ...PLACE, description: 'a U.S. state (VT) or USA' },
            period: { type: 'string', pattern: '^[0-9]{4}$', description: 'one year' },
          },
        },
      },
    },
    async (req) => {
      const q = req.query as { measure: string; place: string; period: string };
      return opts.store.read((snap) => disparityQuery(snap, { measure: q.measure, place: q.place, period: Number(q.period) }));
    },
  );

  app.get(
    '/api/v1/places/:id/profile',
    {
      config: { cache: true },
      schema: {
        summary: 'Everything the store holds about one place: each measure per period, with its source',
        params: { type: 'object', required: ['id'], properties: { id: PLACE } },
        querystring: { type: 'object', additionalProperties: false, properties: {} },
      },
    },
    async (req) => opts.store.read((snap) => placeProfile(snap, (req.params as { id: string }).id)),
  );

  app.get(
    '/api/v1/mix',
    {
      config: { cache: true },
      schema: {
        summary: 'Enforcement mix per state-year: trafficking vs prostitution vs purchasing offenses and arrests (NIBRS), side by side, never summed',
        querystring: { type: 'object', additionalProperties: false, properties: { place: PLACE, period: PERIOD } },
      },
    },
    async (req) => {
      const q = req.query as { place?: string; period?: string };
      const [from, to] = q.period ? parsePeriod(q.period) : [undefined, undefined];
      if (q.place && q.place.length > 3) throw new UsageError('the enforcement mix is per state: use a state code (VT) or USA');
      const rows = await opts.store.read((snap) => enforcementMix(snap, { place: q.place, from, to }));
      return { columns: MIX_COLUMNS, rows };
    },
  );
}
