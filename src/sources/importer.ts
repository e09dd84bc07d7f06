// The contract between one official source format and the store.
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { relative, sep } from 'node:path';
import type { SourceMeta } from '../model/types.ts';
import type { Stage } from '../store/store.ts';
import { confine, displayPath } from './confine.ts';
import { InputError } from './errors.ts';
import { MAX_LINE_BYTES, SIZE_CAPS } from './limits.ts';

/** Whole-file caps by format, checked before a file is even checksummed (a 2 GiB CSV is refused in milliseconds). */
const FORMAT_CAPS: Record<string, number> = { csv: SIZE_CAPS.csv, xlsx: SIZE_CAPS.xlsx };

/** Provenance an importer knows before reading the bytes. */
export type SourceDescription = Omit<SourceMeta, 'sha256' | 'bytes' | 'version' | 'file' | 'retrieved'>;

/** One loadable unit: a file or a bundle of files that land (or fail) together. */
export interface SourceSpec {
  description: SourceDescription;
  /** Absolute paths of the files read, in a stable order. */
  files: string[];
}

export interface Importer {
  /** Name used on the command line (`cogency ingest tip`). */
  id: string;
  title: string;
  /**
   * Bump when the importer's output changes in a way its code fingerprint would not show (a new
   * reading of the same rule). Default '1'. Any edit to its code rebuilds anyway (registry.ts).
   */
  version?: string;
  /** Where in the data directory this importer looks, for messages when nothing is found. */
  expects: string;
  /** Find the loadable units under the data directory; empty when the files are absent. */
  discover(dataDir: string): Promise<SourceSpec[]>;
  /**
   * The spec's checksums and sizes, as describeFiles gives them (the default). An importer may
   * compute them elsewhere (NIBRS: in worker threads, ahead of the store); specs are described in
   * discovery order, each just before it is loaded (or found unchanged and not loaded).
   */
  describe?(spec: SourceSpec, dataDir: string): Promise<Awaited<ReturnType<typeof describeFiles>>>;
  /** Parse and validate the files into the stage. Throw InputError on bad input. */
  load(spec: SourceSpec, stage: Stage, dataDir: string): Promise<void>;
  /** Called once every discovered spec was loaded, found unchanged or refused: release workers. */
  finish?(): void;
}

/**
 * sha256 of a file. For a CSV the same pass checks that no line is longer than MAX_LINE_BYTES, so a
 * pathological table (an endless line) is refused after about a MiB instead of after a checksum
 * over gigabytes. `onLongLine` is called with the 1-based line number of the first long line.
 */
async function fileSha256(path: string, size: number, csv: boolean, onLongLine: (line: number) => never): Promise<string> {
  // Small files in one read (one system call instead of a stream with a 1 MiB buffer).
  if (size <= MAX_LINE_BYTES) return createHash('sha256').update(await readFile(path)).digest('hex');
  const h = createHash('sha256');
  let run = 0; // bytes since the last line break
  let line = 1;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const b = chunk as Buffer;
    if (csv) {
      // A line longer than a chunk spans a chunk boundary: two native searches per chunk suffice.
      const first = b.indexOf(10);
      if (first < 0 ? run + b.length > MAX_LINE_BYTES : run + first > MAX_LINE_BYTES) onLongLine(line);
      if (first >= 0) {
        line += countLines(b);
        run = b.length - b.lastIndexOf(10) - 1;
      } else run += b.length;
    }
    h.update(b);
  }
  return h.digest('hex');
}

function countLines(b: Buffer): number {
  let n = 0;
  for (let i = b.indexOf(10); i >= 0; i = b.indexOf(10, i + 1)) n++;
  return n;
}

/**
 * Checksums and sizes for a spec. One file: its own sha256. A bundle: sha256 over the sorted
 * list of "relative path  sha256" lines, so any changed file changes the version. Every file is
 * confined to the data directory first: nothing outside it is read, not even to checksum it.
 * `checkFile` sees each file's path under the data directory and its size before it is read
 * (ingest passes the source descriptor's claims and size caps); it throws to refuse the file.
 */
export async function describeFiles(
  spec: SourceSpec,
  dataDir: string,
  checkFile?: (rel: string, bytes: number) => void,
): Promise<SourceMeta & { inputs: { file: string; sha256: string; bytes: number }[] }> {
  const parts: string[] = [];
  const inputs: { file: string; sha256: string; bytes: number }[] = [];
  let bytes = 0;
  let newest = 0;
  for (const f of spec.files) {
    const real = await confine(dataDir, f);
    const s = await stat(real);
    const cap = FORMAT_CAPS[spec.description.format];
    if (cap !== undefined && s.size > cap) {
      throw new InputError(displayPath(dataDir, f), null, null, `file is ${(s.size / 2 ** 20).toFixed(0)} MiB, above the ${cap / 2 ** 20} MiB limit for ${spec.description.format} files; refused`);
    }
    checkFile?.(relative(dataDir, f).split(sep).join('/'), s.size);
    bytes += s.size;
    newest = Math.max(newest, s.mtimeMs);
    const longLine = (line: number): never => {
      throw new InputError(displayPath(dataDir, f), line, null, `line ${line} is longer than ${MAX_LINE_BYTES} bytes; refused (no table in these formats has lines this long)`);
    };
    const sha256 = await fileSha256(real, s.size, /\.csv$/i.test(real), longLine);
    parts.push(`${relative(dataDir, f)}  ${sha256}`);
    inputs.push({ file: relative(dataDir, f), sha256, bytes: s.size });
  }
  const sha =
    spec.files.length === 1 ? parts[0]!.split('  ')[1]! : createHash('sha256').update(parts.sort().join('\n')).digest('hex');
  const file = spec.files.length === 1 ? relative(dataDir, spec.files[0]!) : relative(dataDir, commonDir(spec.files));
  return {
    ...spec.description,
    sha256: sha,
    bytes,
    version: sha.slice(0, 12),
    file,
    // The date the file entered the data directory (set by `cogency fetch` or by whoever copied it).
    retrieved: new Date(newest).toISOString().slice(0, 10),
    inputs,
  };
}

function commonDir(paths: string[]): string {
  const split = paths.map((p) => p.split('/'));
  const first = split[0] ?? [];
  let n = 0;
  while (n < first.length - 1 && split.every((s) => s[n] === first[n])) n++;
  return first.slice(0, n).join('/');
}
