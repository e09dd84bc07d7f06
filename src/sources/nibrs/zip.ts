// A minimal streaming reader for the official `.zip` bundles (stored or deflated entries,
// zip64 sizes), built on node:zlib so no dependency is needed. Entries are inflated as a
// stream and their CRC-32 is checked at the end, so a damaged zip never yields silent data.
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInflateRaw, crc32 } from 'node:zlib';
import { InputError } from '../errors.ts';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  crc: number;
  headerOffset: number;
}

export async function listZip(path: string, display: string): Promise<ZipEntry[]> {
  try {
    return await readCentralDirectory(path, display);
  } catch (e) {
    // Offsets and lengths come from the file: a damaged one points outside the buffers read.
    if (e instanceof RangeError) throw new InputError(display, null, null, 'damaged zip central directory (a size or offset points outside the archive)');
    throw e;
  }
}

async function readCentralDirectory(path: string, display: string): Promise<ZipEntry[]> {
  const fh = await open(path, 'r');
  try {
    const { size } = await fh.stat();
    const tailLen = Math.min(size, 65557 + 20);
    const tail = Buffer.alloc(tailLen);
    await fh.read(tail, 0, tailLen, size - tailLen);
    let eocd = -1;
    for (let i = tailLen - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new InputError(display, null, null, 'not a zip file, or the zip is truncated (no end-of-central-directory record)');
    let count = tail.readUInt16LE(eocd + 10);
    let cdSize = tail.readUInt32LE(eocd + 12);
    let cdOffset = tail.readUInt32LE(eocd + 16);
    if (cdOffset === 0xffffffff || count === 0xffff) {
      const loc = eocd - 20;
      if (loc < 0 || tail.readUInt32LE(loc) !== 0x07064b50) throw new InputError(display, null, null, 'zip64 locator missing');
      const z64Off = Number(tail.readBigUInt64LE(loc + 8));
      const z = Buffer.alloc(56);
      await fh.read(z, 0, 56, z64Off);
      if (z.readUInt32LE(0) !== 0x06064b50) throw new InputError(display, null, null, 'zip64 end record missing');
      count = Number(z.readBigUInt64LE(32));
      cdSize = Number(z.readBigUInt64LE(40));
      cdOffset = Number(z.readBigUInt64LE(48));
    }
    if (cdOffset + cdSize > size) throw new InputError(display, null, null, 'the zip is truncated (central directory beyond the end of the file)');
    const cd = Buffer.alloc(cdSize);
    await fh.read(cd, 0, cdSize, cdOffset);
    const out: ZipEntry[] = [];
    let p = 0;
    for (let k = 0; k < count; k++) {
      if (cd.readUInt32LE(p) !== 0x02014b50) throw new InputError(display, null, null, `damaged zip central directory at entry ${k + 1}`);
      const method = cd.readUInt16LE(p + 10);
      const crc = cd.readUInt32LE(p + 16);
      let compressedSize = cd.readUInt32LE(p + 20);
      let usize = cd.readUInt32LE(p + 24);
      const nameLen = cd.readUInt16LE(p + 28);
      const extraLen = cd.readUInt16LE(p + 30);
      const commentLen = cd.readUInt16LE(p + 32);
      let headerOffset = cd.readUInt32LE(p + 42);
      const name = cd.toString('utf8', p + 46, p + 46 + nameLen);
      let e = p + 46 + nameLen;
      const eEnd = e + extraLen;
      while (e + 4 <= eEnd) {
        const id = cd.readUInt16LE(e);
        const len = cd.readUInt16LE(e + 2);
        if (id === 0x0001) {
          let q = e + 4;
          if (usize === 0xffffffff) {
            usize = Number(cd.readBigUInt64LE(q));
            q += 8;
          }
          if (compressedSize === 0xffffffff) {
            compressedSize = Number(cd.readBigUInt64LE(q));
            q += 8;
          }
          if (headerOffset === 0xffffffff) headerOffset = Number(cd.readBigUInt64LE(q));
        }
        e += 4 + len;
      }
      out.push({ name, method, compressedSize, size: usize, crc, headerOffset });
      p = eEnd + commentLen;
    }
    return out;
  } finally {
    await fh.close();
  }
}

/** Stream an entry's uncompressed bytes; throws InputError on a bad CRC or damaged data. */
export async function* readZipEntry(path: string, entry: ZipEntry, display: string): AsyncGenerator<Buffer> {
  const fh = await open(path, 'r');
  const lh = Buffer.alloc(30);
  try {
    await fh.read(lh, 0, 30, entry.headerOffset);
  } finally {
    await fh.close();
  }
  if (lh.readUInt32LE(0) !== 0x04034b50) throw new InputError(display, null, null, 'damaged zip (local header not found)');
  const dataStart = entry.headerOffset + 30 + lh.readUInt16LE(26) + lh.readUInt16LE(28);
  if (entry.method !== 0 && entry.method !== 8) throw new InputError(display, null, null, `zip compression method ${entry.method} is not supported (only stored and deflate)`);
  if (entry.compressedSize === 0) return;
  const raw = createReadStream(path, { start: dataStart, end: dataStart + entry.compressedSize - 1, highWaterMark: 1 << 20 });
  const stream = entry.method === 8 ? raw.pipe(createInflateRaw({ chunkSize: 1 << 20 })) : raw;
  raw.on('error', (e) => stream.destroy(e));
  let crc = 0;
  let total = 0;
  try {
    for await (const chunk of stream) {
      const b = chunk as Buffer;
      crc = crc32(b, crc);
      total += b.length;
      // Never inflate past the size the central directory declared (a zip bomb lying about its size stops here).
      if (total > entry.size) {
        stream.destroy();
        raw.destroy();
        throw new InputError(display, null, null, `damaged zip entry: it inflates past its declared ${entry.size} bytes; refused`);
      }
      yield b;
    }
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(display, null, null, `damaged zip entry: ${(e as Error).message}`);
  }
  if (total !== entry.size || crc >>> 0 !== entry.crc >>> 0) {
    throw new InputError(display, null, null, `damaged zip entry (expected ${entry.size} bytes with CRC ${entry.crc.toString(16)}, got ${total} bytes with CRC ${(crc >>> 0).toString(16)})`);
  }
}
