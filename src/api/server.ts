// HTTP API (JSON and CSV), open-data exports and feeds, and the explorer's static files.
// Every parameter is validated; bad requests get a 400 problem document (RFC 9457) naming the
// parameter, never a 500. Every GET carries an ETag and Cache-Control; bodies are compressed;
// each client is rate-limited; security headers allow nothing third-party and nothing inline.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyError, type FastifyReply, type FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifyCompress from '@fastify/compress';
import fastifyRateLimit from '@fastify/rate-limit';
import { createServer } from 'node:http';
import { constants as zlib } from 'node:zlib';
import { CogencyError, NotFoundError, problemOf, UsageError } from '../sources/errors.ts';
import { listMeasures, measurePeriods, parsePeriod, query } from '../analysis/query.ts';
import { toCsv } from '../analysis/tabulate.ts';
import { loadedSources } from '../store/catalog.ts';
import { notLoadedFiles } from '../sources/inventory.ts';
import { geographyOf, sourceSummaries } from '../sources/descriptors.ts';
import { publishable } from '../analysis/disclosure/protected.ts';
import type { Store } from '../store/store.ts';
import { BROTLI_QUALITY, COMPRESS_THRESHOLD, ResponseCache } from './cache.ts';
import { clientKey, LimitStore } from './limit-store.ts';
import { DOCS_CSS, docsHtml } from './docs.ts';
import { ExportService, registerExportRoutes } from './export.ts';
import { ExportError } from '../export/datapackage.ts';
import { billsFeed, sourcesFeed } from './feeds.ts';
import { registerHeaders } from './headers.ts';
import { analysisRoutes } from './analysis-routes.ts';
import { lawRoutes } from '../law/routes.ts';
import { nationalRoutes } from './national-routes.ts';
import { analysesRoutes } from './analyses-routes.ts';
import { reliefRoutes } from '../relief/routes.ts';
import { claimsRoutes } from '../claims/routes.ts';
import { pageDataRoutes, pageDataToken } from './page-data.ts';
import { citationRoutes } from './citation-routes.ts';
import { KINDS } from '../law/rules/types.ts';

export const WEB_DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));

export interface AppOptions {
  store: Store;
  dataDir: string;
  /** Serve the built explorer from this folder (default web/dist) when it exists. */
  webDist?: string;
  logger?: boolean;
  /**
   * API and feed requests per client (IP) per window; false turns the limit off. Default: env
   * COGENCY_RATE_LIMIT requests a minute (0 = off), else 600 a minute.
   */
  rateLimit?: { max: number; timeWindow?: number } | false;
  /** Keep API responses in memory per store generation (default true; env COGENCY_RESPONSE_CACHE=0 turns it off). */
  responseCache?: boolean;
  /** Where `/api/v1/export` builds its packages (default: export/ beside the store file). */
  exportDir?: string;
  /** Absolute base URL for feed links and ids (default env COGENCY_PUBLIC_URL, else from the request). */
  publicUrl?: string;
}

/** Largest request URL accepted (414 past it). */
export const MAX_URL = 2048;
/** Largest request body accepted: the API takes none, so a small one is plenty. */
export const BODY_LIMIT = 16 * 1024;

function defaultRateLimit(env = process.env): { max: number; timeWindow: number } | false {
  const raw = env.COGENCY_RATE_LIMIT;
  if (raw === undefined || raw === '') return { max: 600, timeWindow: 60_000 };
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`COGENCY_RATE_LIMIT must be a whole number of requests a minute (0 = off), not "${raw}"`);
  return n === 0 ? false : { max: n, timeWindow: 60_000 };
}

/** A 0/1 setting; anything else is an error naming it. */
function envSwitch(name: string, fallback: boolean, env = process.env): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw !== '0' && raw !== '1') throw new UsageError(`${name} must be 0 or 1, not "${raw}"`);
  return raw === '1';
}

/** COGENCY_PUBLIC_URL, if set, must be an absolute http(s) URL. */
function publicUrlSetting(env = process.env): string | undefined {
  const raw = env.COGENCY_PUBLIC_URL;
  if (raw === undefined || raw === '') return undefined;
  let url: URL | null = null;
  try {
    url = new URL(raw);
  } catch {
    // reported below
  }
  if (!url || !/^https?:$/.test(url.protocol)) throw new UsageError(`COGENCY_PUBLIC_URL must be an absolute http(s) URL, not "${raw}"`);
  return raw;
}

