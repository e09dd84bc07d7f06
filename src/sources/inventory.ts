// No silent omission: every file under the data directory is either claimed by an importer or
// listed with the reason it is not loaded. The reasons are written for readers of the sources
// page and of `cogency sources`, so they say what the file is and why it holds no figures to show.
import { existsSync } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { Importer } from './importer.ts';
import { IMPORTERS } from './registry.ts';
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

const DOCS = 'Documentation of the data folder (where each file came from, its format and checks); read by people, holds no figures to load.';
const PENDING_FBI =
  'Official FBI file whose importer is not part of this build yet (issue #14, the national record): its figures are not shown anywhere until then.';

/** First matching rule gives the reason; patterns match the path relative to the data directory. */
const REASONS: [RegExp, string][] = [
  [/(^|\/)(MANIFEST|FORMATS|FACTS)\.md$|^law\/manifest\.json$/, DOCS],
  [/^law\/gold\//, 'Hand-labelled provisions used to measure the law analyzer’s precision and recall (`cogency law eval --gold`); test material, not legislation to show.'],
  [/^law\/formats\//, 'Sample of a legislation format (LegiScan API responses, statute JSON) kept to test the law importer against the real layout; the bills themselves are loaded from law/texts/.'],
  [/^stats\/_format-docs\/iom-ctdc\//, 'Codebook of the IOM CTDC global synthetic dataset: documents the format; the dataset itself (over the size limit) is not in the data directory, so there is nothing to load.'],
  [/^stats\/_format-docs\//, 'Format documentation (FBI record layouts, the IOM case-data standard): describes how official files are laid out and holds no figures.'],
  [/^stats\/fbi-nibrs-extract\/_format-fixtures\//, 'A few Wisconsin agencies’ rows, cut down to test the NIBRS header variants; not a statistic — loading them would show fragments as if they were state figures.'],
  [/^stats\/fbi-nibrs-extract\/[^/]+\/FBI_README\.md$/, 'The FBI’s own description of the NIBRS extract it came with; documentation, not data.'],
  [/^stats\/fbi-nibrs-extract\/DC-2022-partial\//, 'Partial D.C. 2022 NIBRS extract (incident and month tables missing): not yet read by the NIBRS importer; when it is, it must be presented as partial, never as the District’s total.'],
  [/^stats\/fbi-nibrs-extract\/[^/]+\/(nibrs_month|agency_participation|cde_agencies|agencies)\.csv$/i, 'Agency or month table of a NIBRS extract whose layout the NIBRS importer does not read these tables from: reporting coverage for this state-year is not computed from it.'],
  [/^stats\/fbi-nibrs-extract\/[^/]+\/(NIBRS_|nibrs_|REF_|ref_|agenc|cde_agencies|agency_participation)/i, 'NIBRS table the importer does not need: Cogency counts offenses, arrestees and reporting coverage; victim, offender, property, weapon, drug and other detail tables are not loaded.'],
  [/^stats\/walkfree-ilo-global-estimates\/gsi2023_summary_by_country\.csv$/, 'A flattened copy of one sheet of the official Global Slavery Index workbook, which is loaded directly; loading both would give every country twice.'],
  [/^stats\/transcribed\/cia_factbook_world_tip_entry_versions\.csv$/, 'Raw texts of the CIA World Factbook’s trafficking entry that the tier lists were transcribed from; the lists and counts they hold are loaded from the placements and stated-counts files, and a test checks the counts printed in them against the placements.'],
  [/^stats\/mse-hidden-population\/.*\.rda$/, 'R binary copy of list-overlap counts (the readable CSV beside it holds the same counts); kept for the multiple-systems estimation work.'],
  [/^stats\/mse-hidden-population\/.*\.Rd$/, 'R documentation of a list-overlap dataset (what each list is, where the counts come from); documentation, not data.'],
  [/^stats\/mse-hidden-population\//, 'List-overlap counts of identified victims (UK, Netherlands, New Orleans, a western U.S. site) kept for the multiple-systems estimation work; they are inputs to an estimate, not published figures, and are not loaded as measures.'],
  [/^stats\/service-directories\/openreferral-hsds-1\.1-sample\//, 'Open Referral HSDS sample package with fictional services in “Example City”: a format sample for service directories, not real services.'],
  [/^stats\/service-directories\//, 'Service directory (hotlines, providers for victims): listings of services, not statistics; not loaded as measures.'],
  [/^stats\/fbi-ucr-summary\/|^stats\/fbi-ucr-human-trafficking\/|^stats\/fbi-nibrs-extract\//, PENDING_FBI],
];

export const NO_REASON = 'No importer reads this file and no reason is recorded for it: report it, so it is either loaded or explained.';

export function reasonFor(path: string): string {
  return REASONS.find(([re]) => re.test(path))?.[1] ?? NO_REASON;
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

/** What each importer claims and what is left, grouped by folder and reason. */
export async function inventory(dataDir: string, importers: Importer[]): Promise<Inventory> {
  const { files, links } = await walk(dataDir);
  const claimed = new Set<string>();
  const errors: Inventory['errors'] = [];
  for (const imp of importers) {
    try {
      for (const spec of await imp.discover(dataDir)) for (const f of spec.files) claimed.add(relative(dataDir, f).split(sep).join('/'));
    } catch (e) {
      errors.push({ importer: imp.id, message: e instanceof Error ? e.message : String(e) });
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
    if (!claimed.has(path)) add(path, bytes, reasonFor(path));
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
  const inv = await inventory(dataDir, IMPORTERS);
  return { notLoaded: inv.notLoaded, inventoryErrors: inv.errors };
}
