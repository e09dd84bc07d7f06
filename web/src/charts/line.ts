import { PALETTE, csvCell, linearTicks, responsiveFigure, s, svgRoot } from './svg.ts';
import { el } from '../dom.ts';
import { distinctiveLabels } from '../format.ts';

export interface Point {
  period: number;
  value: number | null;
  suppressed: boolean;
  lowCoverage: boolean;
}

export interface Series {
  name: string;
  points: Point[];
}

const H = 320;
/** Room one year label needs ("2015" at 12 px plus a gap), so labels never collide on a narrow chart. */
const YEAR_LABEL_PX = 44;

export interface LineOptions {
  /** Years where collection changed: a dashed rule and a label, so no one reads across it as a trend. */
  breaks?: { period: number; label: string }[];
  /** Lift the pen across missing years instead of drawing a line through them. */
  gapsBreakLines?: boolean;
  /** Points whose value is a floor (e.g. from an incomplete list): drawn hollow. */
  isFloor?: (series: Series, p: Point) => boolean;
  /** Years the x axis spans even where this chart has no value (small multiples share one time axis). */
  periods?: number[];
}

/** Values over time, one line per series; suppressed points break the line and are marked. */
export function lineChart(series: Series[], label: string, format: (v: number) => string, opts: LineOptions = {}): HTMLElement {
  const legend = el('ul', { class: 'legend' }, series.map((ser, si) => el('li', {}, [el('span', { class: `swatch c${si % PALETTE.length}` }), ser.name])));
  const csv = () =>
    ['series,period,value,status', ...series.flatMap((ser) => ser.points.map((p) => [ser.name, String(p.period), p.suppressed || p.value === null ? '' : String(p.value), p.suppressed ? 'withheld' : p.value === null ? 'not collected' : opts.isFloor?.(ser, p) ? 'floor' : p.lowCoverage ? 'low coverage' : 'value'].map(csvCell).join(',')))].join('\n') + '\n';
  return responsiveFigure((width) => drawLines(width, series, label, format, opts), [series.length > 1 ? legend : null], csv);
}

