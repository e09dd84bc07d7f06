// In-memory cache of API responses, keyed by URL and valid for one store generation: the store
// changes only through `cogency ingest` in this process (DuckDB locks the file), and every
// committed load bumps the generation, so a cached body is never stale.
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { brotliCompressSync, constants as zlib } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Store } from '../store/store.ts';
import type { LimitStore } from './limit-store.ts';

interface Entry {
  generation: number;
  body: string | Buffer;
  etag: string;
  headers: Record<string, string>;
  /** For the fast path: the body as bytes and every header the answer was sent with (uncompressed). */
  raw: { body: Buffer; flat: (string | number)[]; br?: Buffer } | null;
}

/** The rate limit as the fast path applies it (the same counts as the plugin's). */
export interface FastPathLimit {
  store: LimitStore;
  max: number;
  timeWindow: number;
}

/** Bodies this small are never compressed (@fastify/compress's threshold in server.ts). */
export const COMPRESS_THRESHOLD = 1024;
/** Brotli quality for answers compressed per request (server.ts) and once per cached entry (here). */
export const BROTLI_QUALITY = 4;

/** Does Accept-Encoding list br (not with q=0)? */
function acceptsBrotli(header: string): boolean {
  return header.split(',').some((part) => {
    const [name, ...params] = part.trim().split(';');
    return name!.trim().toLowerCase() === 'br' && !params.some((p) => /^\s*q\s*=\s*0(\.0*)?\s*$/.test(p));
  });
}

/** Headers that belong to one answer or one client, not to the cached entity. */
const PER_ANSWER = /^(x-ratelimit-|retry-after$|content-encoding$|content-length$|vary$|date$|connection$|keep-alive$|transfer-encoding$)/;

export interface CacheOptions {
  /** Most entries kept (least recently used are dropped). */
  maxEntries?: number;
  /** Most bytes of bodies kept. */
  maxBytes?: number;
  /** Bodies larger than this are not cached. */
  maxEntryBytes?: number;
}

const KEPT_HEADERS = ['content-type', 'content-disposition'];

