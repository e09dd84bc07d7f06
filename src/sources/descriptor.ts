// One source descriptor per source: the single point of registration. Everything else that needs
// per-source knowledge — the importer registry and its code fingerprints (registry.ts), the fetch
// catalogue (fetch/catalog.ts), the inventory of files not loaded (inventory.ts), the sources page
// and `cogency sources`, explorer families, coverage and rate lookups — is derived from these.
// A new source is one folder (src/sources/<id>/ with its descriptor.ts) plus its line in
// descriptors.ts; test/sources/descriptors.test.ts checks both.
import { fileURLToPath } from 'node:url';
import type { MeasureDef } from '../model/types.ts';
import type { Geography } from '../model/inventory.ts';
import type { Importer } from './importer.ts';
import { InputError } from './errors.ts';

/** A file `cogency fetch` downloads: where the publisher (or a pinned copy) serves it and where it lands. */
export interface FetchFile {
  /** Path under the data directory, exactly where the importer looks. */
  path: string;
  url: string;
  /** Expected sha256 of the bytes, when known (pinned copies); checked after download. */
  sha256?: string;
  /** Expected size in bytes, when known. */
  bytes?: number;
  /** The publisher's own location (unverified), shown by `cogency fetch --list`. */
  official?: string;
}

/** Formats a claimed file may have (what its bytes are, not how Cogency uses them). */
export type FileFormat = 'csv' | 'xlsx' | 'xls' | 'json' | 'jsonl' | 'zip' | 'fixed-width' | 'text' | 'markdown' | 'xml' | 'pdf' | 'docx' | 'ods' | 'rda' | 'rd';

/**
 * Files a source claims under the data directory. A claimed file the importer reads must stay
 * under `maxBytes` (checked before it is checksummed); one it does not read is listed on the
 * sources page with `notLoaded` as the reason (a claim without it means "every match is read").
 */
export interface FileClaim {
  /** Matches the path relative to the data directory, with "/" separators. */
  pattern: RegExp;
  format: FileFormat;
  maxBytes: number;
  notLoaded?: string;
}

/** Which coverage figure stands beside every value of a measure (analysis/coverage.ts). */
export type CoverageKind =
  /** NIBRS: agencies reporting in the state extract and the population they cover. */
  | 'nibrs-agencies'
  /** UCR human trafficking: participating states (national) or reporting agencies (state). */
  | 'ucr-ht-participation';

/** Which denominator a rate per 100,000 uses (analysis/rates.ts); absent means no rates. */
export type RateBase = 'nibrs-covered-population';

/**
 * Measures that share what they count and over whom. Every measure's own definition says what
 * one value is; the group says the universe, what is and is not counted, and the caveats a
 * reader needs beside any of its values.
 */
export interface MeasureGroup {
  measures: readonly MeasureDef[];
  /** Over whom or what the values run (agencies reporting, countries rated, residents …). */
  universe: string;
  /** What is counted. */
  counts: string;
  /** What is not counted, though a reader might expect it to be. */
  excludes: string;
  caveats: readonly string[];
  coverage?: CoverageKind;
  rates?: RateBase;
}

export type { Geography } from '../model/inventory.ts';

/** An explorer family: the `family` of measures, with how the explorer maps them. */
export interface FamilyDescriptor {
  id: string;
  label: string;
  geography: Geography;
}

/** A starting view the sources page links to. */
export interface DefaultView {
  measure: string;
  chart: 'line' | 'bar' | 'map';
  place?: string;
}

