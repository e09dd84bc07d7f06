// Map classes: cut points and their legend labels, kept apart from drawing so they can be tested alone.
/** Up to five equal-count classes of the non-zero values, so a few large values do not wash out the rest; equal cut points merge. */
export function quantiles(values: number[]): number[] {
  const v = [...values].sort((a, b) => a - b);
  return [...new Set([1, 2, 3, 4].map((q) => v[Math.floor((q / 5) * (v.length - 1))]!))].filter((b) => b < v[v.length - 1]!);
}

/** Legend labels for classes (…, b0], (b0, b1], …, (bn, …): each value belongs to exactly one. */
export function classLabels(breaks: number[], format: (v: number) => string): string[] {
  if (!breaks.length) return ['any value'];
  return [`≤ ${format(breaks[0]!)}`, ...breaks.slice(1).map((b, i) => `> ${format(breaks[i]!)} to ${format(b)}`), `> ${format(breaks[breaks.length - 1]!)}`];
}
