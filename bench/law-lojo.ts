// Dev helper: leave-one-jurisdiction-out figures for the rules alone and rules + classifier, with timings.
import { join, resolve } from 'node:path';
import { formatReport } from '../src/law/eval.ts';
import { crossValidate, formatLojo, loadCorpus } from '../src/law/training.ts';

const law = join(resolve(process.env.COGENCY_DATA ?? '../shared/data'), 'law');
let t = performance.now();
const corpus = await loadCorpus(join(law, 'gold'), law);
const cands = corpus.items.reduce((n, i) => n + i.feats.length, 0);
console.log(`corpus: ${corpus.items.length} texts, ${corpus.jurisdictions.length} jurisdictions, ${cands} candidate sentences, ${corpus.featureNames.length} features, unlocated quotes ${corpus.items.reduce((n, i) => n + i.unlocated, 0)} (${((performance.now() - t) / 1000).toFixed(1)} s)`);
t = performance.now();
const r = crossValidate(corpus, { cueMinTexts: Number(process.env.CUE_MIN ?? 1), ...(process.env.CUE_PREC ? { cueMinPrecision: Number(process.env.CUE_PREC) } : {}), ...(process.env.EPOCHS ? { epochs: Number(process.env.EPOCHS) } : {}) });
console.log(`LOJO (${((performance.now() - t) / 1000).toFixed(1)} s)`);
console.log(formatLojo(r.combined, r.rulesOnly));
if (process.argv.includes('--rules')) console.log(formatReport(r.rulesOnly));
