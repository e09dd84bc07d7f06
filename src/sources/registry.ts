// Every importer Cogency has, in the order `cogency ingest` runs them, and what each load is
// derived with (importer version, code fingerprint, analyzer fingerprint), so that a change to
// an importer or to the law rules rebuilds what it derived.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Importer } from './importer.ts';
import { tipImporter } from './tip/index.ts';
import { nibrsImporter } from './nibrs/index.ts';
import { fbiHtImporter } from './fbi-ht/index.ts';
import { censusImporter } from './census/index.ts';
import { fbiUcrImporter } from './fbi-ucr/index.ts';
import { walkfreeImporter } from './walkfree/index.ts';
import { grantsImporter } from './grants/index.ts';
import { fbiCdeImporter } from './cde/index.ts';
import { fbiHtMasterImporter } from './fbi-ht-master/index.ts';
import { ciusImporter } from './cius/index.ts';
import { lawImporter } from '../law/importer.ts';
import { transcribedImporter } from './transcribed/index.ts';
import { mseImporter } from './mse/index.ts';
import { servicesImporter } from './services/index.ts';
import { RULES } from '../law/rules/index.ts';

export const IMPORTERS: Importer[] = [tipImporter, nibrsImporter, fbiHtImporter, fbiHtMasterImporter, censusImporter, fbiUcrImporter, fbiCdeImporter, ciusImporter, walkfreeImporter, grantsImporter, lawImporter, transcribedImporter, mseImporter, servicesImporter];

export function findImporter(id: string): Importer | undefined {
  return IMPORTERS.find((i) => i.id === id);
}

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Each importer's entry module under src/; its code is that module and everything it imports. */
const ENTRY: Record<string, string> = {
  tip: 'sources/tip/index.ts',
  nibrs: 'sources/nibrs/index.ts',
  'fbi-ht': 'sources/fbi-ht/index.ts',
  census: 'sources/census/index.ts',
  'fbi-ucr': 'sources/fbi-ucr/index.ts',
  walkfree: 'sources/walkfree/index.ts',
  grants: 'sources/grants/index.ts',
  'fbi-ht-master': 'sources/fbi-ht-master/index.ts',
  'fbi-cde': 'sources/cde/index.ts',
  'fbi-cius': 'sources/cius/index.ts',
  transcribed: 'sources/transcribed/index.ts',
  mse: 'sources/mse/index.ts',
  services: 'sources/services/index.ts',
  law: 'law/importer.ts',
};

/** Code that shapes what every importer stores, though importers reach the Stage by type only. */
const STAGE_MODULES = ['store/citation-id.ts'];

/** Relative modules a file loads at run time: imports (not `import type`), dynamic imports and worker URLs. */
const IMPORT_RE = /(?:^|\n)\s*(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)|new URL\(\s*['"](\.{1,2}\/[^'"]+\.[jt]s)['"]/g;

/** A module and every module it loads at run time (followed within src/), as paths under src/, sorted. */
export function codeFiles(entry: string): string[] {
  return [...moduleTexts(entry).keys()];
}

function moduleTexts(entry: string): Map<string, string> {
  const seen = new Map<string, string>();
  const visit = (file: string) => {
    if (seen.has(file) || !file.startsWith(SRC)) return;
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
  visit(join(SRC, entry));
  // Every importer stores through the Stage, which derives the citation ids it stores.
  for (const shared of STAGE_MODULES) visit(join(SRC, shared));
  return new Map([...seen].map(([file, text]) => [relative(SRC, file), text] as const).sort(([a], [b]) => (a < b ? -1 : 1)));
}

/**
 * sha256 over the source text of a module and every module it loads, in path order. Any edit to
 * the importer or to code it runs changes it; comments included, on purpose: a rebuild is cheap,
 * a stale derivation is not.
 */
export function codeFingerprint(entry: string): string {
  const h = createHash('sha256');
  for (const [file, text] of moduleTexts(entry)) h.update(`${file}\n${text}\n`);
  return h.digest('hex');
}

/**
 * sha256 over the law analyzer's rules as data (cue patterns, contexts, exclusions, effects) and
 * over any data file beside the analyzer's code (a trained model's weights, word lists): the
 * code fingerprint follows imports only, and a model read from a file is not imported.
 */
export function rulesFingerprint(): string {
  const h = createHash('sha256');
  h.update(JSON.stringify(RULES, (_k, v: unknown) => (v instanceof RegExp || typeof v === 'function' ? String(v) : v)));
  const lawDir = join(SRC, 'law');
  for (const rel of (readdirSync(lawDir, { recursive: true }) as string[]).sort()) {
    const file = join(lawDir, rel);
    if (/\.[cm]?[jt]s$/.test(rel) || !statSync(file).isFile()) continue;
    h.update(`\n${rel}\n`).update(readFileSync(file));
  }
  return h.digest('hex');
}

export interface ImporterDerivation {
  importer: string;
  importerVersion: string;
  code: string;
  analyzer: string | null;
}

const cached = new Map<string, ImporterDerivation>();

/** What an importer's loads are derived with now. */
export function derivationOf(imp: Importer): ImporterDerivation {
  let d = cached.get(imp.id);
  if (!d) {
    const entry = ENTRY[imp.id];
    d = {
      importer: imp.id,
      importerVersion: imp.version ?? '1',
      code: entry ? codeFingerprint(entry) : 'unknown',
      analyzer: imp.id === 'law' ? rulesFingerprint() : null,
    };
    cached.set(imp.id, d);
  }
  return d;
}
