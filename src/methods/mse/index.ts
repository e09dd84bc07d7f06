// Hidden-population estimates by multiple systems estimation: one call from an overlap table to
// everything a reader needs — the checks, the chosen model, the estimate beside the observed
// count, the bootstrap interval and the main-effects alternative.
import { bootstrapEstimate, type BootstrapResult, type Resample } from './bootstrap.ts';
import { checkModel, fitModel, fullCounts, normalInterval, pairName, stepwise, totalObserved, type OverlapTable, type StepRecord } from './model.ts';
import { MSE_CRITIQUES } from './studies.ts';

export const MAX_REPLICATES = 2000;

export interface MseEstimate {
  lists: string[];
  /** Cases on at least one list. */
  observed: number;
  check: { exists: boolean; identifiable: boolean; message: string };
  method: string;
  model: {
    twoListEffects: string[];
    /** Two-list effects between lists with no case in common, fitted as −∞ (histories removed). */
    nonOverlappingEffects: string[];
    steps: StepRecord[];
    coefficients: { term: string; value: number }[];
    deviance: number;
    aic: number;
  } | null;
  /** observed + estimated never listed; null when no estimate exists. */
  estimate: number | null;
  darkFigure: number | null;
  interval: {
    level: number;
    low: number;
    high: number;
    method: string;
    /** An end at the edge of the bootstrap distribution: more resamples will not make it reliable. */
    atEdge: boolean;
  } | null;
  interval80: { low: number; high: number } | null;
  /** The Wald interval on the log scale from the selected model alone (ignores model selection). */
  naiveInterval: { level: number; low: number; high: number } | null;
  bootstrap: Omit<BootstrapResult, 'quantiles'> | null;
  mainEffectsEstimate: number | null;
  /**
   * The same data under other p-value thresholds for adding a two-list effect (0 = main effects
   * only): how much the answer moves with the modelling choice the critiques point at.
   */
  sensitivity: { pThreshold: number; estimate: number | null; twoListEffects: string[] }[];
  critiques: typeof MSE_CRITIQUES;
}

export const SENSITIVITY_THRESHOLDS = [0, 0.001, 0.01, 0.02, 0.05, 0.1];

function sensitivity(t: OverlapTable): MseEstimate['sensitivity'] {
  return SENSITIVITY_THRESHOLDS.map((p) => {
    const s = p === 0 ? null : stepwise(t, p);
    const m = p === 0 ? fitModel(t, []) : s?.model ?? null;
    return { pThreshold: p, estimate: m && m.converged ? m.estimate : null, twoListEffects: m ? m.pairs.map((x) => pairName(t, x)) : [] };
  });
}

const METHOD =
  'Poisson log-linear model; two-list effects chosen stepwise (SparseMSE method: add the effect with the smallest one-sided Poisson p-value while it is below 0.02 and the model passes the existence and identifiability checks); ' +
  'dark figure = exp(intercept); 95% interval: BCa (acceleration from a delete-one-case jackknife) over parametric multinomial resamples of the observed capture-history counts, as SparseMSE’s estimatepopulation draws them, with the stepwise selection repeated on every resample.';

export function estimatePopulation(t: OverlapTable, opts: { replicates?: number; seed?: number; pThreshold?: number; resample?: Resample } = {}): MseEstimate {
  const replicates = Math.min(opts.replicates ?? 1000, MAX_REPLICATES);
  const observed = totalObserved(t);
  const mainCheck = checkModel(fullCounts(t), t.lists.length, []);
  const base = { lists: t.lists, observed, method: METHOD, critiques: MSE_CRITIQUES, sensitivity: [] as MseEstimate['sensitivity'] };
  if (!mainCheck.exists || !mainCheck.identifiable) {
    const why = [
      !mainCheck.exists ? 'the maximum likelihood estimate does not exist for these counts (the linear-programming test fails): the data cannot bound the number never listed' : '',
      !mainCheck.identifiable ? 'the model is not identifiable from the histories observed' : '',
    ]
      .filter(Boolean)
      .join('; ');
    return {
      ...base,
      check: { ...mainCheck, message: `No estimate: even the main-effects model fails — ${why}.` },
      model: null,
      estimate: null,
      darkFigure: null,
      interval: null,
      interval80: null,
      naiveInterval: null,
      bootstrap: null,
      mainEffectsEstimate: null,
    };
  }
  const sel = stepwise(t, opts.pThreshold ?? 0.02);
  const main = fitModel(t, []);
  if (!sel || !sel.model.converged) {
    return {
      ...base,
      check: { ...mainCheck, message: 'The checks pass but the model fit did not converge; no estimate is given.' },
      model: null,
      estimate: null,
      darkFigure: null,
      interval: null,
      interval80: null,
      naiveInterval: null,
      bootstrap: null,
      mainEffectsEstimate: main?.estimate ?? null,
    };
  }
  const m = sel.model;
  let interval: MseEstimate['interval'] = null;
  let interval80: MseEstimate['interval80'] = null;
  let boot: MseEstimate['bootstrap'] = null;
  if (replicates > 0) {
    const b = bootstrapEstimate(t, m.estimate, { replicates, seed: opts.seed, pThreshold: opts.pThreshold, resample: opts.resample, pairs: m.pairs });
    const q = (p: number) => b.quantiles.find((x) => x.p === p)?.value ?? NaN;
    const edge = (p: number) => b.quantiles.find((x) => x.p === p)?.atEdge ?? true;
    if (Number.isFinite(q(0.025)) && Number.isFinite(q(0.975)))
      interval = {
        level: 0.95, low: q(0.025), high: q(0.975), atEdge: edge(0.025) || edge(0.975),
        method: `BCa bootstrap, model selection repeated (${b.resample === 'fitted' ? 'samples from the selected model' : 'multinomial resamples of the observed histories'})`,
      };
    if (Number.isFinite(q(0.1)) && Number.isFinite(q(0.9))) interval80 = { low: q(0.1), high: q(0.9) };
    const { quantiles: _q, ...rest } = b;
    boot = rest;
  }
  const [lo, hi] = normalInterval(m);
  return {
    ...base,
    sensitivity: sensitivity(t),
    check: { ...mainCheck, message: 'The estimate exists and is identifiable (linear-programming and rank checks), and every model considered was checked the same way.' },
    model: {
      twoListEffects: m.pairs.map((p) => pairName(t, p)),
      nonOverlappingEffects: m.emptyPairs.map((p) => pairName(t, p)),
      steps: sel.steps,
      coefficients: m.coefficients,
      deviance: m.deviance,
      aic: m.aic,
    },
    estimate: m.estimate,
    darkFigure: m.darkFigure,
    interval,
    interval80,
    naiveInterval: { level: 0.95, low: lo, high: hi },
    bootstrap: boot,
    mainEffectsEstimate: main?.estimate ?? null,
  };
}
