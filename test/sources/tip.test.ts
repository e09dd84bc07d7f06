import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Store } from '../../src/store/store.ts';
import { ingest } from '../../src/sources/ingest.ts';
import { query } from '../../src/analysis/query.ts';
import { InputError } from '../../src/sources/errors.ts';
import { FIXTURE_DATA, SKIP_NO_DATA, TIP_INDEX, TIP_TIERS, fixtureCopy, sharedData } from '../helpers.ts';

const tierCounts = async (store: Store, year: number) =>
  Object.fromEntries(
    (await store.all("SELECT value_text, count(*) AS n FROM observations WHERE measure = 'tip.tier' AND period = ? GROUP BY 1", [year])).map((r) => [
      r.value_text,
      r.n,
    ]),
  );

test('fixture: tiers are trimmed and mapped, pre-2001 rows skipped, unknown codes reported', async () => {
  const store = await Store.open(':memory:');
  const report = await ingest(store, FIXTURE_DATA, ['tip']);
  const tiers = report.results.find((r) => r.sourceId === 'tip.tiers')!;
  assert.equal(tiers.rowsRead, 10);
  assert.equal(tiers.rowsStored, 8);
  assert.deepEqual(Object.values(tiers.skipped), [1]);
  assert.equal(tiers.rejected.length, 1);
  assert.equal(tiers.rejected[0]!.line, 11);
  assert.equal(tiers.rejected[0]!.field, 'iso');
  assert.match(tiers.rejected[0]!.reason, /ZZZ/);
  assert.deepEqual(await tierCounts(store, 2015), {
    'Tier 1': 1, 'Tier 2': 2, 'Tier 2 Watch List': 1, 'Tier 3': 1, 'Special Case/not ranked': 1,
  });
  const kosovo = await query(store, { measure: 'tip.tier', place: 'XKX', from: 2015, to: 2015 });
  assert.equal(kosovo.rows[0]?.valueText, 'Tier 2');
  assert.deepEqual(kosovo.rows[0]?.flags, ['code_mapped:KOS→XKX']);
  // The 3P row with ISO "NA" is matched by its run-together name and flagged.
  const cv = await query(store, { measure: 'tip.policy_index.total', place: 'CPV' });
  assert.deepEqual(cv.rows.map((r) => [r.period, r.value, r.flags]), [[2005, 9, ['matched_by_name:CapeVerde']]]);
  const can = await query(store, { measure: 'tip.policy_index.prosecution', place: 'CAN' });
  assert.deepEqual(can.rows.map((r) => [r.period, r.value]), [[2000, 3], [2001, 5]]);
  store.close();
});

test('real file: published totals and a known placement', { skip: sharedData() ? false : SKIP_NO_DATA }, async () => {
  const store = await Store.open(':memory:');
  const report = await ingest(store, sharedData()!, ['tip']);
  const tiers = report.results.find((r) => r.sourceId === 'tip.tiers')!;
  assert.equal(tiers.rowsRead, 3208);
  assert.equal(tiers.rejected.length, 0);
  const c2015 = await tierCounts(store, 2015);
  assert.equal(c2015['Tier 3'], 23, 'the 2015 report placed 23 countries on Tier 3');
  // Rated country-years per report year, as counted in the MANIFEST.
  const rated = await store.all(
    "SELECT period, count(*) AS n FROM observations WHERE measure = 'tip.tier' AND value_text <> 'Special Case/not ranked' GROUP BY period ORDER BY period",
  );
  assert.deepEqual(
    rated.map((r) => [r.period, r.n]),
    [[2001, 79], [2002, 87], [2003, 114], [2004, 131], [2005, 141], [2006, 148], [2007, 149], [2008, 151], [2009, 170], [2010, 172], [2011, 177], [2012, 182], [2013, 182], [2014, 182], [2015, 186]],
  );
  const gbr = await query(store, { measure: 'tip.tier', place: 'GBR', from: 2015, to: 2015 });
  assert.equal(gbr.rows.length, 1);
  assert.equal(gbr.rows[0]!.valueText, 'Tier 1');
  assert.equal(gbr.citations.length, 1);
  assert.match(gbr.citations[0]!.locator, /heiss_kelley_tip_tiers_1999-2015\.csv, line \d+/);
  assert.equal(gbr.citations[0]!.sha256, '65909a7bd4053b8947a3b54c9c2d7619d0af708189e4fe5c1ac02ba770a8af75');
  assert.ok(gbr.caveats.some((c) => /report year/i.test(c)));
  const index = report.results.find((r) => r.sourceId === 'tip.policy_index')!;
  assert.equal(index.rejected.length, 0, 'every 3P country is matched by code or name');
  store.close();
});

