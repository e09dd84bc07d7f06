// Security headers, caching headers and ETags for every response.
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * The explorer loads its module scripts and one stylesheet from this origin and draws SVG with
 * presentation attributes: nothing inline, nothing third-party.
 */
const CSP_BASE = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
];

export const CSP = [...CSP_BASE, "frame-ancestors 'none'"].join('; ');
/** Embeds may be framed by any site (that is what they are for); everything else may not. */
export const CSP_EMBED = [...CSP_BASE, 'frame-ancestors *'].join('; ');

export const isEmbed = (url: string) => url === '/embed' || url.startsWith('/embed/') || url.startsWith('/embed?');

const COMMON = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
};
const PAGE_HEADERS = { ...COMMON, 'content-security-policy': CSP, 'x-frame-options': 'DENY' };
const EMBED_HEADERS = { ...COMMON, 'content-security-policy': CSP_EMBED };
const OPEN_HEADERS = { ...PAGE_HEADERS, 'access-control-allow-origin': '*' };

export function securityHeaders(req: FastifyRequest, reply: FastifyReply): void {
  const url = req.url;
  // Open data: any site may read the API and the feeds (GET only, no credentials).
  if (url.startsWith('/api/') || url.startsWith('/feeds/')) reply.headers(OPEN_HEADERS);
  else reply.headers(isEmbed(url) ? EMBED_HEADERS : PAGE_HEADERS);
}

/** Cache-Control by kind of resource; errors are never stored. */
export function cacheControl(req: FastifyRequest, reply: FastifyReply): string {
  const path = req.url.split('?')[0] ?? '';
  if (reply.statusCode >= 400) return 'no-store';
  if (path.startsWith('/assets/')) return 'public, max-age=31536000, immutable'; // content-hashed file names
  if (path.startsWith('/api/v1/export') || path.startsWith('/feeds/')) return 'public, max-age=300';
  if (path.startsWith('/api/')) return 'public, max-age=60';
  return 'no-cache'; // the explorer's pages: revalidate (ETag) every time
}

/** Weak: the same entity may be sent gzip'd, brotli'd or plain. */
export const etagOf = (payload: string | Buffer) => `W/"${createHash('sha1').update(payload).digest('base64url')}"`;

/** Does If-None-Match (a list, weak or strong, or *) match this ETag? */
export function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag.replace(/^W\//, '') === bare;
  });
}

/** Called with every 200 GET body (after its ETag is set), e.g. to fill a response cache. */
export type OnBody = (req: FastifyRequest, reply: FastifyReply, payload: string | Buffer, etag: string) => void;

export function registerHeaders(app: FastifyInstance, onBody?: OnBody): void {
  app.addHook('onSend', async (req, reply, payload) => {
    securityHeaders(req, reply);
    if (req.method !== 'GET' && req.method !== 'HEAD') return payload;
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', cacheControl(req, reply));
    if (reply.statusCode !== 200) return payload;
    // Streams (static files, export files) carry their own ETag and answer conditional requests themselves.
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    let etag = reply.getHeader('etag') as string | undefined;
    if (!etag) {
      etag = etagOf(payload);
      reply.header('etag', etag);
    }
    onBody?.(req, reply, payload, etag);
    if (matches(req.headers['if-none-match'], etag)) {
      reply.code(304);
      reply.removeHeader('content-length');
      return '';
    }
    return payload;
  });
}
