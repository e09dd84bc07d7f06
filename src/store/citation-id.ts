// Public citation ids: short, and derived from what is cited (source, document, locator), never
// from load order or store version, so that a link to a citation keeps working after any reload
// of the same document. A changed locator (another row, another table) is another citation.
import { createHash } from 'node:crypto';

/** Crockford base32, lower case: no i, l, o, u, so an id read aloud or retyped survives. */
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
/** 10 base32 characters = 50 bits: about 1 chance in 2.6 million of any clash among 40,000 citations (a clash fails the load, it is never silent). */
const LENGTH = 10;

export const CITATION_ID_RE = /^c[0-9a-hjkmnp-tv-z]{10}$/;

export function citationId(sourceId: string, document: string, locator: string): string {
  const digest = createHash('sha256').update(`${sourceId}\u0000${document}\u0000${locator}`).digest();
  let bits = 0n;
  for (const byte of digest.subarray(0, 8)) bits = (bits << 8n) | BigInt(byte);
  let out = '';
  for (let i = 0; i < LENGTH; i++) {
    out += ALPHABET[Number(bits & 31n)];
    bits >>= 5n;
  }
  return `c${out}`;
}

/** The importer's key of the citation of a whole document, cited by a value summed over more rows than a cell can list. */
export const DOCUMENT_KEY = '#document';

export function documentLocator(document: string): string {
  return `${document}: the whole document (a value summed over many of its rows cites it; a breakdown by place shows each row's own citation)`;
}
