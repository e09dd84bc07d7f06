// Shared helpers for the NIBRS tests: where the real data is, temp bundles, a tiny zip writer.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { zip } from '../../zip.ts';

export const REPO = resolve(import.meta.dirname, '../../..');
export const DATA = process.env.COGENCY_DATA ?? resolve(REPO, '../shared/data');
export const NIBRS = join(DATA, 'stats/fbi-nibrs-extract');
export const VT = join(NIBRS, 'VT-2024');
export const WI2016 = join(NIBRS, '_format-fixtures/WI-2016-old-style-trimmed');
export const WI2022 = join(NIBRS, '_format-fixtures/WI-2022-new-style-trimmed');
export const HAVE_VT = existsSync(join(VT, 'NIBRS_incident.csv'));
export const SKIP_VT = HAVE_VT ? false : `real NIBRS data not found at ${VT} (set COGENCY_DATA to the shared data directory)`;

/** The tables the importer reads (copying only these keeps the tests fast). */
export const READ_TABLES = [
  'agencies.csv', 'NIBRS_incident.csv', 'NIBRS_OFFENSE.csv', 'NIBRS_ARRESTEE.csv', 'NIBRS_ARRESTEE_GROUPB.csv',
  'NIBRS_VICTIM.csv', 'NIBRS_VICTIM_OFFENSE.csv', 'NIBRS_OFFENSE_TYPE.csv', 'REF_RACE.csv', 'NIBRS_ETHNICITY.csv',
  'NIBRS_AGE.csv', 'NIBRS_ARREST_TYPE.csv', 'NIBRS_VICTIM_TYPE.csv',
];

/** A fresh data directory with the NIBRS folder; returns [dataDir, nibrsDir]. */
export function tempData(): [string, string] {
  const dir = mkdtempSync(join(tmpdir(), 'cogency-nibrs-test-'));
  const nibrs = join(dir, 'stats/fbi-nibrs-extract');
  mkdirSync(nibrs, { recursive: true });
  return [dir, nibrs];
}

/** Copy a bundle folder (only the tables read) into `target`, then apply edits to file texts. */
export function copyBundle(from: string, target: string, edits: Record<string, ((text: string) => string) | null> = {}): void {
  mkdirSync(target, { recursive: true });
  for (const f of READ_TABLES) {
    if (!existsSync(join(from, f))) continue;
    const edit = edits[f];
    if (edit === null) continue; // delete
    if (edit) writeFileSync(join(target, f), edit(readFileSync(join(from, f), 'utf8')));
    else copyFileSync(join(from, f), join(target, f));
  }
}

/** Write a zip (deflate) of the given files, as the FBI ships them (entries at the top level). */
export function writeZip(zipPath: string, files: string[]): void {
  zip(zipPath, files.map((f) => [basename(f), readFileSync(f)]));
}
