// The national record on the home page: one small multiple per panel of GET /api/v1/national,
// each with its latest figures (grade beside each value), citation, coverage and caveats, a way
// down to each state, and a plain statement of what is not loaded.
import type { NationalPanel, NationalPoint, NationalSeries, Place, TierCountRow } from '../api.ts';
import { el } from '../dom.ts';
import { formatValue } from '../format.ts';
import { lineChart, type Series } from '../charts/line.ts';
import { barChart } from '../charts/bar.ts';
import { citations } from '../panels.ts';

export function nationalPanels(panels: NationalPanel[]): HTMLElement {
  const missing = panels.filter((p) => !p.loaded);
  return el('section', { id: 'national', 'aria-label': 'The national record' }, [
    el('div', { class: 'panels' }, panels.filter((p) => p.loaded).map(panel)),
    missing.length
      ? el('section', { class: 'not-loaded', id: 'panels-not-loaded' }, [
          el('h2', {}, 'Not loaded in this build'),
          el('ul', {}, missing.map((p) => el('li', {}, `${p.title}: ${p.notLoaded.map((m) => `${m.label} (${m.measure})`).join('; ')}.`))),
        ])
      : null,
  ]);
}

const num = (v: number, unit: string) => `${formatValue(v)}${unit === 'million persons' ? ' million' : ''}`;

function panel(p: NationalPanel): HTMLElement {
  const chart = p.kind === 'tiers' ? tierChart(p.tierCounts ?? []) : p.kind === 'bars' ? bars(p) : lines(p);
  return el('article', { class: 'panel', id: `panel-${p.id}`, 'data-kind': p.kind }, [
    el('h2', {}, p.title),
    el('p', { class: 'panel-question' }, p.question),
    chart,
    p.kind === 'tiers' ? tierTable(p.tierCounts ?? []) : latest(p.series),
    p.breaks.length ? el('p', { class: 'note coverage-break-note' }, p.breaks.map((b) => `Break in series — ${b.label}.`).join(' ')) : null,
    el('p', { class: 'coverage' }, [el('strong', {}, 'Who is counted: '), p.coverage]),
    p.notLoaded.length
      ? el('p', { class: 'note partly-loaded' }, `Not loaded in this build: ${p.notLoaded.map((m) => `${m.label} (${m.measure})`).join('; ')}.`)
      : null,
    el('p', { class: 'state-links' }, p.stateLinks.length ? ['Each state: ', ...joinLinks(p.stateLinks)] : p.noStateData ?? ''),
    citations(p.citations, false),
    el('details', { class: 'caveat-box' }, [el('summary', {}, `Caveats (${p.caveats.length})`), el('ul', { class: 'caveats' }, p.caveats.map((c) => el('li', {}, c)))]),
  ]);
}

function joinLinks(links: { href: string; label: string }[]): (HTMLElement | string)[] {
  return links.flatMap((l, i) => [i ? ' · ' : '', el('a', { href: l.href }, l.label)]).filter((x) => x !== '');
}

function toSeries(s: NationalSeries): Series {
  return { name: s.label, points: s.points.map((p) => ({ period: p.period, value: p.value, suppressed: p.suppressed, lowCoverage: p.lowCoverage })) };
}

function lines(p: NationalPanel): HTMLElement {
  const unit = p.series[0]?.unit ?? '';
  return lineChart(p.series.map(toSeries), `${p.title}, by year`, (v) => num(v, unit), { breaks: p.breaks, gapsBreakLines: true });
}

function bars(p: NationalPanel): HTMLElement {
  const unit = p.series[0]?.unit ?? '';
  const data = p.series.map((s) => {
    const pt = s.points[s.points.length - 1];
    return { label: s.label, value: pt?.value ?? null, suppressed: pt?.suppressed ?? false, lowCoverage: false };
  });
  return barChart(data, `${p.title}, ${p.series[0]?.points[0]?.period ?? ''}`, (v) => num(v, unit));
}

