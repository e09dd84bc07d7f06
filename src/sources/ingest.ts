// Runs importers against a data directory and loads each source version into the store.
import { existsSync } from 'node:fs';
import { IMPORTERS, findImporter } from './registry.ts';
import { describeFiles, type Importer } from './importer.ts';
import { UsageError } from './errors.ts';
import type { LoadResult, Store } from '../store/store.ts';

export interface IngestEvents {
  /** A source starts loading (total units of work may be unknown until reading starts). */
  start?(sourceId: string): void;
  progress?(sourceId: string, done: number, total: number): void;
  done?(result: LoadResult): void;
}

export interface IngestReport {
  results: LoadResult[];
  /** Importers asked for (or all) that found no files, with where they looked. */
  missing: { importer: string; expects: string }[];
}

export function selectImporters(names: string[]): Importer[] {
  if (names.length === 0) return IMPORTERS;
  return names.map((n) => {
    const imp = findImporter(n);
    if (!imp) throw new UsageError(`unknown source "${n}"; known sources: ${IMPORTERS.map((i) => i.id).join(', ')}`);
    return imp;
  });
}

/** Ingest every source of the chosen importers. Stops at the first bad input (each source is atomic). */
export async function ingest(store: Store, dataDir: string, names: string[], events: IngestEvents = {}): Promise<IngestReport> {
  const importers = selectImporters(names);
  const report: IngestReport = { results: [], missing: [] };
  if (!existsSync(dataDir)) {
    report.missing = importers.map((i) => ({ importer: i.id, expects: i.expects }));
    return report;
  }
  for (const imp of importers) {
    const specs = await imp.discover(dataDir);
    if (specs.length === 0) report.missing.push({ importer: imp.id, expects: imp.expects });
    for (const spec of specs) {
      const meta = await describeFiles(spec, dataDir);
      events.start?.(meta.id);
      const result = await store.loadSource(meta, (stage) => imp.load(spec, stage, dataDir), (d, t) => events.progress?.(meta.id, d, t));
      events.done?.(result);
      report.results.push(result);
    }
  }
  return report;
}
