// Validation before anything is written: future years (by an injected clock), header-only files,
// duplicates by the format's key, and the publishers' stated totals and row counts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Store } from '../../src/store/store.ts';
import { ingest } from '../../src/sources/ingest.ts';
import { InputError } from '../../src/sources/errors.ts';
import { useClock } from '../../src/sources/clock.ts';
import { FIXTURE_CAVEAT, FIXTURE_MARKER } from '../../src/sources/stats-common/util.ts';
import { REPO, SKIP_NO_DATA, fixtureCopy, sharedData, tempDir } from '../helpers.ts';

const DE = 'stats/fbi-nibrs-extract/DE-2023';

async function refused(dir: string, importer: string): Promise<InputError> {
  const store = await Store.open(':memory:');
  try {
    const e = await ingest(store, dir, [importer]).then(() => null, (x: unknown) => x);
    assert.ok(e instanceof InputError, `expected InputError, got ${String(e)}`);
    return e;
  } finally {
    store.close();
  }
}

function withNibrs(): string {
  const dir = fixtureCopy();
  cpSync(join(REPO, 'fixtures/nibrs/DE-2023'), join(dir, DE), { recursive: true });
  return dir;
}

/** A copy of some real files (no fixture marker: the stated totals apply). */
function realCopy(rels: string[]): string {
  const dir = tempDir();
  for (const rel of rels) {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), readFileSync(join(sharedData()!, rel)));
  }
  return dir;
}

test('a year after the current one (by the injected clock) is refused, naming file, line and field', async (t) => {
  const cases: [string, string, RegExp][] = [
    ['tip', 'stats/us-state-tip-report/heiss_kelley_tip_tiers_1999-2015.csv', /year 20\d\d is in the future \(the current year is 2012\)/],
    ['fbi-ht', 'stats/fbi-ucr-human-trafficking/cde_human_trafficking_agency_2013-2020.csv', /year 2019 is in the future/],
    ['census', 'stats/census-population/pep-state-totals/nst-est2019-alldata_modified.csv', /estimate for 2013, a year in the future/],
    ['nibrs', `${DE}/agencies.csv`, /data year 2023 is in the future/],
  ];
  const restore = useClock({ now: () => new Date('2012-06-30T12:00:00Z') });
  t.after(restore);
  for (const [importer, file, reason] of cases) {
    const e = await refused(withNibrs(), importer);
    assert.equal(e.file, file, importer);
    assert.ok(e.line !== null && e.line >= 1, `${importer}: a line is named`);
    assert.ok(e.field, `${importer}: a field is named`);
    assert.match(e.reason, reason, importer);
  }
});

const FIXTURE_FILES: [string, string][] = [
  ['tip', 'stats/us-state-tip-report/heiss_kelley_tip_tiers_1999-2015.csv'],
  ['tip', 'stats/us-state-tip-report/heiss_kelley_cho_3p_policy_index_tiers_1999-2015.csv'],
  ['fbi-ht', 'stats/fbi-ucr-human-trafficking/cde_human_trafficking_agency_2013-2020.csv'],
  ['fbi-ucr', 'stats/fbi-ucr-summary/cde_arrests_national_1995-2016.csv'],
  ['fbi-ucr', 'stats/fbi-ucr-summary/cde_asr_arrests_national_juvenile_1994-2016.csv'],
  ['fbi-ucr', 'stats/fbi-ucr-summary/cde_estimated_crimes_by_state_1995-2016.csv'],
  ['census', 'stats/census-population/pep-state-totals/NST-EST2023-ALLDATA.csv'],
  ['census', 'stats/census-population/acs1-dp05-by-state/acs1_dp05_states_2010.csv'],
  ['grants', 'stats/funding-us-anti-tip-grants/heiss_kelley_us_anti_tip_grants_2001-2014.csv'],
  ['grants', 'stats/funding-us-anti-tip-grants/us_gov_anti_tip_projects_fy2002.csv'],
  ['nibrs', `${DE}/NIBRS_OFFENSE.csv`],
  ['nibrs', `${DE}/NIBRS_incident.csv`],
  ['nibrs', `${DE}/agencies.csv`],
];

test('a header-only file is refused for every format (it would empty the source)', async () => {
  for (const [importer, rel] of FIXTURE_FILES) {
    const dir = withNibrs();
    const text = readFileSync(join(dir, rel), 'utf8');
    writeFileSync(join(dir, rel), text.slice(0, text.indexOf('\n') + 1));
    const e = await refused(dir, importer);
    assert.equal(e.file, rel);
    assert.equal(e.line, 2, rel);
    assert.match(e.reason, /header but no records|has no rows/, rel);
  }
});

test('a duplicated record is refused by the format key: NIBRS offense_id, TIP country-year, FY list row', async () => {
  const cases: [string, string, number, RegExp][] = [
    ['nibrs', `${DE}/NIBRS_OFFENSE.csv`, 3, /duplicate offense_id/],
    ['nibrs', `${DE}/NIBRS_VICTIM.csv`, 2, /duplicate victim_id/],
    ['tip', 'stats/us-state-tip-report/heiss_kelley_tip_tiers_1999-2015.csv', 2, /appears twice/],
    ['grants', 'stats/funding-us-anti-tip-grants/us_gov_anti_tip_projects_fy2003.csv', 2, /appears twice/],
    ['census', 'stats/census-population/pep-state-totals/NST-EST2023-ALLDATA.csv', 4, /appears twice/],
  ];
  for (const [importer, rel, lineNo, reason] of cases) {
    const dir = withNibrs();
    const lines = readFileSync(join(dir, rel), 'utf8').split('\n');
    lines.splice(lineNo, 0, lines[lineNo - 1]!);
    writeFileSync(join(dir, rel), lines.join('\n'));
    const e = await refused(dir, importer);
    assert.equal(e.file, rel);
    assert.equal(e.line, lineNo + 1, `${rel}: ${e.message}`);
    assert.match(e.reason, reason);
  }
});

