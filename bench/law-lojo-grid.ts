// Dev helper: out-of-fold (LOJO) classifier scores per text and kind, and the micro-F1 of simple rule/classifier
// combinations over a grid of thresholds. Shows how much each side adds; not part of the product.
import { join, resolve } from 'node:path';
import { candidateScores, decide } from '../src/law/analyze.ts';
import { loadCorpus, trainOn } from '../src/law/training.ts';
import { KINDS } from '../src/law/rules/index.ts';

const law = join(resolve(process.env.COGENCY_DATA ?? '../shared/data'), 'law');
const corpus = await loadCorpus(join(law, 'gold'), law);
const epochs = Number(process.env.EPOCHS ?? 8);
const l2 = Number(process.env.L2 ?? 1e-4);
const rows: { gold: Set<string>; rule: Set<string>; score: Map<string, number> }[] = [];
for (const j of corpus.jurisdictions) {
  const t = trainOn(corpus, corpus.items.filter((i) => i.jurisdiction !== j), { epochs, l2 });
  for (const it of corpus.items.filter((i) => i.jurisdiction === j)) {
    const sc = candidateScores(it.prep, t.classifier, it.feats.map((f) => { const o: number[] = []; for (const x of f) { const l = t.localOf[x]!; if (l >= 0) o.push(l); } return Int32Array.from(o); }));
    const score = new Map<string, number>();
    KINDS.forEach((k, ki) => score.set(k, Math.max(0, ...sc.map((r) => r[ki]!))));
    const rule = new Set(decide(it.prep, { classifier: null, enabledCues: t.enabledCues }).map((f) => f.kind as string));
    rows.push({ gold: new Set(it.gold.findings.map((f) => f.kind)), rule, score });
  }
}
function f1(pred: (r: (typeof rows)[0], k: string) => boolean): string {
  let tp = 0, fp = 0, fn = 0;
  for (const r of rows) for (const k of KINDS) { const p = pred(r, k); const g = r.gold.has(k); if (p && g) tp++; else if (p) fp++; else if (g) fn++; }
  const P = tp / (tp + fp || 1), R = tp / (tp + fn || 1);
  return `P ${P.toFixed(2)} R ${R.toFixed(2)} F1 ${((2 * P * R) / (P + R || 1)).toFixed(3)}`;
}
console.log('rules', f1((r, k) => r.rule.has(k)));
for (const th of [0.3, 0.5, 0.7, 0.8, 0.9, 0.95]) console.log('clf >=', th, f1((r, k) => r.score.get(k)! >= th));
for (const veto of [0, 0.02, 0.05, 0.1, 0.2]) for (const add of [0.9, 0.95, 0.98, 1.1])
  console.log(`veto ${veto} add ${add}`, f1((r, k) => (r.rule.has(k) && r.score.get(k)! >= veto) || r.score.get(k)! >= add));
