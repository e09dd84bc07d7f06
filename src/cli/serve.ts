import { readdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import type { Config } from '../config.ts';
import { Store } from '../store/store.ts';
import { buildApp, WEB_DIST } from '../api/server.ts';
import { disclosureCosts } from '../analysis/disclosure/families.ts';
import { disclosureRule } from '../analysis/disclosure.ts';
import { searchIndex } from '../law/routes.ts';
import { pageDataUrl } from '../model/page-requests.ts';

/**
 * Computes every source's disclosure pattern in the background (the largest takes seconds), so
 * the first request below state level does not wait for it. A failure here is only logged: the
 * request that needs the pattern computes it again and reports its own error.
 */
function warmDisclosurePatterns(store: Store): void {
  const t0 = performance.now();
  store
    .read((snap) => disclosureCosts(snap, disclosureRule()))
    .then((costs) => process.stdout.write(`Disclosure patterns ready for ${costs.length} sub-state sources in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`))
    .catch((e: unknown) => process.stderr.write(`Disclosure patterns not precomputed: ${e instanceof Error ? e.message : String(e)}\n`));
}

/** The explorer's scripts and styles (content-hashed names under assets/), as the shell asks for them. */
function homeScripts(): string[] {
  try {
    return readdirSync(join(WEB_DIST, 'assets'))
      .filter((n) => /\.(js|css)$/.test(n))
      .map((n) => `/assets/${n}`);
  } catch {
    return []; // the explorer is not built
  }
}

/** Background work waits until no request has arrived for this long. */
const QUIET_MS = 500;

/** When the server last had a request (every request, cached answers included: they never reach Fastify). */
export function trackActivity(server: Server): { quiet: (ms: number) => Promise<void> } {
  let last = Date.now();
  server.on('request', () => (last = Date.now()));
  return {
    // Quiet for `ms` counted from the later of the last request and the call.
    quiet: (ms) =>
      new Promise((resolve) => {
        const since = Date.now();
        const check = () => {
          const idle = Date.now() - Math.max(last, since);
          if (idle >= ms) resolve();
          else setTimeout(check, ms - idle).unref();
        };
        check();
      }),
  };
}

/** How often the server looks for a version published by another process. */
export const WATCH_INTERVAL_MS = 1000;

/**
 * `cogency start` ingests first (a refused source is listed and the rest still load, and the
 * server serves what loaded); `cogency serve` serves whatever the store holds. Either way the
 * server then follows the store: a version published by `cogency ingest` in another shell is
 * served within about a second, and SIGHUP switches at once. Requests in flight finish on the
 * version they started with.
 */
export async function serve(cfg: Config, opts: { ingestFirst: boolean }): Promise<void> {
  const store = await Store.open(cfg.dbPath);
  if (opts.ingestFirst) {
    process.stdout.write(`Ingesting from ${cfg.dataDir} into ${cfg.dbPath}\n`);
    // Loaded for `cogency start` only: `cogency serve` never ingests.
    const [{ ingest }, { printSummary }] = await Promise.all([import('../sources/ingest.ts'), import('./ingest.ts')]);
    const report = await ingest(store, cfg.dataDir, [], {}, { keepGoing: true });
    printSummary(report, cfg.dataDir);
    if (report.results.length === 0 && report.refused.length === 0) {
      process.stdout.write(
        `No data found in ${cfg.dataDir}. Cogency reads official files from a data directory: set COGENCY_DATA or pass --data DIR ` +
          '(see the README, "Getting data"). The explorer will explain the same.\n',
      );
    }
  }
  const app = await buildApp({ store, dataDir: cfg.dataDir });
  // The home page's answers for the version now served, computed before the first visitor asks
  // (they are cached per version): the store index, the measures it draws, the response itself;
  // then the law search index, then every source's disclosure pattern. One after another, so
  // that the first page is not kept waiting by work it does not need.
  // With the shell and the scripts it loads: a new process's first static files are slow to send.
  const warmHome = () =>
    Promise.all([pageDataUrl('/'), '/', ...homeScripts()].map((url) => app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br' } }))).then(
      () => undefined,
      () => undefined,
    );
  // The rest is seconds of CPU on a large store: it starts when visitors leave the server a quiet moment.
  const activity = trackActivity(app.server);
  const warmRest = () => {
    void activity
      .quiet(QUIET_MS)
      .then(() => searchIndex(store))
      .catch(() => undefined)
      .then(() => warmDisclosurePatterns(store));
  };
  const warm = () => void warmHome().then(warmRest);
  const announce = () => {
    process.stdout.write(`Serving store version ${store.version?.split('/').pop() ?? '(in memory)'}\n`);
    warm();
  };
  store.watch(WATCH_INTERVAL_MS, announce);
  process.on('SIGHUP', () => {
    store
      .reload()
      .then((switched) => (switched ? announce() : process.stdout.write('SIGHUP: the store has no newer version\n')))
      .catch((e: unknown) => process.stderr.write(`SIGHUP: could not switch versions, still serving the previous one: ${e instanceof Error ? e.message : String(e)}\n`));
  });
  const close = async () => {
    await app.close();
    store.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void close());
  process.once('SIGTERM', () => void close());
  // Listening once the home page is ready (about half a second): its first visitor gets it at once.
  await warmHome();
  await app.listen({ port: cfg.port, host: cfg.host });
  process.stdout.write(`Cogency explorer at http://localhost:${cfg.port}\n`);
  warmRest();
}
