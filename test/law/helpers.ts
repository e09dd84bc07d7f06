// Locate the shared law data: $COGENCY_DATA/law or ../shared/data/law relative to the repo root.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const LAW_DIR = join(resolve(REPO, process.env.COGENCY_DATA ?? join('..', 'shared', 'data')), 'law');
export const HAVE_LAW = existsSync(join(LAW_DIR, 'manifest.json'));
export const SKIP_MSG = `law data not found at ${LAW_DIR} (set COGENCY_DATA to the shared data dir)`;
export const FIX = join(REPO, 'fixtures', 'law');
