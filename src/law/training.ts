// Training from the gold: the labelled corpus read once, the classifier and the cue set learned from any subset
// of its jurisdictions, and leave-one-jurisdiction-out (LOJO) cross-validation, where each jurisdiction is scored
// by a model whose training and cue selection never saw it.
import { join } from 'node:path';
import { candidateScores, decide, prepare, type Finding, type Prepared } from './analyze.ts';
import { MIN_JURISDICTIONS, sentenceFeatures, train, type LinearModel, type Sample, type TrainOptions } from './classifier.ts';
import { formatReport, loadGold, rankAuc, score, type EvalReport, type GoldDoc, type Prediction } from './eval.ts';
import { manifestFile, readLawFile, readManifest } from './import.ts';
import { analysisText, LawInputError } from './model.ts';
import { KINDS, RULES, type Kind } from './rules/index.ts';
import { referenceIndex } from './structure.ts';

export interface CorpusItem {
  gold: GoldDoc;
  jurisdiction: string;
  prep: Prepared;
  /** global feature ids per candidate sentence */
  feats: Int32Array[];
  /** per candidate: per kind 1 / 0 / -1 (positive / negative / unknown) */
  labels: Int8Array[];
  /** gold quotes that could not be located in the text (their kind then labels no sentence) */
  unlocated: number;
}
export interface Corpus {
  items: CorpusItem[];
  jurisdictions: string[];
  /** global feature vocabulary */
  featureIds: Map<string, number>;
  featureNames: string[];
  /** per feature: bitset of the jurisdictions whose texts use it */
  featureJurisdictions: Uint32Array[];
  errors: { id: string; message: string }[];
}

const KIND_INDEX = new Map<Kind, number>(KINDS.map((k, i) => [k, i]));

/** Locate a gold quote in the normalized text: exactly, then ignoring whitespace, then by its first or last words. */
export function locateQuote(text: string, quote: string): { start: number; end: number } | null {
  const i = text.indexOf(quote);
  if (i >= 0) return { start: i, end: i + quote.length };
  const words = quote.trim().split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const tries = [words, words.slice(0, 8), words.slice(-8), words.slice(0, 4)];
  for (const ws of tries) {
    if (ws.length < 3 && ws !== words) continue;
    const m = new RegExp(ws.join('\\s*'), 'i').exec(text);
    if (m) return { start: m.index, end: m.index + m[0].length };
  }
  return null;
}

