// Bootstrap confidence intervals that repeat the model selection, as SparseMSE's
// estimatepopulation does: resample the observed capture histories from a multinomial with the
// observed proportions (the observed total held fixed), rerun the stepwise selection on every
// resample, and turn the replicate estimates into BCa intervals (DiCiccio & Efron 1996) with the
// acceleration from a delete-one-case jackknife over capture histories.
import { fittedCounts, fullCounts, stepwiseEstimate, totalObserved, type OverlapTable, type Pair } from './model.ts';
import { multinomial, pnorm, qnorm, quantileType8, seededRandom } from './numeric.ts';

/**
 * observed: multinomial resamples of the observed histories with their observed proportions (SparseMSE's estimatepopulation).
 * fitted: samples from the selected model — the number observed ~ Binomial(N̂, observed share), then a multinomial over
 * every history with the model's fitted means (as SparseMSE's BICandbootstrapsim simulates).
 */
export type Resample = 'observed' | 'fitted';

export interface BootstrapResult {
  replicates: number;
  resample: Resample;
  /** Resamples whose selected model gave no finite estimate (left out of the intervals). */
  failed: number;
  seed: number;
  acceleration: number;
  biasCorrection: number;
  /** BCa quantiles of the total population, keyed by the nominal probability. */
  quantiles: { p: number; value: number; adjustedP: number; atEdge: boolean }[];
}

export const DEFAULT_ALPHA = [0.025, 0.05, 0.1, 0.9, 0.95, 0.975];

export function bootstrapEstimate(
  t: OverlapTable,
  pointEstimate: number,
  opts: { replicates?: number; seed?: number; pThreshold?: number; alpha?: number[]; naive?: boolean; resample?: Resample; pairs?: readonly Pair[] } = {},
): BootstrapResult {
  const replicates = opts.replicates ?? 1000;
  const seed = opts.seed ?? 1234;
  const pThreshold = opts.pThreshold ?? 0.02;
  const alpha = opts.alpha ?? DEFAULT_ALPHA;
  const m = t.lists.length;
  const random = seededRandom(seed);
  const weights = t.rows.map((r) => r.count);
  const n = totalObserved(t);
  const reps: number[] = [];
  let failed = 0;
  const full = new Float64Array(1 << m);
  const resample = opts.resample ?? 'observed';
  const fitted = resample === 'fitted' ? fittedCounts(t, opts.pairs ?? []) : null;
  if (resample === 'fitted' && !fitted) throw new Error('the selected model could not be refitted for the parametric bootstrap');
  const fittedWeights = fitted ? [...fitted] : [];
  const fittedTotal = fittedWeights.reduce((s, v) => s + v, 0);
  const population = Math.round(pointEstimate);
  for (let b = 0; b < replicates; b++) {
    full.fill(0);
    if (fitted) {
      // Binomial(N̂, share observed) by counting successes: N̂ is at most a few hundred thousand here.
      let nObs = 0;
      const share = fittedTotal / pointEstimate;
      for (let i = 0; i < population; i++) if (random() < share) nObs++;
      multinomial(nObs, fittedWeights, random).forEach((c, h) => (full[h] = c));
    } else {
      const counts = multinomial(n, weights, random);
      t.rows.forEach((r, i) => (full[r.history]! += counts[i]!));
    }
    const est = stepwiseEstimate(full, m, pThreshold, opts.naive);
    if (Number.isFinite(est)) reps.push(est);
    else failed++;
  }
  // Jackknife: remove one case from each observed history in turn.
  const base = fullCounts(t);
  const jack: number[] = [];
  const jackWeights: number[] = [];
  for (const r of t.rows) {
    if (r.count <= 0) continue;
    base[r.history]!--;
    const est = stepwiseEstimate(base, m, pThreshold, opts.naive);
    base[r.history]!++;
    if (Number.isFinite(est)) {
      jack.push(est);
      jackWeights.push(r.count);
    }
  }
  const wsum = jackWeights.reduce((s, w) => s + w, 0);
  const jmean = jack.reduce((s, v, i) => s + v * jackWeights[i]!, 0) / wsum;
  let num = 0;
  let den = 0;
  jack.forEach((v, i) => {
    const d = jmean - v;
    num += jackWeights[i]! * d ** 3;
    den += jackWeights[i]! * d ** 2;
  });
  const acceleration = den > 0 ? num / (6 * den ** 1.5) : 0;
  const sorted = reps.slice().sort((a, b) => a - b);
  const below = sorted.filter((v) => v < pointEstimate).length / Math.max(1, sorted.length);
  const z0 = qnorm(below);
  const quantiles = alpha.map((p) => {
    const za = qnorm(p);
    const adj = pnorm(z0 + (za + z0) / (1 - acceleration * (za + z0)));
    const value = Number.isFinite(z0) && sorted.length > 0 ? quantileType8(sorted, adj) : NaN;
    // Beyond 1/(B+1) or B/(B+1) the quantile is the most extreme replicate: not a reliable interval end.
    const atEdge = !(adj >= 1 / (sorted.length + 1) && adj <= sorted.length / (sorted.length + 1));
    return { p, value, adjustedP: adj, atEdge };
  });
  return { replicates, resample, failed, seed, acceleration, biasCorrection: z0, quantiles };
}
