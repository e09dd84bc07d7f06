// Mutation fuzzing of every importer: at least 2,000 mutated inputs per importer, on the hand-made
// fixtures and on slices and whole copies of the real files in ../shared/data (when present).
// The oracle — 0 crashes, 0 hangs, 0 silent loads of structurally corrupted input — is spelled out
// in ./fuzz/harness.ts. bench/ingest-fuzz.ts runs the same with 10,000 inputs per importer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FUZZ_IMPORTERS, buildCorpus, fuzzImporter } from './fuzz/harness.ts';
import { sharedData } from '../helpers.ts';

const PER_IMPORTER = Number(process.env.COGENCY_FUZZ_INPUTS ?? 2000);
const TIMEOUT_MS = 10_000;

const shared = sharedData();
if (!shared) test('real data absent: the fuzzer runs on fixtures only (set COGENCY_DATA to fuzz slices of the real files too)', { skip: true }, () => {});
const corpus = buildCorpus(shared);

for (const importer of FUZZ_IMPORTERS) {
  test(`fuzz ${importer}: ${PER_IMPORTER} mutated inputs, 0 crashes, 0 hangs, 0 silent loads`, { timeout: 600_000 }, async () => {
    const stats = await fuzzImporter(await corpus, importer, PER_IMPORTER, 0xc0ffee + importer.length * 7919, TIMEOUT_MS);
    const shown = stats.violations.slice(0, 8).map((v) => `${v.problem} [${v.case} ${v.op} ${v.target}] ${v.detail}`).join('\n');
    assert.equal(stats.inputs, PER_IMPORTER);
    assert.equal(stats.crashes, 0, shown);
    assert.equal(stats.hangs, 0, shown);
    assert.equal(stats.silentLoads, 0, shown);
    assert.equal(stats.violations.length, 0, shown);
    // The fuzzer must exercise both outcomes, or the oracle judged nothing.
    assert.ok(stats.refused > 0 && stats.loaded > 0, `refused ${stats.refused}, loaded ${stats.loaded}`);
  });
}