test('invalid UTF-8 inside a quoted field of the NIBRS agencies table is refused with its line', async () => {
  const dir = withNibrs();
  const rel = `${DE}/agencies.csv`;
  const lines = readFileSync(join(dir, rel), 'utf8').split('\n');
  // Quote the agency name and put a Latin-1 byte in it.
  const header = lines[0]!.split(',');
  const i = header.indexOf('pub_agency_name');
  const fields = lines[1]!.split(',');
  fields[i] = `"Fictional, \u00e9"`;
  const text = [lines[0], fields.join(','), ...lines.slice(2)].join('\n');
  const buf = Buffer.from(text, 'utf8');
  const at = buf.indexOf(Buffer.from('\u00e9', 'utf8'));
  writeFileSync(join(dir, rel), Buffer.concat([buf.subarray(0, at), Buffer.from([0xe9]), buf.subarray(at + 2)]));
  const e = await refused(dir, 'nibrs');
  assert.equal(e.file, rel);
  assert.equal(e.line, 2);
  assert.match(e.reason, /invalid UTF-8/);
});

test('fixture data is marked: its sources carry a caveat that stated totals were not checked', async () => {
  const store = await Store.open(':memory:');
  await ingest(store, fixtureCopy(), ['tip']);
  const caveats = await store.all("SELECT text FROM caveats WHERE source_id = 'tip.tiers'");
  assert.ok(caveats.some((c) => c.text === FIXTURE_CAVEAT));
  store.close();
  // Without the marker the same fixture is checked against the real file's stated row count and refused.
  const dir = fixtureCopy();
  (await import('node:fs')).rmSync(join(dir, FIXTURE_MARKER));
  const e = await refused(dir, 'tip');
  assert.match(e.reason, /data rows: the publisher states 3,208, the file gives 10/);
});

const REAL = sharedData() ? false : SKIP_NO_DATA;
const HT = 'stats/fbi-ucr-human-trafficking/cde_human_trafficking_agency_2013-2020.csv';

test('real FBI HT file: a duplicated row (summed by the format) is caught by the stated totals, once or many times', { skip: REAL }, async () => {
  for (const copies of [1, 500]) {
    const dir = realCopy([HT]);
    const lines = readFileSync(join(dir, HT), 'utf8').split('\n');
    const at = lines.findIndex((l) => l.startsWith('2013,'));
    lines.splice(at, 0, ...Array<string>(copies).fill(lines[at]!));
    writeFileSync(join(dir, HT), lines.join('\n'));
    const e = await refused(dir, 'fbi-ht');
    assert.equal(e.file, HT);
    assert.match(e.reason, new RegExp(`data rows: the publisher states 4,417, the file gives ${(4417 + copies).toLocaleString('en-US')}`));
  }
  // A changed count that keeps the row count: the yearly national total catches it.
  const dir = realCopy([HT]);
  const text = readFileSync(join(dir, HT), 'utf8');
  const line = text.split('\n').find((l) => l.startsWith('2014,') && /,Commercial Sex Acts,1,/.test(l))!;
  writeFileSync(join(dir, HT), text.replace(line, line.replace(',Commercial Sex Acts,1,', ',Commercial Sex Acts,2,')));
  const e = await refused(dir, 'fbi-ht');
  assert.equal(e.field, 'ACTUAL_COUNT');
  assert.match(e.reason, /national sum of actual offenses 2014: the publisher states 468, the file gives 469/);
});

test('real TIP file: a dropped row is caught by the stated row count and tier counts', { skip: REAL }, async () => {
  const rel = 'stats/us-state-tip-report/heiss_kelley_tip_tiers_1999-2015.csv';
  const dir = realCopy([rel]);
  const lines = readFileSync(join(dir, rel), 'utf8').split('\n');
  lines.splice(lines.findIndex((l) => /,2015,/.test(l) && /Tier 3/.test(l)), 1);
  writeFileSync(join(dir, rel), lines.join('\n'));
  const e = await refused(dir, 'tip');
  assert.match(e.reason, /data rows: the publisher states 3,208, the file gives 3,207/);
});

test('the DuckDB reader hands a bundle with a repeated offense_id to the streaming reader, which names the line', async (t) => {
  const before = process.env.COGENCY_NIBRS_READER;
  process.env.COGENCY_NIBRS_READER = 'duckdb';
  t.after(() => {
    if (before === undefined) delete process.env.COGENCY_NIBRS_READER;
    else process.env.COGENCY_NIBRS_READER = before;
  });
  const dir = withNibrs();
  const rel = `${DE}/NIBRS_OFFENSE.csv`;
  const lines = readFileSync(join(dir, rel), 'utf8').split('\n');
  lines.splice(5, 0, lines[4]!);
  writeFileSync(join(dir, rel), lines.join('\n'));
  const e = await refused(dir, 'nibrs');
  assert.equal(e.file, rel);
  assert.equal(e.line, 6);
  assert.match(e.reason, /duplicate offense_id/);
});
