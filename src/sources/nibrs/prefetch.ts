// Reads NIBRS bundles in a worker thread, one ahead of the store: while the main thread hashes
// and swaps bundle N, the worker reads bundle N+1. Results are the same ReadBundle the in-thread
// reader gives; errors come back as the same InputError (file, line, field, reason).
import { stat } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { InputError } from '../errors.ts';
import type { ReadBundle } from './index.ts';

export interface ReadJob {
  id: number;
  path: string;
  rel: string;
  src: string;
  partial: boolean;
  /** The current year by the main thread's clock (the worker has its own module state). */
  currentYear: number;
}

export type ReadReply =
  | { id: number; ok: true; rb: ReadBundle }
  | { id: number; ok: false; error: { input: boolean; file: string; line: number | null; field: string | null; reason: string; message: string; code?: string } };

const workerUrl = new URL(import.meta.url.endsWith('.ts') ? './worker.ts' : './worker.js', import.meta.url);

/**
 * The worker's entry: import the worker module; if this thread has no TypeScript loader (the CLI
 * registers tsx in the main thread only), register tsx first.
 */
function bootCode(): string {
  let tsx = '';
  try {
    tsx = import.meta.resolve('tsx/esm/api');
  } catch {
    // no tsx: the worker module must then be plain JavaScript
  }
  return `import(${JSON.stringify(workerUrl.href)}).catch(async (e) => {
    if (!${JSON.stringify(tsx)} || e?.code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw e;
    (await import(${JSON.stringify(tsx)})).register();
    await import(${JSON.stringify(`${workerUrl.href}?tsx`)}); // a new URL: the failed import is cached
  });`;
}

interface Job {
  promise: Promise<ReadBundle>;
  /** Size and mtime of each file when the read started: a change means the read is stale. */
  stamp: Promise<string>;
}

async function stampOf(files: string[]): Promise<string> {
  const parts: string[] = [];
  for (const f of files) {
    const s = await stat(f);
    parts.push(`${s.size}:${s.mtimeMs}`);
  }
  return parts.join(',');
}

export class BundlePrefetcher {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (rb: ReadBundle) => void; reject: (e: Error) => void }>();
  private readonly jobs = new Map<string, Job>();

  private start(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(bootCode(), { eval: true });
    w.unref();
    w.on('message', (m: ReadReply) => {
      const p = this.waiting.get(m.id);
      if (!p) return;
      this.waiting.delete(m.id);
      if (this.waiting.size === 0) w.unref();
      if (m.ok) p.resolve(m.rb);
      else if (m.error.input) p.reject(new InputError(m.error.file, m.error.line, m.error.field, m.error.reason));
      else p.reject(Object.assign(new Error(m.error.message), m.error.code ? { code: m.error.code } : {}));
    });
    const fail = (e: Error) => {
      if (this.worker === w) this.worker = null;
      for (const p of this.waiting.values()) p.reject(e);
      this.waiting.clear();
      this.jobs.clear();
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`NIBRS reader worker exited (code ${code})`)));
    this.worker = w;
    return w;
  }

  /** Start reading a bundle (no-op if already started). */
  prefetch(key: string, files: string[], job: Omit<ReadJob, 'id'>): void {
    if (this.jobs.has(key)) return;
    const stamp = stampOf(files);
    stamp.catch(() => undefined);
    const w = this.start();
    const id = this.nextId++;
    const promise = new Promise<ReadBundle>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    promise.catch(() => undefined); // consumed (or dropped) by take()
    w.ref();
    w.postMessage({ ...job, id } satisfies ReadJob);
    this.jobs.set(key, { promise, stamp });
  }

  /** The bundle's read result: the prefetched one if its files are unchanged, else a fresh read. */
  async take(key: string, files: string[], job: Omit<ReadJob, 'id'>): Promise<ReadBundle> {
    let j = this.jobs.get(key);
    if (j && (await j.stamp.catch(() => '')) !== (await stampOf(files))) {
      this.jobs.delete(key);
      await j.promise.catch(() => undefined);
      j = undefined;
    }
    if (!j) {
      this.prefetch(key, files, job);
      j = this.jobs.get(key)!;
    }
    this.jobs.delete(key);
    return j.promise;
  }

  /** Drop prefetched results not taken (e.g. bundles whose checksum was unchanged). */
  forget(keep: (key: string) => boolean): void {
    for (const k of [...this.jobs.keys()]) if (!keep(k)) this.jobs.delete(k);
  }
}
