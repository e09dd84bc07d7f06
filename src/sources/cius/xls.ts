// A minimal reader for Excel 97–2003 workbooks (.xls, BIFF8 inside an OLE2 compound file), enough
// for the FBI's Crime in the United States tables: sheet names and the text and number value of
// every cell (shared strings, numbers, RK/MULRK numbers, formula results). Formatting, merged cells
// and formulas themselves are ignored. The compound file is opened with `cfb` (SheetJS); the BIFF
// records are read here, checked as they are read, and anything unexpected is refused.
import CFB from 'cfb';
import { InputError } from '../errors.ts';

export type Cell = string | number;

export interface Sheet {
  name: string;
  /** rows[r][c], 0-based; absent cells are undefined. */
  rows: Cell[][];
}

const BOF = 0x0809;
const EOF = 0x000a;
const BOUNDSHEET = 0x0085;
const SST = 0x00fc;
const CONTINUE = 0x003c;
const LABELSST = 0x00fd;
const LABEL = 0x0204;
const NUMBER = 0x0203;
const RK = 0x027e;
const MULRK = 0x00bd;
const FORMULA = 0x0006;
const STRING = 0x0207;
const FILEPASS = 0x002f;

/** Caps that no CIUS table comes near; a file beyond them is not the kind of file expected. */
const MAX_ROWS = 65536;
const MAX_COLS = 256;

interface Rec {
  type: number;
  data: Buffer;
  offset: number;
}

function records(stream: Buffer, file: string): Rec[] {
  const out: Rec[] = [];
  let p = 0;
  while (p + 4 <= stream.length) {
    const type = stream.readUInt16LE(p);
    const len = stream.readUInt16LE(p + 2);
    if (p + 4 + len > stream.length) throw new InputError(file, null, `record 0x${type.toString(16)} at byte ${p}`, 'the workbook stream ends inside a record (truncated file)');
    out.push({ type, data: stream.subarray(p + 4, p + 4 + len), offset: p });
    p += 4 + len;
  }
  // Compound-file streams are padded to whole sectors with zeros; anything else left over is a cut record.
  if (stream.subarray(p).some((b) => b !== 0)) throw new InputError(file, null, `byte ${p}`, 'the workbook stream ends inside a record header (truncated file)');
  return out;
}

/** Reads across an SST record and its CONTINUE records, which may split a string's characters. */
class SegmentReader {
  private seg = 0;
  private pos = 0;
  constructor(private readonly segs: Buffer[], private readonly file: string) {}
  private need(): Buffer {
    while (this.seg < this.segs.length && this.pos >= this.segs[this.seg]!.length) {
      this.seg++;
      this.pos = 0;
    }
    const s = this.segs[this.seg];
    if (!s) throw new InputError(this.file, null, 'SST', 'the shared-string table ends early');
    return s;
  }
  u8(): number {
    const s = this.need();
    return s[this.pos++]!;
  }
  u16(): number {
    return this.u8() | (this.u8() << 8);
  }
  u32(): number {
    return (this.u16() | (this.u16() << 16)) >>> 0;
  }
  skip(n: number): void {
    for (let i = 0; i < n; i++) this.u8();
  }
  /** `cch` characters; at a CONTINUE boundary the next segment starts with a new option byte. */
  chars(cch: number, highByte: boolean): string {
    let out = '';
    let wide = highByte;
    let left = cch;
    while (left > 0) {
      if (this.pos >= (this.segs[this.seg]?.length ?? 0)) {
        this.seg++;
        this.pos = 0;
        if (!this.segs[this.seg]) throw new InputError(this.file, null, 'SST', 'the shared-string table ends inside a string');
        wide = (this.u8() & 1) === 1;
      }
      const s = this.segs[this.seg]!;
      const room = Math.floor((s.length - this.pos) / (wide ? 2 : 1));
      const n = Math.min(left, room);
      if (n === 0) throw new InputError(this.file, null, 'SST', 'a character is split across records');
      out += wide ? s.toString('utf16le', this.pos, this.pos + n * 2) : s.toString('latin1', this.pos, this.pos + n);
      this.pos += n * (wide ? 2 : 1);
      left -= n;
    }
    return out;
  }
}

function readSst(segs: Buffer[], file: string): string[] {
  const r = new SegmentReader(segs, file);
  r.u32(); // total references
  const unique = r.u32();
  const out: string[] = [];
  for (let i = 0; i < unique; i++) {
    const cch = r.u16();
    const flags = r.u8();
    const runs = flags & 0x08 ? r.u16() : 0;
    const ext = flags & 0x04 ? r.u32() : 0;
    out.push(r.chars(cch, (flags & 1) === 1));
    r.skip(runs * 4 + ext);
  }
  return out;
}

