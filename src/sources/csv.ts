// Reading small official CSV files (capped at SIZE_CAPS.csv) with errors that name file, line and field.
// Bulk files (NIBRS) use a streaming reader instead.
import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { InputError } from './errors.ts';
import { MAX_LINE_BYTES, SIZE_CAPS, checkLineLengths, readCapped } from './limits.ts';

export interface CsvRow {
  /** 1-based line number of the record's first line in the file (header is line 1). */
  line: number;
  get(field: string): string;
}

export interface CsvFile {
  file: string;
  header: string[];
  rows: CsvRow[];
  sha256: string;
  bytes: number;
}

/** Decode strictly as UTF-8 (a BOM is allowed); an invalid byte is reported with its line. */
export function decodeUtf8(buf: Buffer, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buf);
  } catch {
    // Find the first invalid byte by decoding growing prefixes line by line.
    let line = 1;
    let start = 0;
    for (let i = 0; i <= buf.length; i++) {
      if (i === buf.length || buf[i] === 0x0a) {
        const chunk = buf.subarray(start, i);
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(chunk);
        } catch {
          const col = findBadByte(chunk);
          throw new InputError(file, line, null, `invalid UTF-8 byte 0x${(chunk[col] ?? 0).toString(16).padStart(2, '0')} at column ${col + 1}`);
        }
        line++;
        start = i + 1;
      }
    }
    throw new InputError(file, null, null, 'invalid UTF-8');
  }
}

function findBadByte(chunk: Buffer): number {
  for (let j = 1; j <= chunk.length; j++) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(chunk.subarray(0, j));
    } catch {
      // A multi-byte sequence cut at j is only invalid if the next byte does not complete it.
      if (j === chunk.length || (chunk[j]! & 0xc0) !== 0x80) return j - 1;
    }
  }
  return 0;
}

export function sha256(buf: Buffer): string {
  return createHash('sha256').update(buf).digest('hex');
}

export interface CsvOptions {
  /**
   * The publisher's file ends with a line break (all but one official table do): a last record
   * without one was cut off. Default true; false only for a format whose real file has none.
   */
  finalNewline?: boolean;
  /** Size cap in bytes (default SIZE_CAPS.csv). */
  cap?: number;
}

/** Read a capped file and check it is non-empty UTF-8 with no over-long line. */
export async function readTextCapped(path: string, displayName: string, cap: number = SIZE_CAPS.csv): Promise<{ buf: Buffer; text: string }> {
  const buf = await readCapped(path, displayName, cap);
  if (buf.length === 0) throw new InputError(displayName, null, null, 'file is empty');
  checkLineLengths(buf, displayName, MAX_LINE_BYTES);
  return { buf, text: decodeUtf8(buf, displayName) };
}

/**
 * Parse a CSV whose header must be exactly `expected` (order included).
 * Truncation, ragged rows, bad quoting and a file with a header but no records are reported by line.
 */
export async function readCsv(path: string, displayName: string, expected: string[], opts: CsvOptions = {}): Promise<CsvFile> {
  const { buf, text } = await readTextCapped(path, displayName, opts.cap);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { info: true, bom: true, relax_column_count: false, skip_empty_lines: true, max_record_size: MAX_LINE_BYTES }) as unknown as {
      record: string[];
      info: { lines: number };
    }[];
  } catch (e) {
    const err = e as { lines?: number; code?: string; message: string };
    const reason =
      err.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH'
        ? `wrong number of fields (${err.message.replace(/^.*?: /, '')}); the file may be truncated or damaged`
        : err.code === 'CSV_QUOTE_NOT_CLOSED'
          ? 'a quoted field is never closed; the file is probably truncated'
          : err.message;
    throw new InputError(displayName, err.lines ?? null, null, reason);
  }
  const first = records[0];
  if (!first) throw new InputError(displayName, 1, null, 'no header row');
  const header = first.record;
  if (header.length !== expected.length || header.some((h, i) => h !== expected[i])) {
    const missing = expected.filter((h) => !header.includes(h));
    const extra = header.filter((h) => !expected.includes(h));
    const detail = [
      missing.length ? `missing ${missing.map((m) => `"${m}"`).join(', ')}` : '',
      extra.length ? `unexpected ${extra.map((m) => `"${m}"`).join(', ')}` : '',
      !missing.length && !extra.length ? 'columns out of order' : '',
    ]
      .filter(Boolean)
      .join('; ');
    throw new InputError(displayName, 1, 'header', `header does not match the expected format: ${detail}; expected ${expected.join(',')}`);
  }
  const index = new Map(header.map((h, i) => [h, i]));
  const rows: CsvRow[] = [];
  // info.lines is the line the record ends on; records are single-line in these files.
  for (let r = 1; r < records.length; r++) {
    const { record, info } = records[r]!;
    rows.push({
      line: info.lines,
      get(field: string) {
        const i = index.get(field);
        if (i === undefined) throw new Error(`unknown field ${field}`);
        return record[i] ?? '';
      },
    });
  }
  if (rows.length === 0) throw new InputError(displayName, 2, null, 'the file has a header but no records; refused (it would empty the source)');
  // A final record cut mid-way parses as ragged (caught above) or as a shorter last value: where the
  // publisher's file ends with a line break, a missing one means the file was cut off.
  if ((opts.finalNewline ?? true) && buf[buf.length - 1] !== 0x0a) {
    throw new InputError(displayName, rows.at(-1)!.line, null, 'the last record has no line break: the file is probably truncated (the publisher\'s file ends with one)');
  }
  return { file: displayName, header, rows, sha256: sha256(buf), bytes: buf.length };
}
