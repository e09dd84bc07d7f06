// Dev helper: eval on the gold set with per-document diffs (not part of the product).
import { join, resolve } from 'node:path';
import { evaluate, formatReport, loadGold } from '../src/law/eval.ts';
import { readLawFile, readManifest } from '../src/law/import.ts';
import { analyzeText } from '../src/law/analyze.ts';
import { analysisText } from '../src/law/model.ts';

const data = resolve(process.env.COGENCY_DATA ?? '../shared/data');
const law = join(data, 'law');
const splits = process.argv[2] ? process.argv[2].split(',') : undefined;
const r = await evaluate(join(law, 'gold'), law, splits ? { splits } : {});
console.log(formatReport(r));
if (process.argv.includes('--diff')) {
  const gold = await loadGold(join(law, 'gold'), splits);
  const man = new Map((await readManifest(law))!.map((m) => [m.id, m]));
  for (const g of gold) {
    const m = man.get(g.id)!;
    const doc = await readLawFile(join(law, m.file), { manifest: m });
    const f = analyzeText(doc, analysisText(doc)).findings;
    const pk = new Set(f.map((x) => x.kind));
    const gk = new Set(g.findings.map((x) => x.kind));
    for (const k of pk) if (!gk.has(k)) { const x = f.find((y) => y.kind === k)!; console.log(`FP ${g.id} ${k} [${x.cues.join('; ')}] «${x.spans[0]?.text.slice(0, 90).replace(/\s+/g, ' ')}»`); }
    for (const k of gk) if (!pk.has(k)) console.log(`FN ${g.id} ${k} «${g.findings.find((y) => y.kind === k)!.quote.slice(0, 100)}»`);
  }
}
