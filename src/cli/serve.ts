import type { Config } from '../config.ts';
import { Store } from '../store/store.ts';
import { buildApp } from '../api/server.ts';
import { IMPORTERS } from '../sources/registry.ts';
import { InputError } from '../sources/errors.ts';
import { ingest } from '../sources/ingest.ts';
import { printSummary } from './ingest.ts';

/**
 * `cogency start` ingests first: each source on its own, so one bad file is reported and the
 * rest still load; `cogency serve` serves whatever the store holds.
 */
export async function serve(cfg: Config, opts: { ingestFirst: boolean }): Promise<void> {
  const store = await Store.open(cfg.dbPath);
  if (opts.ingestFirst) {
    process.stdout.write(`Ingesting from ${cfg.dataDir} into ${cfg.dbPath}\n`);
    let found = 0;
    for (const imp of IMPORTERS) {
      try {
        const report = await ingest(store, cfg.dataDir, [imp.id]);
        found += report.results.length;
        if (report.results.length) printSummary({ results: report.results, missing: [] }, cfg.dataDir);
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        process.stderr.write(`${imp.id}: bad input, not loaded (previous version kept): ${e.message}\n`);
      }
    }
    if (found === 0) {
      process.stdout.write(
        `No data found in ${cfg.dataDir}. Cogency reads official files from a data directory: set COGENCY_DATA or pass --data DIR ` +
          '(see the README, "Getting data"). The explorer will explain the same.\n',
      );
    }
  }
  const app = await buildApp({ store, dataDir: cfg.dataDir });
  const close = async () => {
    await app.close();
    store.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void close());
  process.once('SIGTERM', () => void close());
  await app.listen({ port: cfg.port, host: cfg.host });
  process.stdout.write(`Cogency explorer at http://localhost:${cfg.port}\n`);
}
