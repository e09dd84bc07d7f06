// Shared test helpers: where the real data is, temporary data directories and stores.
import { existsSync, mkdtempSync, cpSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const FIXTURE_DATA = join(REPO, 'fixtures', 'data');

/** The real data directory (COGENCY_DATA or ../shared/data), or null with the reason to skip. */
export function sharedData(): string | null {
  const dir = resolve(process.env.COGENCY_DATA ?? join(REPO, '..', 'shared', 'data'));
  return existsSync(join(dir, 'stats')) ? dir : null;
}

export const SKIP_NO_DATA = 'real data not found: set COGENCY_DATA or place shared/data beside the repo';

/** A fresh temporary directory, removed when the test process exits. */
export function tempDir(prefix = 'cogency-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A writable copy of the fixture data directory, to mutate in bad-input tests. */
export function fixtureCopy(): string {
  const dir = tempDir('cogency-data-');
  cpSync(FIXTURE_DATA, dir, { recursive: true });
  return dir;
}

export const TIP_TIERS = join('stats', 'us-state-tip-report', 'heiss_kelley_tip_tiers_1999-2015.csv');
export const TIP_INDEX = join('stats', 'us-state-tip-report', 'heiss_kelley_cho_3p_policy_index_tiers_1999-2015.csv');
