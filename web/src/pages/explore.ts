// Explore: any measure × place(s) × period × breakdown, as a line, bar or map, with counts or
// rates, and everything that must travel with a number.
import { api, type Measure, type QueryResult, type ResultRow } from '../api.ts';
import { clear, el } from '../dom.ts';
import { PERIOD_KIND_LABEL, TOPIC_LABEL, dimLabel, formatValue } from '../format.ts';
import { type Params, paramsUrl, writeParams } from '../state.ts';
import { caveats, citations, columnsFor, dataTable, definition, downloads, rateOf } from '../panels.ts';
import { lineChart, type Series } from '../charts/line.ts';
import { barChart } from '../charts/bar.ts';
import { choropleth } from '../charts/choropleth.ts';
import { usShapes, worldShapes } from '../geo.ts';
import { TIER_COLORS } from './tipmap.ts';
import { type Chart, type View as SharedView, MAX_PLACES, comparable, fetchViewParts, parseView } from '../../../src/model/page-requests.ts';

type View = SharedView<Measure>;

/** Lines whose largest values differ by more than this factor are drawn as small multiples by default. */
export const MULTIPLES_RATIO = 10;

function toParams(v: View): Params {
  return {
    measure: v.measure.id,
    compare: v.compare.map((m) => m.id).join(','),
    places: v.places.join(','),
    from: String(v.from),
    to: String(v.to),
    by: v.by,
    chart: v.chart,
    rate: v.rate ? '1' : '',
    layout: v.layout === 'auto' ? '' : v.layout,
  };
}

/** The view's answers (src/model/page-requests.ts asks for them), merged: compared measures' rows labelled with their measure, never added. */
async function fetchView(v: View): Promise<QueryResult> {
  const parts = await fetchViewParts<Measure, QueryResult>(v, (url) => api.get(url));
  const labelled = parts.map(({ measure: m, results }) =>
    v.compare.length ? results.map((r) => ({ ...r, rows: r.rows.map((row) => ({ ...row, dims: { measure: `${TOPIC_LABEL[m.topic] ?? m.topic}: ${m.label}`, ...row.dims } as Record<string, string> })) })) : results,
  );
  const got = labelled.flat();
  const first = got[0]!;
  const citeIds = new Set<string>();
  return {
    measure: v.compare.length ? v.measure : first.measure,
    params: first.params,
    rows: got.flatMap((r) => r.rows),
    citations: got.flatMap((r) => r.citations).filter((c) => !citeIds.has(c.id) && citeIds.add(c.id)),
    caveats: [...new Set(got.flatMap((r) => r.caveats))],
  };
}

/** Countries for global sources, states for U.S. ones: the level a map of a summed measure needs (the API serves it from the source descriptors). */
function mapLevel(m: Measure): 'country' | 'state' {
  return m.geography;
}

const lowCoverage = (r: ResultRow) => r.flags.some((f) => f.startsWith('low_coverage'));
const seriesKey = (r: ResultRow, v: View) => [v.places.length > 1 || v.by === 'state' || v.by === 'agency' ? r.placeName : '', ...Object.values(r.dims)].filter(Boolean).join(' · ') || r.placeName;

