// FBI CIUS Table 69 (src/sources/cius/): the .xls reader on a workbook built here record by record,
// the importer on hand-written CSV exports (fixtures/data, invented values) and bad input, and the
// real workbooks and exports against the figures of MANIFEST.md.
import { describe, it, test } from 'node:test';
import assert from 'node:assert/strict';
import CFB from 'cfb';
import fc from 'fast-check';
import { FUZZ_RUNS, damaged } from './damage.ts';
import { Store } from '../../src/store/store.ts';
import { ingest } from '../../src/sources/ingest.ts';
import { query } from '../../src/analysis/query.ts';
import { InputError } from '../../src/sources/errors.ts';
import { readXls } from '../../src/sources/cius/xls.ts';
import { normalizeHeader, splitStateLabel } from '../../src/sources/cius/index.ts';
import { FIXTURE_DATA, SKIP_NO_DATA, fixtureCopy, sharedData } from '../helpers.ts';
import { assertBadInput, replaceIn, type BadInput } from './stats-common.ts';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

// --- a BIFF8 workbook written record by record -------------------------------------------------------

const rec = (type: number, body: Buffer) => {
  const h = Buffer.alloc(4);
  h.writeUInt16LE(type, 0);
  h.writeUInt16LE(body.length, 2);
  return Buffer.concat([h, body]);
};
const u16 = (...v: number[]) => Buffer.concat(v.map((n) => { const b = Buffer.alloc(2); b.writeUInt16LE(n); return b; }));
const u32 = (n: number) => { const b = Buffer.alloc(4); b.writeUInt32LE(n >>> 0); return b; };
const f64 = (n: number) => { const b = Buffer.alloc(8); b.writeDoubleLE(n); return b; };
const bof = (dt: number) => rec(0x0809, Buffer.concat([u16(0x0600, dt), Buffer.alloc(12)]));
const eof = rec(0x000a, Buffer.alloc(0));

/** A workbook with one sheet "14tbl69": shared strings (one split across a CONTINUE), numbers, RK, MULRK, a text formula. */
function workbook(cut = 0): Buffer {
  const long = 'Prostitution and commercialized vice';
  const strings = ['State', 'ALABAMA5', long];
  const sstHead = Buffer.concat([u32(4), u32(strings.length)]);
  const str = (s: string) => Buffer.concat([u16(s.length), Buffer.from([0]), Buffer.from(s, 'latin1')]);
  // The third string is cut after 10 characters; the CONTINUE starts with a fresh option byte (UTF-16 this time).
  const sst = rec(0x00fc, Buffer.concat([sstHead, str(strings[0]!), str(strings[1]!), u16(long.length), Buffer.from([0]), Buffer.from(long.slice(0, 10), 'latin1')]));
  const cont = rec(0x003c, Buffer.concat([Buffer.from([1]), Buffer.from(long.slice(10), 'utf16le')]));
  const name = Buffer.from('14tbl69', 'latin1');
  const globalsWithoutSheet = (offset: number) => Buffer.concat([bof(0x0005), rec(0x0085, Buffer.concat([u32(offset), Buffer.from([0, 0, name.length, 0]), name])), sst, cont, eof]);
  const offset = globalsWithoutSheet(0).length;
  const rk = (n: number) => (n << 2) | 2; // integer RK
  const sheet = Buffer.concat([
    bof(0x0010),
    rec(0x00fd, Buffer.concat([u16(0, 0, 15), u32(0)])), // A1 "State"
    rec(0x00fd, Buffer.concat([u16(0, 2, 15), u32(2)])), // C1 the split string
    rec(0x00fd, Buffer.concat([u16(1, 0, 15), u32(1)])), // A2 "ALABAMA5"
    rec(0x0203, Buffer.concat([u16(1, 1, 15), f64(84843)])), // B2 number
    rec(0x027e, Buffer.concat([u16(1, 2, 15), u32(rk(144))])), // C2 RK integer
    rec(0x00bd, Buffer.concat([u16(1, 3), u16(15), u32(rk(3)), u16(15), u32(rk(-2)), u16(4)])), // D2:E2 MULRK
    rec(0x0006, Buffer.concat([u16(2, 0, 15), Buffer.from([0, 0, 0, 0, 0, 0, 0xff, 0xff]), Buffer.alloc(6)])), // A3 text formula
    rec(0x0207, Buffer.concat([u16(5), Buffer.from([0]), Buffer.from('Total', 'latin1')])),
    eof,
  ]);
  const full = Buffer.concat([globalsWithoutSheet(offset), sheet]);
  const stream = full.subarray(0, full.length - cut);
  const cfb = CFB.utils.cfb_new();
  CFB.utils.cfb_add(cfb, 'Workbook', stream);
  return Buffer.from(CFB.write(cfb, { type: 'buffer' }) as Uint8Array);
}

