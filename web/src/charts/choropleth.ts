import { geoEqualEarth, geoPath } from 'd3-geo';
import { SEQUENTIAL, s, svgRoot } from './svg.ts';
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

/** Five equal-count classes, so a few large values do not wash out the rest. */
function quantiles(values: number[]): number[] {
  const v = [...values].sort((a, b) => a - b);
  return [1, 2, 3, 4].map((q) => v[Math.floor((q / 5) * (v.length - 1))]!);
}

export async function choropleth(areas: Area[], opt: MapOptions): Promise<HTMLElement> {
  const shapes = opt.scope === 'world' ? await worldShapes() : await usShapes();
  const [W, H] = opt.scope === 'world' ? [960, 470] : [975, 610];
  const path = opt.scope === 'world' ? geoPath(geoEqualEarth().fitSize([W, H], { type: 'Sphere' })) : geoPath(null);
  const byKey = new Map(areas.map((a) => [a.key, a]));
  const numeric = areas.filter((a) => a.value !== null && !a.suppressed && a.category === null).map((a) => a.value!);
  const breaks = numeric.length ? quantiles(numeric) : [];
  const colorOf = (a: Area | undefined): string => {
    if (!a) return '#ffffff';
    if (a.suppressed || a.lowCoverage) return 'url(#hatch)';
    if (a.category !== null) return opt.categoryColors?.[a.category] ?? '#bababa';
    if (a.value === null) return '#ffffff';
    const cls = breaks.filter((b) => a.value! > b).length;
    return SEQUENTIAL[cls]!;
  };
  const svg = svgRoot(W, H, opt.label);
  svg.setAttribute('role', 'group');
  svg.classList.add('map');
  for (const f of shapes) {
    const a = f.key ? byKey.get(f.key) : undefined;
    const p = s('path', { d: path(f) ?? '', fill: colorOf(a), class: `area${a ? ' has-data' : ''}${f.key && f.key === opt.selected ? ' selected' : ''}` });
    const text = `${f.properties.name}: ${a ? (a.suppressed ? 'suppressed' : a.category ?? (a.value === null ? 'no value' : opt.format(a.value))) : 'no data'}`;
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
    : breaks.length
      ? SEQUENTIAL.map((c, i) => [i === 0 ? `≤ ${opt.format(breaks[0]!)}` : i === 4 ? `> ${opt.format(breaks[3]!)}` : `${opt.format(breaks[i - 1]!)}–${opt.format(breaks[i]!)}`, c])
      : [];
  const legend = el('ul', { class: 'legend' }, [
    ...legendItems.map(([label, color]) => el('li', {}, [legendSwatch(color), label])),
    el('li', {}, [legendSwatch('#ffffff'), 'No data']),
    areas.some((a) => a.suppressed || a.lowCoverage) ? el('li', {}, [el('span', { class: 'swatch hatch' }), 'Suppressed or low coverage']) : null,
  ]);
  return el('figure', { class: 'chart-figure' }, [svg as unknown as HTMLElement, legend]);
}

/** A legend swatch as a tiny SVG (no inline styles, so the CSP stays strict). */
function legendSwatch(color: string): HTMLElement {
  const sv = s('svg', { width: 14, height: 14, class: 'swatch-svg', 'aria-hidden': 'true' });
  sv.append(s('rect', { width: 14, height: 14, fill: color, stroke: '#777' }));
  return sv as unknown as HTMLElement;
}