export async function render(root: HTMLElement, params: Params, embed = false): Promise<void> {
  const measures = (await api.measures()).filter((m) => m.periods.length > 0);
  if (measures.length === 0) {
    clear(root).append(el('p', {}, 'No measures are loaded yet.'));
    return;
  }
  const view = parseView(measures, params);
  writeParams(toParams(view), false);
  if (view.chart === 'map') void (mapLevel(view.measure) === 'country' ? worldShapes() : usShapes());
  const chartBox = el('div', { class: 'chart-box', 'aria-live': 'polite' });
  const side = el('aside', { class: 'side' });
  const tableBox = el('section', { class: 'table' });
  const rerender = (next: Partial<View>) => {
    const v = { ...view, ...next };
    writeParams(toParams(v), true);
    void render(root, toParams(v), embed);
  };
  clear(root);
  if (!embed) {
    root.append(el('h1', {}, 'Explore the data'), controls(measures, view, rerender));
  }
  root.append(
    el('h2', { id: 'chart-title' }, title(view)),
    definition(view.measure),
    el('div', { class: 'layout' }, [chartBox, side]),
    tableBox,
  );
  chartBox.append(el('p', { role: 'status' }, 'Loading…'));
  let result: QueryResult;
  try {
    result = await fetchView(view);
  } catch (e) {
    clear(chartBox).append(el('p', { class: 'error', role: 'alert' }, `Could not load: ${e instanceof Error ? e.message : String(e)}`));
    return;
  }
  const hasRates = result.rows.some((r) => rateOf(r) !== null);
  const useRate = view.rate && hasRates;
  const valueOf = (r: ResultRow) => (useRate ? rateOf(r) : r.value);
  const fmt = (x: number) => formatValue(x, useRate ? undefined : view.measure.unit);
  // Maps and bars show one period: the last of the range with values.
  const shownPeriod = Math.max(...result.rows.map((r) => r.period));
  const shown = view.chart === 'line' ? result.rows : result.rows.filter((r) => r.period === shownPeriod);
  clear(chartBox);
  if (shown.length && view.chart !== 'line' && shownPeriod !== view.to) {
    chartBox.append(el('p', { class: 'note' }, `Showing ${shownPeriod}, the last year in the range with values.`));
  }
  if (shown.length === 0) chartBox.append(el('p', {}, 'No values for this selection.'));
  else if (view.chart === 'map') chartBox.append(await mapFor(shown, view, fmt, valueOf, rerender, shownPeriod));
  else if (view.chart === 'bar')
    chartBox.append(
      barChart(
        shown.map((r) => ({ label: seriesKey(r, view), value: valueOf(r), suppressed: r.suppressed, lowCoverage: lowCoverage(r) })),
        `${title(view)}, ${shownPeriod}`,
        fmt,
      ),
    );
  else chartBox.append(...lineFor(shown, view, fmt, valueOf, rerender));
  if (view.rate && !hasRates) chartBox.append(el('p', { class: 'note' }, 'Rates are not available for this measure: no population denominator is stored for it. Showing counts.'));
  if (useRate) {
    const denominators = [...new Set(shown.map((r) => String(r.extra?.denominator ?? '')).filter(Boolean))];
    chartBox.append(el('p', { class: 'note denominator' }, `Rate per 100,000; denominator: ${denominators.join('; ') || 'not stated'}.`));
  }
  if (shown.some(lowCoverage)) chartBox.append(el('p', { class: 'note' }, 'Hatched marks: reporting coverage below the threshold named in the table notes; compare with care.'));
  if (shown.some((r) => r.suppressed)) chartBox.append(el('p', { class: 'note' }, 'Cells marked “suppressed” hold counts below 10 for an area below state level; they are withheld, not zero.'));
  side.append(citations(result.citations), caveats(result.caveats));
  if (!embed) side.append(el('p', {}, [el('a', { href: paramsUrl('/embed/explore', toParams(view)), class: 'embed-link' }, 'Embed this chart')]));
  const columns = columnsFor(result, useRate ? 'rate' : 'value');
  const name = `${view.measure.id}_${view.places.join('-') || 'all'}_${view.from}-${view.to}${view.by ? `_by-${view.by}` : ''}`;
  tableBox.append(
    el('h2', {}, 'The numbers'),
    downloads(name, columns, shown, result),
    dataTable('data-table', `${title(view)}: ${shown.length} rows`, columns, shown),
  );
}

function title(v: View): string {
  if (v.compare.length) {
    const where = v.places.length ? v.places.join(', ') : 'all places';
    return `${[v.measure, ...v.compare].map((m) => TOPIC_LABEL[m.topic] ?? m.topic).join(' vs ')} (${v.measure.unit}), ${where}, ${v.from}–${v.to}`;
  }
  const where = v.places.length ? v.places.join(', ') : 'all places';
  const when = v.from === v.to ? String(v.to) : `${v.from}–${v.to}`;
  return `${v.measure.label}${v.rate ? ' (rate per 100,000)' : ''}, ${where}, ${PERIOD_KIND_LABEL[v.measure.periodKind] ?? 'period'} ${when}${v.by ? `, by ${dimLabel(v.by)}` : ''}`;
}

