// Worker thread entry: runs one estimate at a time off the server's event loop.
import { parentPort } from 'node:worker_threads';
import { estimatePopulation } from '../../methods/mse/index.ts';
import type { OverlapTable } from '../../methods/mse/model.ts';

export interface EstimateJob {
  id: number;
  table: OverlapTable;
  opts: { replicates?: number; seed?: number; resample?: 'observed' | 'fitted' };
}

parentPort?.on('message', (job: EstimateJob) => {
  try {
    parentPort!.postMessage({ id: job.id, ok: true, result: estimatePopulation(job.table, job.opts) });
  } catch (e) {
    parentPort!.postMessage({ id: job.id, ok: false, message: e instanceof Error ? e.message : String(e) });
  }
});