/** A one-sheet workbook of arbitrary rows (strings through the shared-string table, numbers as NUMBER records). */
function sheetWorkbook(sheetName: string, rows: (string | number | undefined)[][]): Buffer {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const cells: Buffer[] = [];
  rows.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v === undefined) return;
      if (typeof v === 'number') cells.push(rec(0x0203, Buffer.concat([u16(r, c, 15), f64(v)])));
      else {
        if (!index.has(v)) index.set(v, strings.push(v) - 1);
        cells.push(rec(0x00fd, Buffer.concat([u16(r, c, 15), u32(index.get(v)!)])));
      }
    }),
  );
  const sst = rec(0x00fc, Buffer.concat([u32(strings.length), u32(strings.length), ...strings.map((t) => Buffer.concat([u16(t.length), Buffer.from([1]), Buffer.from(t, 'utf16le')]))]));
  const name = Buffer.from(sheetName, 'latin1');
  const globals = (offset: number) => Buffer.concat([bof(0x0005), rec(0x0085, Buffer.concat([u32(offset), Buffer.from([0, 0, name.length, 0]), name])), sst, eof]);
  const stream = Buffer.concat([globals(globals(0).length), bof(0x0010), ...cells, eof]);
  const cfb = CFB.utils.cfb_new();
  CFB.utils.cfb_add(cfb, 'Workbook', stream);
  return Buffer.from(CFB.write(cfb, { type: 'buffer' }) as Uint8Array);
}

describe('the .xls (BIFF8) reader', () => {
  it('reads shared strings across CONTINUE records, numbers, RK, MULRK and formula text', () => {
    const [sheet, ...rest] = readXls(workbook(), 'test.xls');
    assert.equal(rest.length, 0);
    assert.equal(sheet!.name, '14tbl69');
    assert.deepEqual(Array.from(sheet!.rows[0]!), ['State', undefined, 'Prostitution and commercialized vice']);
    assert.deepEqual(Array.from(sheet!.rows[1]!), ['ALABAMA5', 84843, 144, 3, -2]);
    assert.deepEqual(Array.from(sheet!.rows[2]!), ['Total']);
  });
  it('refuses a file allocation table whose chain loops (the compound-file reader would never return)', () => {
    const buf = workbook();
    const fatSector = buf.readUInt32LE(0x4c);
    // Sector 0's next pointer names sector 0 itself.
    buf.writeUInt32LE(0, (fatSector + 1) * 512);
    assert.throws(() => readXls(buf, 'x.xls'), (e: unknown) => e instanceof InputError && /loops/.test(e.reason));
    const grown = Buffer.concat([workbook(), Buffer.alloc(100)]);
    assert.throws(() => readXls(grown, 'x.xls'), (e: unknown) => e instanceof InputError && /whole number of 512-byte sectors/.test(e.reason));
  });
  it('refuses what is not an .xls workbook, and a truncated one', () => {
    assert.throws(() => readXls(Buffer.from('State,Age\n'), 'x.xls'), (e: unknown) => e instanceof InputError && /not an Excel 97–2003/.test(e.reason));
    for (const cut of [3, 4, 9]) {
      assert.throws(() => readXls(workbook(cut), 'x.xls'), (e: unknown) => e instanceof InputError && /truncated/.test(e.reason), `cut ${cut} bytes`);
    }
  });
});

test('fuzz: any damaged workbook gives sheets or an InputError, never another exception', async () => {
  const good = workbook();
  await fc.assert(
    fc.property(damaged(good), (buf) => {
      try {
        readXls(buf, 'x.xls');
      } catch (e) {
        assert.ok(e instanceof InputError, `not an InputError: ${String(e)}`);
      }
    }),
    { numRuns: FUZZ_RUNS * 5 },
  );
});

test('header and state labels: line breaks, hyphenation and footnote markers removed', () => {
  assert.equal(normalizeHeader('Total\nall \nclasses1', 2014), 'Total all classes');
  assert.equal(normalizeHeader('Larceny-\ntheft', 2014), 'Larceny-theft');
  assert.equal(normalizeHeader('Drunkenness4', 2014), 'Drunkenness');
  assert.equal(normalizeHeader('2014\nestimated \npopulation', 2014), 'YEAR estimated population');
  assert.deepEqual(splitStateLabel('FLORIDA5, 7'), { name: 'FLORIDA', notes: [5, 7] });
  assert.deepEqual(splitStateLabel('CALIFORNIA '), { name: 'CALIFORNIA', notes: [] });
  assert.deepEqual(splitStateLabel('DISTRICT OF COLUMBIA6'), { name: 'DISTRICT OF COLUMBIA', notes: [6] });
});

