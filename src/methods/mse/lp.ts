// The existence test of Fienberg & Rinaldo (2012) as used by SparseMSE's checkident: the extended
// maximum likelihood estimate exists iff the sufficient statistics t = Aᵀy can be written as Aᵀx
// with every cell of x strictly positive. We solve  max s  subject to  Aᵀ(z + s·1) = t,  z, s ≥ 0
// (x = z + s·1) with a dense two-phase simplex (Bland's rule, so degenerate pivots cannot cycle).
// The optimum is 0 exactly when no strictly positive x exists.

/**
 * Largest s such that some x with x ≥ s cell-wise has columns·x = t.
 * `columns[j]` is the parameter vector of cell j (a column of Aᵀ); `t` the sufficient statistics.
 */
export function maxInteriorMargin(columns: readonly (readonly number[])[], t: readonly number[]): number {
  const m = t.length; // constraints (parameters)
  const n = columns.length; // cells
  // Variables: z_0..z_{n-1}, s (index n), artificials a_0..a_{m-1} (index n+1+i).
  const nv = n + 1 + m;
  const w = nv + 1; // row width (last = right-hand side)
  const tab = new Float64Array((m + 1) * w);
  for (let i = 0; i < m; i++) {
    let rowSum = 0;
    for (let j = 0; j < n; j++) {
      const v = columns[j]![i]!;
      tab[i * w + j] = v;
      rowSum += v;
    }
    tab[i * w + n] = rowSum;
    tab[i * w + n + 1 + i] = 1;
    tab[i * w + nv] = t[i]!; // t ≥ 0: counts are non-negative
  }
  const basis = Array.from({ length: m }, (_, i) => n + 1 + i);
  const obj = m * w; // objective row index offset

  // Phase 1: minimise the sum of artificials (maximise its negative).
  for (let j = 0; j <= nv; j++) {
    let s = 0;
    for (let i = 0; i < m; i++) s += tab[i * w + j]!;
    tab[obj + j] = j > n && j < nv ? 0 : -s; // reduced costs of max(−Σa)
  }
  simplex(tab, m, w, nv, basis, () => true);
  const scale = Math.max(1, ...t.map(Math.abs));
  if (-tab[obj + nv]! > 1e-9 * scale) return 0; // infeasible (cannot happen for t = Aᵀy, kept for safety)
  // Drive artificials out of the basis where possible; rows where that fails are redundant.
  const dropped = new Set<number>();
  for (let i = 0; i < m; i++) {
    if (basis[i]! <= n) continue;
    let pivotCol = -1;
    for (let j = 0; j <= n; j++) if (Math.abs(tab[i * w + j]!) > 1e-9) { pivotCol = j; break; }
    if (pivotCol < 0) dropped.add(i);
    else pivot(tab, m, w, i, pivotCol, basis);
  }
  // Phase 2: maximise s over the original variables only.
  for (let j = 0; j <= nv; j++) tab[obj + j] = 0;
  tab[obj + n] = -1;
  for (let i = 0; i < m; i++) {
    if (dropped.has(i)) continue;
    const c = tab[obj + basis[i]!]!;
    if (c !== 0) for (let j = 0; j <= nv; j++) tab[obj + j]! -= c * tab[i * w + j]!;
  }
  simplex(tab, m, w, nv, basis, (j) => j <= n, dropped);
  return tab[obj + nv]!;
}

function simplex(tab: Float64Array, m: number, w: number, nv: number, basis: number[], allowed: (j: number) => boolean, dropped = new Set<number>()): void {
  const obj = m * w;
  for (let iter = 0; iter < 10_000; iter++) {
    // Bland: the lowest-index column with a negative reduced cost enters.
    let col = -1;
    for (let j = 0; j < nv; j++) if (allowed(j) && tab[obj + j]! < -1e-10) { col = j; break; }
    if (col < 0) return;
    let row = -1;
    let best = Infinity;
    for (let i = 0; i < m; i++) {
      if (dropped.has(i)) continue;
      const a = tab[i * w + col]!;
      if (a > 1e-10) {
        const ratio = tab[i * w + nv]! / a;
        if (ratio < best - 1e-12 || (Math.abs(ratio - best) <= 1e-12 && row >= 0 && basis[i]! < basis[row]!)) {
          best = ratio;
          row = i;
        }
      }
    }
    if (row < 0) return; // unbounded: not possible here (the intercept row bounds every variable)
    pivot(tab, m, w, row, col, basis);
  }
}

function pivot(tab: Float64Array, m: number, w: number, row: number, col: number, basis: number[]): void {
  const p = tab[row * w + col]!;
  for (let j = 0; j < w; j++) tab[row * w + j]! /= p;
  for (let i = 0; i <= m; i++) {
    if (i === row) continue;
    const f = tab[i * w + col]!;
    if (f === 0) continue;
    for (let j = 0; j < w; j++) tab[i * w + j]! -= f * tab[row * w + j]!;
  }
  basis[row] = col;
}
