import { geoEqualEarth, geoPath } from 'd3-geo';
import { SEQUENTIAL, chartDownloads, csvCell, s, svgRoot } from './svg.ts';
import { classLabels, quantiles } from './classes.ts';
import { el } from '../dom.ts';
import { usShapes, worldShapes } from '../geo.ts';

export interface Area {
  key: string;
  name: string;
  value: number | null;
  category: string | null;
  suppressed: boolean;
  lowCoverage: boolean;
}

export interface MapOptions {
  scope: 'world' | 'us';
  label: string;
  format: (v: number) => string;
  /** Colours for categorical values (e.g. TIP tiers); numeric values use a sequential scale. */
  categoryColors?: Record<string, string>;
  onSelect?: (key: string) => void;
  selected?: string | null;
}

const ZERO_FILL = '#ffffff';

export async function choropleth(areas: Area[], opt: MapOptions): Promise<HTMLElement> {
  const shapes = opt.scope === 'world' ? await worldShapes() : await usShapes();
  const [W, H] = opt.scope === 'world' ? [960, 470] : [975, 610];
  const path = opt.scope === 'world' ? geoPath(geoEqualEarth().fitSize([W, H], { type: 'Sphere' })) : geoPath(null);
  const byKey = new Map(areas.map((a) => [a.key, a]));
  const numeric = areas.filter((a) => a.value !== null && a.value !== 0 && !a.suppressed && a.category === null).map((a) => a.value!);
  const breaks = numeric.length ? quantiles(numeric) : [];
  // Classes spread over the scale's ends so that two classes are never near-identical shades.
  const shades = numeric.length ? spread(breaks.length + 1) : [];
  const colorOf = (a: Area | undefined): string => {
    if (!a) return 'url(#nodata)';
    if (a.suppressed || a.lowCoverage) return 'url(#hatch)';
    if (a.category !== null) return opt.categoryColors?.[a.category] ?? '#bababa';
    if (a.value === null) return 'url(#nodata)';
    if (a.value === 0) return ZERO_FILL;
    return shades[breaks.filter((b) => a.value! > b).length]!;
  };
  const svg = svgRoot(W, H, opt.label);
  svg.setAttribute('role', 'group');
  svg.classList.add('map');
  for (const f of shapes) {
    const a = f.key ? byKey.get(f.key) : undefined;
    const p = s('path', { d: path(f) ?? '', fill: colorOf(a), class: `area${a ? ' has-data' : ''}${f.key && f.key === opt.selected ? ' selected' : ''}` });
    const text = `${f.properties.name}: ${a ? (a.suppressed ? 'withheld (count 1–9 below state level)' : a.category ?? (a.value === null ? 'not collected' : opt.format(a.value))) : 'not collected'}`;
    p.append(s('title', {}, text));
    if (f.key) {
      p.setAttribute('data-key', f.key);
      if (a?.category) p.setAttribute('data-category', a.category);
      if (opt.onSelect) {
        p.setAttribute('tabindex', '0');
        p.setAttribute('role', 'button');
        p.setAttribute('aria-label', text);
        const key = f.key;
        p.addEventListener('click', () => opt.onSelect!(key));
        p.addEventListener('keydown', (e) => {
          const k = (e as KeyboardEvent).key;
          if (k === 'Enter' || k === ' ') {
            e.preventDefault();
            opt.onSelect!(key);
          }
        });
      }
    }
    svg.append(p);
  }
  const legendItems: [string, string][] = opt.categoryColors
    ? Object.entries(opt.categoryColors)
    : numeric.length
      ? classLabels(breaks, opt.format).map((label, i) => [label, shades[i]!])
      : [];
  const legend = el('ul', { class: 'legend' }, [
    ...legendItems.map(([label, color]) => el('li', {}, [legendSwatch(color), label])),
    areas.some((a) => a.value === 0 && !a.suppressed && a.category === null) ? el('li', { class: 'legend-zero' }, [legendSwatch(ZERO_FILL), 'Zero']) : null,
    areas.some((a) => a.suppressed || a.lowCoverage) ? el('li', { class: 'legend-withheld' }, [el('span', { class: 'swatch hatch' }), 'Withheld (count 1–9) or low coverage']) : null,
    el('li', { class: 'legend-nodata' }, [legendSwatch('url(#nodata)', true), 'Not collected / no data']),
  ]);
  const csv = () =>
    ['place,name,value,status', ...areas.map((a) => [a.key, a.name, a.suppressed ? '' : a.category ?? (a.value === null ? '' : String(a.value)), a.suppressed ? 'withheld' : a.value === null && a.category === null ? 'not collected' : a.lowCoverage ? 'low coverage' : 'value'].map(csvCell).join(','))].join('\n') + '\n';
  return el('figure', { class: 'chart-figure' }, [svg as unknown as HTMLElement, legend, chartDownloads(() => svg, csv)]);
}

function spread(n: number): string[] {
  if (n >= SEQUENTIAL.length) return SEQUENTIAL.slice(0, n);
  return Array.from({ length: n }, (_, i) => SEQUENTIAL[n === 1 ? SEQUENTIAL.length - 2 : Math.round(1 + (i * (SEQUENTIAL.length - 2)) / (n - 1))]!);
}

/** A legend swatch as a tiny SVG (no inline styles, so the CSP stays strict). */
function legendSwatch(color: string, dotted = false): HTMLElement {
  const sv = s('svg', { width: 14, height: 14, class: 'swatch-svg', 'aria-hidden': 'true' });
  if (dotted) {
    sv.append(s('rect', { width: 14, height: 14, fill: '#f2f2f2', stroke: '#777' }));
    for (const [cx, cy] of [[3.5, 3.5], [10.5, 3.5], [3.5, 10.5], [10.5, 10.5], [7, 7]]) sv.append(s('circle', { cx: cx!, cy: cy!, r: 1, fill: '#8a8a8a' }));
    return sv as unknown as HTMLElement;
  }
  sv.append(s('rect', { width: 14, height: 14, fill: color, stroke: '#777' }));
  return sv as unknown as HTMLElement;
}
