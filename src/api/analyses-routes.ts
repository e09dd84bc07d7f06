// The analyses the record is kept for: hidden-population estimates (multiple systems estimation),
// the enforcement funnel and funding against need. Registered by server.ts with one line.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { InputError, UsageError } from '../sources/errors.ts';
import type { Store } from '../store/store.ts';
import { MAX_REPLICATES } from '../methods/mse/index.ts';
import { EstimatorBusyError, OffThreadEstimator } from '../analysis/mse/offthread.ts';
import { parseOverlapCsv } from '../sources/mse/table.ts';
import { MAX_TABLE_BYTES } from '../sources/mse/source.ts';
import { storedStudies, studyReport, studyReportFrom, type StudyReport } from '../analysis/mse/stored.ts';
import { MSE_CRITIQUES } from '../methods/mse/studies.ts';
import { enforcementFunnel } from '../analysis/funnel.ts';
import { fundingAgainstNeed } from '../analysis/funding.ts';
import { servicesAgainstNeed } from '../analysis/funding-services.ts';
import { parsePeriod } from '../analysis/query.ts';

const problem = (status: number, title: string, detail: string) => ({ type: 'about:blank', title, status, detail });

function badInput(reply: FastifyReply, e: InputError) {
  return reply
    .code(400)
    .type('application/problem+json')
    .send({ ...problem(400, 'Bad input', e.message), file: e.file, line: e.line, field: e.field, reason: e.reason });
}

const REPLICATES = { type: 'integer', minimum: 0, maximum: MAX_REPLICATES, default: 1000, description: 'bootstrap resamples (0 = point estimate only)' } as const;
const RESAMPLE = {
  type: 'string', enum: ['observed', 'fitted'], default: 'observed',
  description: 'observed: multinomial resamples of the observed histories (SparseMSE estimatepopulation); fitted: samples from the selected model (parametric, as SparseMSE BICandbootstrapsim)',
} as const;
const SEED = { type: 'integer', minimum: 0, maximum: 2 ** 31 - 1, default: 1234, description: 'random seed: the same seed gives the same interval' } as const;

export async function analysesRoutes(app: FastifyInstance, opts: { store: Store }): Promise<void> {
  await funnelAndFundingRoutes(app, opts);
  // Bootstrap reports take seconds: computed in a worker thread, the last few kept per store generation.
  const reports = new Map<string, StudyReport>();
  const estimator = new OffThreadEstimator();
  app.addHook('onClose', async () => estimator.close());
  const busy = (reply: FastifyReply, e: unknown) => {
    if (!(e instanceof EstimatorBusyError)) throw e;
    return reply.code(503).header('retry-after', '5').type('application/problem+json').send(problem(503, 'Busy', e.message));
  };

  app.get(
    '/api/v1/mse/studies',
    {
      config: { cache: true },
      schema: {
        summary: 'Hidden-population estimates (multiple systems estimation) for each loaded study: observed count beside the estimate, the chosen model, the published figure',
        querystring: { type: 'object', additionalProperties: false, properties: {} },
      },
    },
    async () => {
      const studies = await opts.store.read((snap) => storedStudies(snap));
      return {
        studies: studies.map((s) => {
          const r = studyReport(s, { replicates: 0 });
          return {
            id: r.id, title: r.title, place: r.place, population: r.population, periodLabel: r.periodLabel, periodKind: r.periodKind,
            lists: r.lists, observed: r.observed, estimate: r.estimate.estimate, mainEffectsEstimate: r.estimate.mainEffectsEstimate,
            twoListEffects: r.estimate.model?.twoListEffects ?? [], nonOverlappingEffects: r.estimate.model?.nonOverlappingEffects ?? [],
            check: r.estimate.check, published: r.published, differenceFromPublished: r.differenceFromPublished,
            comparisons: r.comparisons, searchNote: r.searchNote, citation: r.citation,
          };
        }),
        method: estimateMethodNote(),
        critiques: MSE_CRITIQUES,
      };
    },
  );

  app.get(
    '/api/v1/mse/studies/:id',
    {
      config: { cache: true },
      schema: {
        summary: 'One study: checks, chosen model, estimate with BCa bootstrap interval (model selection repeated), the overlap table and its citation',
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^[A-Za-z0-9_]{1,40}$' } } },
        querystring: { type: 'object', additionalProperties: false, properties: { replicates: REPLICATES, seed: SEED, resample: RESAMPLE } },
      },
    },
    async (req, reply) => {
      const { id } = req.params as { id: string };
      const q = req.query as { replicates: number; seed: number; resample: 'observed' | 'fitted' };
      const key = `${opts.store.generation}:${id}:${q.replicates}:${q.seed}:${q.resample}`;
      const hit = reports.get(key);
      if (hit) return hit;
      const studies = await opts.store.read((snap) => storedStudies(snap));
      const s = studies.find((x) => x.study.id === id);
      if (!s) throw new UsageError(`parameter "id": no loaded study "${id}"; loaded: ${studies.map((x) => x.study.id).join(', ') || 'none (run cogency ingest mse)'}`);
      let report: StudyReport;
      try {
        report = studyReportFrom(s, await estimator.estimate(s.table, { replicates: q.replicates, seed: q.seed, resample: q.resample }));
      } catch (e) {
        return busy(reply, e);
      }
      if (reports.size > 32) reports.clear();
      reports.set(key, report);
      return report;
    },
  );

  app.post(
    '/api/v1/mse/estimate',
    {
      bodyLimit: MAX_TABLE_BYTES + 4096,
      // the uploaded table is neither stored nor logged
      logLevel: 'silent',
      schema: {
        summary: 'Estimate from your own overlap table (CSV: one 0/1 column per list, last column "count"); nothing is stored or logged',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['csv'],
          properties: { csv: { type: 'string', minLength: 1, maxLength: MAX_TABLE_BYTES }, replicates: REPLICATES, seed: SEED, resample: RESAMPLE },
        },
      },
    },
    async (req, reply) => {
      const b = req.body as { csv: unknown; replicates: number; seed: number; resample: 'observed' | 'fitted' };
      if (typeof b.csv !== 'string') return reply.code(400).type('application/problem+json').send(problem(400, 'Bad request', 'parameter "csv": must be a string'));
      try {
        const table = parseOverlapCsv(b.csv, 'upload.csv');
        const estimate = await estimator.estimate(table, { replicates: b.replicates, seed: b.seed, resample: b.resample });
        return {
          periodLabel: 'total over the period your lists cover — annual only if every list covers the same single year',
          ...estimate,
        };
      } catch (e) {
        if (e instanceof InputError) return badInput(reply, e);
        return busy(reply, e);
      }
    },
  );
}

