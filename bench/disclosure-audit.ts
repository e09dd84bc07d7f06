// Disclosure audit timing: `cogency audit disclosure` over every sub-state table loaded, against a
// naive attacker that solves one LP per withheld cell over its whole table (no split into
// connected groups, no closed form for one-way sums). Also the time to compute the patterns.
//
//   node --import tsx bench/disclosure-audit.ts [--db STORE] [--data ../shared/data]
//
// Without --db, the sub-state sources in --data (NIBRS extracts, FBI human-trafficking agency
// table) are loaded into a temporary store first. Prints a table and a JSON summary.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Store } from '../src/store/store.ts';
import { findImporter } from '../src/sources/registry.ts';
import { describeFiles } from '../src/sources/importer.ts';
import { auditDisclosure } from '../src/analysis/disclosure/audit.ts';
import { disclosureCosts } from '../src/analysis/disclosure/families.ts';
import { lpStats } from '../src/analysis/disclosure/intervals.ts';
import { disclosureRule } from '../src/analysis/disclosure/rule.ts';

const { values } = parseArgs({ options: { db: { type: 'string' }, data: { type: 'string', default: '../shared/data' } } });
let tmp: string | null = null;
let dbPath = values.db;
if (!dbPath) {
  tmp = mkdtempSync(join(tmpdir(), 'cogency-bench-'));
  dbPath = join(tmp, 'store.duckdb');
  const data = resolve(values.data!);
  const store = await Store.open(dbPath);
  for (const id of ['nibrs', 'fbi-ht']) {
    const imp = (await findImporter(id))!;
    for (const spec of await imp.discover(data)) {
      try {
        await store.loadSource(await describeFiles(spec, data), (stage) => imp.load(spec, stage, data));
      } catch (e) {
        process.stderr.write(`not loaded: ${spec.files[0]}: ${(e as Error).message.slice(0, 100)}\n`);
      }
    }
  }
  store.close();
}

const store = await Store.open(dbPath);
const rule = disclosureRule();
let t = performance.now();
const costs = await disclosureCosts(store, rule);
const patternSeconds = (performance.now() - t) / 1000;
const lpPattern = lpStats.solved;

lpStats.solved = 0;
t = performance.now();
const ours = await auditDisclosure(store, { rule });
const oursSeconds = (performance.now() - t) / 1000;
const lpOurs = lpStats.solved;

lpStats.solved = 0;
t = performance.now();
const naive = await auditDisclosure(store, { rule, naive: true });
const naiveSeconds = (performance.now() - t) / 1000;
const lpNaive = lpStats.solved;
store.close();
if (tmp) rmSync(tmp, { recursive: true, force: true });

const row = (a: string, b: string, c: string, d: string) => `${a.padEnd(34)} ${b.padStart(10)} ${c.padStart(10)} ${d.padStart(14)}`;
process.stdout.write(
  [
    `sub-state tables: ${ours.tables}, cells ${ours.cells}, withheld ${ours.withheld} (${ours.primary} primary); sources ${ours.sources.join(', ')}`,
    row('step', 'seconds', 'LPs', 'recoverable'),
    row('patterns (primary + complementary)', patternSeconds.toFixed(2), String(lpPattern), '—'),
    row('audit (groups, closed forms)', oursSeconds.toFixed(2), String(lpOurs), String(ours.recoverable.length)),
    row('audit, naive (LP per cell, whole table)', naiveSeconds.toFixed(2), String(lpNaive), String(naive.recoverable.length)),
    `target: whole audit under 60 s — ${oursSeconds < 60 ? 'met' : 'NOT met'}; the two audits agree on recoverable and unnamed-agency cells: ${ours.recoverable.length === naive.recoverable.length && ours.unnamed === naive.unnamed ? 'yes' : 'NO'}`,
    JSON.stringify({ patternSeconds, oursSeconds, naiveSeconds, lpPattern, lpOurs, lpNaive, tables: ours.tables, cells: ours.cells, withheld: ours.withheld, primary: ours.primary, recoverable: ours.recoverable.length, unnamed: ours.unnamed, costs }),
  ].join('\n') + '\n',
);