function lineFor(rows: ResultRow[], v: View, fmt: (x: number) => string, valueOf: (r: ResultRow) => number | null, rerender: (n: Partial<View>) => void): HTMLElement[] {
  if (v.measure.valueType === 'categorical') {
    return [el('p', { class: 'note' }, 'This measure is a category (not a number): see it as a map or in the table below.')];
  }
  const groups = new Map<string, Series>();
  for (const r of rows) {
    const key = seriesKey(r, v);
    if (!groups.has(key)) groups.set(key, { name: key, points: [] });
    groups.get(key)!.points.push({ period: r.period, value: valueOf(r), suppressed: r.suppressed, lowCoverage: lowCoverage(r) });
  }
  const series = [...groups.values()].slice(0, 8);
  if (series.length < 2) return [lineChart(series, title(v), fmt)];
  const multiples = v.layout === 'multiples' || (v.layout === 'auto' && magnitudeRatio(series) > MULTIPLES_RATIO);
  const button = el('button', { type: 'button', class: 'link', id: 'layout-toggle' }, multiples ? 'Draw them on one scale' : 'One chart per line');
  button.addEventListener('click', () => rerender({ layout: multiples ? 'overlay' : 'multiples' }));
  const toggle = el('p', { class: 'layout-toggle' }, [multiples ? 'Each line has its own chart and scale: compare shapes, not heights. ' : 'All lines share one scale. ', button]);
  if (!multiples) return [toggle, lineChart(series, title(v), fmt)];
  const allPeriods = [...new Set(series.flatMap((ser) => ser.points.map((p) => p.period)))];
  return [
    toggle,
    el('div', { class: 'multiples' }, series.map((ser) => el('section', { class: 'multiple' }, [el('h3', {}, ser.name), lineChart([ser], `${title(v)}: ${ser.name}`, fmt, { periods: allPeriods })]))),
  ];
}

/** How many times the largest line's peak exceeds the smallest nonzero line's peak. */
export function magnitudeRatio(series: Series[]): number {
  const peaks = series.map((ser) => Math.max(0, ...ser.points.map((p) => (p.value === null || p.suppressed ? 0 : Math.abs(p.value))))).filter((x) => x > 0);
  return peaks.length < 2 ? 1 : Math.max(...peaks) / Math.min(...peaks);
}

async function mapFor(
  rows: ResultRow[],
  v: View,
  fmt: (x: number) => string,
  valueOf: (r: ResultRow) => number | null,
  rerender: (n: Partial<View>) => void,
  period: number,
): Promise<HTMLElement> {
  const kinds = new Set(rows.map((r) => r.placeKind));
  const scope = kinds.has('country') ? 'world' : kinds.has('state') ? 'us' : null;
  if (!scope) {
    return el('p', { class: 'note' }, v.measure.aggregation === 'sum' ? 'A map needs values per state: choose “by State” (or no places) and try again.' : 'No map for these places.');
  }
  return choropleth(
    rows.map((r) => ({ key: r.place, name: r.placeName, value: valueOf(r), category: r.valueText, suppressed: r.suppressed, lowCoverage: lowCoverage(r) })),
    {
      scope,
      label: `${title(v)}, ${period}`,
      format: fmt,
      categoryColors: v.measure.id === 'tip.tier' ? TIER_COLORS : undefined,
      onSelect: (key) => rerender({ places: [key], chart: v.measure.valueType === 'categorical' ? 'map' : 'line' }),
      selected: v.places[0] ?? null,
    },
  );
}

