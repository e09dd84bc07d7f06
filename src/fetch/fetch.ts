// `cogency fetch` as a library: download the files of the chosen sources into the data directory.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../sources/errors.ts';
import { CATALOG, type FetchFile, type FetchSource } from './catalog.ts';
import { download, FetchError, type DownloadResult } from './download.ts';

export interface FetchOptions {
  dataDir: string;
  /** Importer ids; empty = all. */
  sources?: string[];
  /**
   * Fetch `<mirror>/<path under the data directory>` instead of each file's URL (a local mirror of
   * the data directory, or a test server).
   */
  mirror?: string | undefined;
  /** Re-download files already present. */
  force?: boolean;
  catalog?: FetchSource[];
  events?: {
    start?(file: FetchFile, url: string): void;
    progress?(file: FetchFile, done: number, total: number | null): void;
    done?(file: FetchFile, result: DownloadResult | 'present'): void;
    failed?(file: FetchFile, error: FetchError): void;
  };
}

export interface FetchReport {
  downloaded: DownloadResult[];
  present: string[];
  failed: { path: string; url: string; error: string; retryable: boolean }[];
}

export function selectFetchSources(names: string[] = [], catalog: FetchSource[] = CATALOG): FetchSource[] {
  if (names.length === 0) return catalog;
  return names.map((n) => {
    const s = catalog.find((c) => c.id === n);
    if (!s) throw new UsageError(`unknown source "${n}" for fetch; known: ${catalog.map((c) => c.id).join(', ')}`);
    return s;
  });
}

/** Download every missing file of the chosen sources; keeps going past failures and reports them. */
export async function fetchSources(opts: FetchOptions): Promise<FetchReport> {
  const report: FetchReport = { downloaded: [], present: [], failed: [] };
  for (const src of selectFetchSources(opts.sources, opts.catalog)) {
    for (const file of src.files) {
      const dest = join(opts.dataDir, file.path);
      if (!opts.force && existsSync(dest) && (file.bytes === undefined || statSync(dest).size === file.bytes)) {
        report.present.push(file.path);
        opts.events?.done?.(file, 'present');
        continue;
      }
      const url = opts.mirror ? `${opts.mirror.replace(/\/+$/, '')}/${file.path}` : file.url;
      opts.events?.start?.(file, url);
      try {
        const result = await download(url, dest, {
          sha256: file.sha256,
          bytes: file.bytes,
          onProgress: (d, t) => opts.events?.progress?.(file, d, t),
        });
        report.downloaded.push(result);
        opts.events?.done?.(file, result);
      } catch (e) {
        const err = e instanceof FetchError ? e : new FetchError(url, (e as Error).message, false);
        report.failed.push({ path: file.path, url, error: err.message, retryable: err.retryable });
        opts.events?.failed?.(file, err);
      }
    }
  }
  return report;
}
