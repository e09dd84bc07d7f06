// Micro-benchmark of the NIBRS byte scanner on the synthetic data (bench/nibrs-generate.ts), from memory:
// MB/s per table with a no-op row handler.   node --import tsx bench/nibrs-scan-micro.ts [N_BUNDLES]
import { readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanCsv } from '../src/sources/nibrs/scan.ts';

const root = join(tmpdir(), 'cogency-nibrs-synthetic/stats/fbi-nibrs-extract');
const n = Number(process.argv[2] ?? 5);
const bundles = readdirSync(root).sort().slice(0, n);
for (const table of ['NIBRS_incident.csv', 'NIBRS_VICTIM.csv', 'NIBRS_OFFENSE.csv', 'NIBRS_VICTIM_OFFENSE.csv', 'NIBRS_ARRESTEE.csv']) {
  const bufs = bundles.map((b) => readFileSync(join(root, b, table)));
  const mb = bufs.reduce((s, b) => s + b.length, 0) / 1e6;
  for (let rep = 0; rep < 3; rep++) {
    const t = performance.now();
    let rows = 0;
    for (const b of bufs) {
      const chunks = async function* () {
        for (let i = 0; i < b.length; i += 1 << 20) yield b.subarray(i, Math.min(b.length, i + (1 << 20)));
      };
      rows += await scanCsv(chunks(), { file: table, requireFinalNewline: true, onHeader: () => () => {} });
    }
    const s = (performance.now() - t) / 1000;
    console.log(`${table.padEnd(26)} ${(mb / s).toFixed(0).padStart(5)} MB/s  ${((s * 1e9) / rows).toFixed(0)} ns/row`);
  }
}