function controls(measures: Measure[], v: View, rerender: (n: Partial<View>) => void): HTMLElement {
  const measureSel = el('select', { id: 'measure', name: 'measure' }) as HTMLSelectElement;
  const byTopic = new Map<string, Measure[]>();
  for (const m of measures) byTopic.set(m.topic, [...(byTopic.get(m.topic) ?? []), m]);
  for (const [topic, list] of byTopic) {
    measureSel.append(el('optgroup', { label: TOPIC_LABEL[topic] ?? topic }, list.map((m) => el('option', { value: m.id }, m.label))));
  }
  measureSel.value = v.measure.id;
  measureSel.addEventListener('change', () => {
    const m = measures.find((x) => x.id === measureSel.value)!;
    rerender({ measure: m, compare: [], from: m.periods[0]!, to: m.periods[m.periods.length - 1]!, by: '', chart: m.valueType === 'categorical' ? 'map' : 'line' });
  });
  const periodSel = (id: string, value: number, onChange: (y: number) => void) => {
    const years = [...new Set([v.measure, ...v.compare].flatMap((m) => m.periods))].sort((a, b) => a - b);
    const sel = el('select', { id, name: id }, years.map((y) => el('option', { value: String(y) }, String(y)))) as HTMLSelectElement;
    sel.value = String(value);
    sel.addEventListener('change', () => onChange(Number(sel.value)));
    return sel;
  };
  const bySel = el('select', { id: 'by', name: 'by' }, [
    el('option', { value: '' }, 'No breakdown'),
    ...v.measure.dimensions.map((d) => el('option', { value: d }, dimLabel(d))),
    ...(v.measure.aggregation === 'sum' ? [el('option', { value: 'state' }, 'State'), el('option', { value: 'agency' }, 'Agency')] : []),
  ]) as HTMLSelectElement;
  bySel.value = v.by;
  bySel.addEventListener('change', () => rerender({ by: bySel.value }));
  const placesInput = el('input', { id: 'places', name: 'places', type: 'text', value: v.places.join(', '), placeholder: 'e.g. VT, GBR', autocomplete: 'off', 'aria-describedby': 'places-help' }) as HTMLInputElement;
  const placesForm = el('form', { class: 'places-form' }, [
    el('label', { for: 'places' }, 'Places'),
    placesInput,
    el('button', { type: 'submit' }, 'Apply'),
    el('small', { id: 'places-help' }, `Up to ${MAX_PLACES}, comma-separated: country ISO3 (GBR), U.S. state (VT), agency ORI.`),
  ]);
  placesForm.addEventListener('submit', (e) => {
    e.preventDefault();
    rerender({ places: placesInput.value.split(',').map((x) => x.trim().toUpperCase()).filter(Boolean).slice(0, MAX_PLACES) });
  });
  const chartRadios = el(
    'fieldset',
    { class: 'chart-type' },
    [
      el('legend', {}, 'Chart'),
      ...(['line', 'bar', 'map'] as Chart[]).map((c) => {
        const input = el('input', { type: 'radio', name: 'chart', id: `chart-${c}`, value: c }) as HTMLInputElement;
        input.checked = v.chart === c;
        input.addEventListener('change', () => rerender({ chart: c }));
        return el('label', { for: `chart-${c}` }, [input, ` ${c[0]!.toUpperCase()}${c.slice(1)}`]);
      }),
    ],
  );
  const rateBox = el('input', { type: 'checkbox', id: 'rate', name: 'rate', 'aria-describedby': 'rate-help' }) as HTMLInputElement;
  // A rate needs a summed count and a population for the same places and years; offer it only then.
  const rateWhyNot =
    v.compare.length > 0
      ? 'Rates are off while measures are compared: each would need its own denominator.'
      : v.measure.valueType !== 'count' || v.measure.aggregation !== 'sum'
        ? `No rate for this measure: it is ${v.measure.valueType === 'categorical' ? 'a category' : v.measure.aggregation === 'sum' ? 'an estimate' : 'a single published figure per place, not a count that can be divided by population'}.`
        : '';
  rateBox.checked = v.rate && !rateWhyNot;
  rateBox.disabled = rateWhyNot !== '';
  rateBox.addEventListener('change', () => rerender({ rate: rateBox.checked }));
  const candidates = measures.filter((m) => comparable(v.measure, m));
  const compareBox = el('fieldset', { class: 'compare' }, [
    el('legend', {}, 'Compare with (same unit, drawn as separate lines)'),
    ...(candidates.length
      ? candidates.map((m) => {
          const box = el('input', { type: 'checkbox', id: `compare-${m.id}`, value: m.id }) as HTMLInputElement;
          box.checked = v.compare.some((c) => c.id === m.id);
          box.addEventListener('change', () => {
            const next = box.checked ? [...v.compare, m] : v.compare.filter((c) => c.id !== m.id);
            rerender({ compare: next.slice(0, 4), chart: 'line', rate: false });
          });
          return el('label', { for: `compare-${m.id}`, class: 'compare-option' }, [box, ` ${TOPIC_LABEL[m.topic] ?? m.topic}: ${m.label}`]);
        })
      : [el('p', { class: 'note' }, `No other loaded measure is counted in ${v.measure.unit} by ${PERIOD_KIND_LABEL[v.measure.periodKind] ?? 'period'}.`)]),
  ]);
  return el('div', { class: 'controls explore-controls' }, [
    el('div', {}, [el('label', { for: 'measure' }, 'Measure'), measureSel]),
    el('div', {}, [
      el('label', { for: 'from' }, 'From'),
      periodSel('from', v.from, (y) => rerender({ from: y, to: Math.max(y, v.to) })),
      el('label', { for: 'to' }, 'to'),
      periodSel('to', v.to, (y) => rerender({ to: y, from: Math.min(y, v.from) })),
    ]),
    el('div', {}, [el('label', { for: 'by' }, 'Breakdown'), bySel]),
    placesForm,
    chartRadios,
    el('div', {}, [el('label', { for: 'rate' }, [rateBox, ' Rate per 100,000']), el('small', { id: 'rate-help', class: 'note' }, rateWhyNot || ' (where a population denominator exists)')]),
    compareBox,
  ]);
}
