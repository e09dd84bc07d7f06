// One NIBRS state-year bundle, as the official `.zip` or as an unpacked folder: the tables it
// holds (by lower-case name, without `.csv`) and a way to stream each one.
import { closeSync, createReadStream, openSync, readSync, readdirSync, statSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { InputError } from '../errors.ts';
import { listZip, readZipEntry } from './zip.ts';
import { MAX_COMPRESSION_RATIO, MAX_NIBRS_ENTRY_BYTES } from '../limits.ts';

export interface BundleTable {
  /** Name shown in errors and citations, e.g. `VT-2024.zip:NIBRS_ARRESTEE.csv`. */
  display: string;
  /** File name as shipped. */
  fileName: string;
  bytes: number;
  open(): AsyncIterable<Buffer>;
}

export interface Bundle {
  /** e.g. `VT-2024` */
  label: string;
  state: string;
  year: number;
  kind: 'zip' | 'folder';
  path: string;
  /** Path shown in messages (relative to the data directory). */
  display: string;
  tables: Map<string, BundleTable>;
}

/** `XX-YYYY`, `XX-YYYY.zip`, or `XX-YYYY-partial` (a copy stated to be incomplete: ./layouts.ts). */
export const BUNDLE_NAME = /^([A-Za-z]{2})-(\d{4})(?:-partial)?(?:\.zip)?$/i;

export function tableKey(fileName: string): string {
  return basename(fileName).replace(/\.csv$/i, '').toLowerCase();
}

/**
 * A file's bytes in fresh 1 MiB buffers, read synchronously: only off the main thread (the
 * reader pool's workers), where blocking is harmless and the reads skip libuv's thread pool,
 * which every worker and DuckDB's node binding share.
 */
async function* readChunksSync(path: string): AsyncGenerator<Buffer> {
  const fd = openSync(path, 'r');
  try {
    for (;;) {
      const b = Buffer.allocUnsafe(1 << 20);
      const n = readSync(fd, b, 0, b.length, null);
      if (n === 0) return;
      yield n < b.length ? b.subarray(0, n) : b;
    }
  } finally {
    closeSync(fd);
  }
}

export async function openBundle(path: string, display: string): Promise<Bundle> {
  const name = basename(path);
  const m = BUNDLE_NAME.exec(name) ?? /^([A-Za-z]{2})-(\d{4})/.exec(name);
  const state = m ? m[1]!.toUpperCase() : '';
  const year = m ? Number(m[2]) : 0;
  const tables = new Map<string, BundleTable>();
  const sync = !isMainThread;
  const s = sync ? statSync(path) : await stat(path);
  if (s.isDirectory()) {
    for (const f of (sync ? readdirSync(path) : await readdir(path)).sort()) {
      if (!/\.csv$/i.test(f)) continue;
      const full = join(path, f);
      const size = (sync ? statSync(full) : await stat(full)).size;
      tables.set(tableKey(f), {
        display: `${display}/${f}`,
        fileName: f,
        bytes: size,
        // 1 MiB reads for the bulk tables; a small table in one read of its own size (no 1 MiB buffer per lookup).
        open: () => (sync ? readChunksSync(full) : (createReadStream(full, { highWaterMark: Math.min(1 << 20, Math.max(1 << 12, size + 1)) }) as AsyncIterable<Buffer>)),
      });
    }
    return { label: name, state, year, kind: 'folder', path, display, tables };
  }
  const entries = await listZip(path, display);
  for (const e of entries) {
    if (e.name.endsWith('/') || !/\.csv$/i.test(e.name)) continue;
    const key = tableKey(e.name);
    if (tables.has(key)) throw new InputError(`${display}:${e.name}`, null, null, 'the zip holds this table twice');
    const shown = `${display}:${e.name}`;
    // Checked on the central directory before anything is inflated; readZipEntry also stops at the declared size.
    if (e.size > MAX_NIBRS_ENTRY_BYTES) throw new InputError(shown, null, null, `the table unpacks to ${e.size} bytes, above the ${MAX_NIBRS_ENTRY_BYTES} limit; refused`);
    if (e.size > 0 && (e.compressedSize === 0 || e.size / e.compressedSize > MAX_COMPRESSION_RATIO)) {
      throw new InputError(shown, null, null, `the table is compressed ${e.compressedSize ? Math.round(e.size / e.compressedSize) : '∞'}:1, above the ${MAX_COMPRESSION_RATIO}:1 limit (a zip bomb?); refused`);
    }
    tables.set(key, { display: shown, fileName: basename(e.name), bytes: e.size, open: () => readZipEntry(path, e, shown) });
  }
  if (tables.size === 0) throw new InputError(display, null, null, 'the zip holds no CSV tables');
  return { label: name.replace(/\.zip$/i, ''), state, year, kind: 'zip', path, display, tables };
}
