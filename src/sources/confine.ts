// Confinement: every file an importer reads must resolve (after symlinks) inside the data root.
// One helper for every discover, describe and load, so a path that escapes (absolute, `..`, or a
// symlink pointing out of the data directory) is refused the same way everywhere.
import { realpath } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { InputError } from './errors.ts';

/** Path of `abs` relative to `root`, or null when it is not strictly inside `root`. */
function inside(root: string, abs: string): string | null {
  const rel = relative(root, abs);
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return null;
  return rel;
}

/** How a path is shown in messages: relative to the data root, never an absolute filesystem path. */
export function displayPath(dataDir: string, path: string): string {
  const rel = inside(resolve(dataDir), resolve(dataDir, path));
  return (rel ?? path).split(sep).join('/');
}

/**
 * Check that a relative path written by a manifest or an importer stays inside the data root
 * lexically (no absolute path, no `..` climbing out). Returns the absolute path.
 */
export function joinInside(dataDir: string, relPath: string): string {
  if (isAbsolute(relPath)) throw new InputError(relPath, null, null, 'absolute paths are refused: every input must lie inside the data directory');
  const abs = resolve(dataDir, relPath);
  if (inside(resolve(dataDir), abs) === null) throw new InputError(relPath, null, null, 'the path leaves the data directory (`..`); refused');
  return abs;
}

function refuseOutside(dataDir: string, path: string, real: string, realRoot: string): string {
  if (inside(realRoot, real) === null) {
    throw new InputError(displayPath(dataDir, path), null, null, 'the file resolves outside the data directory (a symlink or path leading out of it); refused');
  }
  return real;
}

function notFound(dataDir: string, path: string, e: unknown): never {
  const code = (e as { code?: string }).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') throw new InputError(displayPath(dataDir, path), null, null, 'file not found');
  if (code === 'ELOOP') throw new InputError(displayPath(dataDir, path), null, null, 'symlink loop; refused');
  if (code === 'EACCES' || code === 'EPERM') throw new InputError(displayPath(dataDir, path), null, null, 'file cannot be read (permission denied)');
  throw e;
}

/**
 * The real path of `path` (absolute, or relative to the data root), after checking that it
 * resolves inside the real data root. Read from the returned path, not the one given, so a
 * symlink cannot be swapped in between the check and the read.
 */
export async function confine(dataDir: string, path: string): Promise<string> {
  const abs = resolve(dataDir, path);
  let realRoot: string;
  let real: string;
  try {
    realRoot = await realpath(dataDir);
  } catch (e) {
    throw new InputError('.', null, null, `the data directory cannot be opened (${(e as { code?: string }).code ?? 'error'})`);
  }
  try {
    real = await realpath(abs);
  } catch (e) {
    notFound(dataDir, abs, e);
  }
  return refuseOutside(dataDir, abs, real, realRoot);
}

/** confine() for a list of files, in order. */
export async function confineAll(dataDir: string, paths: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) out.push(await confine(dataDir, p));
  return out;
}

