// Worker thread of the NIBRS reader pool (./pool.ts): for each job, the bundle's checksums (as the
// store needs them, describeFiles) and then the bundle read (readBundle), each posted back as soon
// as it is known. A job is stopped between chunks once the main thread sets its cancel flag.
import { parentPort } from 'node:worker_threads';
import { describeFiles } from '../importer.ts';
import { Cancelled, readBundle } from './index.ts';
import { serializeError, type PoolJob, type PoolReply } from './pool.ts';

const port = parentPort;
if (!port) throw new Error('nibrs/worker.ts runs only as a worker thread');
const post = (m: PoolReply) => port.postMessage(m);

port.on('message', (job: PoolJob) => {
  const flag = new Int32Array(job.cancel);
  const cancelled = () => Atomics.load(flag, 0) === 1;
  void (async () => {
    try {
      if (job.describe) {
        post({ id: job.id, kind: 'described', meta: await describeFiles(job.describe.spec, job.describe.dataDir) });
        if (cancelled()) throw new Cancelled();
      }
      const rb = await readBundle(job.path, job.rel, job.src, { partial: job.partial, reader: 'streaming', currentYear: job.currentYear, cancelled });
      post({ id: job.id, kind: 'read', rb });
    } catch (e) {
      post(e instanceof Cancelled ? { id: job.id, kind: 'cancelled' } : { id: job.id, kind: 'failed', error: serializeError(e) });
    }
  })();
});
