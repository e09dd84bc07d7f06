// Log-linear models for multiple systems estimation, following the method of SparseMSE
// (Chan, Silverman & Vincent 2021, "Multiple systems estimation for sparse capture data:
// inferential challenges when there are nonoverlapping lists", JASA 116:1297–1306; R package
// SparseMSE 2.0.1). Re-implemented here from the published description and the package's
// documented behaviour:
//  * the count of each capture history is Poisson with log mean = intercept + list effects +
//    the chosen two-list effects; the dark figure (history 00…0) is exp(intercept);
//  * a two-list effect whose lists share no case ("non-overlapping pair") is fitted as −∞ by
//    dropping every history containing both lists (the extended MLE), not as a free parameter;
//  * before a model is used, the existence (linear program) and identifiability (rank) checks run;
//  * stepwise selection: start from main effects; at each step add the two-list effect whose
//    one-sided Poisson p-value (observed joint count against its fitted mean) is smallest, if it
//    is below the threshold (0.02) and the enlarged model passes both checks.
import { poissonGlm } from './glm.ts';
import { maxInteriorMargin } from './lp.ts';
import { columnRank, poissonCdf, poissonUpper, qnorm } from './numeric.ts';

/** A list-overlap table: list names and the count for each capture history (bit i = on list i). */
export interface OverlapTable {
  lists: string[];
  /** Observed rows as given (history bitmask, count), zero counts allowed, no duplicates, no 0…0 row. */
  rows: { history: number; count: number }[];
}

export type Pair = readonly [number, number];

export interface ModelCheck {
  /** The extended maximum likelihood estimate exists (linear program of Fienberg & Rinaldo). */
  exists: boolean;
  /** The design restricted to the retained histories has full column rank. */
  identifiable: boolean;
}

export interface FittedModel {
  pairs: Pair[];
  /** Pairs in the model with no case in common: fitted as −∞ (their histories removed). */
  emptyPairs: Pair[];
  /** exp(intercept): the estimated number never listed. */
  darkFigure: number;
  observed: number;
  /** observed + dark figure. */
  estimate: number;
  /** Standard error of the intercept (log scale). */
  logSe: number;
  deviance: number;
  /** AIC as SparseMSE reports it: glm AIC + 2 per non-overlapping pair in the model. */
  aic: number;
  coefficients: { term: string; value: number }[];
  converged: boolean;
}

export function totalObserved(t: OverlapTable): number {
  return t.rows.reduce((s, r) => s + r.count, 0);
}

export function pairName(t: OverlapTable, p: Pair): string {
  return `${t.lists[p[0]]}:${t.lists[p[1]]}`;
}

export function allPairs(m: number): Pair[] {
  const out: Pair[] = [];
  for (let i = 0; i < m - 1; i++) for (let j = i + 1; j < m; j++) out.push([i, j]);
  return out;
}

/** Counts for every possible capture history 1 … 2^m − 1 (zero where not listed). */
export function fullCounts(t: OverlapTable): Float64Array {
  const full = new Float64Array(1 << t.lists.length);
  for (const r of t.rows) full[r.history]! += r.count;
  return full;
}

const bit = (h: number, i: number): number => (h >> i) & 1;

interface Design {
  histories: number[];
  y: number[];
  x: number[][];
  overlapping: Pair[];
  empty: Pair[];
}

function design(full: Float64Array, m: number, pairs: readonly Pair[]): Design {
  const empty: Pair[] = [];
  const overlapping: Pair[] = [];
  for (const p of pairs) {
    let joint = 0;
    for (let h = 1; h < full.length; h++) if (bit(h, p[0]) && bit(h, p[1])) joint += full[h]!;
    (joint === 0 ? empty : overlapping).push(p);
  }
  const histories: number[] = [];
  const y: number[] = [];
  const x: number[][] = [];
  for (let h = 1; h < full.length; h++) {
    if (empty.some((p) => bit(h, p[0]) && bit(h, p[1]))) continue;
    histories.push(h);
    y.push(full[h]!);
    const row = [1];
    for (let i = 0; i < m; i++) row.push(bit(h, i));
    for (const p of overlapping) row.push(bit(h, p[0]) * bit(h, p[1]));
    x.push(row);
  }
  return { histories, y, x, overlapping, empty };
}

