// Store versions on disk. The configured store path P (default ./data/cogency.duckdb) is a
// symbolic link, the pointer, to the current version `P.versions/v-*.duckdb`:
//
//   - a version file is never changed once published: readers (the server, `cogency query`,
//     `export`) open the current one read-only, any number of processes at once;
//   - a writer (one at a time, `P.lock`) copies the current version to `P.versions/building-<pid>-*`,
//     loads into the copy, checkpoints and closes it, renames it to `v-*`, then replaces the pointer
//     with rename(2), which is atomic: a reader sees the old version or the new, never a partial one;
//     a writer killed at any point leaves the pointer on the previous version;
//   - old versions are deleted once no process holds them (DuckDB's read-only open holds a shared
//     lock on the file, so a read-write open of an old version fails while anyone reads it).
import { closeSync, copyFileSync, constants, existsSync, fsyncSync, lstatSync, mkdirSync, openSync, readFileSync, readdirSync, readlinkSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { DuckDBInstance } from '@duckdb/node-api';
import { ConflictError } from '../sources/errors.ts';

export const versionsDir = (pointer: string) => `${pointer}.versions`;
const lockPath = (pointer: string) => `${pointer}.lock`;

/** Version files this process has open (DuckDB's file lock does not exclude the process itself). */
const heldHere = new Map<string, number>();

export function hold(file: string): void {
  heldHere.set(file, (heldHere.get(file) ?? 0) + 1);
}

export function unhold(file: string): void {
  const n = (heldHere.get(file) ?? 1) - 1;
  if (n <= 0) heldHere.delete(file);
  else heldHere.set(file, n);
}

/** The absolute path of the current version, or null when no version was ever published. */
export function currentVersion(pointer: string): string | null {
  let target: string;
  try {
    target = readlinkSync(pointer);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    if (code === 'EINVAL') return pointer; // a plain file: a store from before versions (see adoptLegacy)
    throw e;
  }
  return resolve(dirname(pointer), target);
}

function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function fsyncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function alive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The writer lock: one writer at a time across processes. A lock left by a killed writer (its
 * pid is gone) is taken over. Returns the release function.
 */
export function lockWriter(pointer: string): () => void {
  const path = lockPath(pointer);
  mkdirSync(dirname(path), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(path, String(process.pid), { flag: 'wx' });
      return () => rmSync(path, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = Number(readFileSync(path, 'utf8').trim() || NaN);
      if (alive(holder) && holder !== process.pid) {
        throw new ConflictError(`another process (pid ${holder}) is writing the store; try again when it finishes`, 'store.busy');
      }
      rmSync(path, { force: true });
    }
  }
  throw new ConflictError('could not take the store write lock', 'store.busy');
}

/**
 * A store from before versions is one plain DuckDB file at the pointer's path: move it into the
 * versions folder and point at it. Runs under the writer lock.
 */
export async function adoptLegacy(pointer: string): Promise<void> {
  let st;
  try {
    st = lstatSync(pointer);
  } catch {
    return;
  }
  if (st.isSymbolicLink() || !st.isFile()) return;
  // Replay any WAL into the file first: versions never carry a WAL.
  const instance = await DuckDBInstance.create(pointer);
  const c = await instance.connect();
  await c.run('CHECKPOINT');
  c.closeSync();
  instance.closeSync();
  const dir = versionsDir(pointer);
  mkdirSync(dir, { recursive: true });
  const target = join(dir, versionName());
  renameSync(pointer, target);
  publish(pointer, target);
}

function versionName(): string {
  // Sortable by time; the random part keeps two writers in one millisecond apart.
  return `v-${Date.now().toString(36).padStart(9, '0')}-${randomBytes(4).toString('hex')}.duckdb`;
}

/** A private copy of the current version (or a new empty file) to write the next version into. */
export function beginVersion(pointer: string): string {
  const dir = versionsDir(pointer);
  mkdirSync(dir, { recursive: true });
  const building = join(dir, `building-${process.pid}-${randomBytes(4).toString('hex')}.duckdb`);
  const current = currentVersion(pointer);
  // FICLONE: a reflink where the file system has them (btrfs, xfs), a plain copy elsewhere.
  if (current) copyFileSync(current, building, constants.COPYFILE_FICLONE);
  return building;
}

/** Make a finished (checkpointed, closed) building file the current version. Atomic. */
export function commitVersion(pointer: string, building: string): string {
  fsyncFile(building);
  const final = join(dirname(building), versionName());
  renameSync(building, final);
  publish(pointer, final);
  return final;
}

function publish(pointer: string, version: string): void {
  const dir = dirname(pointer);
  const tmp = join(dir, `.${basename(pointer)}.${process.pid}.${randomBytes(4).toString('hex')}.link`);
  symlinkSync(join(basename(versionsDir(pointer)), basename(version)), tmp);
  renameSync(tmp, pointer);
  fsyncDir(dirname(version));
  fsyncDir(dir);
}

export function abandonVersion(building: string): void {
  for (const f of [building, `${building}.wal`]) rmSync(f, { force: true });
}

/**
 * Delete versions nobody reads: not current, not open in this process, and not locked by another
 * process (a read-write open succeeds only when no reader holds the file). Building files of
 * writers that died are deleted too. Returns the names deleted.
 */
export async function collectGarbage(pointer: string): Promise<string[]> {
  const dir = versionsDir(pointer);
  if (!existsSync(dir)) return [];
  const current = currentVersion(pointer);
  const deleted: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const file = join(dir, name);
    if (file === current || heldHere.has(file)) continue;
    const building = /^building-(\d+)-[0-9a-f]+\.duckdb(\.wal)?$/.exec(name);
    if (building) {
      if (!alive(Number(building[1]))) {
        rmSync(file, { force: true });
        deleted.push(name);
      }
      continue;
    }
    if (!/^v-[0-9a-z]+-[0-9a-f]+\.duckdb$/.test(name)) continue;
    if (!(await unheld(file))) continue;
    // Read the pointer again: a writer may have published meanwhile (never this file, though).
    if (currentVersion(pointer) === file) continue;
    abandonVersion(file);
    deleted.push(name);
  }
  // After the versions: derived data of a version that is gone, or left half-written by a process that died.
  for (const name of readdirSync(dir).sort()) {
    const cached = /^cache-(v-[0-9a-z]+-[0-9a-f]+\.duckdb)-[0-9a-f]+\.bin(?:\.tmp-(\d+))?$/.exec(name);
    if (cached && (!existsSync(join(dir, cached[1]!)) || (cached[2] !== undefined && !alive(Number(cached[2]))))) {
      rmSync(join(dir, name), { force: true });
      deleted.push(name);
    }
  }
  return deleted;
}