const X19 = 'stats/fbi-ucr-summary/cius-table69-arrests-by-state/cius_2019_arrests_by_state_csv-export.csv';
const X21 = 'stats/fbi-ucr-summary/cius-table69-arrests-by-state/cius_2021_arrests_by_state_csv-export.csv';

test('fixture exports: prostitution arrests by state with coverage; a secondary copy says so; unpublished columns stated', async () => {
  const store = await Store.open(':memory:');
  const report = await ingest(store, FIXTURE_DATA, ['fbi-cius']);
  assert.deepEqual(report.results.map((r) => [r.sourceId, r.rowsRead, r.rejected.length]), [['fbi.cius69', 204, 0]]);
  const ca = await query(store, { measure: 'fbi.cius69.prostitution_arrests', place: 'CA' });
  assert.deepEqual(ca.rows.map((r) => [r.period, r.value, r.flags]), [[2019, 1234, ['secondary_copy']], [2021, 120, ['secondary_copy']]]);
  assert.equal(ca.measure.topic, 'prostitution_all_forms');
  assert.ok(ca.caveats.some((c) => /official 2019 workbook is not in the data directory/.test(c)));
  assert.ok(ca.caveats.some((c) => /no human-trafficking column/.test(c)));
  const nv = await query(store, { measure: 'fbi.cius69.prostitution_arrests', place: 'NV', from: 2021, to: 2021 });
  assert.ok(nv.caveats.some((c) => /leaves Drunkenness and Suspicion blank for every state/.test(c)));
  const fl = await query(store, { measure: 'fbi.cius69.prostitution_arrests', place: 'FL', from: 2019, to: 2019 });
  assert.ok(fl.caveats.some((c) => /marks FL with footnote 7/.test(c)), 'footnote markers are kept as caveats');
  const us = await query(store, { measure: 'fbi.cius69.agencies', place: 'USA', from: 2019, to: 2019 });
  assert.equal(us.rows.length, 1, 'coverage sums over the states');
  store.close();
});

test('a workbook beside its export: the workbook leads, a disagreeing cell is stated, its footnotes become caveats', async () => {
  // The official layout rebuilt from the hand-written 2019 export: title rows, blank Age heading,
  // the state name on the Under 18 row only, numbers as numbers, footnotes below the table.
  const dir = fixtureCopy();
  const csvPath = join(dir, X19);
  const recs = parse(readFileSync(csvPath, 'utf8')) as string[][];
  const rows: (string | number | undefined)[][] = [['Table 69'], ['Arrests '], ['by State, 2019', ' ', ' '], [recs[0]![0], undefined, ...recs[0]!.slice(2)]];
  for (const r of recs.slice(1)) {
    const cells = r.slice(2).map((v) => (v === '' ? undefined : Number(v.replaceAll(',', ''))));
    rows.push([r[1] === 'Under 18' ? r[0] : undefined, r[1], ...cells]);
  }
  rows.push(['5 Invented footnote five.'], ['6 Invented footnote six, about the District.'], ['7 Invented footnote seven.']);
  writeFileSync(join(dir, 'stats/fbi-ucr-summary/cius-table69-arrests-by-state/cius_2019_arrests_by_state.xls'), sheetWorkbook('19tbl69', rows));
  // The export disagrees in two cells of California's all-ages row: prostitution arrests and the total.
  const lines = readFileSync(csvPath, 'utf8').split('\n');
  const i = lines.findIndex((l) => l.startsWith('CALIFORNIA,Total all ages,'));
  assert.ok(lines[i]!.includes('"5,846"') && lines[i]!.includes('"1,234"'), 'the fixture line as written');
  lines[i] = lines[i]!.replace('"5,846"', '"5,847"').replace('"1,234"', '"1,235"');
  writeFileSync(csvPath, lines.join('\n'));
  const store = await Store.open(':memory:');
  await ingest(store, dir, ['fbi-cius']);
  const ca = await query(store, { measure: 'fbi.cius69.prostitution_arrests', place: 'CA', from: 2019, to: 2019 });
  assert.deepEqual(ca.rows.map((r) => [r.value, r.flags]), [[1234, []]], 'the workbook value, not a secondary copy');
  assert.ok(ca.caveats.some((c) => /disagrees with the official workbook in 2 cells \(CA all ages Total all classes: workbook 5846, export 5847; CA all ages Prostitution and commercialized vice: workbook 1234, export 1235\)/.test(c)), ca.caveats.join('\n'));
  const dc = await query(store, { measure: 'fbi.cius69.prostitution_arrests', place: 'DC', from: 2019, to: 2019 });
  assert.ok(dc.caveats.some((c) => c === 'FBI footnote 6 to DC in Table 69: Invented footnote six, about the District.'));
  store.close();
});