/** XLUnicodeString (LABEL, STRING): 16-bit length, option byte, characters. */
function unicodeString(d: Buffer, at: number): string {
  const cch = d.readUInt16LE(at);
  const wide = (d[at + 2]! & 1) === 1;
  return wide ? d.toString('utf16le', at + 3, at + 3 + cch * 2) : d.toString('latin1', at + 3, at + 3 + cch);
}

function rkValue(rk: number): number {
  let v: number;
  if (rk & 0x02) v = rk >> 2; // signed 30-bit integer
  else {
    const b = Buffer.alloc(8);
    b.writeUInt32LE(0, 0);
    b.writeUInt32LE((rk & 0xfffffffc) >>> 0, 4);
    v = b.readDoubleLE(0);
  }
  return rk & 0x01 ? v / 100 : v;
}

/** Every worksheet of an .xls file, in workbook order. */
export function readXls(buf: Buffer, file: string): Sheet[] {
  try {
    return readWorkbook(buf, file);
  } catch (e) {
    // A record shorter than its type requires: the reads run past its end.
    if (e instanceof RangeError) throw new InputError(file, null, null, `a workbook record is shorter than its type requires (${e.message}): damaged file`);
    throw e;
  }
}

const CFB_SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** FAT values from here up end a chain (end of chain, free, FAT and DIFAT sectors, reserved). */
const FAT_SPECIAL = 0xfffffffa;

/**
 * The compound-file structure checks `cfb` leaves out, made before it reads the file: `cfb`
 * follows sector chains without a cycle check, so a damaged file allocation table (a sector
 * pointing back into its own chain) grows an array until the process aborts — a crash no
 * try/catch can turn into a refusal. Checked here (MS-CFB §2.2–2.3): the header, a file of whole
 * sectors, a DIFAT chain and FAT sectors inside the file, and a FAT whose every pointer stays
 * inside the file and whose chains all end.
 */
function checkCompoundFile(buf: Buffer, file: string): void {
  const refuse = (why: string) => new InputError(file, null, null, `not an Excel 97–2003 (.xls) compound file that can be read: ${why}`);
  if (buf.length < 512 || !buf.subarray(0, 8).equals(CFB_SIGNATURE)) throw refuse('no compound-file signature');
  const shift = buf.readUInt16LE(0x1e);
  if (shift !== 9 && shift !== 12) throw refuse(`sector size 2^${shift} is neither 512 nor 4096 bytes`);
  const ssz = 1 << shift;
  if (buf.length % ssz !== 0 || buf.length < 2 * ssz) throw refuse(`${buf.length} bytes is not a whole number of ${ssz}-byte sectors (damaged or truncated file)`);
  const nsectors = buf.length / ssz - 1;
  const sector = (i: number) => buf.subarray((i + 1) * ssz, (i + 2) * ssz);
  const nfat = buf.readUInt32LE(0x2c);
  const ndifat = buf.readUInt32LE(0x48);
  if (nfat > nsectors || ndifat > nsectors) throw refuse(`the header counts ${nfat} FAT and ${ndifat} DIFAT sectors in a file of ${nsectors}`);
  const fatSectors: number[] = [];
  for (let i = 0; i < 109 && fatSectors.length < nfat; i++) fatSectors.push(buf.readUInt32LE(0x4c + 4 * i));
  const seen = new Set<number>();
  for (let d = buf.readUInt32LE(0x44), n = 0; fatSectors.length < nfat; n++) {
    if (n >= ndifat || d >= nsectors || seen.has(d)) throw refuse('the DIFAT chain leaves the file, loops or ends early');
    seen.add(d);
    const s = sector(d);
    for (let i = 0; i < ssz / 4 - 1 && fatSectors.length < nfat; i++) fatSectors.push(s.readUInt32LE(4 * i));
    d = s.readUInt32LE(ssz - 4);
  }
  if (fatSectors.some((f) => f >= nsectors)) throw refuse('a FAT sector lies outside the file');
  const fat = new Uint32Array(nfat * (ssz / 4));
  fatSectors.forEach((f, k) => {
    const s = sector(f);
    for (let i = 0; i < ssz / 4; i++) fat[k * (ssz / 4) + i] = s.readUInt32LE(4 * i);
  });
  // Every chain ends: walk each unvisited sector's chain, marking it; meeting a sector of the
  // walk in progress is a loop (0 = unseen, 1 = on the current walk, 2 = known to end).
  const state = new Uint8Array(fat.length);
  for (let start = 0; start < fat.length; start++) {
    const walk: number[] = [];
    let j = start;
    while (j < FAT_SPECIAL && state[j] === 0) {
      if (j >= fat.length || j >= nsectors + ssz) throw refuse(`sector ${walk[walk.length - 1] ?? start} points outside the file`);
      state[j] = 1;
      walk.push(j);
      j = fat[j]!;
    }
    if (j < FAT_SPECIAL && state[j] === 1) throw refuse(`the sector chain through sector ${j} loops`);
    for (const w of walk) state[w] = 2;
  }
}