/**
 * Derived data kept beside a version file (`cache-<version>-<key>.bin`): a version never changes
 * once published, so anything read from it stays true as long as it exists. Written to a private
 * file and renamed, so a reader sees a whole file or none; collected with its version.
 */
export function versionCachePath(version: string, key: string): string {
  return join(dirname(version), `cache-${basename(version)}-${key}.bin`);
}

export function readVersionCache(version: string, key: string): Buffer | null {
  try {
    return readFileSync(versionCachePath(version, key));
  } catch {
    return null;
  }
}

/** Best effort: a store that cannot be written (read-only disk, permissions) simply has no cache. */
export function writeVersionCache(version: string, key: string, data: Uint8Array): void {
  const file = versionCachePath(version, key);
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, file);
  } catch {
    rmSync(tmp, { force: true });
  }
}

/** True when no other process has the file open through DuckDB. */
async function unheld(file: string): Promise<boolean> {
  try {
    const probe = await DuckDBInstance.create(file, { access_mode: 'READ_WRITE', autoload_known_extensions: 'false' });
    probe.closeSync();
    return true;
  } catch {
    return false;
  }
}

/** Versions on disk, for status and tests. */
export function listVersions(pointer: string): string[] {
  const dir = versionsDir(pointer);
  return existsSync(dir) ? readdirSync(dir).filter((n) => n.startsWith('v-')).sort() : [];
}
