// HTTP API (JSON and CSV) and the explorer's static files. Every parameter is validated;
// bad requests get a 400 problem document naming the parameter, never a 500.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyError } from 'fastify';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import { UsageError } from '../sources/errors.ts';
import { listMeasures, parsePeriod, query } from '../analysis/query.ts';
import { toCsv } from '../analysis/tabulate.ts';
import { loadedSources } from '../cli/sources.ts';
import type { Store } from '../store/store.ts';

export const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

export interface AppOptions {
  store: Store;
  dataDir: string;
  /** Serve the built explorer from this folder (default web/dist) when it exists. */
  webDist?: string;
  logger?: boolean;
}

/** Routes the single-page explorer handles itself; the server answers them with index.html. */
const PAGE_ROUTES = ['/explore', '/map', '/sources', '/methodology', '/law', '/place/*', '/embed/*', '/bills/*'];

const problem = (status: number, title: string, detail: string) => ({ type: 'about:blank', title, status, detail });

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: opts.logger ?? false, ajv: { customOptions: { removeAdditional: false, coerceTypes: true } } });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Cogency API',
        version: '1',
        description:
          'Official statistics on trafficking and sex-work policy, each value with its citation. Trafficking and prostitution measures are separate and never summed. Counts below 10 below state level are withheld.',
      },
    },
  });

  app.setErrorHandler((err: FastifyError, _req, reply) => {
    if (err instanceof UsageError) return reply.code(400).type('application/problem+json').send(problem(400, 'Bad request', err.message));
    if (err.validation) {
      const v = err.validation[0];
      const param = v?.instancePath?.replace(/^\//, '') || (v?.params as { additionalProperty?: string } | undefined)?.additionalProperty || '';
      return reply
        .code(400)
        .type('application/problem+json')
        .send(problem(400, 'Bad request', `${param ? `parameter "${param}": ` : ''}${err.message.replace(/^querystring\/?\S* /, '')}`));
    }
    const status = err.statusCode && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 500) app.log.error(err);
    return reply
      .code(status)
      .type('application/problem+json')
      .send(problem(status, status === 500 ? 'Internal error' : 'Request error', status === 500 ? 'unexpected error' : err.message));
  });

  app.get(
    '/api/v1/status',
    { schema: { summary: 'What the store holds', response: { 200: { type: 'object', additionalProperties: true } } } },
    async () => {
      const sources = await opts.store.all('SELECT count(*) AS n FROM sources');
      return { sourcesLoaded: Number(sources[0]?.n ?? 0), dataDir: opts.dataDir };
    },
  );

  app.get('/api/v1/sources', { schema: { summary: 'Loaded sources with provenance' } }, async () => ({ sources: await loadedSources(opts.store) }));

  app.get('/api/v1/measures', { schema: { summary: 'Measures in the store with their definitions and periods' } }, async () => {
    const periods = await opts.store.all('SELECT measure, list(DISTINCT period ORDER BY period) AS periods FROM observations GROUP BY measure');
    const byMeasure = new Map(periods.map((p) => [String(p.measure), (p.periods as number[]).map(Number)]));
    return { measures: (await listMeasures(opts.store)).map((m) => ({ ...m, periods: byMeasure.get(m.id) ?? [] })) };
  });

  app.get(
    '/api/v1/places',
    {
      schema: {
        summary: 'Places known to the store',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { kind: { type: 'string', enum: ['country', 'state', 'agency'] } },
        },
      },
    },
    async (req) => {
      const { kind } = req.query as { kind?: string };
      const rows = await opts.store.all(
        `SELECT id, kind, name, parent FROM places ${kind ? 'WHERE kind = ?' : ''} ORDER BY kind, name`,
        kind ? [kind] : [],
      );
      return { places: rows };
    },
  );

  app.get(
    '/api/v1/observations',
    {
      schema: {
        summary: 'Values of one measure, with citations and caveats',
        querystring: {
          type: 'object',
          additionalProperties: false,
          required: ['measure'],
          properties: {
            measure: { type: 'string', minLength: 1, maxLength: 100, pattern: '^[a-z0-9_.]+$', description: 'measure id, e.g. tip.tier' },
            place: { type: 'string', minLength: 1, maxLength: 20, pattern: '^[A-Za-z0-9_-]+$', description: 'ISO3 country, U.S. state code or agency ORI' },
            period: { type: 'string', maxLength: 20, description: 'a year (2015) or a range (2010-2015)' },
            by: { type: 'string', maxLength: 100, pattern: '^[a-z_,]*$', description: 'breakdown: a dimension or place level, comma-separated' },
            format: { type: 'string', enum: ['json', 'csv'], default: 'json' },
          },
        },
      },
    },
    async (req, reply) => {
      const q = req.query as { measure: string; place?: string; period?: string; by?: string; format?: 'json' | 'csv' };
      const [from, to] = q.period ? parsePeriod(q.period) : [undefined, undefined];
      const result = await query(opts.store, { measure: q.measure, place: q.place, from, to, by: q.by ? q.by.split(',') : [] });
      if (q.format === 'csv') {
        const name = [result.measure.id, result.params.place, q.period].filter(Boolean).join('_');
        return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`).send(toCsv(result));
      }
      return result;
    },
  );

  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const web = opts.webDist ?? WEB_DIST;
  if (existsSync(join(web, 'index.html'))) {
    await app.register(fastifyStatic, { root: web, prefix: '/', index: ['index.html'] });
    for (const route of PAGE_ROUTES) app.get(route, { schema: { hide: true } }, (_req, reply) => reply.sendFile('index.html'));
  } else {
    app.get('/', { schema: { hide: true } }, async (_req, reply) =>
      reply.type('text/plain').send('The explorer has not been built. Run `npm run build:web` (npm start does this), then reload.'),
    );
  }
  app.setNotFoundHandler((req, reply) =>
    reply.code(404).type('application/problem+json').send(problem(404, 'Not found', `no such resource: ${req.url.split('?')[0]}`)),
  );
  return app;
}
