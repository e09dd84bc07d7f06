// Dev helper: a document-level classifier (one sample per text: the union of its candidate sentences' features) under LOJO.
import { join, resolve } from 'node:path';
import { decide } from '../src/law/analyze.ts';
import { loadCorpus, trainOn } from '../src/law/training.ts';
import { KINDS } from '../src/law/rules/index.ts';
import { train, MIN_JURISDICTIONS } from '../src/law/classifier.ts';

const law = join(resolve(process.env.COGENCY_DATA ?? '../shared/data'), 'law');
const corpus = await loadCorpus(join(law, 'gold'), law);
const l2 = Number(process.env.L2 ?? 1e-3);
const epochs = Number(process.env.EPOCHS ?? 20);
void MIN_JURISDICTIONS;
const docFeats = corpus.items.map((it) => { const s = new Set<number>(); for (const f of it.feats) for (const x of f) s.add(x); return s; });
const rows: { gold: Set<string>; rule: Set<string>; score: Map<string, number> }[] = [];
for (const j of corpus.jurisdictions) {
  const trainIdx = corpus.items.map((it, i) => (it.jurisdiction !== j ? i : -1)).filter((i) => i >= 0);
  const t = trainOn(corpus, trainIdx.map((i) => corpus.items[i]!), { epochs: 1 });
  const map = (s: Set<number>) => { const o: number[] = []; for (const x of s) { const l = t.localOf[x]!; if (l >= 0) o.push(l); } return Int32Array.from(o); };
  const samples = trainIdx.map((i) => ({ feats: map(docFeats[i]!), labels: Int8Array.from(KINDS.map((k) => (corpus.items[i]!.gold.findings.some((f) => f.kind === k) ? 1 : 0))) }));
  const m = train(samples, t.classifier.vocab.size, { epochs, l2 });
  corpus.items.forEach((it, i) => {
    if (it.jurisdiction !== j) return;
    const f = map(docFeats[i]!);
    const scale = 1 / Math.sqrt(Math.max(1, f.length));
    const score = new Map<string, number>();
    KINDS.forEach((k, ki) => { let z = m.bias[ki]!; for (const x of f) z += m.weights[ki]![x]! * scale; score.set(k, 1 / (1 + Math.exp(-z))); });
    rows.push({ gold: new Set(it.gold.findings.map((g) => g.kind)), rule: new Set(decide(it.prep, { classifier: null, enabledCues: t.enabledCues }).map((x) => x.kind as string)), score });
  });
}
function f1(pred: (r: (typeof rows)[0], k: string) => boolean): string {
  let tp = 0, fp = 0, fn = 0;
  for (const r of rows) for (const k of KINDS) { const p = pred(r, k); const g = r.gold.has(k); if (p && g) tp++; else if (p) fp++; else if (g) fn++; }
  const P = tp / (tp + fp || 1), R = tp / (tp + fn || 1);
  return `P ${P.toFixed(2)} R ${R.toFixed(2)} F1 ${((2 * P * R) / (P + R || 1)).toFixed(3)}`;
}
console.log('rules', f1((r, k) => r.rule.has(k)));
for (const th of [0.3, 0.5, 0.7, 0.8, 0.9]) console.log('doc clf >=', th, f1((r, k) => r.score.get(k)! >= th));
for (const veto of [0, 0.05, 0.1, 0.2, 0.3]) for (const add of [0.7, 0.8, 0.9, 0.95, 1.1])
  console.log(`veto ${veto} add ${add}`, f1((r, k) => (r.rule.has(k) && r.score.get(k)! >= veto) || r.score.get(k)! >= add));
