// Shared checks for the statistical-table importers' tests (not a test file itself).
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Store } from '../../src/store/store.ts';
import { ingest } from '../../src/sources/ingest.ts';
import { InputError } from '../../src/sources/errors.ts';
import { fixtureCopy } from '../helpers.ts';

export interface BadInput {
  name: string;
  /** Path of the file to break, relative to the data directory (forward slashes). */
  file: string;
  mutate: (path: string) => void;
  line: number | null;
  field: string | null;
  reason: RegExp;
}

/** Replace the first occurrence of `from` (which must exist) in a text file. */
export function replaceIn(path: string, from: string, to: string): void {
  const text = readFileSync(path, 'utf8');
  assert.ok(text.includes(from), `fixture ${path} does not contain ${JSON.stringify(from)}`);
  writeFileSync(path, text.replace(from, to));
}

/** Cut the file `bytes` bytes before its end. */
export function truncate(path: string, bytes: number): void {
  const buf = readFileSync(path);
  writeFileSync(path, buf.subarray(0, buf.length - bytes));
}

/** Put an invalid UTF-8 byte (a Latin-1 "é") into the first occurrence of `inside`. */
export function latin1Byte(path: string, inside: string): void {
  const buf = readFileSync(path);
  const at = buf.indexOf(inside);
  assert.ok(at >= 0, `fixture ${path} does not contain ${inside}`);
  buf[at + 1] = 0xe9;
  writeFileSync(path, buf);
}

const snapshot = (store: Store) =>
  store.all('SELECT source_id, measure, place, period, dims, value, value_text FROM observations ORDER BY ALL');

/** One store per importer with the good fixtures loaded, shared by that importer's bad-input tests. */
const loaded = new Map<string, Promise<{ store: Store; before: Record<string, unknown>[] }>>();
function goodStore(importer: string) {
  let p = loaded.get(importer);
  if (!p) {
    p = (async () => {
      const store = await Store.open(':memory:');
      await ingest(store, fixtureCopy(), [importer]);
      const before = await snapshot(store);
      assert.ok(before.length > 0, 'the good fixture load stored rows');
      return { store, before };
    })();
    loaded.set(importer, p);
  }
  return p;
}

/**
 * Break one file of a fresh fixture copy and ingest it into a store holding the good fixtures:
 * the error names file, line and field, and the store still holds exactly what the good load put
 * there (loads are atomic).
 */
export async function assertBadInput(importer: string, bad: BadInput): Promise<void> {
  const { store, before } = await goodStore(importer);
  const dir = fixtureCopy();
  bad.mutate(join(dir, bad.file));
  const err = await ingest(store, dir, [importer]).then(
    () => null,
    (e: unknown) => e,
  );
  assert.ok(err instanceof InputError, `expected InputError, got ${String(err)}`);
  assert.equal(err.file, bad.file);
  assert.equal(err.line, bad.line, `line (${err.message})`);
  assert.equal(err.field, bad.field, `field (${err.message})`);
  assert.match(err.reason, bad.reason);
  assert.deepEqual(await snapshot(store), before, 'the store is unchanged after the failed load');
}

// ---------------------------------------------------------------------------------------------
// A minimal .xlsx writer for hand-made fixtures (inline strings, numbers, stored zip entries).

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function zip(entries: [name: string, data: string][]): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of entries) {
    const data = Buffer.from(text, 'utf8');
    const nameBuf = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0); h.writeUInt16LE(20, 4); h.writeUInt16LE(0, 6); h.writeUInt16LE(0, 8);
    h.writeUInt32LE(0, 10); h.writeUInt32LE(crc, 14); h.writeUInt32LE(data.length, 18); h.writeUInt32LE(data.length, 22);
    h.writeUInt16LE(nameBuf.length, 26); h.writeUInt16LE(0, 28);
    local.push(h, nameBuf, data);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0); c.writeUInt16LE(20, 4); c.writeUInt16LE(20, 6); c.writeUInt16LE(0, 8); c.writeUInt16LE(0, 10);
    c.writeUInt32LE(0, 12); c.writeUInt32LE(crc, 16); c.writeUInt32LE(data.length, 20); c.writeUInt32LE(data.length, 24);
    c.writeUInt16LE(nameBuf.length, 28); c.writeUInt32LE(offset, 42);
    central.push(c, nameBuf);
    offset += 30 + nameBuf.length + data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, cd, end]);
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const col = (i: number) => {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

/** Sheets of rows (row 1 first; null = empty cell; an all-null row is written as no row). */
export function xlsx(sheets: { name: string; rows: (string | number | null)[][] }[]): Buffer {
  const sheetXml = (rows: (string | number | null)[][]) =>
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
    rows
      .map((row, r) =>
        row.every((v) => v === null)
          ? ''
          : `<row r="${r + 1}">` +
            row
              .map((v, c) =>
                v === null ? '' : typeof v === 'number' ? `<c r="${col(c)}${r + 1}"><v>${v}</v></c>` : `<c r="${col(c)}${r + 1}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`,
              )
              .join('') +
            '</row>',
      )
      .join('') +
    '</sheetData></worksheet>';
  return zip([
    [
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
        '</Types>',
    ],
    ['_rels/.rels', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'],
    [
      'xl/workbook.xml',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>' +
        sheets.map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
        '</sheets></workbook>',
    ],
    [
      'xl/_rels/workbook.xml.rels',
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
        '</Relationships>',
    ],
    ...sheets.map((s, i) => [`xl/worksheets/sheet${i + 1}.xml`, sheetXml(s.rows)] as [string, string]),
  ]);
}
