// A pool of worker threads that checksum and read NIBRS bundles ahead of the store, one bundle per
// worker at a time, as many workers as the machine has cores. The main thread only writes what
// they read (and swaps it in), so parsing runs on every core and hashing is off the critical path.
//
// A job has two results, each delivered as soon as it is known: the bundle's checksums (what the
// store needs to decide whether to load it at all), then the read bundle. Jobs run in the order
// they were submitted, which is the order the store loads them. A job whose bundle turns out to be
// unchanged (or refused) is cancelled through a shared flag the worker checks between chunks, so a
// re-ingest of unchanged data costs its checksums, not its parse. Errors come back as the same
// InputError (file, line, field, reason) the in-thread reader raises.
import { availableParallelism } from 'node:os';
import { stat } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { InputError, UsageError } from '../errors.ts';
import type { SourceSpec, describeFiles } from '../importer.ts';
import type { ReadBundle } from './index.ts';
import { workerBootCode } from '../worker-boot.ts';

export type DescribedFiles = Awaited<ReturnType<typeof describeFiles>>;

/** What a worker is asked to do with one bundle. */
export interface PoolJob {
  id: number;
  path: string;
  rel: string;
  src: string;
  partial: boolean;
  /** The current year by the main thread's clock (the worker has its own module state). */
  currentYear: number;
  /** Checksum the spec's files first (as describeFiles does), or only read the bundle. */
  describe: { spec: SourceSpec; dataDir: string } | null;
  /** One Int32: set to 1 by the main thread to stop the job at its next chunk. */
  cancel: SharedArrayBuffer;
}

export type SerializedError = { input: boolean; file: string; line: number | null; field: string | null; reason: string; message: string; code?: string };

export type PoolReply =
  | { id: number; kind: 'described'; meta: DescribedFiles }
  | { id: number; kind: 'read'; rb: ReadBundle }
  | { id: number; kind: 'cancelled' }
  | { id: number; kind: 'failed'; error: SerializedError };

export function serializeError(e: unknown): SerializedError {
  return e instanceof InputError
    ? { input: true, file: e.file, line: e.line, field: e.field, reason: e.reason, message: e.message }
    : { input: false, file: '', line: null, field: null, reason: '', message: e instanceof Error ? e.message : String(e), code: (e as { code?: string }).code };
}

function deserializeError(e: SerializedError): Error {
  if (e.input) return new InputError(e.file, e.line, e.field, e.reason);
  return Object.assign(new Error(e.message), e.code ? { code: e.code } : {});
}

const workerUrl = new URL(import.meta.url.endsWith('.ts') ? './worker.ts' : './worker.js', import.meta.url);


/** Workers in the pool: COGENCY_NIBRS_WORKERS, else one per core the process may use. */
export function poolSize(): number {
  const env = process.env.COGENCY_NIBRS_WORKERS;
  if (env !== undefined) {
    const n = Number(env);
    if (!/^\d+$/.test(env.trim()) || n < 1 || n > 64) throw new UsageError(`COGENCY_NIBRS_WORKERS must be a number of worker threads from 1 to 64, not "${env}"`);
    return n;
  }
  return Math.max(1, availableParallelism());
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve(v: T): void;
  reject(e: Error): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  promise.catch(() => undefined); // a result nobody takes (a cancelled job) is not an unhandled rejection
  return { promise, resolve, reject };
}

interface Job {
  key: string;
  msg: PoolJob;
  described: Deferred<DescribedFiles>;
  read: Deferred<ReadBundle>;
  /** Size and mtime of each file when the job was submitted: a change by the time it is taken means the read is stale. */
  stamp: Promise<string>;
  files: string[];
  worker: Worker | null;
}

async function stampOf(files: string[]): Promise<string> {
  const parts: string[] = [];
  for (const f of files) {
    const s = await stat(f);
    parts.push(`${s.size}:${s.mtimeMs}`);
  }
  return parts.join(',');
}

export class BundleReaderPool {
  private readonly workers: Worker[] = [];
  private readonly idleWorkers: Worker[] = [];
  private readonly queue: Job[] = [];
  private readonly jobs = new Map<string, Job>();
  private readonly running = new Map<number, Job>();
  private nextId = 1;
  private closed = false;
  /** Jobs sent to a worker, and how they ended there (read, stopped by a cancel, failed). */
  readonly stats = { dispatched: 0, read: 0, stopped: 0, failed: 0 };

  constructor(readonly size = poolSize()) {}

  /** Jobs submitted and not yet taken or cancelled, in submission order. */
  get pending(): string[] {
    return [...this.jobs.keys()];
  }

  has(key: string): boolean {
    return this.jobs.has(key);
  }

