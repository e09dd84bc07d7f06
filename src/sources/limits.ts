// Size and shape limits on every input, checked before a file is parsed, so a huge or
// pathological file (a 1 GiB single line, a zip bomb) is refused in seconds and never
// takes more memory than the limit allows. The caps sit far above the official files
// (the largest small table is under 1 MB; see shared/data/stats/MANIFEST.md) and far below
// what would need more than 1 GiB of memory to parse.
import { open } from 'node:fs/promises';
import { InputError } from './errors.ts';

const MiB = 1 << 20;

/** Longest line any CSV may have (the widest official line, ACS DP05, is about 10 KB). */
export const MAX_LINE_BYTES = 1 * MiB;

/** Whole-file caps for the tables read into memory (CSV parsed in one piece, xlsx). */
export const SIZE_CAPS = {
  /** Small statistical CSV tables (TIP, FBI UCR, Census, grants): real files are ≤ 1 MB. */
  csv: 32 * MiB,
  /** An .xlsx archive on disk (the GSI workbook is 0.8 MB). */
  xlsx: 16 * MiB,
  /** All entries of an .xlsx, uncompressed, as its central directory declares them (GSI: 5.5 MB). */
  xlsxUncompressed: 32 * MiB,
  /** NIBRS lookup and agency tables, read whole (the largest, agencies, is well under 1 MB). */
  nibrsLookup: 64 * MiB,
} as const;

/** Highest compression ratio accepted for an archive entry (CSV and sheet XML: 3–20; a zip bomb: 1000+). */
export const MAX_COMPRESSION_RATIO = 200;

/** Rows accepted per NIBRS data table (a large state-year has about 3 million; keeps the id sets < 300 MB). */
export const MAX_NIBRS_TABLE_ROWS = 16_000_000;

/** Rows of the covered offenses (trafficking, prostitution) kept per bundle. */
export const MAX_NIBRS_COVERED_ROWS = 1_000_000;

/** Uncompressed bytes accepted for one NIBRS table inside a zip (the largest state tables are a few GB). */
export const MAX_NIBRS_ENTRY_BYTES = 8 * 1024 * MiB;

function human(n: number): string {
  return n >= MiB ? `${(n / MiB).toFixed(n % MiB ? 1 : 0)} MiB` : `${n} bytes`;
}

/**
 * Read a whole file whose size must not exceed `cap`. The size is checked on the open file
 * descriptor before reading, and the read stops at cap + 1 bytes in case the file grows meanwhile.
 */
export async function readCapped(path: string, display: string, cap: number): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    if (size > cap) throw new InputError(display, null, null, `file is ${human(size)}, above the ${human(cap)} limit for this format; refused`);
    const buf = Buffer.alloc(size + 1);
    let got = 0;
    while (got < buf.length) {
      const { bytesRead } = await fh.read(buf, got, buf.length - got, got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    if (got > cap) throw new InputError(display, null, null, `file grew above the ${human(cap)} limit for this format while being read; refused`);
    return buf.subarray(0, got);
  } finally {
    await fh.close();
  }
}

/** Refuse a buffer with a line longer than `max` bytes, naming the line. */
export function checkLineLengths(buf: Buffer, display: string, max = MAX_LINE_BYTES): void {
  let start = 0;
  let line = 1;
  while (start <= buf.length) {
    let nl = buf.indexOf(10, start);
    if (nl < 0) nl = buf.length;
    if (nl - start > max) throw new InputError(display, line, null, `line is longer than ${human(max)}; refused (no official table has lines this long)`);
    start = nl + 1;
    line++;
  }
}