/** Each bad file: InputError naming file, line and field; the store keeps the good version. */
const BAD_INPUTS: { name: string; mutate: (path: string) => void; line: number | null; field: string | null; reason: RegExp }[] = [
  { name: 'empty file', mutate: (p) => writeFileSync(p, ''), line: null, field: null, reason: /empty/ },
  {
    name: 'wrong header',
    mutate: (p) => writeFileSync(p, readFileSync(p, 'utf8').replace('"tier"', '"rank"')),
    line: 1,
    field: 'header',
    reason: /missing "tier".*unexpected "rank"/,
  },
  {
    name: 'truncated file',
    mutate: (p) => writeFileSync(p, readFileSync(p).subarray(0, readFileSync(p).length - 12)),
    line: 11,
    field: null,
    reason: /truncated/,
  },
  {
    name: 'unknown tier label',
    mutate: (p) => writeFileSync(p, readFileSync(p, 'utf8').replace('"Tier 3"', '"Tier 4"')),
    line: 8,
    field: 'tier',
    reason: /unknown tier label "Tier 4"/,
  },
  {
    name: 'invalid UTF-8 byte',
    mutate: (p) => {
      const buf = readFileSync(p);
      const at = buf.indexOf('Brazil');
      buf[at + 2] = 0xff;
      writeFileSync(p, buf);
    },
    line: 10,
    field: null,
    reason: /invalid UTF-8 byte 0xff at column 4/,
  },
  {
    name: 'malformed year',
    mutate: (p) => writeFileSync(p, readFileSync(p, 'utf8').replace('"GBR",2015', '"GBR",15')),
    line: 6,
    field: 'year',
    reason: /four-digit year/,
  },
];

for (const bad of BAD_INPUTS) {
  test(`bad input: ${bad.name} is refused with file, line and field; the store is unchanged`, async () => {
    const dir = fixtureCopy();
    const store = await Store.open(':memory:');
    await ingest(store, dir, ['tip']);
    const before = await store.all('SELECT * FROM observations ORDER BY source_id, measure, place, period');
    bad.mutate(join(dir, TIP_TIERS));
    const err = await ingest(store, dir, ['tip']).then(
      () => null,
      (e: unknown) => e,
    );
    assert.ok(err instanceof InputError, `expected InputError, got ${String(err)}`);
    assert.equal(err.file, TIP_TIERS.replace(/\\/g, '/'));
    assert.equal(err.line, bad.line);
    assert.equal(err.field, bad.field);
    assert.match(err.reason, bad.reason);
    assert.deepEqual(await store.all('SELECT * FROM observations ORDER BY source_id, measure, place, period'), before);
    store.close();
  });
}

test('bad input: a 3P score out of range names the field', async () => {
  const dir = fixtureCopy();
  appendFileSync(join(dir, TIP_INDEX), '"Canada",2002,20,1,13,5,9,3,"Canada","CAN",2001,TRUE,2,0,0\n');
  const store = await Store.open(':memory:');
  await assert.rejects(ingest(store, dir, ['tip']), (e: unknown) => e instanceof InputError && e.line === 6 && e.field === 'prevention');
  store.close();
});
