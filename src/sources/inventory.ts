// No silent omission: every file under the data directory is either read by an importer or
// listed with the reason it is not loaded. The reasons come from the source descriptors (a file a
// source claims but does not read carries its claim's reason); the few files that belong to no
// source (the data folder's own documentation) have theirs here. They are written for readers of
// the sources page and of `cogency sources`: what the file is and why it holds no figures to show.
import { existsSync } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { SourceDescriptor } from './descriptor.ts';
import { DESCRIPTORS } from './descriptors.ts';
import type { NotLoadedGroup } from '../model/inventory.ts';

export type { NotLoadedGroup } from '../model/inventory.ts';

export interface Inventory {
  /** Files some importer reads. */
  claimed: number;
  notLoaded: NotLoadedGroup[];
  /** Importers whose discovery failed: their files count as not loaded, with the error as reason. */
  errors: { importer: string; message: string }[];
}

/** Most files an inventory walks: a data directory is hundreds of files, not millions. */
export const MAX_INVENTORY_FILES = 100_000;

/** Files that belong to no source: the data folder's documentation. Checked before the sources' claims. */
const UNCLAIMED_REASONS: [RegExp, string][] = [
  [/(^|\/)(MANIFEST|FORMATS|FACTS)\.md$/, 'Documentation of the data folder (where each file came from, its format and checks); read by people, holds no figures to load.'],
  [/^stats\/_format-docs\/iom-ctdc\//, 'Codebook of the IOM CTDC global synthetic dataset: documents the format; the dataset itself (over the size limit) is not in the data directory, so there is nothing to load.'],
  [/^stats\/_format-docs\//, 'Format documentation (FBI record layouts, the IOM case-data standard): describes how official files are laid out and holds no figures.'],
];

export const NO_REASON = 'No importer reads this file and no reason is recorded for it: report it, so it is either loaded or explained.';

/** The reason for a file a source claims without a reason, which its importer nevertheless did not read. */
export const claimedNotRead = (source: string) =>
  `The ${source} source claims this file but its importer did not read it (a name, layout or companion file it did not find): report it, so it is either loaded or explained.`;

/** Why a file no importer read is not loaded: the data folder's own documentation, then the first source claim it matches. */
export function reasonFor(path: string, descriptors: readonly SourceDescriptor[] = DESCRIPTORS): string {
  const unclaimed = UNCLAIMED_REASONS.find(([re]) => re.test(path));
  if (unclaimed) return unclaimed[1];
  for (const d of descriptors) {
    const claim = d.claims.find((c) => c.pattern.test(path));
    if (claim) return claim.notLoaded ?? claimedNotRead(d.id);
  }
  return NO_REASON;
}

/** Every regular file under `dir`, relative to it with "/" separators; symbolic links are not followed. */
async function walk(root: string): Promise<{ files: Map<string, number>; links: string[] }> {
  const files = new Map<string, number>();
  const links: string[] = [];
  const stack = [root];
  while (stack.length) {
    const dir = stack.pop()!;
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const abs = join(dir, entry.name);
      const rel = relative(root, abs).split(sep).join('/');
      if (entry.isSymbolicLink()) links.push(rel);
      else if (entry.isDirectory()) stack.push(abs);
      else if (entry.isFile()) {
        if (files.size >= MAX_INVENTORY_FILES) throw new Error(`the data directory holds more than ${MAX_INVENTORY_FILES} files; is ${root} the right folder?`);
        files.set(rel, (await lstat(abs)).size);
      }
    }
  }
  return { files, links };
}

/** What each source's importer reads and what is left, grouped by folder and reason. */
export async function inventory(dataDir: string, descriptors: readonly SourceDescriptor[] = DESCRIPTORS): Promise<Inventory> {
  const { files, links } = await walk(dataDir);
  const claimed = new Set<string>();
  const errors: Inventory['errors'] = [];
  for (const descriptor of descriptors) {
    try {
      const imp = await descriptor.loadImporter();
      for (const spec of await imp.discover(dataDir)) for (const f of spec.files) claimed.add(relative(dataDir, f).split(sep).join('/'));
    } catch (e) {
      errors.push({ importer: descriptor.id, message: e instanceof Error ? e.message : String(e) });
    }
  }
  const groups = new Map<string, NotLoadedGroup>();
  const add = (path: string, bytes: number, reason: string) => {
    const folder = path.includes('/') ? path.slice(0, path.lastIndexOf('/') + 1) : '';
    const key = `${folder}\u0000${reason}`;
    const g = groups.get(key) ?? { path: folder, files: [], bytes: 0, reason };
    g.files.push(path);
    g.bytes += bytes;
    groups.set(key, g);
  };
  for (const [path, bytes] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    if (!claimed.has(path)) add(path, bytes, reasonFor(path, descriptors));
  }
  for (const l of links) add(l, 0, 'Symbolic link: not followed, so that nothing outside the data directory is read.');
  // A folder holding a single unloaded file is shown as that file.
  const notLoaded = [...groups.values()].map((g) => (g.files.length === 1 ? { ...g, path: g.files[0]! } : g));
  notLoaded.sort((a, b) => a.path.localeCompare(b.path));
  return { claimed: [...claimed].filter((f) => files.has(f)).length, notLoaded, errors };
}

/** Files in the data directory that no registered importer reads, with the reason; empty when there is no data directory. */
export async function notLoadedFiles(dataDir: string): Promise<{ notLoaded: NotLoadedGroup[]; inventoryErrors: { importer: string; message: string }[] }> {
  if (!existsSync(dataDir)) return { notLoaded: [], inventoryErrors: [] };
  const inv = await inventory(dataDir);
  return { notLoaded: inv.notLoaded, inventoryErrors: inv.errors };
}
