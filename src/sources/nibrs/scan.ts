// A streaming CSV scanner for the bulk NIBRS tables: bytes in, one reused row view out.
// Never holds more than one chunk plus a partial record; validates the field count of every
// record and the UTF-8 of every line with a high byte; errors name file, line and field.
import { isUtf8 } from 'node:buffer';
import { InputError } from '../errors.ts';
import { MAX_LINE_BYTES, MAX_NIBRS_TABLE_ROWS } from '../limits.ts';

/** A view of the current record: field i spans buf[start[i], end[i]) (quotes already removed). */
export class RowView {
  buf: Buffer = Buffer.alloc(0);
  /** The same bytes as a plain Uint8Array (faster indexed access than Buffer). */
  u: Uint8Array = new Uint8Array(0);
  start = new Int32Array(64);
  end = new Int32Array(64);
  /** 1-based line of the record's first line (header = line 1). */
  line = 0;
  /** Set when a field of this record was quoted (then `buf` is a private copy, unescaped). */
  quoted = false;

  constructor(
    readonly file: string,
    readonly header: string[],
  ) {}

  str(i: number): string {
    return this.buf.toString('latin1', this.start[i]!, this.end[i]!);
  }

  utf8(i: number): string {
    return this.buf.toString('utf8', this.start[i]!, this.end[i]!);
  }

  /** True for an empty field or the R-written `NA`. */
  isNull(i: number): boolean {
    const s = this.start[i]!;
    const e = this.end[i]!;
    return e === s || (e - s === 2 && this.u[s] === 78 && this.u[s + 1] === 65);
  }

  /** A non-negative integer, null for empty/NA; anything else is an error naming the field. */
  int(i: number): number | null {
    const s = this.start[i]!;
    const e = this.end[i]!;
    if (e === s) return null;
    const u = this.u;
    let v = 0;
    for (let k = s; k < e; k++) {
      const d = u[k]! - 48;
      if (d < 0 || d > 9) return this.notInt(i);
      v = v * 10 + d;
    }
    return v;
  }

  private notInt(i: number): null {
    if (this.isNull(i)) return null;
    throw new InputError(this.file, this.line, this.header[i] ?? `column ${i + 1}`, `"${this.str(i)}" is not a whole number`);
  }

  /** Like int() but the value must be present. */
  req(i: number): number {
    const v = this.int(i);
    if (v === null) throw new InputError(this.file, this.line, this.header[i] ?? `column ${i + 1}`, 'required value is empty');
    return v;
  }

  /** Up to 6 bytes of a short code as a number key (0 for empty): fast map lookups without strings. */
  key(i: number): number {
    const s = this.start[i]!;
    const e = this.end[i]!;
    const u = this.u;
    const len = e - s;
    // Codes of up to 3 bytes (all NIBRS offense codes) give a small integer key (fast Map lookups).
    if (len <= 3) return (len << 24) | (len > 0 ? u[s]! << 16 : 0) | (len > 1 ? u[s + 1]! << 8 : 0) | (len > 2 ? u[s + 2]! : 0);
    let v = 0;
    for (let k = s; k < e && k < s + 6; k++) v = v * 256 + u[k]!;
    return v + len * 281474976710656;
  }
}

/** The same key for a string (ASCII), to build lookup maps. */
export function codeKey(code: string): number {
  const b = Buffer.from(code, 'latin1');
  const len = b.length;
  if (len <= 3) return (len << 24) | (len > 0 ? b[0]! << 16 : 0) | (len > 1 ? b[1]! << 8 : 0) | (len > 2 ? b[2]! : 0);
  let v = 0;
  for (let k = 0; k < len && k < 6; k++) v = v * 256 + b[k]!;
  return v + len * 281474976710656;
}

export interface ScanOptions {
  file: string;
  /** Text encoding of the file; only the header and string fields are decoded with it. */
  encoding?: string;
  /** Official data tables always end with a line break; a missing one means a cut-off file. */
  requireFinalNewline?: boolean;
  /** Longest record accepted, in bytes (default MAX_LINE_BYTES): a longer one is refused without being buffered. */
  maxLineBytes?: number;
  /** Most data records accepted (default MAX_NIBRS_TABLE_ROWS). */
  maxRecords?: number;
  /** A table with a header and no records is refused (default true). */
  requireRecords?: boolean;
  /** Called once with the lower-cased header; returns the row handler. */
  onHeader(header: string[]): (row: RowView) => void;
}