  /** Queue a bundle (no-op if already queued). `describe` also checksums its files first. */
  submit(key: string, files: string[], job: Omit<PoolJob, 'id' | 'cancel'>): void {
    if (this.closed) throw new Error('the NIBRS reader pool is closed');
    if (this.jobs.has(key)) return;
    const stamp = stampOf(files);
    stamp.catch(() => undefined);
    const j: Job = {
      key,
      msg: { ...job, id: this.nextId++, cancel: new SharedArrayBuffer(4) },
      described: deferred(),
      read: deferred(),
      stamp,
      files,
      worker: null,
    };
    if (!job.describe) j.described.reject(new Error('this job reads only'));
    this.jobs.set(key, j);
    this.queue.push(j);
    this.dispatch();
  }

  /** The checksums of a submitted bundle. */
  described(key: string): Promise<DescribedFiles> {
    const j = this.jobs.get(key);
    if (!j) return Promise.reject(new Error(`no NIBRS job for ${key}`));
    return j.described.promise;
  }

  /**
   * The read bundle, removing the job: the queued result if the files are unchanged since it was
   * submitted, else a fresh read.
   */
  async take(key: string, files: string[], job: Omit<PoolJob, 'id' | 'cancel'>): Promise<ReadBundle> {
    let j = this.jobs.get(key);
    if (j && (await j.stamp.catch(() => '')) !== (await stampOf(files))) {
      this.cancel(key);
      j = undefined;
    }
    if (!j) {
      this.submit(key, files, { ...job, describe: null });
      j = this.jobs.get(key)!;
    }
    this.jobs.delete(key);
    return j.read.promise;
  }

  /** Stop a job (queued: dropped; running: stopped at its next chunk) and forget it. */
  cancel(key: string): void {
    const j = this.jobs.get(key);
    if (!j) return;
    this.jobs.delete(key);
    const i = this.queue.indexOf(j);
    if (i >= 0) this.queue.splice(i, 1);
    Atomics.store(new Int32Array(j.msg.cancel), 0, 1);
    const e = new Error(`NIBRS job ${key} cancelled`);
    j.described.reject(e);
    j.read.reject(e);
  }

  private readonly whenIdle: (() => void)[] = [];

  /** Resolves once no job is queued or running in a worker. */
  idle(): Promise<void> {
    if (this.running.size === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.whenIdle.push(resolve));
  }

  /** Cancel everything and end the workers. */
  close(): void {
    this.closed = true;
    for (const k of [...this.jobs.keys()]) this.cancel(k);
    for (const w of this.workers) void w.terminate();
    this.workers.length = 0;
    this.idleWorkers.length = 0;
  }

  private dispatch(): void {
    while (this.queue.length) {
      const w = this.idleWorkers.pop() ?? (this.workers.length < this.size ? this.spawn() : null);
      if (!w) return;
      const j = this.queue.shift()!;
      j.worker = w;
      this.running.set(j.msg.id, j);
      w.ref();
      w.postMessage(j.msg);
      this.stats.dispatched++;
    }
  }

  private spawn(): Worker {
    const w = new Worker(workerBootCode(workerUrl), { eval: true });
    w.unref();
    this.workers.push(w);
    w.on('message', (m: PoolReply) => {
      const j = this.running.get(m.id);
      if (!j) return;
      if (m.kind === 'described') {
        j.described.resolve(m.meta);
        return;
      }
      this.running.delete(m.id);
      this.stats[m.kind === 'cancelled' ? 'stopped' : m.kind]++;
      if (m.kind === 'read') j.read.resolve(m.rb);
      else if (m.kind === 'failed') {
        const e = deserializeError(m.error);
        j.described.reject(e); // no-op once described
        j.read.reject(e);
      } else j.read.reject(new Error(`NIBRS job ${j.key} cancelled`));
      if (this.running.size === 0 && this.queue.length === 0) for (const f of this.whenIdle.splice(0)) f();
      w.unref();
      if (!this.closed) {
        this.idleWorkers.push(w);
        this.dispatch();
      }
    });
    const fail = (e: Error) => {
      const i = this.workers.indexOf(w);
      if (i >= 0) this.workers.splice(i, 1);
      const k = this.idleWorkers.indexOf(w);
      if (k >= 0) this.idleWorkers.splice(k, 1);
      for (const [id, j] of this.running) {
        if (j.worker !== w) continue;
        this.running.delete(id);
        j.described.reject(e);
        j.read.reject(e);
      }
      if (!this.closed) this.dispatch();
      if (this.running.size === 0 && this.queue.length === 0) for (const f of this.whenIdle.splice(0)) f();
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`NIBRS reader worker exited (code ${code})`)));
    return w;
  }
}
