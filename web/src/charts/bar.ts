import { PALETTE, linearTicks, s, svgRoot } from './svg.ts';
import { el } from '../dom.ts';

export interface Bar {
  label: string;
  value: number | null;
  suppressed: boolean;
  lowCoverage: boolean;
}

/** Horizontal bars: long labels stay readable on narrow screens. Suppressed cells are shown as such, never as zero. */
export function barChart(bars: Bar[], label: string, format: (v: number) => string): HTMLElement {
  const W = 720;
  const rowH = 26;
  const M = { top: 8, right: 80, bottom: 28, left: 200 };
  const H = M.top + M.bottom + rowH * bars.length;
  const max = Math.max(0, ...bars.map((b) => b.value ?? 0));
  const ticks = linearTicks(max, 4);
  const top = ticks[ticks.length - 1] || 1;
  const x = (v: number) => M.left + (v / top) * (W - M.left - M.right);
  const svg = svgRoot(W, H, label);
  for (const t of ticks) {
    svg.append(s('line', { x1: x(t), x2: x(t), y1: M.top, y2: H - M.bottom, class: 'grid' }));
    svg.append(s('text', { x: x(t), y: H - M.bottom + 16, 'text-anchor': 'middle', class: 'tick' }, format(t)));
  }
  bars.forEach((b, i) => {
    const y0 = M.top + i * rowH;
    svg.append(s('text', { x: M.left - 6, y: y0 + rowH / 2 + 4, 'text-anchor': 'end', class: 'bar-label' }, b.label.length > 30 ? b.label.slice(0, 29) + '…' : b.label));
    if (b.suppressed) {
      const r = s('rect', { x: M.left, y: y0 + 4, width: 40, height: rowH - 8, fill: 'url(#hatch)', stroke: '#666', class: 'bar suppressed' });
      r.append(s('title', {}, `${b.label}: suppressed`));
      svg.append(r, s('text', { x: M.left + 46, y: y0 + rowH / 2 + 4, class: 'value-label' }, 'suppressed'));
      return;
    }
    if (b.value === null) return;
    const r = s('rect', {
      x: M.left, y: y0 + 4, width: Math.max(1, x(b.value) - M.left), height: rowH - 8,
      fill: b.lowCoverage ? 'url(#hatch)' : PALETTE[0]!, stroke: PALETTE[0]!, class: `bar${b.lowCoverage ? ' low-coverage' : ''}`,
    });
    r.append(s('title', {}, `${b.label}: ${format(b.value)}${b.lowCoverage ? ' (low coverage)' : ''}`));
    svg.append(r, s('text', { x: x(b.value) + 4, y: y0 + rowH / 2 + 4, class: 'value-label' }, format(b.value)));
  });
  return el('figure', { class: 'chart-figure' }, [svg as unknown as HTMLElement]);
}
