// Bad NIBRS input: each case is built in a temp dir from the real Vermont files, must fail with
// an InputError naming file, line and field, and must leave the previously loaded version serving.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { rmSync, unlinkSync } from 'node:fs';
import { Store } from '../../src/store/store.ts';
import { ingest } from '../../src/sources/ingest.ts';
import { query } from '../../src/analysis/query.ts';
import { InputError } from '../../src/sources/errors.ts';
import { READ_TABLES, SKIP_VT, VT, copyBundle, tempData, writeZip } from './nibrs/helpers.ts';

const lines = (t: string) => t.split('\n');
/** Replace line `n` (1-based) of a text. */
const setLine = (n: number, f: (l: string) => string) => (t: string) => {
  const ls = lines(t);
  ls[n - 1] = f(ls[n - 1]!);
  return ls.join('\n');
};

describe('NIBRS bad input', { skip: SKIP_VT }, () => {
  let store: Store;
  let good: string;
  const dirs: string[] = [];
  before(async () => {
    store = await Store.open(':memory:');
    const [dir, nibrs] = tempData();
    dirs.push(dir);
    copyBundle(VT, join(nibrs, 'VT-2024'));
    good = dir;
    await ingest(store, good, ['nibrs']);
  });
  after(() => {
    store.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  /** Build a bad VT-2024 bundle, ingest it, check the error, then check the old version still serves. */
  async function expectBad(
    edits: Record<string, ((t: string) => string) | null>,
    expect: { file: RegExp; line: number | null; field: string | RegExp | null; reason: RegExp },
    zip = false,
  ): Promise<void> {
    const [dir, nibrs] = tempData();
    dirs.push(dir);
    const folder = join(nibrs, 'VT-2024');
    copyBundle(VT, folder, edits);
    if (zip) {
      writeZip(join(nibrs, 'VT-2024.zip'), READ_TABLES.filter((f) => edits[f] !== null).map((f) => join(folder, f)));
      rmSync(folder, { recursive: true });
    }
    const before = await store.all("SELECT sha256 FROM sources WHERE id = 'nibrs.VT.2024'");
    let err: unknown;
    try {
      await ingest(store, dir, ['nibrs']);
    } catch (e) {
      err = e;
    }
    assert.ok(err instanceof InputError, `expected an InputError, got ${String(err)}`);
    assert.match(err.file, expect.file);
    assert.equal(err.line, expect.line, err.message);
    if (expect.field instanceof RegExp) assert.match(String(err.field), expect.field, err.message);
    else assert.equal(err.field, expect.field, err.message);
    assert.match(err.reason, expect.reason);
    // Atomic: nothing of the bad bundle landed; the previous version keeps serving.
    assert.deepEqual(await store.all("SELECT sha256 FROM sources WHERE id = 'nibrs.VT.2024'"), before);
    const r = await query(store, { measure: 'nibrs.context.incidents_all', place: 'VT', from: 2024, to: 2024 });
    assert.equal(r.rows[0]?.value, 18919);
    const [n] = await store.all("SELECT count(*) AS n FROM nibrs_offenses WHERE offense_code = '40A'");
    assert.equal(Number(n!.n), 4);
  }

  it('truncated CSV: the last record is cut off', async () => {
    await expectBad(
      { 'NIBRS_OFFENSE.csv': (t) => t.slice(0, t.length - 12) },
      { file: /VT-2024\/NIBRS_OFFENSE\.csv$/, line: 20427, field: /^(data_year|offense_id|incident_id|offense_code|attempt_complete_flag|location_id)$/, reason: /ends in the middle of a record.*truncated/ },
    );
  });

  it('truncated CSV: cut at a field boundary without the final line break', async () => {
    await expectBad(
      { 'NIBRS_incident.csv': (t) => t.slice(0, t.length - 1) },
      { file: /NIBRS_incident\.csv$/, line: 18920, field: null, reason: /no line break.*truncated/ },
    );
  });

  it('a row with the wrong number of columns', async () => {
    await expectBad(
      { 'NIBRS_ARRESTEE.csv': setLine(101, (l) => `${l},extra`) },
      { file: /NIBRS_ARRESTEE\.csv$/, line: 101, field: 'column 19 (beyond age_range_high_num)', reason: /wrong number of fields: expected 18.*found 19/ },
    );
    await expectBad(
      { 'NIBRS_VICTIM.csv': setLine(7, (l) => l.split(',').slice(0, 10).join(',')) },
      { file: /NIBRS_VICTIM\.csv$/, line: 7, field: 'sex_code', reason: /expected 16.*found 10/ },
    );
  });

  it('an unknown offense code', async () => {
    await expectBad(
      { 'NIBRS_OFFENSE.csv': setLine(5, (l) => l.replace(/^(\d+,\d+,\d+,)[^,]+/, '$1ZZZ')) },
      { file: /NIBRS_OFFENSE\.csv$/, line: 5, field: 'offense_code', reason: /unknown offense code "ZZZ".*NIBRS_OFFENSE_TYPE/ },
    );
  });

  it('an unknown race code in an arrestee row', async () => {
    await expectBad(
      { 'NIBRS_ARRESTEE.csv': setLine(3, (l) => { const f = l.split(','); f[11] = '77'; return f.join(','); }) },
      { file: /NIBRS_ARRESTEE\.csv$/, line: 3, field: 'race_id', reason: /unknown code 77.*REF_RACE/ },
    );
  });

  it('a missing lookup table', async () => {
    await expectBad({ 'REF_RACE.csv': null }, { file: /VT-2024\/REF_RACE\.csv$/, line: null, field: null, reason: /lookup table missing/ });
  });

  it('a zip missing a table', async () => {
    await expectBad(
      { 'NIBRS_VICTIM.csv': null },
      { file: /VT-2024\.zip:NIBRS_VICTIM\.csv$/, line: null, field: null, reason: /required table missing/ },
      true,
    );
  });

  it('a mixed-era bundle (2016-style arrestee table with 2024 offense table)', async () => {
    await expectBad(
      { 'NIBRS_ARRESTEE.csv': setLine(1, (l) => l.toUpperCase().replace('OFFENSE_CODE', 'OFFENSE_TYPE_ID')) },
      { file: /NIBRS_ARRESTEE\.csv$/, line: 1, field: 'offense_type_id', reason: /mixed-era bundle/ },
    );
  });

  it('a bundle mixing data years', async () => {
    await expectBad(
      { 'NIBRS_VICTIM_OFFENSE.csv': setLine(9, (l) => l.replace(/^2024/, '2016')) },
      { file: /NIBRS_VICTIM_OFFENSE\.csv$/, line: 9, field: 'data_year', reason: /differs from the bundle's year 2024/ },
    );
  });

  it('a damaged zip entry', async () => {
    const [dir, nibrs] = tempData();
    dirs.push(dir);
    const zipPath = join(nibrs, 'VT-2024.zip');
    writeZip(zipPath, READ_TABLES.map((f) => join(VT, f)));
    const { readFileSync, writeFileSync } = await import('node:fs');
    const buf = readFileSync(zipPath);
    for (let i = 40_000; i < 40_200; i++) buf[i] = 0x55;
    writeFileSync(zipPath, buf);
    await assert.rejects(ingest(store, dir, ['nibrs']), (e: unknown) => e instanceof InputError && /VT-2024\.zip:/.test(e.file));
    unlinkSync(zipPath);
  });
});
