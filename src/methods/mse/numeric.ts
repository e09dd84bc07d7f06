// Small numeric kernels for multiple systems estimation: dense linear algebra for the Poisson GLM,
// distribution functions for the stepwise p-values and BCa intervals, and a seeded random source.
// Sizes are tiny (at most 1 + 10 + 45 parameters, 1,023 capture histories), so plain arrays win.

/** Solve the symmetric positive-definite system M x = b by Cholesky; null when M is not positive definite. */
export function choleskySolve(m: Float64Array, n: number, b: Float64Array): Float64Array | null {
  const l = cholesky(m, n);
  if (!l) return null;
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i * n + k]! * y[k]!;
    y[i] = s / l[i * n + i]!;
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < n; k++) s -= l[k * n + i]! * x[k]!;
    x[i] = s / l[i * n + i]!;
  }
  return x;
}

/** Lower-triangular Cholesky factor (row-major), or null if a pivot is not clearly positive. */
export function cholesky(m: Float64Array, n: number): Float64Array | null {
  const l = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = m[i * n + j]!;
      for (let k = 0; k < j; k++) s -= l[i * n + k]! * l[j * n + k]!;
      if (i === j) {
        if (!(s > 1e-12 * Math.max(1, Math.abs(m[i * n + i]!)))) return null;
        l[i * n + i] = Math.sqrt(s);
      } else {
        l[i * n + j] = s / l[j * n + j]!;
      }
    }
  }
  return l;
}

/** The (0,0) element of the inverse of a positive-definite matrix: the variance of the intercept. */
export function inverseFirstDiagonal(m: Float64Array, n: number): number | null {
  const e = new Float64Array(n);
  e[0] = 1;
  const x = choleskySolve(m, n, e);
  return x ? x[0]! : null;
}

/**
 * Column rank of a rows×cols matrix, computed as the rank of its Gram matrix XᵀX (same rank).
 * For 0/1 design matrices XᵀX holds small integers, so forming it is exact; elimination then runs
 * on a cols×cols array instead of rows×cols (the existence checks call this thousands of times).
 */
export function columnRank(a: readonly (readonly number[])[], cols: number): number {
  const g = new Float64Array(cols * cols);
  for (const row of a)
    for (let i = 0; i < cols; i++) {
      const ri = row[i]!;
      if (ri === 0) continue;
      for (let j = i; j < cols; j++) g[i * cols + j]! += ri * row[j]!;
    }
  let scale = 1;
  for (let i = 0; i < cols; i++) {
    for (let j = 0; j < i; j++) g[i * cols + j] = g[j * cols + i]!;
    scale = Math.max(scale, Math.abs(g[i * cols + i]!));
  }
  let rank = 0;
  const rowsLeft = Array.from({ length: cols }, (_, i) => i);
  for (let c = 0; c < cols; c++) {
    let best = -1;
    let bestAbs = 1e-9 * scale;
    for (const r of rowsLeft) {
      const v = Math.abs(g[r * cols + c]!);
      if (v > bestAbs) {
        bestAbs = v;
        best = r;
      }
    }
    if (best < 0) continue;
    rowsLeft.splice(rowsLeft.indexOf(best), 1);
    const pv = g[best * cols + c]!;
    for (const r of rowsLeft) {
      const factor = g[r * cols + c]! / pv;
      if (factor !== 0) for (let k = c; k < cols; k++) g[r * cols + k]! -= factor * g[best * cols + k]!;
    }
    rank++;
  }
  return rank;
}

// ---- distributions ----------------------------------------------------------------------------

const LANCZOS = [
  676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
  9.9843695780195716e-6, 1.5056327351493116e-7,
];

export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let a = 0.99999999999980993;
  const t = z + 7.5;
  for (let i = 0; i < 8; i++) a += LANCZOS[i]! / (z + i + 1);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Regularized lower incomplete gamma P(a, x) (series or continued fraction, as in Numerical Recipes). */
export function gammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 10_000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
    }
    return Math.min(1, sum * Math.exp(-x + a * Math.log(x) - logGamma(a)));
  }
  return 1 - gammaQcf(a, x);
}

function gammaQcf(a: number, x: number): number {
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
}

/** P(X ≤ k) for X ~ Poisson(lambda). */
export function poissonCdf(k: number, lambda: number): number {
  if (k < 0) return 0;
  if (lambda <= 0) return 1;
  return 1 - gammaP(Math.floor(k) + 1, lambda);
}

/** P(X ≥ k) for X ~ Poisson(lambda). */
export function poissonUpper(k: number, lambda: number): number {
  if (k <= 0) return 1;
  if (lambda <= 0) return 0;
  return gammaP(Math.floor(k), lambda);
}

/** Standard normal CDF (Cody's erfc approximation via the complementary error function). */
export function pnorm(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

function erfc(x: number): number {
  // Numerical Recipes erfcc with a Chebyshev fit; relative error below 1.2e-7 everywhere.
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** Standard normal quantile (Acklam's rational approximation, refined by one Halley step). */
export function qnorm(p: number): number {
  if (p <= 0) return -Infinity;
  if (p >= 1) return Infinity;
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  let x: number;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  } else if (p <= 1 - lo) {
    const q = p - 0.5;
    const r = q * q;
    x = ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x = -(((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  const e = pnorm(x) - p;
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}

/** Sample quantile, Hyndman & Fan type 8 (median-unbiased; R's quantile(type = 8), used by SparseMSE). */
export function quantileType8(sorted: readonly number[], p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n + 1 / 3) * p + 1 / 3;
  if (h <= 1) return sorted[0]!;
  if (h >= n) return sorted[n - 1]!;
  const lo = Math.floor(h);
  return sorted[lo - 1]! + (h - lo) * (sorted[lo]! - sorted[lo - 1]!);
}

/** A small seeded generator (mulberry32): the same seed gives the same bootstrap, run after run. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One multinomial draw of `n` items over cells with the given weights (cumulative table + binary search). */
export function multinomial(n: number, weights: readonly number[], random: () => number): number[] {
  const cum: number[] = [];
  let total = 0;
  for (const w of weights) cum.push((total += w));
  const out = new Array<number>(weights.length).fill(0);
  for (let i = 0; i < n; i++) {
    const u = random() * total;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! > u) hi = mid;
      else lo = mid + 1;
    }
    out[lo]!++;
  }
  return out;
}
