// Worker thread that reads NIBRS bundles (readBundle) off the main thread, so reading the next
// bundle overlaps the store's checksums and swap of the current one. Started by ./prefetch.ts.
import { parentPort } from 'node:worker_threads';
import { InputError } from '../errors.ts';
import { readBundle } from './index.ts';
import type { ReadJob, ReadReply } from './prefetch.ts';

const port = parentPort;
if (!port) throw new Error('nibrs/worker.ts runs only as a worker thread');
port.on('message', (job: ReadJob) => {
  readBundle(job.path, job.rel, job.src, { partial: job.partial, reader: 'streaming', currentYear: job.currentYear }).then(
    (rb) => port.postMessage({ id: job.id, ok: true, rb } satisfies ReadReply),
    (e: unknown) => {
      const error =
        e instanceof InputError
          ? { input: true, file: e.file, line: e.line, field: e.field, reason: e.reason, message: e.message }
          : { input: false, file: '', line: null, field: null, reason: '', message: e instanceof Error ? e.message : String(e), code: (e as { code?: string }).code };
      port.postMessage({ id: job.id, ok: false, error } satisfies ReadReply);
    },
  );
});