function drawLines(W: number, series: Series[], label: string, format: (v: number) => string, opts: LineOptions): SVGElement {
  const periods = [...new Set([...(opts.periods ?? []), ...series.flatMap((x) => x.points.map((p) => p.period))])].sort((a, b) => a - b);
  // A break is drawn where the data cross it; a series ending before it is not stretched to reach it.
  const breaks = (opts.breaks ?? []).filter((b) => periods.length > 1 && b.period > periods[0]! && b.period <= periods[periods.length - 1]!);
  const max = Math.max(0, ...series.flatMap((x) => x.points.map((p) => p.value ?? 0)));
  const ticks = linearTicks(max);
  // The left margin holds the longest tick label ("$12,000,000"), so the axis is never clipped.
  // Direct labels at the line ends when several series share the chart and there is room for them; on a phone the legend does it.
  const direct = series.length > 1 && series.length <= 6 && W >= 560;
  const M = { top: 16, right: direct ? 150 : 16, bottom: 36, left: Math.max(40, Math.ceil(Math.max(...ticks.map((t) => format(t).length)) * 6.8) + 12) };
  const top = ticks[ticks.length - 1] || 1;
  const x = (p: number) => M.left + (periods.length <= 1 ? (W - M.left - M.right) / 2 : ((p - periods[0]!) / (periods[periods.length - 1]! - periods[0]!)) * (W - M.left - M.right));
  const y = (v: number) => H - M.bottom - (v / top) * (H - M.top - M.bottom);
  const svg = svgRoot(W, H, label);
  for (const t of ticks) {
    svg.append(s('line', { x1: M.left, x2: W - M.right, y1: y(t), y2: y(t), class: 'grid' }));
    svg.append(s('text', { x: M.left - 6, y: y(t) + 4, 'text-anchor': 'end', class: 'tick' }, format(t)));
  }
  const every = Math.max(1, Math.ceil(periods.length / Math.max(2, Math.floor((W - M.left - M.right) / YEAR_LABEL_PX))));
  periods.forEach((p, i) => {
    const lastFits = i === periods.length - 1 && (periods.length - 1) % every >= every / 2;
    if (i % every === 0 || lastFits) svg.append(s('text', { x: x(p), y: H - M.bottom + 18, 'text-anchor': 'middle', class: 'tick' }, String(p)));
  });
  series.forEach((ser, si) => {
    const color = PALETTE[si % PALETTE.length]!;
    let d = '';
    let pen = false;
    let last = Number.NaN;
    for (const p of [...ser.points].sort((a, b) => a.period - b.period)) {
      if (p.value === null || p.suppressed) {
        pen = false;
        continue;
      }
      if (opts.gapsBreakLines && p.period - last > 1) pen = false;
      last = p.period;
      // A floor is not a value: no line runs to or from it.
      if (opts.isFloor?.(ser, p)) {
        pen = false;
        continue;
      }
      d += `${pen ? 'L' : 'M'}${x(p.period).toFixed(1)},${y(p.value).toFixed(1)}`;
      pen = true;
    }
    if (d) svg.append(s('path', { d, fill: 'none', stroke: color, 'stroke-width': 2, class: `series s${si % PALETTE.length}` }));
    for (const p of ser.points) {
      if (p.suppressed) {
        const m = s('text', { x: x(p.period), y: H - M.bottom - 4, 'text-anchor': 'middle', class: 'point suppressed-mark' }, 'S');
        m.append(s('title', {}, `${ser.name}, ${p.period}: suppressed`));
        svg.append(m);
        continue;
      }
      if (p.value === null) continue;
      const floor = opts.isFloor?.(ser, p) ?? false;
      const c = s('circle', {
        cx: x(p.period), cy: y(p.value), r: 4, fill: floor ? '#fff' : p.lowCoverage ? 'url(#hatch)' : color, stroke: color, 'stroke-width': 1.5,
        class: `point${p.lowCoverage ? ' low-coverage' : ''}${floor ? ' floor' : ''}`,
      });
      c.append(s('title', {}, `${ser.name}, ${p.period}: ${floor ? 'at least ' : ''}${format(p.value)}${p.lowCoverage ? ' (low coverage)' : ''}`));
      svg.append(c);
    }
  });
  if (direct) {
    const shortNames = distinctiveLabels(series.map((ser) => ser.name), 18);
    const ends = series
      .map((ser, si) => {
        const last = [...ser.points].filter((p) => p.value !== null && !p.suppressed).sort((a, b) => b.period - a.period)[0];
        return last ? { si, name: ser.name, short: shortNames[si]!, x: x(last.period), y: y(last.value!) } : null;
      })
      .filter((e): e is { si: number; name: string; short: string; x: number; y: number } => e !== null)
      .sort((a, b) => a.y - b.y);
    // Push labels apart so two lines ending close together keep legible labels.
    for (let i = 1; i < ends.length; i++) ends[i]!.y = Math.max(ends[i]!.y, ends[i - 1]!.y + 14);
    for (const e of ends) {
      // The text stays dark for contrast; a stroke of the series colour ties it to its line.
      const key = s('line', { x1: W - M.right + 4, x2: W - M.right + 16, y1: e.y, y2: e.y, stroke: PALETTE[e.si % PALETTE.length]!, 'stroke-width': 3, class: 'direct-key' });
      const t = s('text', { x: W - M.right + 20, y: e.y + 4, class: 'direct-label' }, e.short);
      t.append(s('title', {}, e.name));
      svg.append(key, t);
    }
  }
  for (const b of breaks) {
    const bx = x(b.period);
    const rule = s('line', { x1: bx, x2: bx, y1: M.top, y2: H - M.bottom, class: 'coverage-break', stroke: '#b00020', 'stroke-dasharray': '5 4', 'stroke-width': 1.5 });
    rule.append(s('title', {}, b.label));
    // Near the right edge the label goes to the left of the rule, so it is not clipped.
    const leftOfRule = bx > W - M.right - 130;
    svg.append(rule, s('text', { x: leftOfRule ? bx - 4 : bx + 4, y: M.top + 12, 'text-anchor': leftOfRule ? 'end' : 'start', class: 'tick coverage-break-label' }, `break in series ${b.period}`));
  }
  return svg;
}
