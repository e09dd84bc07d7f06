// Analyzer throughput over the whole law corpus (one core): import excluded, normalize + analyze timed.
// Usage: node --import tsx bench/law-analyze.ts [DATA_DIR]   (default ../shared/data or $COGENCY_DATA)
import { join, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { analyzeText } from '../src/law/analyze.ts';
import { readLawCorpus } from '../src/law/import.ts';
import { analysisText, type LawDocument } from '../src/law/model.ts';

const data = resolve(process.argv[2] ?? process.env.COGENCY_DATA ?? '../shared/data');
const law = join(data, 'law');
if (!existsSync(join(law, 'manifest.json'))) {
  console.error(`law corpus not found at ${law}`);
  process.exit(1);
}
const docs: { doc: LawDocument; text: string }[] = [];
const t0 = performance.now();
for await (const doc of readLawCorpus(law)) docs.push({ doc, text: analysisText(doc) });
const tImport = (performance.now() - t0) / 1000;
const chars = docs.reduce((s, d) => s + d.text.length, 0);
const bytes = docs.reduce((s, d) => s + Buffer.byteLength(d.text), 0);
let findings = 0;
const rounds = Number(process.env.ROUNDS ?? 3);
// cold round (JIT warm-up, regex compilation) timed separately
const t0c = performance.now();
for (const d of docs) analyzeText(d.doc, d.text);
const cold = (performance.now() - t0c) / 1000;
const t1 = performance.now();
const c1 = process.cpuUsage();
for (let r = 0; r < rounds; r++) for (const d of docs) findings += analyzeText(d.doc, d.text).findings.length;
const secs = (performance.now() - t1) / 1000;
const cpu = process.cpuUsage(c1);
const cpuSecs = (cpu.user + cpu.system) / 1e6;
const mb = (bytes * rounds) / 1e6;
console.log(`documents: ${docs.length}, text: ${(bytes / 1e6).toFixed(2)} MB (${chars} chars), import ${tImport.toFixed(2)} s`);
console.log(`analyze cold (first round): ${cold.toFixed(2)} s → ${(bytes / 1e6 / cold).toFixed(2)} MB/s`);
console.log(`analyze warm: ${rounds} rounds in ${secs.toFixed(2)} s → ${(mb / secs).toFixed(2)} MB/s (one core), ${findings / rounds} findings per round`);
// On a shared machine wall time includes waiting for a core; process CPU time is the steadier figure
// (it includes GC and JIT threads, so it is not an upper bound either).
console.log(`analyze warm, by process CPU time: ${cpuSecs.toFixed(2)} s → ${(mb / cpuSecs).toFixed(2)} MB/s`);