export async function loadCorpus(goldDir: string, lawDir: string, splits?: string[]): Promise<Corpus> {
  const gold = await loadGold(goldDir, splits);
  const manifest = await readManifest(lawDir);
  if (!manifest) throw new LawInputError(join(lawDir, 'manifest.json'), 'manifest.json not found (needed to map gold ids to files)');
  const byId = new Map(manifest.map((m) => [m.id, m]));
  // the corpus's section numbers resolve what a text cites (titles are text, not labels: no leak across folds)
  const references = referenceIndex(manifest);
  const featureIds = new Map<string, number>();
  const featureNames: string[] = [];
  const jurOfFeature: Set<number>[] = [];
  const jurIndex = new Map<string, number>();
  const items: CorpusItem[] = [];
  const errors: { id: string; message: string }[] = [];
  for (const g of gold) {
    const m = byId.get(g.id);
    if (!m) {
      errors.push({ id: g.id, message: 'not in manifest' });
      continue;
    }
    try {
      const doc = await readLawFile(await manifestFile(lawDir, m), { manifest: m });
      const jurisdiction = (m.jurisdiction ?? doc.jurisdiction) || '?';
      if (!jurIndex.has(jurisdiction)) jurIndex.set(jurisdiction, jurIndex.size);
      const ji = jurIndex.get(jurisdiction)!;
      const prep = prepare(doc, analysisText(doc), { references });
      const text = prep.model.text;
      const sents = prep.model.sentences;
      const goldKinds = new Set(g.findings.map((f) => f.kind));
      const positive = new Map<number, Set<number>>(); // kind index -> sentence indices carrying it
      let unlocated = 0;
      for (const f of g.findings) {
        const loc = locateQuote(text, f.quote);
        const k = KIND_INDEX.get(f.kind);
        if (k === undefined) continue;
        if (!loc) {
          unlocated++;
          continue;
        }
        let set = positive.get(k);
        if (!set) positive.set(k, (set = new Set()));
        sents.forEach((s, si) => {
          if (s.start < loc.end && s.end > loc.start) set.add(si);
        });
      }
      const feats: Int32Array[] = [];
      const labels: Int8Array[] = [];
      for (const c of prep.candidates) {
        const ids: number[] = [];
        for (const f of sentenceFeatures(c.text)) {
          let id = featureIds.get(f);
          if (id === undefined) {
            id = featureNames.length;
            featureIds.set(f, id);
            featureNames.push(f);
            jurOfFeature.push(new Set());
          }
          jurOfFeature[id]!.add(ji);
          ids.push(id);
        }
        feats.push(Int32Array.from(ids));
        const l = new Int8Array(KINDS.length);
        KINDS.forEach((k, j) => {
          l[j] = positive.get(j)?.has(c.si) ? 1 : goldKinds.has(k) ? -1 : 0;
        });
        labels.push(l);
      }
      items.push({ gold: g, jurisdiction, prep, feats, labels, unlocated });
    } catch (e) {
      errors.push({ id: g.id, message: e instanceof Error ? e.message : String(e) });
    }
  }
  const jurisdictions = [...jurIndex.keys()];
  const words = Math.ceil(jurisdictions.length / 32) || 1;
  const featureJurisdictions = jurOfFeature.map((set) => {
    const b = new Uint32Array(words);
    for (const j of set) b[j >> 5]! |= 1 << (j & 31);
    return b;
  });
  return { items, jurisdictions, featureIds, featureNames, featureJurisdictions, errors };
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

// ------------------------------------------------------------- cue evidence

export interface CueEvidence {
  /** "kind/cue id" */
  cue: string;
  /** gold texts where the cue fires and the gold has the kind it reports */
  supports: { id: string; jurisdiction: string }[];
  /** gold texts where the cue fires and the gold lacks the kind */
  against: { id: string; jurisdiction: string }[];
}

/** For every cue of every rule: the gold texts (of the given items) that justify it and those that contradict it. */
export function cueEvidence(items: CorpusItem[]): CueEvidence[] {
  const ev = new Map<string, CueEvidence>();
  for (const r of RULES) for (const c of r.cues) ev.set(`${r.kind}/${c.id}`, { cue: `${r.kind}/${c.id}`, supports: [], against: [] });
  for (const it of items) {
    const goldKinds = new Set(it.gold.findings.map((f) => f.kind));
    const seen = new Set<string>();
    for (const h of it.prep.hits) {
      const key = `${h.cue}|${h.kind}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const e = ev.get(h.cue);
      if (!e) continue;
      const ref = { id: it.gold.id, jurisdiction: it.jurisdiction };
      const list = goldKinds.has(h.kind) ? e.supports : e.against;
      if (!list.some((x) => x.id === ref.id)) list.push(ref);
    }
  }
  return [...ev.values()];
}

/** A cue is justified by at least two texts from at least two jurisdictions. */
export function justified(e: Pick<CueEvidence, 'supports'>): boolean {
  return e.supports.length >= 2 && new Set(e.supports.map((s) => s.jurisdiction)).size >= 2;
}

// ------------------------------------------------------------- training

/**
 * Which cues a training fold keeps: those supported by at least `cueMinTexts` of its texts (default 1: a cue must be
 * justified by some text outside the scored jurisdiction) and, when set, right at least `cueMinPrecision` of the time.
 */
export interface FoldCueRule {
  cueMinTexts?: number;
  cueMinPrecision?: number;
}

/** Share of kind-less sentences used in training (deterministic by text id and sentence number). */
export const NEGATIVE_SHARE = 0.4;
function hashUnit(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return (h >>> 0) / 4294967296;
}

export interface Trained {
  classifier: LinearModel;
  /** classifier vocabulary index of each global feature id (-1 when not in the vocabulary) */
  localOf: Int32Array;
  enabledCues: Set<string>;
}

/** Train the classifier and select the cues from the items of `train` only. */
export function trainOn(corpus: Corpus, trainItems: CorpusItem[], opts: TrainOptions & FoldCueRule = {}): Trained {
  const jurs = new Set(trainItems.map((i) => i.jurisdiction));
  const words = corpus.featureJurisdictions[0]?.length ?? 1;
  const allowed = new Uint32Array(words);
  corpus.jurisdictions.forEach((j, i) => {
    if (jurs.has(j)) allowed[i >> 5]! |= 1 << (i & 31);
  });
  const localOf = new Int32Array(corpus.featureNames.length).fill(-1);
  const vocab = new Map<string, number>();
  corpus.featureJurisdictions.forEach((b, id) => {
    let n = 0;
    for (let w = 0; w < b.length; w++) n += popcount((b[w]! & allowed[w]!) >>> 0);
    if (n >= MIN_JURISDICTIONS) {
      localOf[id] = vocab.size;
      vocab.set(corpus.featureNames[id]!, vocab.size);
    }
  });
  // every sentence that carries a kind, and a fixed share of those that carry none (they are ~97% of all sentences)
  const samples: Sample[] = [];
  for (const it of trainItems)
    it.feats.forEach((f, i) => {
      const labels = it.labels[i]!;
      const keep = labels.includes(1) || hashUnit(`${it.gold.id}#${i}`) < NEGATIVE_SHARE;
      if (keep) samples.push({ feats: mapFeats(f, localOf), labels });
    });
  const { weights, bias } = train(samples, vocab.size, opts);
  const minTexts = opts.cueMinTexts ?? 1;
  const enabledCues = new Set(
    cueEvidence(trainItems)
      .filter((e) => e.supports.length >= minTexts && (opts.cueMinPrecision === undefined || e.supports.length / (e.supports.length + e.against.length) >= opts.cueMinPrecision))
      .map((e) => e.cue),
  );
  return { classifier: { kinds: [...KINDS], vocab, weights, bias }, localOf, enabledCues };
}

function mapFeats(f: Int32Array, localOf: Int32Array): Int32Array {
  const out: number[] = [];
  for (let t = 0; t < f.length; t++) {
    const l = localOf[f[t]!]!;
    if (l >= 0) out.push(l);
  }
  return Int32Array.from(out);
}

export function predictItem(t: Trained, it: CorpusItem, mode: 'combined' | 'rules' = 'combined'): Finding[] {
  if (mode === 'rules') return decide(it.prep, { classifier: null, enabledCues: t.enabledCues });
  const scores = candidateScores(it.prep, t.classifier, it.feats.map((f) => mapFeats(f, t.localOf)));
  return decide(it.prep, { classifier: t.classifier, scores, enabledCues: t.enabledCues });
}

export interface LojoReport extends EvalReport {
  /** kind micro-F1 per held-out jurisdiction */
  perJurisdiction: Record<string, { documents: number; kindF1: number; kindDirectionF1: number }>;
  /** how well finding confidence ranks right findings (kind in the gold) above wrong ones: ROC AUC (0.5 = chance) */
  confidenceAuc: number;
}

/**
 * Leave-one-jurisdiction-out: for each jurisdiction, train on all the others (classifier and cue selection), predict
 * its texts; score all out-of-fold predictions together. Returns rules + classifier and, from the same folds, rules alone.
 */
export function crossValidate(
  corpus: Corpus,
  opts: TrainOptions & FoldCueRule & { onFold?: ((jurisdiction: string, i: number, n: number) => void) | undefined } = {},
): { combined: LojoReport; rulesOnly: LojoReport } {
  const preds = { combined: new Map<string, Prediction>(), rules: new Map<string, Prediction>() };
  const perJur = { combined: {} as LojoReport['perJurisdiction'], rules: {} as LojoReport['perJurisdiction'] };
  const ranked = { combined: [] as { score: number; right: boolean }[], rules: [] as { score: number; right: boolean }[] };
  for (const [fi, j] of corpus.jurisdictions.entries()) {
    opts.onFold?.(j, fi, corpus.jurisdictions.length);
    const held = corpus.items.filter((i) => i.jurisdiction === j);
    const t = trainOn(corpus, corpus.items.filter((i) => i.jurisdiction !== j), opts);
    for (const mode of ['combined', 'rules'] as const) {
      const local = new Map<string, Prediction>();
      for (const it of held) {
        const p = { id: it.gold.id, text: it.prep.original, findings: predictItem(t, it, mode) };
        const gold = new Set(it.gold.findings.map((f) => f.kind));
        for (const f of p.findings) ranked[mode].push({ score: f.confidence, right: gold.has(f.kind) });
        preds[mode].set(it.gold.id, p);
        local.set(it.gold.id, p);
      }
      const r = score(held.map((h) => h.gold), local);
      perJur[mode][j] = { documents: held.length, kindF1: r.microKind.f1, kindDirectionF1: r.microKindDirection.f1 };
    }
  }
  const golds = corpus.items.map((i) => i.gold);
  const combined = { ...score(golds, preds.combined), perJurisdiction: perJur.combined, confidenceAuc: rankAuc(ranked.combined) };
  const rulesOnly = { ...score(golds, preds.rules), perJurisdiction: perJur.rules, confidenceAuc: rankAuc(ranked.rules) };
  combined.errors = rulesOnly.errors = corpus.errors;
  return { combined, rulesOnly };
}

export function formatLojo(combined: LojoReport, rulesOnly: LojoReport): string {
  const f = (x: number) => x.toFixed(3);
  const rows = [
    'LEAVE-ONE-JURISDICTION-OUT cross-validation: each jurisdiction scored by a classifier trained and cues selected',
    'without any of its texts. Headline figure (rules + classifier):',
    `  kind micro-F1 ${f(combined.microKind.f1)}   kind+direction micro-F1 ${f(combined.microKindDirection.f1)}`,
    `  rules alone: kind ${f(rulesOnly.microKind.f1)}, kind+direction ${f(rulesOnly.microKindDirection.f1)}`,
    'The classifier ranks findings (it makes and vetoes none): ROC AUC of finding confidence, right vs wrong kind,',
    `  rules + classifier ${f(combined.confidenceAuc)}, rules alone ${f(rulesOnly.confidenceAuc)} (0.5 = chance)`,
    '',
    formatReport(combined),
    '',
    'per held-out jurisdiction: texts, kind F1, kind+direction F1',
  ];
  for (const [j, v] of Object.entries(combined.perJurisdiction).sort((a, b) => a[0].localeCompare(b[0])))
    rows.push(`  ${j.padEnd(4)} ${String(v.documents).padStart(3)}  ${v.kindF1.toFixed(2)}  ${v.kindDirectionF1.toFixed(2)}`);
  return rows.join('\n');
}
