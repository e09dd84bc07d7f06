// Limits: huge and pathological inputs are refused in seconds without being read into memory.
// Every big file here is generated on the fly (sparse files and small zip bombs), never committed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, cpSync, ftruncateSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync, crc32 } from 'node:zlib';
import { Store } from '../../src/store/store.ts';
import { ingest } from '../../src/sources/ingest.ts';
import { InputError } from '../../src/sources/errors.ts';
import { scanCsv } from '../../src/sources/nibrs/scan.ts';
import { MAX_COMPRESSION_RATIO } from '../../src/sources/limits.ts';
import { REPO, fixtureCopy } from '../helpers.ts';

const GiB = 1024 ** 3;
const TIERS = 'stats/us-state-tip-report/heiss_kelley_tip_tiers_1999-2015.csv';
const GSI = 'stats/walkfree-ilo-global-estimates/2023-Global-Slavery-Index-Data.xlsx';
const GEMS = 'stats/walkfree-ilo-global-estimates/GEMS_2022_forced_labour_by_sector.xlsx';
const DE = 'stats/fbi-nibrs-extract/DE-2023';

/** A sparse file of `size` bytes starting with `head` (the rest reads as zero bytes: one endless line). */
function sparse(path: string, size: number, head = ''): void {
  const fd = openSync(path, 'w');
  if (head) writeSync(fd, head);
  ftruncateSync(fd, Math.floor(size));
  closeSync(fd);
}

async function refusedQuickly(dataDir: string, importer: string, seconds: number): Promise<InputError> {
  const store = await Store.open(':memory:');
  const t0 = performance.now();
  const e = await ingest(store, dataDir, [importer]).then(() => null, (x: unknown) => x);
  const s = (performance.now() - t0) / 1000;
  store.close();
  assert.ok(e instanceof InputError, `expected InputError, got ${String(e)}`);
  assert.ok(s < seconds, `refused in ${s.toFixed(2)} s (limit ${seconds} s)`);
  return e;
}

function withNibrs(): string {
  const dir = fixtureCopy();
  cpSync(join(REPO, 'fixtures/nibrs/DE-2023'), join(dir, DE), { recursive: true });
  return dir;
}

test('a 2.5 GiB CSV is refused by its size before it is read', async () => {
  const dir = fixtureCopy();
  sparse(join(dir, TIERS), 2.5 * GiB, 'countryname,iso,year,ccode,tier\n');
  const e = await refusedQuickly(dir, 'tip', 10);
  assert.equal(e.file, TIERS);
  assert.match(e.reason, /above the 32 MiB limit/);
});

test('a 20 MiB single-line CSV (under the size cap) is refused for its line length', async () => {
  const dir = fixtureCopy();
  sparse(join(dir, TIERS), 20 * 1024 * 1024, 'countryname,iso,year,ccode,tier\nX');
  const e = await refusedQuickly(dir, 'tip', 10);
  assert.equal(e.line, 2);
  assert.match(e.reason, /line 2 is longer than 1048576 bytes/);
});

test('a 1.2 GiB single-line NIBRS table is refused in seconds, before it is checksummed', async () => {
  const dir = withNibrs();
  sparse(join(dir, DE, 'NIBRS_OFFENSE.csv'), 1.2 * GiB, 'data_year,offense_id,incident_id');
  const e = await refusedQuickly(dir, 'nibrs', 10);
  assert.equal(e.file, `${DE}/NIBRS_OFFENSE.csv`);
  assert.equal(e.line, 1);
  assert.match(e.reason, /line 1 is longer than 1048576 bytes/);
});

test('a 1.2 GiB NIBRS table whose second line never ends is refused in seconds, reading about one MiB of it', async () => {
  const dir = withNibrs();
  const header = 'data_year,offense_id,incident_id,offense_code,attempt_complete_flag,location_id,num_premises_entered,method_entry_code\n';
  sparse(join(dir, DE, 'NIBRS_OFFENSE.csv'), 1.2 * GiB, `${header}2023,`);
  // The checksum pass measures line lengths too and stops at the first long line.
  const e = await refusedQuickly(dir, 'nibrs', 10);
  assert.equal(e.line, 2);
  assert.match(e.reason, /line 2 is longer than 1048576 bytes/);
});

test('a header-only NIBRS data table is refused (it would empty the source)', async () => {
  const dir = withNibrs();
  writeFileSync(join(dir, DE, 'NIBRS_ARRESTEE.csv'), 'data_year,arrestee_id,incident_id,arrestee_seq_num,arrest_date,arrest_type_id,multiple_indicator,offense_code,age_id,age_num,sex_code,race_id,ethnicity_id,resident_code,under_18_disposition_code,clearance_ind,age_range_low_num,age_range_high_num\n');
  const e = await refusedQuickly(dir, 'nibrs', 10);
  assert.equal(e.file, `${DE}/NIBRS_ARRESTEE.csv`);
  assert.equal(e.line, 2);
  assert.match(e.reason, /header but no records/);
});