const BAD: BadInput[] = [
  { name: 'a subtotal that is not the sum of its offenses', file: X21, mutate: (p) => replaceIn(p, 'CALIFORNIA,Total all ages,5086,589,', 'CALIFORNIA,Total all ages,5086,590,'), line: 56, field: 'Violent crime', reason: /not the sum of its offenses/ },
  { name: 'a state twice', file: X21, mutate: (p) => replaceIn(p, 'NEVADA,Under 18', 'CALIFORNIA,Under 18'), line: 103, field: 'State', reason: /appears twice/ },
  { name: 'rows out of order', file: X21, mutate: (p) => replaceIn(p, 'NEVADA,Under 18', 'NEVADA,Total all ages'), line: 103, field: 'Age', reason: /"Under 18" is expected/ },
  { name: 'one blank cell', file: X19, mutate: (p) => replaceIn(p, 'CALIFORNIA,Under 18,234,29,39,8,', 'CALIFORNIA,Under 18,234,29,39,,'), line: 55, field: 'Murder and nonnegligent manslaughter', reason: /value is missing/ },
  { name: 'a column moved', file: X19, mutate: (p) => replaceIn(p, 'Fraud,Embezzlement', 'Embezzlement,Fraud'), line: 1, field: 'column 16', reason: /"Embezzlement" where "Fraud" is expected/ },
];
for (const bad of BAD) test(`bad input: ${bad.name}`, () => assertBadInput('fbi-cius', bad));

test('real workbooks and exports: the MANIFEST figures, workbook and export agree, 2016 is table 22', { skip: sharedData() ? false : SKIP_NO_DATA }, async () => {
  const store = await Store.open(':memory:');
  const report = await ingest(store, sharedData()!, ['fbi-cius']);
  assert.deepEqual(report.results.map((r) => [r.sourceId, r.rowsRead, r.rejected.length]), [['fbi.cius69', 918, 0]]);
  const value = async (place: string, year: number, measure = 'fbi.cius69.prostitution_arrests') =>
    (await query(store, { measure, place, from: year, to: year })).rows.find((r) => r.place === place)?.value;
  // Prostitution & commercialized vice, all ages: California 2014 9,153 / 2018 6,418 / 2019 5,751 / 2020 4,453 / 2021 363; Nevada 2018 2,859, 2021 1,988.
  for (const [place, year, n] of [['CA', 2014, 9153], ['CA', 2018, 6418], ['CA', 2019, 5751], ['CA', 2020, 4453], ['CA', 2021, 363], ['NV', 2018, 2859], ['NV', 2021, 1988]] as const) {
    assert.equal(await value(place, year), n, `${place} ${year}`);
  }
  // D.C. 0 from 2014 on (MPD did not report arrests to the summary program); the 2013 export shows 3.
  for (let y = 2014; y <= 2021; y++) assert.equal(await value('DC', y), 0, `DC ${y}`);
  assert.equal(await value('DC', 2013), 3);
  const caveats = await store.all("SELECT period, text FROM caveats WHERE source_id = 'fbi.cius69' ORDER BY period");
  for (const y of [2014, 2015, 2016, 2017, 2018]) {
    assert.ok(caveats.some((c) => Number(c.period) === y && /compared with the official workbook cell by cell: all [\d,]+ values agree/.test(String(c.text))), `${y}: workbook and export agree`);
  }
  assert.ok(caveats.some((c) => Number(c.period) === 2016 && /numbered 22/.test(String(c.text))));
  assert.ok(caveats.some((c) => Number(c.period) === 2018 && /lists IA without any figure/.test(String(c.text))));
  assert.ok(caveats.some((c) => Number(c.period) === 2014 && /FBI footnote 6 to DC .*Metro Transit Police/.test(String(c.text))), 'the workbook footnotes become caveats');
  assert.equal(await value('IA', 2018), undefined, 'Iowa 2018: no figures, nothing stored');
  store.close();
});