const PLACE = { type: 'string', minLength: 2, maxLength: 10, pattern: '^[A-Za-z]+$' } as const;

export async function funnelAndFundingRoutes(app: FastifyInstance, opts: { store: Store }): Promise<void> {
  app.get(
    '/api/v1/funnel',
    {
      config: { cache: true },
      schema: {
        summary: 'Enforcement funnel: trafficking (sex, labor, federal, child exploitation) and prostitution as separate funnels; each stage with unit, period kind, cohort rule, coverage and citations; ratios only between like stages',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            place: { ...PLACE, description: 'USA (default), a U.S. state code (VT) or WORLD (TIP global figures)' },
            period: { type: 'string', pattern: '^[0-9]{4}$', description: 'one year (default: the latest with figures)' },
          },
        },
      },
    },
    async (req) => {
      const q = req.query as { place?: string; period?: string };
      return opts.store.read((snap) => enforcementFunnel(snap, { place: q.place, period: q.period ? Number(q.period) : undefined }));
    },
  );

  app.get(
    '/api/v1/funding',
    {
      config: { cache: true },
      schema: {
        summary: 'Funding against need: U.S. anti-trafficking grants abroad by country and year, per estimated victim (Walk Free GSI, with its year), beside the TIP tier',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            place: { type: 'string', pattern: '^[A-Za-z]{3}$', description: 'one recipient country (ISO 3166-1 alpha-3)' },
            period: { type: 'string', maxLength: 9, description: 'a grant year (2008) or a range (2001-2010)' },
          },
        },
      },
    },
    async (req) => {
      const q = req.query as { place?: string; period?: string };
      const [from, to] = q.period ? parsePeriod(q.period) : [undefined, undefined];
      return opts.store.read((snap) => fundingAgainstNeed(snap, { place: q.place, from, to }));
    },
  );

  app.get(
    '/api/v1/services',
    {
      config: { cache: true },
      schema: {
        summary: 'Services in the loaded directories by place and population served (sex workers, sex-trafficking, labor-trafficking victims kept apart; "none known" distinct from 0), per million residents; domestic award dollars by place of performance',
        querystring: { type: 'object', additionalProperties: false, properties: {} },
      },
    },
    async () => opts.store.read((snap) => servicesAgainstNeed(snap)),
  );
}

function estimateMethodNote(): string {
  return 'Point estimates here skip the bootstrap; open a study (GET /api/v1/mse/studies/{id}) for its BCa interval.';
}