/** Existence and identifiability checks depend only on which histories are non-zero and on the model. */
const checkCache = new Map<string, ModelCheck>();

export function checkModel(full: Float64Array, m: number, pairs: readonly Pair[], useCache = true): ModelCheck {
  if (!useCache) return computeCheck(full, m, pairs);
  let key = `${m}|${pairs.map((p) => p[0] * 16 + p[1]).join(',')}|`;
  for (let h = 1; h < full.length; h++) key += full[h]! > 0 ? '1' : '0';
  const hit = checkCache.get(key);
  if (hit) return hit;
  const result = computeCheck(full, m, pairs);
  if (checkCache.size > 50_000) checkCache.clear();
  checkCache.set(key, result);
  return result;
}

function computeCheck(full: Float64Array, m: number, pairs: readonly Pair[]): ModelCheck {
  const d = design(full, m, pairs);
  const p = d.x[0]?.length ?? 0;
  const t = new Array<number>(p).fill(0);
  for (let i = 0; i < d.y.length; i++) for (let k = 0; k < p; k++) t[k]! += d.x[i]![k]! * d.y[i]!;
  const identifiable = d.x.length > 0 && columnRank(d.x, p) === p;
  const exists = d.x.length > 0 && maxInteriorMargin(d.x, t) > 1e-9 * Math.max(1, t[0]!);
  return { exists, identifiable };
}

interface RawFit {
  design: Design;
  fitted: number[];
  coefficients: number[];
  logVar: number;
  deviance: number;
  converged: boolean;
}

function fitRaw(full: Float64Array, m: number, pairs: readonly Pair[]): RawFit | null {
  const d = design(full, m, pairs);
  const fit = poissonGlm(d.x, d.y);
  if (!fit) return null;
  return { design: d, fitted: fit.fitted, coefficients: fit.coefficients, logVar: fit.interceptVariance, deviance: fit.deviance, converged: fit.converged };
}

function describe(t: OverlapTable, raw: RawFit, pairs: readonly Pair[]): FittedModel {
  const observed = totalObserved(t);
  const darkFigure = Math.exp(raw.coefficients[0]!);
  const terms = ['(intercept)', ...t.lists, ...raw.design.overlapping.map((p) => pairName(t, p))];
  // Poisson log-likelihood for the AIC, as glm computes it (with the log(y!) term).
  let loglik = 0;
  raw.design.y.forEach((y, i) => {
    const mu = raw.fitted[i]!;
    loglik += y * Math.log(mu) - mu - logFactorial(y);
  });
  return {
    pairs: [...pairs],
    emptyPairs: raw.design.empty,
    darkFigure,
    observed,
    estimate: observed + darkFigure,
    logSe: Math.sqrt(raw.logVar),
    deviance: raw.deviance,
    aic: -2 * loglik + 2 * raw.coefficients.length + 2 * raw.design.empty.length,
    coefficients: terms.map((term, i) => ({ term, value: raw.coefficients[i]! })),
    converged: raw.converged,
  };
}

function logFactorial(n: number): number {
  let s = 0;
  for (let k = 2; k <= n; k++) s += Math.log(k);
  return s;
}

/** Fit one given model (no selection). Null when the fit fails numerically. */
export function fitModel(t: OverlapTable, pairs: readonly Pair[]): FittedModel | null {
  const raw = fitRaw(fullCounts(t), t.lists.length, pairs);
  return raw ? describe(t, raw, pairs) : null;
}