export interface SourceDescriptor {
  /** Name on the command line (`cogency ingest <id>`, `cogency fetch <id>`); the importer's id. */
  id: string;
  title: string;
  publisher: string;
  /** The module whose code (and everything it imports) loads this source: its code fingerprint. */
  entry: string;
  /**
   * The importer, loaded on demand (a dynamic import of `entry`): a query needs the descriptor's
   * data only, never the parsers behind it, and the CLI starts faster for it.
   */
  loadImporter: () => Promise<Importer>;
  claims: readonly FileClaim[];
  measures: readonly MeasureGroup[];
  /** Caveats on every figure of the source, whatever the measure. */
  caveats: readonly string[];
  /**
   * How to cite a value: placeholders {publisher}, {title}, {locator}, {retrieved}, {url},
   * {sha256} are filled from the loaded file's provenance and the value's locator.
   */
  citation: string;
  families: readonly FamilyDescriptor[];
  defaultViews: readonly DefaultView[];
  fetch: readonly FetchFile[];
  /**
   * What the source's loads derive from beyond its code, when anything (the law analyzer's rules
   * as data): a change rebuilds the source.
   */
  analyzerFingerprint?: () => Promise<string>;
  /** Repository paths (small files written for tests, or the test that writes them) that exercise the importer. */
  fixtures: readonly string[];
}

/**
 * Refuses a file the importer was about to read that its source does not claim, or that is larger
 * than the claim's cap: the descriptor is the contract, and nothing outside it is loaded.
 */
export function checkClaimed(descriptor: SourceDescriptor, rel: string, bytes: number): void {
  const claim = descriptor.claims.find((c) => !c.notLoaded && c.pattern.test(rel)) ?? descriptor.claims.find((c) => c.pattern.test(rel));
  if (!claim) throw new InputError(rel, null, null, `not a file the ${descriptor.id} source claims (see its descriptor); refused`);
  if (bytes > claim.maxBytes) {
    throw new InputError(rel, null, null, `file is ${(bytes / MiB).toFixed(1)} MiB, above the ${(claim.maxBytes / MiB).toLocaleString('en-US')} MiB the ${descriptor.id} source allows for it; refused`);
  }
}

/**
 * A claim pattern as people read it: `stats/fbi-nibrs-extract/<ST>-YYYY/*.csv` rather than the
 * regular expression (any part it cannot simplify is left as written).
 */
export function displayPattern(re: RegExp): string {
  return re.source
    .replace(/^\^|\$$/g, '')
    .replace(/\(\?:-partial\)\?/g, '[-partial]')
    .replace(/\[A-Za-z\]\{2\}/g, 'ST')
    .replace(/\\d\{4\}/g, 'YYYY')
    .replace(/\[\^\/\]\+/g, '*')
    .replace(/\.\+/g, '**')
    .replace(/\\([./-])/g, '$1');
}

/** The entry module of a descriptor's own folder (`entryOf(import.meta.url)` in src/sources/<id>/descriptor.ts). */
export function entryOf(descriptorUrl: string, module = './index.ts'): string {
  return fileURLToPath(new URL(module, descriptorUrl));
}

/** A pinned copy on GitHub: repository, commit, path. */
export const githubRaw = (repo: string, commit: string, path: string): string =>
  `https://raw.githubusercontent.com/${repo}/${commit}/${path.split('/').map(encodeURIComponent).join('/')}`;

export const MiB = 1 << 20;

/** A claim pattern for exactly one path under the data directory. */
export const exactPath = (path: string): RegExp => new RegExp('^' + path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '$');

/** The citation most sources use. */
export const STANDARD_CITATION = '{publisher}. {title}. {locator}. Retrieved {retrieved} from {url} (sha256 {sha256}).';

const PLACEHOLDERS = ['publisher', 'title', 'locator', 'retrieved', 'url', 'sha256'] as const;
export type CitationParts = Record<(typeof PLACEHOLDERS)[number], string>;

/** A citation from a descriptor's template; an unknown placeholder is an error, not a blank. */
export function formatCitation(template: string, parts: CitationParts): string {
  return template.replace(/\{([a-z0-9]+)\}/g, (_m, name: string) => {
    if (!(PLACEHOLDERS as readonly string[]).includes(name)) throw new Error(`unknown citation placeholder {${name}}`);
    return parts[name as keyof CitationParts];
  });
}

/** Placeholders a template uses that formatCitation does not know (empty when the template is sound). */
export function unknownPlaceholders(template: string): string[] {
  return [...template.matchAll(/\{([a-z0-9]+)\}/g)].map((m) => m[1]!).filter((n) => !(PLACEHOLDERS as readonly string[]).includes(n));
}
