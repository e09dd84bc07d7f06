// Poisson log-linear regression by iteratively reweighted least squares (Fisher scoring), the
// algorithm R's glm(family = poisson) uses: start from mu = y + 0.1, solve the weighted normal
// equations, stop when the deviance changes by less than 1e-8 relative.
import { choleskySolve, inverseFirstDiagonal } from './numeric.ts';

export interface PoissonFit {
  coefficients: number[];
  /** Fitted means for each row of the design. */
  fitted: number[];
  deviance: number;
  /** Var(intercept) from the inverse Fisher information, as in summary(glm)$cov.unscaled[1, 1]. */
  interceptVariance: number;
  iterations: number;
  converged: boolean;
}

/** Fit log(mu) = X beta to counts y. `x` is row-major: x[i] is the parameter row of observation i. */
export function poissonGlm(x: readonly (readonly number[])[], y: readonly number[], maxIterations = 50): PoissonFit | null {
  const n = y.length;
  const p = x[0]?.length ?? 0;
  if (n === 0 || p === 0) return null;
  // Flat row-major copy: the inner loops run thousands of times per bootstrap.
  const xf = new Float64Array(n * p);
  for (let i = 0; i < n; i++) for (let a = 0; a < p; a++) xf[i * p + a] = x[i]![a]!;
  const mu = new Float64Array(n);
  const eta = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    mu[i] = y[i]! + 0.1;
    eta[i] = Math.log(mu[i]!);
  }
  let beta: Float64Array = new Float64Array(p);
  let dev = deviance(y, mu);
  let converged = false;
  let it = 0;
  const xtwx = new Float64Array(p * p);
  const xtwz = new Float64Array(p);
  for (it = 1; it <= maxIterations; it++) {
    xtwx.fill(0);
    xtwz.fill(0);
    for (let i = 0; i < n; i++) {
      const wi = mu[i]!;
      const zi = eta[i]! + (y[i]! - wi) / wi;
      const o = i * p;
      for (let a = 0; a < p; a++) {
        const ra = xf[o + a]!;
        if (ra === 0) continue;
        const wra = wi * ra;
        xtwz[a]! += wra * zi;
        for (let b = 0; b <= a; b++) xtwx[a * p + b]! += wra * xf[o + b]!;
      }
    }
    for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) xtwx[b * p + a] = xtwx[a * p + b]!;
    const next = choleskySolve(xtwx, p, xtwz);
    if (!next) return null;
    beta = next;
    for (let i = 0; i < n; i++) {
      let e = 0;
      const o = i * p;
      for (let a = 0; a < p; a++) e += xf[o + a]! * beta[a]!;
      eta[i] = e;
      mu[i] = Math.exp(e);
    }
    const newDev = deviance(y, mu);
    if (!Number.isFinite(newDev)) return null;
    if (Math.abs(newDev - dev) / (Math.abs(newDev) + 0.1) < 1e-8) {
      dev = newDev;
      converged = true;
      break;
    }
    dev = newDev;
  }
  // Information at the final estimate (R reports the covariance from the last IRLS weights).
  xtwx.fill(0);
  for (let i = 0; i < n; i++) {
    const o = i * p;
    for (let a = 0; a < p; a++) {
      const wa = mu[i]! * xf[o + a]!;
      if (wa === 0) continue;
      for (let b = 0; b <= a; b++) xtwx[a * p + b]! += wa * xf[o + b]!;
    }
  }
  for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) xtwx[b * p + a] = xtwx[a * p + b]!;
  const v0 = inverseFirstDiagonal(xtwx, p);
  return {
    coefficients: [...beta],
    fitted: [...mu],
    deviance: dev,
    interceptVariance: v0 ?? NaN,
    iterations: it,
    converged,
  };
}

function deviance(y: readonly number[], mu: Float64Array): number {
  let d = 0;
  for (let i = 0; i < y.length; i++) {
    const yi = y[i]!;
    d += 2 * ((yi > 0 ? yi * Math.log(yi / mu[i]!) : 0) - (yi - mu[i]!));
  }
  return d;
}