const COMMA = 44;
const LF = 10;
const CR = 13;
const QUOTE = 34;

/**
 * Scan a CSV from a stream of chunks. Returns the number of data records.
 * Ragged rows, an unclosed quote and a record cut off at the end of the file are errors.
 */
export async function scanCsv(chunks: AsyncIterable<Buffer | string>, opts: ScanOptions): Promise<number> {
  const { file } = opts;
  let handler: ((row: RowView) => void) | null = null;
  let row: RowView | null = null;
  let ncols = 0;
  let line = 1;
  let records = 0;
  let carry: Buffer | null = null;

  const headerOf = (b: Buffer, s: number, e: number): void => {
    let text = b.toString('latin1', s, e);
    if (opts.encoding && opts.encoding !== 'utf-8') text = new TextDecoder(opts.encoding).decode(b.subarray(s, e));
    else text = decodeLine(b, s, e, file, 1);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.endsWith('\r')) text = text.slice(0, -1);
    const header = splitQuoted(text, file, 1).map((h) => h.trim().toLowerCase());
    ncols = header.length;
    row = new RowView(file, header);
    if (ncols > row.start.length) {
      row.start = new Int32Array(ncols + 1);
      row.end = new Int32Array(ncols + 1);
    }
    handler = opts.onHeader(header);
  };

  /** Process complete records in b[0, limit); returns where the unprocessed tail starts. */
  const processBuf = (b: Buffer, final: boolean): number => {
    let pos = 0;
    const n = b.length;
    if (handler === null) {
      const nl = b.indexOf(LF);
      if (nl < 0) {
        if (!final) return 0;
        if (n === 0) throw new InputError(file, null, null, 'file is empty');
        headerOf(b, 0, n);
        return n;
      }
      headerOf(b, 0, nl);
      pos = nl + 1;
      line = 2;
    }
    const r = row!;
    const h = handler!;
    const start = r.start;
    const end = r.end;
    const u = new Uint8Array(b.buffer, b.byteOffset, b.length);
    r.buf = b;
    r.u = u;
    // A chunk that is valid UTF-8 as a whole (checked natively) needs no per-line check; one that
    // is not (a bad byte, or a character cut at the chunk's end) is checked line by line.
    const utf8Chunk = isUtf8(u);
    let firstQuote = b.indexOf(QUOTE, pos);
    if (firstQuote < 0) firstQuote = n;
    while (pos < n) {
      // Fast path: no quote before the end of this line.
      let i = pos;
      if (firstQuote > pos) {
        // Fastest case: the line end found natively, then only commas to count.
        const lf = utf8Chunk ? b.indexOf(LF, pos) : -1;
        if (lf >= 0 && lf < firstQuote) i = splitLine(u, pos, lf, start, end, ncols);
        else i = scanLine(u, pos, n, start, end, ncols);
      } else lineState.fill(0);
      const nf = lineState[0]!;
      const high = lineState[1] === 1;
      const ok = lineState[2] === 1;
      if (i < n && b[i] === QUOTE && !ok) {
        // Slow path: a quoted field somewhere in this record.
        const res = slowRecord(b, pos, final);
        if (res === null) return pos; // incomplete record: wait for more bytes
        const fields = res.fields;
        if (fields.length !== ncols) raggedError(file, line, ncols, fields.length, r.header);
        // A quoted last record cut off at its line break ends the file like an unquoted one would.
        if (opts.requireFinalNewline && b[res.next - 1] !== LF) {
          throw new InputError(file, line, null, 'the last line has no line break: the file is probably truncated (official NIBRS tables end with one)');
        }
        // Quoted records are decoded field by field, which would replace a bad byte silently.
        if (!utf8Chunk && !isUtf8(u.subarray(pos, res.next)) && (opts.encoding ?? 'utf-8') === 'utf-8') decodeLine(b, pos, res.next, file, line);
        const copy = Buffer.from(fields.join('\u0000'), 'utf8');
        let off = 0;
        for (let f = 0; f < ncols; f++) {
          const len = Buffer.byteLength(fields[f]!, 'utf8');
          start[f] = off;
          end[f] = off + len;
          off += len + 1;
        }
        r.buf = copy;
        r.u = new Uint8Array(copy.buffer, copy.byteOffset, copy.length);
        r.quoted = true;
        r.line = line;
        h(r);
        r.buf = b;
        r.u = u;
        r.quoted = false;
        records++;
        line += res.lines;
        pos = res.next;
        firstQuote = b.indexOf(QUOTE, pos);
        if (firstQuote < 0) firstQuote = n;
        continue;
      }
      if (!ok) {
        // No newline before the end of the buffer.
        if (!final) return pos;
        if (i === pos) return n; // nothing after the last newline
      }
      let e = i;
      if (e > pos && b[e - 1] === CR) e--;
      if (e === pos) {
        // A blank line: allowed only as the very last line.
        if (ok && !final) {
          pos = i + 1;
          line++;
          continue;
        }
        pos = ok ? i + 1 : n;
        line++;
        continue;
      }
      if (nf + 1 !== ncols) {
        if (!ok) throw new InputError(file, line, r.header[Math.min(nf, ncols - 1)] ?? null, `the file ends in the middle of a record (${nf + 1} of ${ncols} fields): it is probably truncated`);
        raggedError(file, line, ncols, nf + 1, r.header);
      }
      if (!ok && opts.requireFinalNewline) {
        throw new InputError(file, line, null, 'the last line has no line break: the file is probably truncated (official NIBRS tables end with one)');
      }
      end[nf] = e;
      if (high) decodeLine(b, pos, e, file, line);
      r.line = line;
      h(r);
      records++;
      line++;
      pos = ok ? i + 1 : n;
    }
    return pos;
  };

  const maxLine = opts.maxLineBytes ?? MAX_LINE_BYTES;
  const maxRecords = opts.maxRecords ?? MAX_NIBRS_TABLE_ROWS;
  for await (const raw of chunks) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw) : raw;
    // An unfinished record longer than the limit (a 1 GiB line) is refused before it is buffered further.
    const firstLf = chunk.indexOf(LF);
    if ((carry?.length ?? 0) + (firstLf < 0 ? chunk.length : firstLf) > maxLine) {
      throw new InputError(file, line, null, `a line longer than ${maxLine} bytes; refused (no NIBRS table has lines this long)`);
    }
    if (records > maxRecords) throw new InputError(file, line, null, `more than ${maxRecords.toLocaleString('en-US')} records; refused (above the limit for one state-year table)`);
    let b: Buffer = chunk;
    if (carry && carry.length) {
      // The record cut at the previous chunk's end is completed with this chunk's bytes up to its
      // first line break; the rest of the chunk is then scanned in place (no copy of the chunk).
      const nl = chunk.indexOf(LF);
      if (nl < 0 || nl === chunk.length - 1) b = Buffer.concat([carry, chunk]);
      else {
        const head = Buffer.concat([carry, chunk.subarray(0, nl + 1)]);
        const usedHead = processBuf(head, false);
        b = usedHead < head.length ? Buffer.concat([head.subarray(usedHead), chunk.subarray(nl + 1)]) : chunk.subarray(nl + 1);
      }
    }
    const used = processBuf(b, false);
    carry = used < b.length ? Buffer.from(b.subarray(used)) : null;
  }
  const rest = carry ?? Buffer.alloc(0);
  if (handler === null || rest.length) {
    const used = processBuf(rest, true);
    if (used < rest.length) throw new InputError(file, line, null, 'a quoted field is never closed: the file is probably truncated');
  }
  if (handler === null) throw new InputError(file, null, null, 'file is empty');
  if (records > maxRecords) throw new InputError(file, line, null, `more than ${maxRecords.toLocaleString('en-US')} records; refused (above the limit for one state-year table)`);
  if (records === 0 && (opts.requireRecords ?? true)) throw new InputError(file, 2, null, 'the table has a header but no records; refused (it would empty the source)');
  return records;
}