/** scheme://host of the request, only if the Host header looks like a host (it is echoed into feeds). */
function baseUrl(req: FastifyRequest, configured: string | undefined): string {
  if (configured) return configured.replace(/\/+$/, '');
  const host = req.headers.host ?? '';
  return /^[A-Za-z0-9.-]{1,253}(:\d{1,5})?$|^\[[0-9A-Fa-f:.]{2,45}\](:\d{1,5})?$/.test(host) ? `${req.protocol}://${host}` : 'http://localhost';
}

const NO_QUERY = { type: 'object', additionalProperties: false, properties: {} } as const;

/** Routes the single-page explorer handles itself; the server answers them with index.html. */
const PAGE_ROUTES = ['/explore', '/map', '/sources', '/methodology', '/law', '/law/*', '/place/*', '/embed/*', '/bills/*', '/analyses', '/analyses/*', '/relief', '/claims'];

const problem = (status: number, title: string, detail: string) => ({ type: 'about:blank', title, status, detail });

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const cacheOn = opts.responseCache ?? envSwitch('COGENCY_RESPONSE_CACHE', true);
  const cache = cacheOn ? new ResponseCache(opts.store) : null;
  const limit = opts.rateLimit ?? defaultRateLimit();
  const limitStore = new LimitStore();
  const fastLimit = limit ? { store: limitStore, max: limit.max, timeWindow: limit.timeWindow ?? 60_000 } : null;
  const app = Fastify({
    // Cached answers are sent before Fastify runs (ResponseCache.serveRaw); everything else is Fastify's.
    serverFactory: (handler, options) => {
      const server = createServer((req, res) => {
        if (!cache?.serveRaw(req, res, fastLimit)) handler(req, res);
      });
      // What Fastify sets on a server it makes itself.
      const o = options as unknown as { keepAliveTimeout: number; requestTimeout: number; connectionTimeout: number };
      server.keepAliveTimeout = o.keepAliveTimeout;
      server.requestTimeout = o.requestTimeout;
      server.setTimeout(o.connectionTimeout);
      return server;
    },
    logger: opts.logger ?? false,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: true } },
    bodyLimit: BODY_LIMIT,
    routerOptions: { maxParamLength: 200 },
    // Errors raised before routing (a malformed URL, a bad Content-Type) are problem documents too.
    frameworkErrors: (err, _req, reply) => {
      const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400;
      void (reply as unknown as FastifyReply).code(status).type('application/problem+json').send(problem(status, 'Bad request', err.message));
    },
    requestTimeout: 30_000,
    connectionTimeout: 60_000,
    return503OnClosing: true,
  });
  const publicUrl = opts.publicUrl ?? publicUrlSetting();

  app.addHook('onRequest', async (req, reply) => {
    if (req.url.length > MAX_URL) {
      return reply
        .code(414)
        .type('application/problem+json')
        .send(problem(414, 'URI too long', `the request URL is ${req.url.length} characters; at most ${MAX_URL} are accepted`));
    }
  });
  registerHeaders(app, cache ? (req, reply, payload, etag) => cache.remember(req, reply, payload, etag) : undefined);
  cache?.register(app);
  await app.register(fastifyCompress, {
    global: true,
    threshold: COMPRESS_THRESHOLD,
    encodings: ['br', 'gzip', 'deflate'],
    // Quality 4 keeps brotli fast enough to compress per request.
    brotliOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } },
    zlibOptions: { level: 6 },
  });
  if (cache) app.addHook('preClose', async () => void (cache.closing = true));
  const pageParts = pageDataToken();
  if (limit) {
    await app.register(fastifyRateLimit, {
      global: true,
      max: fastLimit!.max,
      timeWindow: fastLimit!.timeWindow,
      // Counts shared with the cache's fast path (limit-store.ts); the plugin's types omit `store`.
      ...({ store: class { constructor() { return limitStore; } } } as object),
      keyGenerator: clientKey,
      // The limit guards the API and the feeds; the explorer's own files are cheap and unlimited.
      // A page-data request counts once, not once per answer it gathers.
      allowList: (req) => (!req.url.startsWith('/api/') && !req.url.startsWith('/feeds/')) || pageParts.isInternal(req),
      errorResponseBuilder: (_req, ctx) =>
        Object.assign(new Error(`rate limit exceeded: at most ${ctx.max} requests per ${ctx.after}; retry in ${Math.ceil(ctx.ttl / 1000)} s`), {
          statusCode: 429,
        }),
    });
  }

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

  // One mapping for every error (errors.ts): typed errors keep their status and code; anything
  // else is internal, logged, and answered without its message (it may name files).
  app.setErrorHandler((err: FastifyError, _req, reply) => {
    if ((err as Error) instanceof ExportError) {
      app.log.error(err);
      return reply
        .code(503)
        .header('retry-after', '60')
        .type('application/problem+json')
        .send({ ...problem(503, 'Export unavailable', 'the data package could not be built just now (the server log says why); try again later'), code: 'export.unavailable' });
    }
    if (err.validation) {
      const v = err.validation[0];
      const param = v?.instancePath?.replace(/^\//, '') || (v?.params as { additionalProperty?: string } | undefined)?.additionalProperty || '';
      return reply
        .code(400)
        .type('application/problem+json')
        .send({ ...problem(400, 'Bad request', `${param ? `parameter "${param}": ` : ''}${err.message.replace(/^querystring\/?\S* /, '')}`), code: 'usage' });
    }
    if ((err as Error) instanceof CogencyError) {
      const p = problemOf(err);
      if (p.status >= 500) app.log.error(err);
      if (p.status === 503) void reply.header('retry-after', '5');
      return reply.code(p.status).type('application/problem+json').send(p);
    }
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 500) {
      app.log.error(err);
      return reply.code(500).type('application/problem+json').send(problemOf(err));
    }
    const title = status === 429 ? 'Too many requests' : 'Request error';
    return reply.code(status).type('application/problem+json').send({ ...problem(status, title, err.message), code: status === 429 ? 'rate_limited' : 'request' });
  });

  app.get(
    '/api/v1/status',
    { config: { cache: true }, schema: { summary: 'What the store holds', querystring: NO_QUERY, response: { 200: { type: 'object', additionalProperties: true } } } },
    async () => {
      // No filesystem paths: what is loaded and when it last changed.
      const [row] = await opts.store.all('SELECT count(*) AS n, max(loaded_at) AS latest FROM sources');
      return {
        sourcesLoaded: Number(row?.n ?? 0),
        lastLoadedAt: row?.latest ? (row.latest as Date).toISOString() : null,
      };
    },
  );

  app.get(
    '/api/v1/sources',
    {
      config: { cache: true },
      schema: {
        summary: 'Loaded sources with provenance, every file in the data directory that is not loaded (with the reason), and every source Cogency knows (from its descriptor)',
        querystring: NO_QUERY,
      },
    },
    async () => ({ sources: await loadedSources(opts.store), ...(await notLoadedFiles(opts.dataDir)), known: sourceSummaries() }),
  );

  app.get(
    '/api/v1/measures',
    { config: { cache: true }, schema: { summary: 'Measures in the store with their definitions, periods and map level (geography, from the source descriptors)', querystring: NO_QUERY } },
    async () =>
      opts.store.read(async (snap) => {
        const byMeasure = await measurePeriods(snap);
        return { measures: (await listMeasures(snap)).map((m) => ({ ...m, geography: geographyOf(m.family), periods: byMeasure.get(m.id) ?? [] })) };
      }),
  );

  app.get(
    '/api/v1/places',
    {
      config: { cache: true },
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
      config: { cache: true },
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
            rate: { type: 'string', enum: ['0', '1'], description: '1: add rates per 100,000 where a population denominator exists (each row names it)' },
            format: { type: 'string', enum: ['json', 'csv'], default: 'json' },
          },
        },
      },
    },
    async (req, reply) => {
      const q = req.query as { measure: string; place?: string; period?: string; by?: string; rate?: '0' | '1'; format?: 'json' | 'csv' };
      const [from, to] = q.period ? parsePeriod(q.period) : [undefined, undefined];
      // One snapshot: a reload committing meanwhile cannot mix two versions into one answer.
      const result = await opts.store.read((snap) => query(snap, { measure: q.measure, place: q.place, from, to, by: q.by ? q.by.split(',') : [], rate: q.rate === '1' }));
      if (q.format === 'csv') {
        // Built from the parsed values, never the raw text: a header must not carry what a client typed.
        const period = from === undefined ? '' : from === to ? String(from) : `${from}-${to}`;
        const name = [result.measure.id, result.params.place, period].filter(Boolean).join('_').replace(/[^A-Za-z0-9_.-]/g, '_');
        return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`).send(toCsv(result));
      }
      return publishable(result);
    },
  );

  app.get('/api/v1/openapi.json', { config: { cache: true }, schema: { hide: true, querystring: NO_QUERY } }, async () => app.swagger());

  app.get('/api/v1/docs', { schema: { hide: true, querystring: NO_QUERY } }, async (_req, reply) =>
    reply.type('text/html; charset=utf-8').send(docsHtml(app.swagger() as unknown as Parameters<typeof docsHtml>[0])),
  );
  app.get('/api/v1/docs.css', { schema: { hide: true, querystring: NO_QUERY } }, async (_req, reply) => reply.type('text/css; charset=utf-8').send(DOCS_CSS));

  registerExportRoutes(app, new ExportService(opts.store, opts.exportDir));
  await app.register(analysisRoutes, { store: opts.store });
  await app.register(lawRoutes, { store: opts.store });
  await app.register(nationalRoutes, { store: opts.store });
  await app.register(analysesRoutes, { store: opts.store });
  await app.register(reliefRoutes);
  await app.register(claimsRoutes, { store: opts.store });
  pageDataRoutes(app, pageParts);
  await app.register(citationRoutes, { store: opts.store });

  app.get(
    '/feeds/sources.atom',
    { schema: { summary: 'Atom feed: a source was updated (one entry per loaded source version)', querystring: NO_QUERY } },
    async (req, reply) => reply.type('application/atom+xml; charset=utf-8').send(await sourcesFeed(opts.store, baseUrl(req, publicUrl))),
  );

  app.get(
    '/feeds/bills.atom',
    {
      schema: {
        summary: 'Atom feed: newly analyzed bills matching a filter',
        description: 'Empty (but valid) until the law pipeline has put analyzed bills in the store.',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            jurisdiction: { type: 'string', minLength: 1, maxLength: 20, pattern: '^[A-Za-z0-9_-]+$', description: 'e.g. US, NY, GBR' },
            kind: { type: 'string', enum: ['bill', 'statute'], description: 'the kind of text: bill (a bill or session law, pending or enacted) or statute (a codified section)' },
            provision: { type: 'string', enum: [...KINDS], description: 'texts in which the analyzer found this provision kind (as `kind` on /api/v1/bills)' },
          },
        },
      },
    },
    async (req, reply) => {
      const q = req.query as { jurisdiction?: string; kind?: string; provision?: string };
      const params = new URLSearchParams();
      if (q.jurisdiction) params.set('jurisdiction', q.jurisdiction);
      if (q.kind) params.set('kind', q.kind);
      if (q.provision) params.set('provision', q.provision);
      const self = params.size ? `?${params.toString()}` : '';
      const xml = await opts.store.read((snap) => billsFeed(snap, baseUrl(req, publicUrl), q, self));
      return reply.type('application/atom+xml; charset=utf-8').send(xml);
    },
  );

  const web = opts.webDist ?? WEB_DIST;
  if (existsSync(join(web, 'index.html'))) {
    // Cache-Control is set per path by the headers hook (hashed assets immutable, pages revalidated).
    // Text files are sent as the .br or .gz the build wrote beside them (web/vite.config.ts), not compressed per request.
    await app.register(fastifyStatic, { root: web, prefix: '/', index: ['index.html'], cacheControl: false, preCompressed: true });
    for (const route of PAGE_ROUTES) app.get(route, { schema: { hide: true } }, (_req, reply) => reply.sendFile('index.html'));
  } else {
    app.get('/', { schema: { hide: true } }, async (_req, reply) =>
      reply.type('text/plain').send('The explorer has not been built. Run `npm run build:web` (npm start does this), then reload.'),
    );
  }
  app.setNotFoundHandler((req, reply) =>
    reply.code(404).type('application/problem+json').send(problemOf(new NotFoundError(`no such resource: ${req.url.split('?')[0]}`))),
  );
  return app;
}
