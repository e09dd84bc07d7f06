// Statistical side of the analyzer: one-vs-rest logistic regression per rubric kind over sentence features
// (word unigrams and bigrams, and word-initial 5-character grams so that "prostitute", "prostitution" and
// "prostituted" share a feature). Trained in the repository from the shared gold (src/law/train.ts writes
// src/law/weights.json); nothing is downloaded at run time.
//
// Generalization is built in, not tuned: a feature is kept only when it occurs in training texts of at least
// MIN_JURISDICTIONS jurisdictions, so one state's statute numbers, names and drafting quirks carry no weight.
// Digits are never features.
import { KINDS, type Kind } from './rules/types.ts';

export const MIN_JURISDICTIONS = 3;

const WORD = /[a-z]+/g;
// function words carry no meaning alone; they still join bigrams ("shall not", "not be")
const STOP = new Set('a an the of to in on at by or and for as be is are was were it its this that such with any from shall may'.split(' '));

/** Feature strings of one sentence, deduplicated. */
export function sentenceFeatures(sentence: string): string[] {
  const words = sentence.toLowerCase().match(WORD) ?? [];
  const out = new Set<string>();
  let prev = '';
  for (const w of words) {
    if (w.length > 1 && !STOP.has(w)) out.add(w);
    if (w.length >= 6) out.add(`${w.slice(0, 5)}~`);
    if (prev) out.add(`${prev} ${w}`);
    prev = w;
  }
  return [...out];
}

export interface Sample {
  /** feature indices (into the training vocabulary or the model's) */
  feats: Int32Array;
  /** per kind: 1 positive, 0 negative, -1 unknown (not used for that kind) */
  labels: Int8Array;
}

export interface TrainOptions {
  epochs?: number;
  /** L2 strength per update */
  l2?: number;
  /** AdaGrad base learning rate */
  rate?: number;
  seed?: number;
  /** non-zero weights kept per kind (default KEEP_PER_KIND) */
  keepPerKind?: number;
}

/** A trained model: weights per kind over a vocabulary of feature strings. */
export interface LinearModel {
  kinds: Kind[];
  vocab: Map<string, number>;
  /** weights[k] is a dense Float32Array over vocab */
  weights: Float32Array[];
  bias: Float32Array;
}

function lcg(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/**
 * Train one logistic regression per kind with AdaGrad SGD. Positive samples are weighted by the square root of
 * the negative:positive ratio of their kind (rare kinds would otherwise never be predicted).
 */
export function train(samples: Sample[], vocabSize: number, opts: TrainOptions = {}): { weights: Float32Array[]; bias: Float32Array } {
  const K = KINDS.length;
  const epochs = opts.epochs ?? 4;
  const l2 = opts.l2 ?? 1e-4;
  const rate = opts.rate ?? 0.5;
  const weights = Array.from({ length: K }, () => new Float32Array(vocabSize));
  const g2 = Array.from({ length: K }, () => new Float32Array(vocabSize).fill(1e-6));
  const bias = new Float32Array(K);
  const bg2 = new Float32Array(K).fill(1e-6);
  const posW = new Float32Array(K);
  for (let k = 0; k < K; k++) {
    let pos = 0;
    let neg = 0;
    for (const s of samples) {
      const l = s.labels[k]!;
      if (l === 1) pos++;
      else if (l === 0) neg++;
    }
    posW[k] = pos ? Math.min(30, Math.sqrt(neg / pos)) : 0;
    // a kind never seen positive in training is never predicted
    if (!pos) bias[k] = -20;
  }
  // start each bias at the log-odds of its kind so early updates are not spent on the prior
  const order = samples.map((_, i) => i);
  const rnd = lcg(opts.seed ?? 13);
  for (let ep = 0; ep < epochs; ep++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const idx of order) {
      const s = samples[idx]!;
      const f = s.feats;
      const scale = 1 / Math.sqrt(Math.max(1, f.length));
      for (let k = 0; k < K; k++) {
        const l = s.labels[k]!;
        if (l < 0 || posW[k] === 0) continue;
        const w = weights[k]!;
        let z = bias[k]!;
        for (let t = 0; t < f.length; t++) z += w[f[t]!]! * scale;
        const p = 1 / (1 + Math.exp(-z));
        const g = (p - l) * (l === 1 ? posW[k]! : 1);
        if (Math.abs(g) < 1e-4) continue;
        const G = g2[k]!;
        for (let t = 0; t < f.length; t++) {
          const fi = f[t]!;
          const gi = g * scale + l2 * w[fi]!;
          G[fi]! += gi * gi;
          w[fi]! -= (rate * gi) / Math.sqrt(G[fi]!);
        }
        bg2[k]! += g * g;
        bias[k]! -= (rate * g) / Math.sqrt(bg2[k]!);
      }
    }
  }
  for (const w of weights) keepStrongest(w, opts.keepPerKind ?? KEEP_PER_KIND);
  return { weights, bias };
}