/** Results of scanLine: [fields - 1, saw a byte > 127, ended at a line feed]. */
const lineState = new Int32Array(3);

/**
 * The hot loop: split one quote-free line at commas into start/end offsets. Returns the index of
 * the line feed (or of a quote, or n); lineState tells which. A plain Uint8Array and locals only,
 * so V8 keeps it tight.
 */
function scanLine(u: Uint8Array, pos: number, n: number, start: Int32Array, end: Int32Array, ncols: number): number {
  let nf = 0;
  let high = 0;
  let ok = 0;
  start[0] = pos;
  let i = pos;
  for (; i < n; i++) {
    const c = u[i]!;
    if (c === COMMA) {
      if (nf < ncols) end[nf] = i;
      nf++;
      if (nf < ncols) start[nf] = i + 1;
    } else if (c === LF) {
      ok = 1;
      break;
    } else if (c === QUOTE) {
      break;
    } else if (c > 127) high = 1;
  }
  lineState[0] = nf;
  lineState[1] = high;
  lineState[2] = ok;
  return i;
}

/** Split a quote-free line u[pos, lf) known to be valid UTF-8: commas only. Returns lf. */
function splitLine(u: Uint8Array, pos: number, lf: number, start: Int32Array, end: Int32Array, ncols: number): number {
  let nf = 0;
  start[0] = pos;
  for (let i = pos; i < lf; i++) {
    if (u[i] === COMMA) {
      if (nf < ncols) end[nf] = i;
      nf++;
      if (nf < ncols) start[nf] = i + 1;
    }
  }
  lineState[0] = nf;
  lineState[1] = 0;
  lineState[2] = 1;
  return lf;
}

