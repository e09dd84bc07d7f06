// The rate limit's counts, in one place: @fastify/rate-limit uses this as its store, and the
// response cache's fast path (cache.ts), which answers cached requests before Fastify runs, counts
// each answer here too, so a cached answer costs a client what any other answer costs.
import type { FastifyRequest } from 'fastify';

interface Window {
  current: number;
  /** Milliseconds until the window ends. */
  ttl: number;
  startMs: number;
}

/** The client a request counts against: its IP address (the server does not trust proxy headers). */
export const clientKey = (req: Pick<FastifyRequest, 'ip'>) => req.ip;

/** A fixed window per client, least recently seen clients dropped past `capacity`. */
export class LimitStore {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly capacity = 10_000) {}

  /** @fastify/rate-limit's store contract: count one request of `key`, pass the window to `cb`. */
  incr(key: string, cb: (err: Error | null, res: { current: number; ttl: number }) => void, timeWindow: number, _max?: number): void {
    cb(null, this.count(key, timeWindow));
  }

  /** The same without counting (the plugin's `read`). */
  read(key: string, cb: (err: Error | null, res: { current: number; ttl: number }) => void, timeWindow: number): void {
    const now = Date.now();
    const w = this.windows.get(key);
    cb(null, !w || w.startMs + timeWindow <= now ? { current: 0, ttl: timeWindow } : { current: w.current, ttl: timeWindow - (now - w.startMs) });
  }

  /** Routes with their own limits would get their own store; this server has none, so one store serves all. */
  child(): LimitStore {
    return this;
  }

  count(key: string, timeWindow: number): { current: number; ttl: number } {
    const now = Date.now();
    let w = this.windows.get(key);
    if (!w || w.startMs + timeWindow <= now) w = { current: 1, ttl: timeWindow, startMs: now };
    else {
      w.current++;
      w.ttl = timeWindow - (now - w.startMs);
    }
    this.windows.delete(key); // most recently seen last
    this.windows.set(key, w);
    if (this.windows.size > this.capacity) this.windows.delete(this.windows.keys().next().value!);
    return { current: w.current, ttl: w.ttl };
  }
}