/** Fitted mean count of every capture history under a model (0 for histories the model rules out). */
export function fittedCounts(t: OverlapTable, pairs: readonly Pair[]): Float64Array | null {
  const raw = fitRaw(fullCounts(t), t.lists.length, pairs);
  if (!raw) return null;
  const out = new Float64Array(1 << t.lists.length);
  raw.design.histories.forEach((h, i) => (out[h] = raw.fitted[i]!));
  return out;
}

export interface StepRecord {
  added: string;
  pValue: number;
  estimateAfter: number;
}

/** Stepwise selection as in SparseMSE's stepwisefit; returns the chosen model and the steps taken. */
export function stepwise(t: OverlapTable, pThreshold = 0.02): { model: FittedModel; steps: StepRecord[] } | null {
  const full = fullCounts(t);
  const steps: StepRecord[] = [];
  const raw = stepwiseRaw(full, t.lists.length, pThreshold, (added, pValue, fit) =>
    steps.push({ added: pairName(t, added), pValue, estimateAfter: totalObserved(t) + Math.exp(fit.coefficients[0]!) }),
  );
  if (!raw) return null;
  return { model: describe(t, raw.fit, raw.pairs), steps };
}

/** Only the population estimate (observed + dark figure) of the stepwise model: the bootstrap's inner loop. */
export function stepwiseEstimate(full: Float64Array, m: number, pThreshold: number, naive = false): number {
  const raw = stepwiseRaw(full, m, pThreshold, undefined, naive);
  if (!raw || !raw.fit.converged) return NaN;
  let observed = 0;
  for (let h = 1; h < full.length; h++) observed += full[h]!;
  return observed + Math.exp(raw.fit.coefficients[0]!);
}

function stepwiseRaw(
  full: Float64Array,
  m: number,
  pThreshold: number,
  onStep?: (added: Pair, pValue: number, fit: RawFit) => void,
  /** Check every candidate afresh, as the R code does (for the benchmark's comparison only). */
  naive = false,
): { fit: RawFit; pairs: Pair[] } | null {
  const candidates = allPairs(m);
  const joint = candidates.map((p) => {
    let s = 0;
    for (let h = 1; h < full.length; h++) if (bit(h, p[0]) && bit(h, p[1])) s += full[h]!;
    return s;
  });
  let pairs: Pair[] = [];
  // The main-effects model is fitted without the checks, as in SparseMSE.
  let fit = fitRaw(full, m, pairs);
  if (!fit) return null;
  const included = new Array<boolean>(candidates.length).fill(false);
  for (let cycle = 0; cycle < candidates.length; cycle++) {
    let best = -1;
    let bestP = 1;
    for (let j = 0; j < candidates.length; j++) {
      if (included[j]) continue;
      const [a, b] = candidates[j]!;
      let expected = 0;
      fit.design.histories.forEach((h, i) => {
        if (bit(h, a) && bit(h, b)) expected += fit!.fitted[i]!;
      });
      let p = Math.min(poissonCdf(joint[j]!, expected), poissonUpper(joint[j]!, expected));
      if (p < pThreshold || naive) {
        const check = checkModel(full, m, [...pairs, candidates[j]!], !naive);
        if (!check.exists || !check.identifiable) p = 1;
      }
      if (p < bestP) {
        bestP = p;
        best = j;
      }
    }
    if (best < 0 || bestP >= pThreshold) break;
    const nextPairs = [...pairs, candidates[best]!];
    const next = fitRaw(full, m, nextPairs);
    if (!next) return null;
    pairs = nextPairs;
    fit = next;
    included[best] = true;
    onStep?.(candidates[best]!, bestP, next);
  }
  return { fit, pairs };
}

/** Normal-theory interval on the log scale for the dark figure, as estimatepopulation.0 reports it. */
export function normalInterval(model: FittedModel, level = 0.95): [number, number] {
  const z = qnorm(1 - (1 - level) / 2);
  const mean = Math.log(model.darkFigure);
  return [model.observed + Math.exp(mean - z * model.logSe), model.observed + Math.exp(mean + z * model.logSe)];
}
