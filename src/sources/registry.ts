// Every importer Cogency has (from the source descriptors, in the order `cogency ingest` runs
// them), and what each load is derived with (importer version, code fingerprint of the
// descriptor's entry module, analyzer fingerprint), so that a change to an importer or to the law
// rules rebuilds what it derived.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Importer } from './importer.ts';
import { DESCRIPTORS, findDescriptor } from './descriptors.ts';

/** Every importer, loaded from the source descriptors (descriptors.ts), in their order. */
export function loadImporters(): Promise<Importer[]> {
  return Promise.all(DESCRIPTORS.map((d) => d.loadImporter()));
}

/** The importer of a source, loaded; undefined for an id no descriptor declares. */
export async function findImporter(id: string): Promise<Importer | undefined> {
  return findDescriptor(id)?.loadImporter();
}

// The TypeScript sources, also when this module runs compiled from dist/ (bin/build.js), so the
// fingerprint is the same either way.
const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');

/** Each importer's entry module under src/ (its descriptor's `entry`); its code is that module and everything it imports. */
const ENTRY: Record<string, string> = Object.fromEntries(DESCRIPTORS.map((d) => [d.id, relative(SRC, d.entry).split(sep).join('/')]));

/** Code that shapes what every importer stores, though importers reach the Stage by type only. */
const STAGE_MODULES = ['store/citation-id.ts'];

/** Relative modules a file loads at run time: imports (not `import type`), dynamic imports and worker URLs. */
const IMPORT_RE = /(?:^|\n)\s*(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)|new URL\(\s*['"](\.{1,2}\/[^'"]+\.[jt]s)['"]/g;

/** A module and every module it loads at run time (followed within src/), as paths under src/, sorted. */
export function codeFiles(entry: string): string[] {
  return [...moduleTexts(entry).keys()];
}

/** `root`: the source tree read (src/; a test reads an edited copy). */
function moduleTexts(entry: string, root = SRC): Map<string, string> {
  const seen = new Map<string, string>();
  const visit = (file: string) => {
    if (seen.has(file) || !file.startsWith(root)) return;
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      // A worker URL naming the .js twin of a .ts module (tsx maps them): use the .ts.
      if (file.endsWith('.js')) visit(file.replace(/\.js$/, '.ts'));
      return;
    }
    seen.set(file, text);
    for (const m of text.matchAll(IMPORT_RE)) visit(resolve(dirname(file), (m[1] ?? m[2] ?? m[3])!));
  };
  visit(join(root, entry));
  // Every importer stores through the Stage, which derives the citation ids it stores.
  for (const shared of STAGE_MODULES) visit(join(root, shared));
  return new Map([...seen].map(([file, text]) => [relative(root, file), text] as const).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/**
 * sha256 over the source text of a module and every module it loads, in path order. Any edit to
 * the importer or to code it runs changes it; comments included, on purpose: a rebuild is cheap,
 * a stale derivation is not.
 */
export function codeFingerprint(entry: string, root = SRC): string {
  const h = createHash('sha256');
  for (const [file, text] of moduleTexts(entry, root)) h.update(`${file}\n${text}\n`);
  return h.digest('hex');
}

export { rulesFingerprint } from '../law/fingerprint.ts';

export interface ImporterDerivation {
  importer: string;
  importerVersion: string;
  code: string;
  analyzer: string | null;
}

const cached = new Map<string, ImporterDerivation>();

/** What an importer's loads are derived with now. */
export async function derivationOf(imp: Importer): Promise<ImporterDerivation> {
  let d = cached.get(imp.id);
  if (!d) {
    const entry = ENTRY[imp.id];
    d = {
      importer: imp.id,
      importerVersion: imp.version ?? '1',
      code: entry ? codeFingerprint(entry) : 'unknown',
      analyzer: (await findDescriptor(imp.id)?.analyzerFingerprint?.()) ?? null,
    };
    cached.set(imp.id, d);
  }
  return d;
}
