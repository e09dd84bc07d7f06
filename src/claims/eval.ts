// `npm run eval:claims`: run the claims checker on the labelled evaluation set (src/claims/eval-set.json)
// against the official record in the data directory, and print precision and recall per verdict.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Store } from '../store/store.ts';
import { ingest } from '../sources/ingest.ts';
import { checkClaim, placeNames, type Verdict } from './check.ts';
import EVAL_SET from './eval-set.json' with { type: 'json' };

export interface EvalClaim {
  id: string;
  claim: string;
  source: string;
  expected: Verdict;
  note: string;
}

export const VERDICTS: Verdict[] = ['consistent', 'differs', 'no-figure', 'conflates'];

/** The sources the checker reads: loaded into a throwaway in-memory store. */
export const CLAIM_SOURCES = ['tip', 'fbi-ht', 'fbi-ucr', 'walkfree'];

export interface EvalReport {
  n: number;
  accuracy: number;
  perVerdict: { verdict: Verdict; support: number; predicted: number; precision: number | null; recall: number | null }[];
  misses: { id: string; expected: Verdict; got: Verdict; claim: string }[];
}

export async function evaluateClaims(store: Store, claims: EvalClaim[] = (EVAL_SET as { claims: EvalClaim[] }).claims): Promise<EvalReport> {
  const places = await placeNames(store);
  const got: Verdict[] = [];
  for (const c of claims) got.push((await checkClaim(store, c.claim, c.claim, places)).verdict);
  const perVerdict = VERDICTS.map((v) => {
    const tp = claims.filter((c, i) => c.expected === v && got[i] === v).length;
    const support = claims.filter((c) => c.expected === v).length;
    const predicted = got.filter((g) => g === v).length;
    return { verdict: v, support, predicted, precision: predicted ? tp / predicted : null, recall: support ? tp / support : null };
  });
  const misses = claims.flatMap((c, i) => (got[i] === c.expected ? [] : [{ id: c.id, expected: c.expected, got: got[i]!, claim: c.claim }]));
  return { n: claims.length, accuracy: (claims.length - misses.length) / claims.length, perVerdict, misses };
}

export function formatReport(r: EvalReport): string {
  const pct = (x: number | null) => (x === null ? '   n/a' : `${(x * 100).toFixed(1).padStart(5)}%`);
  const lines = [`claims: ${r.n}   accuracy: ${pct(r.accuracy)}`, 'verdict       support  predicted  precision  recall'];
  for (const v of r.perVerdict) lines.push(`${v.verdict.padEnd(13)} ${String(v.support).padStart(7)}  ${String(v.predicted).padStart(9)}  ${pct(v.precision).padStart(9)}  ${pct(v.recall)}`);
  if (r.misses.length) {
    lines.push('', 'misses:');
    for (const m of r.misses) lines.push(`  ${m.id} expected ${m.expected}, got ${m.got}: ${m.claim.slice(0, 110)}`);
  }
  return lines.join('\n');
}

async function main(): Promise<number> {
  const repo = resolve(fileURLToPath(new URL('../..', import.meta.url)));
  const data = resolve(process.env.COGENCY_DATA ?? join(repo, '..', 'shared', 'data'));
  if (!existsSync(join(data, 'stats'))) {
    process.stderr.write(`eval:claims: no data directory at ${data}; set COGENCY_DATA to the official files (see README "Getting data").\n`);
    return 2;
  }
  const store = await Store.open(':memory:');
  try {
    for (const s of CLAIM_SOURCES) await ingest(store, data, [s]);
    process.stdout.write(formatReport(await evaluateClaims(store)) + '\n');
    return 0;
  } finally {
    store.close();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then((code) => (process.exitCode = code));
}
