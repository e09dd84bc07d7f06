// Minimal SVG building: charts are drawn by hand to keep the explorer small and dependency-free.
const NS = 'http://www.w3.org/2000/svg';

export function s(tag: string, attrs: Record<string, string | number> = {}, text?: string): SVGElement {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Okabe–Ito: distinguishable with the common forms of colour blindness. */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#000000', '#F0E442'];
/** Sequential blues for maps of amounts (ColorBrewer Blues, 5 classes). */
export const SEQUENTIAL = ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'];

/** Hatching for low-coverage marks and suppressed cells, defined once per chart. */
export function patterns(svg: SVGElement): void {
  const defs = s('defs');
  const hatch = s('pattern', { id: 'hatch', patternUnits: 'userSpaceOnUse', width: 6, height: 6, patternTransform: 'rotate(45)' });
  hatch.append(s('rect', { width: 6, height: 6, fill: '#ffffff' }), s('line', { x1: 0, y1: 0, x2: 0, y2: 6, stroke: '#666', 'stroke-width': 2 }));
  defs.append(hatch);
  svg.append(defs);
}

export function linearTicks(max: number, count = 5): number[] {
  if (max <= 0) return [0];
  const raw = max / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((st) => st >= raw) ?? raw;
  const ticks: number[] = [];
  for (let t = 0; t <= max + step * 0.001; t += step) ticks.push(Number(t.toPrecision(12)));
  if (ticks[ticks.length - 1]! < max) ticks.push(Number((ticks[ticks.length - 1]! + step).toPrecision(12)));
  return ticks;
}

/** The width a chart is first drawn at, before its container has been measured. */
export const DEFAULT_WIDTH = 720;
/** Narrower than this and a chart would be unreadable; the page is at least 360 px wide. */
const MIN_WIDTH = 280;

/**
 * A figure whose chart is redrawn for the width its container actually has, so that on a phone the
 * labels keep their size (a 720-unit drawing scaled into 340 px would shrink 12 px text to under 6 px).
 * The SVG is drawn 1:1 in CSS pixels; the resize observer redraws only when the width really changed.
 */
export function responsiveFigure(draw: (width: number) => SVGElement, below: (HTMLElement | null)[] = []): HTMLElement {
  const figure = document.createElement('figure');
  figure.className = 'chart-figure';
  let width = DEFAULT_WIDTH;
  let svg = draw(width);
  figure.append(svg, ...below.filter((b): b is HTMLElement => b !== null));
  if (typeof ResizeObserver !== 'undefined') {
    new ResizeObserver((entries) => {
      const measured = Math.floor(entries[0]?.contentRect.width ?? 0);
      if (measured <= 0 || Math.abs(measured - width) < 4) return;
      width = measured;
      const next = draw(Math.max(MIN_WIDTH, measured));
      svg.replaceWith(next);
      svg = next;
    }).observe(figure);
  }
  return figure;
}

export function svgRoot(width: number, height: number, label: string): SVGElement {
  const root = s('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label, class: 'chart' });
  patterns(root);
  return root;
}