/** The latest value of each series in words, with its grade and any disagreeing source beside it. */
function latest(series: NationalSeries[]): HTMLElement {
  return el('ul', { class: 'latest' }, series.map((s) => {
    const pt = [...s.points].reverse().find((x) => x.value !== null || x.suppressed);
    return el('li', { 'data-measure': s.measure }, pt ? valueLine(s, pt) : `${s.label}: no value`);
  }));
}

function valueLine(s: NationalSeries, pt: NationalPoint): (HTMLElement | string)[] {
  const value = pt.suppressed ? 'suppressed' : pt.valueText ?? num(pt.value!, s.unit);
  return [
    `${s.label}: `,
    el('strong', { class: 'value' }, value),
    ` (${pt.period})`,
    pt.grade ? el('span', { class: `grade grade-${pt.grade.replace(/\s+/g, '-')}`, title: pt.source ?? '' }, pt.grade) : null,
    pt.coverage ? el('span', { class: 'point-coverage' }, ` — ${pt.coverage}`) : null,
    ...pt.notes.map((n) => el('span', { class: 'point-note' }, ` — ${n}`)),
    ...pt.disagreements.map((d) => el('span', { class: 'disagreement' }, ` — another source: ${d}`)),
  ].filter((x): x is HTMLElement | string => x !== null);
}

const TIER_ORDER = ['Tier 1', 'Tier 2', 'Tier 2 Watch List', 'Tier 3', 'Special Case'];

function tierChart(rows: TierCountRow[]): HTMLElement {
  const floors = new Set<string>();
  const series: Series[] = TIER_ORDER.map((tier) => ({
    name: tier,
    points: rows
      .filter((r) => r.tier === tier)
      .map((r) => {
        // An incomplete list with no stated count is a floor: drawn hollow, labelled "at least".
        const value = r.shown ?? (r.counted > 0 ? r.counted : null);
        if (r.shown === null && value !== null) floors.add(`${tier}|${r.period}`);
        return { period: r.period, value, suppressed: false, lowCoverage: false };
      }),
  }));
  return lineChart(series, 'Countries per TIP tier by report year', (v) => formatValue(v), {
    gapsBreakLines: true,
    isFloor: (s, p) => floors.has(`${s.name}|${p.period}`),
  });
}

function tierTable(rows: TierCountRow[]): HTMLElement {
  const years = [...new Set(rows.map((r) => r.period))].sort((a, b) => b - a);
  const cell = (r: TierCountRow | undefined): HTMLElement => {
    if (!r) return el('td', {}, '');
    const text = r.shown !== null ? formatValue(r.shown) : r.counted > 0 ? `at least ${r.counted}` : 'not found';
    return el('td', { class: r.disagreement ? 'disagreement' : r.shown === null ? 'floor' : '' }, [
      text,
      r.statedGrade ? el('span', { class: 'grade', title: `stated count; ${r.counted} placements loaded` }, r.statedGrade) : null,
      r.disagreement ? el('span', { class: 'note' }, ` (${r.disagreement})`) : null,
    ]);
  };
  return el('details', { class: 'tier-table' }, [
    el('summary', {}, 'Countries per tier, year by year (stated where a source states it, otherwise counted)'),
    el('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Countries per tier by report year' }, [
      el('table', { id: 'tier-counts' }, [
        el('thead', {}, el('tr', {}, ['Report year', ...TIER_ORDER].map((h) => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, years.map((y) => el('tr', {}, [el('th', { scope: 'row' }, String(y)), ...TIER_ORDER.map((t) => cell(rows.find((r) => r.period === y && r.tier === t)))]))),
      ]),
    ]),
  ]);
}

/** A way down to each state: its page gathers every figure the store holds for it. */
export function stateIndex(states: Place[]): HTMLElement {
  return el('nav', { class: 'state-index', id: 'state-index', 'aria-label': 'Each state' }, [
    el('h2', {}, 'Each state'),
    el('ul', {}, states.filter((s) => s.parent === 'USA').sort((a, b) => a.name.localeCompare(b.name)).map((s) => el('li', {}, el('a', { href: `/place/${s.id}` }, s.name)))),
  ]);
}
