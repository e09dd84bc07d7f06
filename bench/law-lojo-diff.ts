// Dev helper: every false positive and false negative of the rules under leave-one-jurisdiction-out.
import { join, resolve } from 'node:path';
import { loadCorpus, trainOn, predictItem } from '../src/law/training.ts';
const law = join(resolve(process.env.COGENCY_DATA ?? '../shared/data'), 'law');
const corpus = await loadCorpus(join(law, 'gold'), law);
for (const j of corpus.jurisdictions) {
  const t = trainOn(corpus, corpus.items.filter((i) => i.jurisdiction !== j), { epochs: 1 });
  for (const it of corpus.items.filter((i) => i.jurisdiction === j)) {
    const f = predictItem(t, it, 'rules');
    const pk = new Set(f.map((x) => x.kind)); const gk = new Set(it.gold.findings.map((x) => x.kind));
    for (const k of pk) if (!gk.has(k)) { const x = f.find((y) => y.kind === k)!; console.log(`FP ${it.gold.id} ${k} [${x.cues.join('; ')}] «${x.spans[0]?.text.slice(0, 100).replace(/\s+/g, ' ')}»`); }
    for (const k of gk) if (!pk.has(k)) console.log(`FN ${it.gold.id} ${k} «${it.gold.findings.find((y) => y.kind === k)!.quote.slice(0, 110).replace(/\s+/g, ' ')}»`);
  }
}