export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  /** Misses being computed now: identical requests wait for the first instead of all computing it. */
  private readonly pending = new Map<string, { done: Promise<void>; resolve: () => void }>();
  private bytes = 0;
  hits = 0;
  misses = 0;
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private readonly maxEntryBytes: number;

  constructor(
    private readonly store: Store,
    opts: CacheOptions = {},
  ) {
    this.maxEntries = opts.maxEntries ?? 2000;
    this.maxBytes = opts.maxBytes ?? 64 * 1024 * 1024;
    this.maxEntryBytes = opts.maxEntryBytes ?? 4 * 1024 * 1024;
  }

  get(key: string): Entry | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    this.entries.delete(key);
    if (e.generation !== this.store.generation) {
      this.bytes -= e.body.length;
      return undefined;
    }
    this.entries.set(key, e); // most recently used last
    return e;
  }

  set(key: string, body: string | Buffer, etag: string, headers: Record<string, string>, raw: Entry['raw'] = null): void {
    const size = body.length;
    if (size > this.maxEntryBytes) return;
    const old = this.entries.get(key);
    if (old) {
      this.bytes -= old.body.length;
      this.entries.delete(key);
    }
    this.entries.set(key, { generation: this.store.generation, body, etag, headers, raw });
    this.bytes += size;
    for (const [k, e] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= e.body.length;
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /** Set when the server begins to close: from then on Fastify answers (503). */
  closing = false;

  /**
   * The fast path, before Fastify parses anything: a GET of a URL cached for this store
   * generation, from a client that asks for no compression and no revalidation, is answered here
   * with the bytes and headers it was first answered with, after counting it against the rate
   * limit. Anything else (a miss, If-None-Match, Accept-Encoding for a compressible body, a client
   * over its limit) returns false and goes through Fastify, which answers it as before.
   */
  serveRaw(req: IncomingMessage, res: ServerResponse, limit: FastPathLimit | null): boolean {
    if (req.method !== 'GET' || this.closing || req.url === undefined) return false;
    const e = this.entries.get(req.url);
    if (!e?.raw || e.generation !== this.store.generation || req.headers['if-none-match'] !== undefined) return false;
    const encoding = req.headers['accept-encoding'];
    let body = e.raw.body;
    // Name, value, name, value…: Node writes a flat list as it is (an object is checked header by header).
    let headers = e.raw.flat;
    if (encoding && encoding !== 'identity' && body.length >= COMPRESS_THRESHOLD) {
      // Brotli, compressed once per entry with the settings @fastify/compress uses; any other choice is Fastify's.
      if (!acceptsBrotli(encoding)) return false;
      e.raw.br ??= brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } });
      body = e.raw.br;
      headers = [...headers.slice(0, headers.indexOf('content-length')), ...headers.slice(headers.indexOf('content-length') + 2), 'content-length', body.length, 'content-encoding', 'br', 'vary', 'accept-encoding'];
    }
    if (limit && (req.url.startsWith('/api/') || req.url.startsWith('/feeds/'))) {
      const { current, ttl } = limit.store.count(req.socket.remoteAddress ?? '', limit.timeWindow);
      if (current > limit.max) return false; // Fastify's rate limit answers 429
      headers = [...headers, 'x-ratelimit-limit', limit.max, 'x-ratelimit-remaining', Math.max(0, limit.max - current), 'x-ratelimit-reset', Math.ceil(ttl / 1000)];
    }
    this.entries.delete(req.url);
    this.entries.set(req.url, e); // most recently used last
    this.hits++;
    res.writeHead(200, headers);
    res.end(body);
    return true;
  }

  /**
   * Serve cached bodies of routes marked `config: { cache: true }` before validation and the
   * handler run. This is a preParsing hook, so per-route onRequest hooks (the rate limit) still apply.
   */
  register(app: FastifyInstance): void {
    app.addHook('preParsing', async (req, reply) => {
      if (!isCacheable(req)) return;
      let hit = this.get(req.url);
      const inFlight = hit ? undefined : this.pending.get(req.url);
      if (inFlight) {
        await Promise.race([inFlight.done, new Promise((r) => setTimeout(r, 10_000).unref())]);
        hit = this.get(req.url);
      }
      if (!hit) {
        this.misses++;
        if (!this.pending.has(req.url)) {
          let resolve = () => {};
          const done = new Promise<void>((r) => (resolve = r));
          this.pending.set(req.url, { done, resolve });
          (req as CachedRequest).leader = true;
        }
        return;
      }
      this.hits++;
      (req as CachedRequest).fromCache = true;
      reply.headers(hit.headers);
      return reply.code(200).send(hit.body);
    });
    // Whatever the first request's outcome (cached, error, aborted), release those waiting on it.
    const release = async (req: FastifyRequest) => {
      if (!(req as CachedRequest).leader) return;
      this.pending.get(req.url)?.resolve();
      this.pending.delete(req.url);
    };
    app.addHook('onResponse', release);
    app.addHook('onRequestAbort', release);
  }

  /** For the onSend hook: keep a 200 body of a cacheable route. */
  remember(req: FastifyRequest, reply: FastifyReply, payload: string | Buffer, etag: string): void {
    if (!isCacheable(req) || (req as CachedRequest).fromCache || reply.statusCode !== 200) return;
    const headers: Record<string, string> = {};
    for (const h of KEPT_HEADERS) {
      const v = reply.getHeader(h);
      if (typeof v === 'string') headers[h] = v;
    }
    headers.etag = etag;
    const raw: OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined && !PER_ANSWER.test(name)) raw[name] = value;
    const bytes = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
    raw['content-length'] = bytes.length;
    const flat = Object.entries(raw).flatMap(([name, value]) => (Array.isArray(value) ? value.flatMap((v) => [name, v]) : [name, value as string | number]));
    this.set(req.url, payload, etag, headers, { body: bytes, flat });
    if ((req as CachedRequest).leader) {
      this.pending.get(req.url)?.resolve();
      this.pending.delete(req.url);
      (req as CachedRequest).leader = false;
    }
  }
}

interface CachedRequest extends FastifyRequest {
  fromCache?: boolean;
  /** This request computes a miss others may be waiting for. */
  leader?: boolean;
}

function isCacheable(req: FastifyRequest): boolean {
  return req.method === 'GET' && (req.routeOptions.config as { cache?: boolean } | undefined)?.cache === true;
}
