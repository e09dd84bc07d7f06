// Confinement: every read resolves inside the data root. Real symlinks in temporary directories.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Store } from '../../src/store/store.ts';
import { ingest } from '../../src/sources/ingest.ts';
import { InputError } from '../../src/sources/errors.ts';
import { confine, joinInside } from '../../src/sources/confine.ts';
import { REPO, fixtureCopy, tempDir } from '../helpers.ts';

const refusal = async (p: Promise<unknown>): Promise<InputError> => {
  const e = await p.then(() => null, (x: unknown) => x);
  assert.ok(e instanceof InputError, `expected an InputError, got ${String(e)}`);
  return e;
};

test('joinInside refuses absolute paths and `..` that leave the data directory', () => {
  const root = tempDir();
  assert.equal(joinInside(root, 'stats/a.csv'), join(root, 'stats/a.csv'));
  assert.equal(joinInside(root, 'stats/../stats/a.csv'), join(root, 'stats/a.csv'));
  assert.throws(() => joinInside(root, '/etc/passwd'), (e: unknown) => e instanceof InputError && /absolute/.test(e.reason));
  assert.throws(() => joinInside(root, '../../etc/passwd'), (e: unknown) => e instanceof InputError && /leaves the data directory/.test(e.reason));
  assert.throws(() => joinInside(root, 'stats/../../x'), (e: unknown) => e instanceof InputError && e.file === 'stats/../../x');
});

test('confine follows symlinks: inside the root is allowed, out of it is refused, names stay relative', async () => {
  const root = tempDir();
  const outside = tempDir();
  mkdirSync(join(root, 'stats'));
  writeFileSync(join(root, 'stats/real.csv'), 'a\n1\n');
  writeFileSync(join(outside, 'secret.csv'), 'secret\n');
  symlinkSync(join(root, 'stats/real.csv'), join(root, 'stats/inside-link.csv'));
  symlinkSync(join(outside, 'secret.csv'), join(root, 'stats/outside-link.csv'));
  symlinkSync(outside, join(root, 'stats/outside-dir'));
  symlinkSync('loop-b', join(root, 'stats/loop-a'));
  symlinkSync('loop-a', join(root, 'stats/loop-b'));

  assert.match(await confine(root, 'stats/inside-link.csv'), /stats\/real\.csv$/);
  const out = await refusal(confine(root, 'stats/outside-link.csv'));
  assert.equal(out.file, 'stats/outside-link.csv');
  assert.match(out.reason, /outside the data directory/);
  assert.match((await refusal(confine(root, join(root, 'stats/outside-dir/secret.csv')))).reason, /outside the data directory/);
  assert.match((await refusal(confine(root, 'stats/loop-a'))).reason, /symlink loop/);
  assert.match((await refusal(confine(root, 'stats/missing.csv'))).reason, /not found/);
  assert.equal((await refusal(confine(root, '../../etc/passwd'))).reason, 'the file resolves outside the data directory (a symlink or path leading out of it); refused');

  // The data root itself may be a symlink (e.g. a mounted data volume).
  const alias = join(tempDir(), 'data-alias');
  symlinkSync(root, alias);
  assert.match(await confine(alias, 'stats/real.csv'), /stats\/real\.csv$/);
});

/** One file of each importer, replaced by a symlink to a copy outside the data directory. */
const LINKED = [
  ['tip', 'stats/us-state-tip-report/heiss_kelley_tip_tiers_1999-2015.csv'],
  ['fbi-ht', 'stats/fbi-ucr-human-trafficking/cde_human_trafficking_agency_2013-2020.csv'],
  ['fbi-ucr', 'stats/fbi-ucr-summary/cde_estimated_crimes_by_state_1995-2016.csv'],
  ['census', 'stats/census-population/pep-state-totals/NST-EST2023-ALLDATA.csv'],
  ['census', 'stats/census-population/acs1-dp05-by-state/acs1_dp05_legend_2016.csv'],
  ['walkfree', 'stats/walkfree-ilo-global-estimates/GEMS_2022_forced_labour_by_sector.xlsx'],
  ['grants', 'stats/funding-us-anti-tip-grants/us_gov_anti_tip_projects_fy2003.csv'],
  ['nibrs', 'stats/fbi-nibrs-extract/DE-2023/NIBRS_OFFENSE.csv'],
  ['nibrs', 'stats/fbi-nibrs-extract/DE-2023'],
] as const;

function dataWithNibrs(): string {
  const dir = fixtureCopy();
  cpSync(join(REPO, 'fixtures/nibrs/DE-2023'), join(dir, 'stats/fbi-nibrs-extract/DE-2023'), { recursive: true });
  return dir;
}

for (const [importer, rel] of LINKED) {
  test(`${importer}: ${rel.split('/').pop()} as a symlink out of the data directory is refused and nothing is stored`, async () => {
    const dir = dataWithNibrs();
    const target = join(tempDir(), 'copy');
    const path = join(dir, rel);
    cpSync(path, target, { recursive: true });
    rmSync(path, { recursive: true });
    symlinkSync(target, path);
    const store = await Store.open(':memory:');
    const err = await refusal(ingest(store, dir, [importer]));
    assert.match(err.reason, /outside the data directory/);
    assert.ok(rel.startsWith(err.file) || err.file.startsWith(rel), `the error names ${rel} relative to the data directory, not ${err.file}`);
    const stored = await store.all('SELECT id FROM sources WHERE file = ? OR file LIKE ?', [rel, `${rel}/%`]);
    assert.deepEqual(stored, [], 'nothing from the linked file was stored');
    store.close();
  });
}

test('a symlink that stays inside the data directory loads like the file itself', async () => {
  const dir = fixtureCopy();
  const rel = 'stats/us-state-tip-report/heiss_kelley_tip_tiers_1999-2015.csv';
  mkdirSync(join(dir, 'mirror'));
  writeFileSync(join(dir, 'mirror/tiers.csv'), readFileSync(join(dir, rel)));
  unlinkSync(join(dir, rel));
  symlinkSync(join(dir, 'mirror/tiers.csv'), join(dir, rel));
  const store = await Store.open(':memory:');
  const report = await ingest(store, dir, ['tip']);
  assert.equal(report.results.find((r) => r.sourceId === 'tip.tiers')?.rowsStored, 8);
  store.close();
});