function raggedError(file: string, line: number, expected: number, found: number, header: string[]): never {
  const field = found > expected ? `column ${expected + 1} (beyond ${header[expected - 1]})` : (header[found] ?? null);
  throw new InputError(file, line, field, `wrong number of fields: expected ${expected} (as in the header), found ${found}`);
}

function decodeLine(b: Buffer, s: number, e: number, file: string, line: number): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(s, e));
  } catch {
    throw new InputError(file, line, null, 'invalid UTF-8 in this line (the table should be UTF-8)');
  }
}

/**
 * Parse one record that contains quotes, starting at pos; null if it is not complete yet.
 * Fields are decoded from byte ranges (one string per run between quotes), never byte by byte.
 */
function slowRecord(b: Buffer, pos: number, final: boolean): { fields: string[]; next: number; lines: number } | null {
  const fields: string[] = [];
  let lines = 1;
  let i = pos;
  const n = b.length;
  let field = ''; // decoded part of the current field
  let seg = pos; // start of the current run of bytes not yet decoded
  let inQuotes = false;
  let fieldStart = true;
  while (i < n) {
    const c = b[i]!;
    if (inQuotes) {
      if (c === QUOTE) {
        if (i + 1 >= n && !final) return null;
        if (b[i + 1] === QUOTE) {
          field += b.toString('utf8', seg, i + 1); // the run and one quote
          i += 2;
          seg = i;
          continue;
        }
        field += b.toString('utf8', seg, i);
        inQuotes = false;
        i++;
        seg = i;
        continue;
      }
      if (c === LF) lines++;
      i++;
      continue;
    }
    if (c === QUOTE && fieldStart) {
      inQuotes = true;
      fieldStart = false;
      i++;
      seg = i;
      continue;
    }
    fieldStart = false;
    if (c === COMMA) {
      fields.push(field + b.toString('utf8', seg, i));
      field = '';
      fieldStart = true;
      i++;
      seg = i;
      continue;
    }
    if (c === LF || (c === CR && b[i + 1] === LF)) {
      fields.push(field + b.toString('utf8', seg, i));
      return { fields, next: c === CR ? i + 2 : i + 1, lines };
    }
    i++;
  }
  if (!final || inQuotes) return null;
  fields.push(field + b.toString('utf8', seg, n));
  return { fields, next: n, lines };
}

/** Split one header/lookup line with optional quotes. */
export function splitQuoted(text: string, file: string, line: number): string[] {
  const out: string[] = [];
  let cur = '';
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (q) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cur += '"';
          i++;
        } else q = false;
      } else cur += c;
    } else if (c === '"' && cur === '') q = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  if (q) throw new InputError(file, line, null, 'a quoted field is never closed');
  out.push(cur);
  return out;
}
