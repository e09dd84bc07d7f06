// Estimates with a bootstrap take seconds of CPU: run them in one worker thread so the server keeps
// answering other requests, with a short queue; beyond it a request is told to come back later.
import { Worker } from 'node:worker_threads';
import type { MseEstimate } from '../../methods/mse/index.ts';
import type { OverlapTable } from '../../methods/mse/model.ts';
import { workerBootCode } from '../../sources/worker-boot.ts';

/** Estimates waiting or running at once; more are refused (HTTP 503) rather than queued without bound. */
export const MAX_PENDING = 4;

export class EstimatorBusyError extends Error {
  constructor() {
    super(`the estimator is busy (${MAX_PENDING} estimates in progress); try again in a few seconds`);
    this.name = 'EstimatorBusyError';
  }
}

const workerUrl = new URL(import.meta.url.endsWith('.ts') ? './worker.ts' : './worker.js', import.meta.url);


type Reply = { id: number; ok: true; result: MseEstimate } | { id: number; ok: false; message: string };

export class OffThreadEstimator {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (r: MseEstimate) => void; reject: (e: Error) => void }>();

  private start(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(workerBootCode(workerUrl), { eval: true });
    w.on('message', (m: Reply) => {
      const p = this.waiting.get(m.id);
      if (!p) return;
      this.waiting.delete(m.id);
      if (this.waiting.size === 0) w.unref();
      if (m.ok) p.resolve(m.result);
      else p.reject(new Error(m.message));
    });
    const fail = (e: Error) => {
      if (this.worker === w) this.worker = null;
      for (const p of this.waiting.values()) p.reject(e);
      this.waiting.clear();
    };
    w.on('error', fail);
    w.on('exit', (code) => fail(new Error(`estimator worker exited (${code})`)));
    this.worker = w;
    return w;
  }

  estimate(table: OverlapTable, opts: { replicates?: number; seed?: number; resample?: 'observed' | 'fitted' }): Promise<MseEstimate> {
    if (this.waiting.size >= MAX_PENDING) return Promise.reject(new EstimatorBusyError());
    const w = this.start();
    w.ref();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      w.postMessage({ id, table, opts });
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}
