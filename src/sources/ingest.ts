// Runs importers against a data directory and loads every source version into one new store
// version. A source that is refused (bad input, an importer failure) is rolled back alone and
// listed; the others still load. Only a failing store (disk full) stops the run, and then
// nothing is published.
import { existsSync } from 'node:fs';
import { sep } from 'node:path';
import { derivationOf, loadImporters } from './registry.ts';
import { describeFiles, type Importer } from './importer.ts';
import { checkClaimed } from './descriptor.ts';
import { DESCRIPTORS, findDescriptor } from './descriptors.ts';
import { kindOf, UsageError, type ErrorKind } from './errors.ts';
import type { LoadResult, Store } from '../store/store.ts';

export interface IngestEvents {
  /** A source starts loading (total units of work may be unknown until reading starts). */
  start?(sourceId: string): void;
  progress?(sourceId: string, done: number, total: number): void;
  done?(result: LoadResult): void;
  refused?(refusal: Refusal): void;
}

/** A source (or a whole importer, when discovery failed) that was not loaded, and why. */
export interface Refusal {
  importer: string;
  /** The source id, when known. */
  source: string | null;
  kind: ErrorKind;
  reason: string;
  /** The error itself, for exit codes and logs. */
  error: unknown;
}

export interface IngestReport {
  results: LoadResult[];
  /** Importers asked for (or all) that found no files, with where they looked. */
  missing: { importer: string; expects: string }[];
  refused: Refusal[];
}

export interface IngestOptions {
  /** Rebuild every source even when its files and derivation are unchanged. */
  force?: boolean;
  /**
   * Return refusals in the report (the CLI and `npm start` do). Without it, the first refusal is
   * thrown, after every other source has been loaded and published.
   */
  keepGoing?: boolean;
}

/** The named importers (every one when none is named), loaded; an unknown name is refused before any is loaded. */
export async function selectImporters(names: string[]): Promise<Importer[]> {
  if (names.length === 0) return loadImporters();
  const descriptors = names.map((n) => {
    const d = findDescriptor(n);
    if (!d) throw new UsageError(`unknown source "${n}"; known sources: ${DESCRIPTORS.map((x) => x.id).join(', ')}`);
    return d;
  });
  return Promise.all(descriptors.map((d) => d.loadImporter()));
}

/** A failing store (disk full: StoreWriteError) is not a refusal of one source: it ends the run with nothing published. */
const isStoreFailure = (e: unknown) => kindOf(e) === 'unavailable';

/**
 * Ingest every source of the chosen importers into one new store version. A refused source is
 * rolled back alone; see `keepGoing` for how refusals come back.
 */
export async function ingest(store: Store, dataDir: string, names: string[], events: IngestEvents = {}, options: IngestOptions = {}): Promise<IngestReport> {
  const importers = await selectImporters(names);
  const report: IngestReport = { results: [], missing: [], refused: [] };
  if (!existsSync(dataDir)) {
    report.missing = importers.map((i) => ({ importer: i.id, expects: i.expects }));
    return report;
  }
  const refuse = (imp: Importer, source: string | null, e: unknown) => {
    const refusal: Refusal = { importer: imp.id, source, kind: kindOf(e), reason: e instanceof Error ? e.message : String(e), error: e };
    report.refused.push(refusal);
    events.refused?.(refusal);
  };
  await store.write(async (writer) => {
    for (const imp of importers) {
      let specs;
      try {
        specs = await imp.discover(dataDir);
      } catch (e) {
        refuse(imp, null, e);
        continue;
      }
      if (specs.length === 0) report.missing.push({ importer: imp.id, expects: imp.expects });
      const derivation = await derivationOf(imp);
      const descriptor = findDescriptor(imp.id);
      const checkFile = descriptor && ((rel: string, bytes: number) => checkClaimed(descriptor, rel, bytes));
      try {
        for (const spec of specs) {
          let sourceId: string | null = spec.description.id;
          try {
            let meta;
            if (imp.describe) {
              // An importer that checksums its own files (off the main thread) still has them checked against its claims.
              meta = await imp.describe(spec, dataDir);
              for (const input of meta.inputs) checkFile?.(input.file.split(sep).join('/'), input.bytes);
            } else meta = await describeFiles(spec, dataDir, checkFile);
            sourceId = meta.id;
            events.start?.(meta.id);
            const result = await writer.loadSource(meta, (stage) => imp.load(spec, stage, dataDir), (d, t) => events.progress?.(meta.id, d, t), {
              derivation: { ...derivation, inputs: meta.inputs },
              force: options.force,
            });
            events.done?.(result);
            report.results.push(result);
          } catch (e) {
            if (isStoreFailure(e)) throw e;
            refuse(imp, sourceId, e);
          }
        }
      } finally {
        imp.finish?.();
      }
    }
  });
  if (report.refused.length && !options.keepGoing) throw report.refused[0]!.error;
  return report;
}
