// The compiled CLI and server (dist/, made by bin/build.js) and whether it may run: only when it was
// built from exactly the files now in src/ (same paths, sizes and modification times). Anything
// else (no build, a file edited, added or removed since) means the TypeScript runs through tsx.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { URL, fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('..', import.meta.url));
export const SRC = join(REPO, 'src');
export const DIST = join(REPO, 'dist');
export const MANIFEST = join(DIST, 'build.json');

/** Every file under src/ with its size and modification time, by path relative to src/ (sorted). */
export function sourceFiles() {
  const files = {};
  const entries = readdirSync(SRC, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath ?? e.path, e.name))
    .sort();
  for (const file of entries) {
    const st = statSync(file);
    files[relative(SRC, file).split(sep).join('/')] = [st.size, st.mtimeMs];
  }
  return files;
}

/** dist/'s entry module when the build matches src/ exactly; otherwise null. */
export function freshBuild() {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(MANIFEST, 'utf8'));
  } catch {
    return null; // not built (or a build in progress)
  }
  const built = manifest.files ?? {};
  let now;
  try {
    now = sourceFiles();
  } catch {
    return null;
  }
  const names = Object.keys(now);
  if (names.length !== Object.keys(built).length) return null;
  for (const name of names) {
    const b = built[name];
    const n = now[name];
    if (!b || b[0] !== n[0] || b[1] !== n[1]) return null;
  }
  return join(DIST, 'cli', 'main.js');
}
