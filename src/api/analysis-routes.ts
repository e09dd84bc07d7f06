// Analyses built on several measures at once: disparity ratios and the enforcement mix.
import type { FastifyInstance } from 'fastify';
import { disparityQuery } from '../analysis/disparity.ts';
import { placeProfile } from '../analysis/profile.ts';
import { enforcementMix, MIX_COLUMNS } from '../analysis/mix.ts';
import { parsePeriod } from '../analysis/query.ts';
import { UsageError } from '../sources/errors.ts';
import { disclosureCosts } from '../analysis/disclosure/families.ts';
import { disclosureRule, withheldReason } from '../analysis/disclosure/rule.ts';
import type { DisclosureSummary } from '../model/results.ts';
import type { Store } from '../store/store.ts';

const PLACE = { type: 'string', minLength: 1, maxLength: 20, pattern: '^[A-Za-z0-9_-]+$' } as const;
const PERIOD = { type: 'string', maxLength: 20, description: 'a year (2024) or a range (2020-2024)' } as const;

/** The method in words, shown on the methodology page and in the API. */
const DISCLOSURE_METHOD = (t: number): string[] => [
  `Primary suppression: below state level (agencies), every count from 1 to ${t - 1} is withheld.`,
  'Below state level a count is published as agency totals and, for a measure with a single breakdown (e.g. the UCR human-trafficking subcategory), by that breakdown; finer breakdowns of an agency (race × sex × age…) are not published, since labels alone can single a person out. A withheld agency total takes its breakdown with it.',
  'Every agency the source lists for the state and year is shown, zeros included, so a row’s presence says nothing about its value.',
  `Complementary suppression: other cells are withheld until, from everything published (state totals, agency totals, subcategories), each withheld count could still be anything from 0 to ${t} (or to the most the state figures allow). The method follows sdcTable’s SIMPLEHEURISTIC (attacker problems solved as linear programs, GLPK) with partners chosen as in the hypercube method (Repsilber); in a one-way table (agencies summing to the state) it is exact, and a zero is withheld with the small counts whenever the table has one, so a withheld cell cannot be read as “at least 1”.`,
  'Measures that bound one another cell by cell (incidents within offenses; juvenile clearances within clearances) share one pattern.',
  'The pattern is computed once per source version for each table (measure × year × state) and used by every output — API, CSV, command line, pages and the Data Package — so no two answers can be differenced.',
  'Every withheld cell carries the same flag and reason, whether it is small or withheld to protect another, so the reason reveals nothing.',
  '`cogency audit disclosure` recomputes, from the published outputs, the feasible interval of every withheld count and fails if any is narrower than the rule.',
  'Where a source lists a single agency for a state and year and any of its counts is small, the state figure is that agency’s own, and no withheld cell below state level can hide it: the agency is shown unnamed (“One agency in OH (name withheld)”, flag agency_name_withheld) in every table of that source, state and year, so the state figure describes one agency of the state, not a named one. Its small counts are withheld like any other.',
  'State and national figures are published as the FBI publishes them.',
];

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
    '/api/v1/disclosure',
    {
      config: { cache: true },
      schema: {
        summary: 'The disclosure rule, how withheld cells are chosen and checked, and how many cells each source loses to it (computed from the live patterns)',
        querystring: { type: 'object', additionalProperties: false, properties: {} },
      },
    },
    async (): Promise<DisclosureSummary> => {
      const rule = disclosureRule();
      const sources = await opts.store.read((snap) => disclosureCosts(snap, rule));
      return { threshold: rule.threshold, reason: withheldReason(rule), method: DISCLOSURE_METHOD(rule.threshold), sources };
    },
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
