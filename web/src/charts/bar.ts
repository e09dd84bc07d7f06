import { PALETTE, csvCell, linearTicks, responsiveFigure, s, svgRoot } from './svg.ts';
import { truncateWords } from '../format.ts';

export interface Bar {
  label: string;
  value: number | null;
  suppressed: boolean;
  lowCoverage: boolean;
}

/** Horizontal bars: long labels stay readable on narrow screens. Suppressed cells are shown as such, never as zero. */
export function barChart(bars: Bar[], label: string, format: (v: number) => string): HTMLElement {
  const csv = () =>
    ['label,value,status', ...bars.map((b) => [b.label, b.suppressed || b.value === null ? '' : String(b.value), b.suppressed ? 'withheld' : b.value === null ? 'not collected' : b.lowCoverage ? 'low coverage' : 'value'].map(csvCell).join(','))].join('\n') + '\n';
  return responsiveFigure((width) => drawBars(width, bars, label, format), [], csv);
}

/** Below this width the labels go above their bars instead of beside them. */
const STACKED_BELOW = 520;
/** Average width of a 12 px label character, to know how many fit. */
const CHAR_PX = 6.8;

function drawBars(W: number, bars: Bar[], label: string, format: (v: number) => string): SVGElement {
  const stacked = W < STACKED_BELOW;
  const rowH = stacked ? 44 : 26;
  // The value label sits right of the bar: the right margin must hold the longest one, or it is clipped.
  const longestValue = Math.max(4, ...bars.map((b) => (b.suppressed ? 'suppressed'.length : b.value === null ? 0 : format(b.value).length)));
  const M = { top: 8, right: Math.ceil(longestValue * CHAR_PX) + 10, bottom: 28, left: stacked ? 4 : Math.min(200, Math.round(W * 0.32)) };
  const barTop = stacked ? 20 : 4;
  const barH = stacked ? rowH - 24 : rowH - 8;
  const labelChars = Math.floor((stacked ? W - 8 : M.left - 8) / CHAR_PX);
  const H = M.top + M.bottom + rowH * bars.length;
  const max = Math.max(0, ...bars.map((b) => b.value ?? 0));
  const ticks = linearTicks(max, 4);
  const top = ticks[ticks.length - 1] || 1;
  const x = (v: number) => M.left + (v / top) * (W - M.left - M.right);
  const svg = svgRoot(W, H, label);
  for (const t of ticks) {
    svg.append(s('line', { x1: x(t), x2: x(t), y1: M.top, y2: H - M.bottom, class: 'grid' }));
    // On a stacked (narrow) chart the zero tick sits at the edge: anchor it there so it is not cut in half.
    svg.append(s('text', { x: x(t), y: H - M.bottom + 16, 'text-anchor': stacked && t === 0 ? 'start' : 'middle', class: 'tick' }, format(t)));
  }
  bars.forEach((b, i) => {
    const y0 = M.top + i * rowH;
    const name = s('text', stacked ? { x: M.left, y: y0 + 14, class: 'bar-label' } : { x: M.left - 6, y: y0 + rowH / 2 + 4, 'text-anchor': 'end', class: 'bar-label' }, truncateWords(b.label, labelChars));
    name.append(s('title', {}, b.label));
    svg.append(name);
    const mid = y0 + barTop + barH / 2 + 4;
    if (b.suppressed) {
      const r = s('rect', { x: M.left, y: y0 + barTop, width: 40, height: barH, fill: 'url(#hatch)', stroke: '#666', class: 'bar suppressed' });
      r.append(s('title', {}, `${b.label}: suppressed`));
      svg.append(r, s('text', { x: M.left + 46, y: mid, class: 'value-label' }, 'suppressed'));
      return;
    }
    if (b.value === null) return;
    const r = s('rect', {
      x: M.left, y: y0 + barTop, width: Math.max(1, x(b.value) - M.left), height: barH,
      fill: b.lowCoverage ? 'url(#hatch)' : PALETTE[0]!, stroke: PALETTE[0]!, class: `bar${b.lowCoverage ? ' low-coverage' : ''}`,
    });
    r.append(s('title', {}, `${b.label}: ${format(b.value)}${b.lowCoverage ? ' (low coverage)' : ''}`));
    svg.append(r, s('text', { x: x(b.value) + 4, y: mid, class: 'value-label' }, format(b.value)));
  });
  return svg;
}