/** A one-entry zip; `declared` overrides the uncompressed size written in the headers. */
function zip(name: string, data: Buffer, declared = data.length): Buffer {
  const comp = deflateRawSync(data, { level: 9 });
  const n = Buffer.from(name);
  const crc = crc32(data) >>> 0;
  const lh = Buffer.alloc(30);
  lh.writeUInt32LE(0x04034b50, 0); lh.writeUInt16LE(20, 4); lh.writeUInt16LE(8, 8); lh.writeUInt32LE(crc, 14);
  lh.writeUInt32LE(comp.length, 18); lh.writeUInt32LE(declared, 22); lh.writeUInt16LE(n.length, 26);
  const ch = Buffer.alloc(46);
  ch.writeUInt32LE(0x02014b50, 0); ch.writeUInt16LE(20, 4); ch.writeUInt16LE(20, 6); ch.writeUInt16LE(8, 10); ch.writeUInt32LE(crc, 16);
  ch.writeUInt32LE(comp.length, 20); ch.writeUInt32LE(declared, 24); ch.writeUInt16LE(n.length, 28);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0); eocd.writeUInt16LE(1, 8); eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(46 + n.length, 12); eocd.writeUInt32LE(30 + n.length + comp.length, 16);
  return Buffer.concat([lh, n, comp, ch, n, eocd]);
}

test('zip bombs are refused: by the compression ratio in the central directory, or when an entry inflates past its declared size', async () => {
  const zeros = Buffer.alloc(64 * 1024 * 1024); // 64 MiB of zeros deflate to about 64 KB (1000:1)
  // NIBRS bundle as a zip with one bomb table.
  const dir = fixtureCopy();
  const nibrs = join(dir, 'stats/fbi-nibrs-extract');
  mkdirSync(nibrs, { recursive: true });
  writeFileSync(join(nibrs, 'DE-2023.zip'), zip('NIBRS_OFFENSE.csv', zeros));
  const e1 = await refusedQuickly(dir, 'nibrs', 10);
  assert.match(e1.reason, new RegExp(`above the ${MAX_COMPRESSION_RATIO}:1 limit`));
  // The same bomb declaring a small size (ratio within limits): inflation stops at the declared size.
  const comp = deflateRawSync(zeros, { level: 9 }).length;
  writeFileSync(join(dir, GEMS), zip('xl/worksheets/sheet1.xml', zeros, comp * 10));
  assert.ok(comp * 10 < zeros.length / 50, 'the declared size is a small fraction of what the entry inflates to');
  const e2 = await refusedQuickly(dir, 'walkfree', 10);
  assert.equal(e2.file, GEMS);
  assert.match(e2.reason, /inflates past its declared/);
  // An .xlsx is a zip: the workbook's bomb is refused before the spreadsheet parser sees it.
  writeFileSync(join(dir, GSI), zip('xl/worksheets/sheet1.xml', zeros));
  const e3 = await refusedQuickly(dir, 'walkfree', 10);
  assert.equal(e3.file, GSI);
  assert.match(e3.reason, /unpacks to more than 32 MiB|above the 200:1 limit/);
  // Memory stayed far below what inflating the bombs would take.
  assert.ok(process.resourceUsage().maxRSS < 1024 * 1024, `peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
});

test('an .xlsx above its size cap is refused before it is read', async () => {
  const dir = fixtureCopy();
  sparse(join(dir, GSI), 2.2 * GiB, 'PK\u0003\u0004');
  const e = await refusedQuickly(dir, 'walkfree', 10);
  assert.equal(e.file, GSI);
  assert.match(e.reason, /above the 16 MiB limit/);
});

async function* chunksOf(bufs: Buffer[]): AsyncGenerator<Buffer> {
  yield* bufs;
}

test('the streaming scanner refuses more records than its limit and a record longer than its limit', async () => {
  const rows = ['a,b', ...Array.from({ length: 11 }, (_, i) => `${i},x`)].join('\n') + '\n';
  const e = await scanCsv(chunksOf([Buffer.from(rows)]), { file: 't.csv', maxRecords: 10, onHeader: () => () => {} }).then(() => null, (x: unknown) => x);
  assert.ok(e instanceof InputError && /more than 10 records/.test(e.reason), String(e));
  const long = Buffer.from(`a,b\n1,${'y'.repeat(5000)}\n`);
  const chunks = [long.subarray(0, 3000), long.subarray(3000)];
  const e2 = await scanCsv(chunksOf(chunks), { file: 't.csv', maxLineBytes: 4096, onHeader: () => () => {} }).then(() => null, (x: unknown) => x);
  assert.ok(e2 instanceof InputError && e2.line === 2 && /longer than 4096 bytes/.test(e2.reason), String(e2));
  assert.equal(await scanCsv(chunksOf([long]), { file: 't.csv', maxLineBytes: 8192, onHeader: () => () => {} }), 1);
  // A quoted last record cut before its line break (found by the fuzzer on REF_RACE.csv) is refused like an unquoted one.
  const cut = await scanCsv(chunksOf([Buffer.from('a,b\n1,"x"')]), { file: 't.csv', requireFinalNewline: true, onHeader: () => () => {} }).then(() => null, (x: unknown) => x);
  assert.ok(cut instanceof InputError && cut.line === 2 && /no line break/.test(cut.reason), String(cut));
});

test('the streaming scanner refuses a last record cut off at its line break, quoted or not (found by the fuzzer on REF_RACE.csv)', async () => {
  const scan = (text: string) =>
    scanCsv(chunksOf([Buffer.from(text)]), { file: 't.csv', requireFinalNewline: true, onHeader: () => () => {} }).then(() => null, (x: unknown) => x);
  for (const cut of ['a,b\n1,x\n2,""', 'a,b\n1,x\n2,"y, z"', 'a,b\n1,x\n2,y']) {
    const e = await scan(cut);
    assert.ok(e instanceof InputError && e.line === 3 && /no line break/.test(e.reason), `${JSON.stringify(cut)}: ${String(e)}`);
  }
  assert.equal(await scan('a,b\n1,x\n2,""\n'), null, 'the same records with their line break load');
});
