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
  // Not collected: grey dots, unlike both a value's flat colour and a withheld cell's hatching.
  const dots = s('pattern', { id: 'nodata', patternUnits: 'userSpaceOnUse', width: 6, height: 6 });
  dots.append(s('rect', { width: 6, height: 6, fill: '#f2f2f2' }), s('circle', { cx: 3, cy: 3, r: 1, fill: '#8a8a8a' }));
  defs.append(hatch, dots);
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
export function responsiveFigure(draw: (width: number) => SVGElement, below: (HTMLElement | null)[] = [], csv?: () => string): HTMLElement {
  const figure = document.createElement('figure');
  figure.className = 'chart-figure';
  let width = DEFAULT_WIDTH;
  let svg = draw(width);
  figure.append(svg, ...below.filter((b): b is HTMLElement => b !== null), chartDownloads(() => svg, csv));
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

/** The chart rules of style.css that an exported SVG needs to look the same outside the page. */
const EXPORT_STYLE = `text { font-family: system-ui, sans-serif; font-size: 12px; fill: #333; } .grid { stroke: #e4e4e4; }
.suppressed-mark { font-size: 11px; font-weight: 700; fill: #666; } .coverage-break-label { fill: #b00020; } .direct-label { font-weight: 600; fill: #1a1a1a; }`;

/** A standalone copy of the chart: explicit size, namespace and styles, so it opens anywhere. */
export function exportSvg(svg: SVGElement): string {
  const copy = svg.cloneNode(true) as SVGElement;
  const [, , w, h] = (svg.getAttribute('viewBox') ?? '0 0 720 320').split(' ');
  copy.setAttribute('xmlns', NS);
  copy.setAttribute('width', w!);
  copy.setAttribute('height', h!);
  const style = document.createElementNS(NS, 'style');
  style.textContent = EXPORT_STYLE;
  copy.insertBefore(style, copy.firstChild);
  const bg = s('rect', { width: w!, height: h!, fill: '#ffffff' });
  copy.insertBefore(bg, style.nextSibling);
  return new XMLSerializer().serializeToString(copy);
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80) || 'chart';
}

function save(href: string, filename: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
}

/** Every chart can be taken away: its data as CSV, the drawing as SVG, and a PNG at twice the size for slides. */
export function chartDownloads(current: () => SVGElement, csv?: () => string): HTMLElement {
  const bar = document.createElement('p');
  bar.className = 'chart-downloads';
  const button = (label: string, cls: string, onClick: () => void | Promise<void>) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = `link ${cls}`;
    b.textContent = label;
    b.addEventListener('click', () => void onClick());
    return b;
  };
  const name = () => slug(current().getAttribute('aria-label') ?? 'chart');
  const blobUrl = (text: string, type: string) => URL.createObjectURL(new Blob([text], { type }));
  if (csv) bar.append(button('Chart data (CSV)', 'chart-csv', () => save(blobUrl(csv(), 'text/csv'), `${name()}.csv`)), ' · ');
  bar.append(
    button('SVG', 'chart-svg', () => save(blobUrl(exportSvg(current()), 'image/svg+xml'), `${name()}.svg`)),
    ' · ',
    button('PNG', 'chart-png', async () => {
      const text = exportSvg(current());
      const img = new Image();
      img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth * 2;
      canvas.height = img.naturalHeight * 2;
      const ctx = canvas.getContext('2d')!;
      ctx.scale(2, 2);
      ctx.drawImage(img, 0, 0);
      save(canvas.toDataURL('image/png'), `${name()}.png`);
    }),
  );
  return bar;
}

/** One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break. */
export function csvCell(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}