function readWorkbook(buf: Buffer, file: string): Sheet[] {
  checkCompoundFile(buf, file);
  let cfb: CFB.CFB$Container;
  try {
    cfb = CFB.read(buf, { type: 'buffer' });
  } catch (e) {
    throw new InputError(file, null, null, `not an Excel 97–2003 (.xls) compound file: ${(e as Error).message}`);
  }
  const entry = CFB.find(cfb, 'Workbook') ?? CFB.find(cfb, 'Book');
  if (!entry?.content) throw new InputError(file, null, null, 'the compound file holds no Workbook stream: not an .xls workbook');
  const stream = Buffer.from(entry.content as Uint8Array);
  const recs = records(stream, file);
  const first = recs[0];
  if (!first || first.type !== BOF || first.data.readUInt16LE(0) !== 0x0600) {
    throw new InputError(file, null, 'BOF', 'the workbook is not in the BIFF8 format of Excel 97–2003');
  }
  const sheetsAt: { name: string; offset: number }[] = [];
  let sst: string[] = [];
  for (let i = 0; i < recs.length; i++) {
    const r = recs[i]!;
    if (r.type === FILEPASS) throw new InputError(file, null, 'FILEPASS', 'the workbook is encrypted');
    if (r.type === BOUNDSHEET) {
      const kind = r.data[5]!;
      const cch = r.data[6]!;
      const wide = (r.data[7]! & 1) === 1;
      const name = wide ? r.data.toString('utf16le', 8, 8 + cch * 2) : r.data.toString('latin1', 8, 8 + cch);
      if (kind === 0) sheetsAt.push({ name, offset: r.data.readUInt32LE(0) });
    } else if (r.type === SST) {
      const segs = [r.data];
      while (recs[i + 1]?.type === CONTINUE) segs.push(recs[++i]!.data);
      sst = readSst(segs, file);
    } else if (r.type === EOF) break; // end of the workbook globals
  }
  const byOffset = new Map(recs.map((r, i) => [r.offset, i]));
  return sheetsAt.map(({ name, offset }) => {
    const start = byOffset.get(offset);
    if (start === undefined || recs[start]!.type !== BOF) throw new InputError(file, null, `sheet ${name}`, 'the sheet’s position does not point at the start of a sheet');
    const rows: Cell[][] = [];
    const put = (row: number, col: number, v: Cell) => {
      if (row >= MAX_ROWS || col >= MAX_COLS) throw new InputError(file, row + 1, `sheet ${name}`, `cell beyond ${MAX_ROWS} rows × ${MAX_COLS} columns`);
      (rows[row] ??= [])[col] = v;
    };
    let pendingString: [number, number] | null = null;
    let ended = false;
    for (let i = start + 1; i < recs.length; i++) {
      const { type, data: d } = recs[i]!;
      if (type === EOF) {
        ended = true;
        break;
      }
      if (type === LABELSST) {
        const isst = d.readUInt32LE(6);
        const s = sst[isst];
        if (s === undefined) throw new InputError(file, d.readUInt16LE(0) + 1, `sheet ${name}`, `shared string ${isst} is not in the table of ${sst.length}`);
        put(d.readUInt16LE(0), d.readUInt16LE(2), s);
      } else if (type === LABEL) put(d.readUInt16LE(0), d.readUInt16LE(2), unicodeString(d, 6));
      else if (type === NUMBER) put(d.readUInt16LE(0), d.readUInt16LE(2), d.readDoubleLE(6));
      else if (type === RK) put(d.readUInt16LE(0), d.readUInt16LE(2), rkValue(d.readUInt32LE(6)));
      else if (type === MULRK) {
        const row = d.readUInt16LE(0);
        const firstCol = d.readUInt16LE(2);
        const n = (d.length - 6) / 6;
        for (let k = 0; k < n; k++) put(row, firstCol + k, rkValue(d.readUInt32LE(4 + k * 6 + 2)));
      } else if (type === FORMULA) {
        const row = d.readUInt16LE(0);
        const col = d.readUInt16LE(2);
        if (d.readUInt16LE(12) === 0xffff) {
          if (d[6] === 0) pendingString = [row, col]; // the text result follows in a STRING record
          else if (d[6] === 1) put(row, col, d[8]!);
        } else put(row, col, d.readDoubleLE(6));
      } else if (type === STRING && pendingString) {
        put(pendingString[0], pendingString[1], unicodeString(d, 0));
        pendingString = null;
      }
    }
    if (!ended) throw new InputError(file, null, `sheet ${name}`, 'the sheet has no end-of-sheet record (truncated file)');
    return { name, rows };
  });
}
