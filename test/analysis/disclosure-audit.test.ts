// The auditor on the real record: every sub-state source in ../shared/data that loads (NIBRS
// state extracts, the FBI human-trafficking agency table, and any source added later — the
// protection keys on place level and measure type, not on source ids) is protected, and no
// withheld count can be narrowed below the rule from everything published. Also the CLI.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Store } from '../../src/store/store.ts';
import { IMPORTERS } from '../../src/sources/registry.ts';
import { describeFiles } from '../../src/sources/importer.ts';
import { auditDisclosure } from '../../src/analysis/disclosure/audit.ts';
import { disclosureCosts } from '../../src/analysis/disclosure/families.ts';
import { main } from '../../src/cli/main.ts';
import { SKIP_NO_DATA, sharedData, tempDir } from '../helpers.ts';

const data = sharedData();
const dbPath = join(tempDir(), 'real.duckdb');
const notLoaded: string[] = [];

before(async () => {
  if (!data) return;
  const store = await Store.open(dbPath);
  try {
    // Law texts carry no counts; every statistical importer is tried, so new sources are audited too.
    for (const imp of IMPORTERS.filter((i) => i.id !== 'law')) {
      for (const spec of await imp.discover(data)) {
        try {
          await store.loadSource(await describeFiles(spec, data), (stage) => imp.load(spec, stage, data));
        } catch (e) {
          notLoaded.push(`${imp.id}: ${spec.files[0]}: ${(e as Error).message.slice(0, 120)}`);
        }
      }
    }
  } finally {
    store.close();
  }
});

test('every loaded sub-state source: 0 recoverable withheld counts, 0 small counts shown, under 60 s', { skip: data ? false : SKIP_NO_DATA }, async (t) => {
  for (const n of notLoaded) t.diagnostic(`not loaded (another importer's business): ${n}`);
  const store = await Store.open(dbPath);
  try {
    const report = await auditDisclosure(store);
    const costs = await disclosureCosts(store, { threshold: report.threshold });
    t.diagnostic(`sources audited: ${report.sources.join(', ')}`);
    t.diagnostic(`tables ${report.tables}, cells ${report.cells}, withheld ${report.withheld} (primary ${report.primary}), single-agency states ${report.statePinned.length}, ${report.seconds.toFixed(1)} s`);
    for (const c of costs) t.diagnostic(`${c.sourceId}: ${c.withheld} of ${c.cells} cells withheld (${c.primary} primary), pattern in ${c.seconds} s`);
    assert.ok(report.sources.length > 0, 'some sub-state source is loaded');
    if (report.sources.includes('fbi.ht.agency')) assert.ok(report.tables > 100);
    assert.ok(report.primary > 0, 'the real data has small counts to protect');
    assert.deepEqual(report.recoverable.slice(0, 5), [], 'no withheld count can be narrowed below the rule');
    assert.equal(report.shownSmall, 0, 'no count from 1 to 9 is shown below state level');
    assert.ok(report.seconds < 60, `audit took ${report.seconds} s`);
  } finally {
    store.close();
  }
});

test('cogency audit disclosure prints the figures and exits 0 when nothing can be recovered', { skip: data ? false : SKIP_NO_DATA }, async () => {
  const chunks: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  // Only the command's text is captured: under `node --test` the runner reports to its parent
  // through this same stdout (binary frames), which must still get through.
  process.stdout.write = ((c: string | Uint8Array, ...rest: unknown[]) =>
    typeof c === 'string' ? (chunks.push(c), true) : (write as (...a: unknown[]) => boolean)(c, ...rest)) as typeof process.stdout.write;
  let code: number;
  try {
    code = await main(['--db', dbPath, 'audit', 'disclosure', '--format', 'json']);
  } finally {
    process.stdout.write = write;
  }
  assert.equal(code, 0, chunks.join(''));
  const out = JSON.parse(chunks.join('')) as { recoverable: unknown[]; costs: { sourceId: string; withheld: number }[] };
  assert.deepEqual(out.recoverable, []);
  assert.ok(out.costs.length > 0 && out.costs.every((c) => c.withheld >= 0));
});

after(() => undefined);