/** Weights kept per kind after training: the strongest only, so the shipped file stays small and readable. */
export const KEEP_PER_KIND = 300;
function keepStrongest(w: Float32Array, n: number): void {
  if (w.length <= n) return;
  const mags = Float32Array.from(w, Math.abs).sort();
  const cut = mags[mags.length - n]!;
  for (let i = 0; i < w.length; i++) if (Math.abs(w[i]!) < cut) w[i] = 0;
}

/** Probability per kind for a sentence's features (indices into the model's vocabulary). */
export function predict(model: LinearModel, feats: Int32Array, out: Float32Array = new Float32Array(model.kinds.length)): Float32Array {
  const scale = 1 / Math.sqrt(Math.max(1, feats.length));
  for (let k = 0; k < model.kinds.length; k++) {
    const w = model.weights[k]!;
    let z = model.bias[k]!;
    for (let t = 0; t < feats.length; t++) z += w[feats[t]!]! * scale;
    out[k] = 1 / (1 + Math.exp(-z));
  }
  return out;
}

/** Indices of a sentence's features in the model's vocabulary (unknown features dropped). */
export function featureIndices(model: LinearModel, sentence: string): Int32Array {
  const out: number[] = [];
  for (const f of sentenceFeatures(sentence)) {
    const i = model.vocab.get(f);
    if (i !== undefined) out.push(i);
  }
  return Int32Array.from(out);
}

// ------------------------------------------------------------- weights file

/** Serialized form: sparse weights rounded to 2 decimals; features whose weight is ~0 for every kind are dropped. */
export interface WeightsFile {
  about: string;
  kinds: string[];
  minJurisdictions: number;
  vocab: string[];
  bias: number[];
  /** per kind: [vocab index, weight] pairs */
  weights: [number, number][][];
}

export function toWeightsFile(model: LinearModel, about: string, minWeight = 0.02): WeightsFile {
  const names = [...model.vocab.keys()];
  const keep: number[] = [];
  for (let i = 0; i < names.length; i++) if (model.weights.some((w) => Math.abs(w[i]!) >= minWeight)) keep.push(i);
  const newIndex = new Map(keep.map((old, i) => [old, i]));
  return {
    about,
    kinds: model.kinds,
    minJurisdictions: MIN_JURISDICTIONS,
    vocab: keep.map((i) => names[i]!),
    bias: [...model.bias].map((b) => Math.round(b * 1000) / 1000),
    weights: model.weights.map((w) => {
      const pairs: [number, number][] = [];
      for (const old of keep) if (Math.abs(w[old]!) >= minWeight) pairs.push([newIndex.get(old)!, Math.round(w[old]! * 100) / 100]);
      return pairs;
    }),
  };
}

export function fromWeightsFile(f: WeightsFile): LinearModel {
  const known = new Set<string>(KINDS);
  for (const k of f.kinds) if (!known.has(k)) throw new Error(`weights file names an unknown kind: ${k}`);
  const vocab = new Map(f.vocab.map((v, i) => [v, i]));
  return {
    kinds: f.kinds as Kind[],
    vocab,
    bias: Float32Array.from(f.bias),
    weights: f.weights.map((pairs) => {
      const w = new Float32Array(f.vocab.length);
      for (const [i, x] of pairs) w[i] = x;
      return w;
    }),
  };
}
