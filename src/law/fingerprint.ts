// What the law importer's derivations depend on beyond its code: the analyzer's rules as data.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULES } from './rules/index.ts';

const LAW_DIR = dirname(fileURLToPath(import.meta.url));

/**
 * sha256 over the law analyzer's rules as data (cue patterns, contexts, exclusions, effects) and
 * over any data file beside the analyzer's code (a trained model's weights, word lists): the
 * code fingerprint follows imports only, and a model read from a file is not imported.
 */
export function rulesFingerprint(): string {
  const h = createHash('sha256');
  h.update(JSON.stringify(RULES, (_k, v: unknown) => (v instanceof RegExp || typeof v === 'function' ? String(v) : v)));
  for (const rel of (readdirSync(LAW_DIR, { recursive: true }) as string[]).sort()) {
    const file = join(LAW_DIR, rel);
    if (/\.[cm]?[jt]s$/.test(rel) || !statSync(file).isFile()) continue;
    h.update(`\n${rel}\n`).update(readFileSync(file));
  }
  return h.digest('hex');
}
