// `npm run train:law`: trains the classifier on every gold text and writes src/law/weights.json; records, for every
// rule cue, the gold texts that justify it (and those it fires on wrongly) in src/law/rules/evidence.json.
// Deterministic: the same gold gives the same files. Reads ../shared/data/law (or $COGENCY_DATA/law).
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toWeightsFile } from './classifier.ts';
import { cueEvidence, justified, loadCorpus, trainOn } from './training.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const law = join(resolve(process.env.COGENCY_DATA ?? join(here, '..', '..', '..', 'shared', 'data')), 'law');
const t0 = performance.now();
const corpus = await loadCorpus(join(law, 'gold'), law);
if (corpus.errors.length) {
  for (const e of corpus.errors) process.stderr.write(`error ${e.id}: ${e.message}\n`);
  process.exit(1);
}
const trained = trainOn(corpus, corpus.items);
const weights = toWeightsFile(
  trained.classifier,
  `Logistic regression per rubric kind over sentence features (src/law/classifier.ts), trained by npm run train:law on ` +
    `${corpus.items.length} gold texts from ${corpus.jurisdictions.length} jurisdictions; features used in fewer than the ` +
    `minimum number of jurisdictions are dropped.`,
);
writeFileSync(join(here, 'weights.json'), JSON.stringify(weights) + '\n');
const evidence = cueEvidence(corpus.items).map((e) => ({
  cue: e.cue,
  justified: justified(e),
  supports: e.supports.map((s) => `${s.jurisdiction} ${s.id}`).sort(),
  against: e.against.map((s) => `${s.jurisdiction} ${s.id}`).sort(),
}));
writeFileSync(
  join(here, 'rules', 'evidence.json'),
  JSON.stringify({
    about: 'For every rule cue: the gold texts where it fires and the gold has the kind it reports (supports) and where the gold lacks it (against). Written by npm run train:law; test/law/cues.test.ts checks every cue is justified by at least two texts from two jurisdictions.',
    cues: evidence,
  }, null, 1) + '\n',
);
const vocab = weights.vocab.length;
const nonzero = weights.weights.reduce((n, w) => n + w.length, 0);
process.stdout.write(`trained on ${corpus.items.length} texts (${corpus.jurisdictions.length} jurisdictions): ${vocab} features, ${nonzero} weights; ` +
  `${evidence.filter((e) => !e.justified).length} of ${evidence.length} cues unjustified; ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
for (const e of evidence) if (!e.justified) process.stdout.write(`  unjustified: ${e.cue} (supports: ${e.supports.join(', ') || 'none'}; against ${e.against.length})\n`);
