// What travels with every chart: the definition, the citations, the caveats, the numbers as a
// table and downloads of exactly those numbers.
import type { Citation, Measure, QueryResult, ResultRow } from './api.ts';
import { el } from './dom.ts';
import { PERIOD_KIND_LABEL, dimLabel, formatValue } from './format.ts';
import { summarizeFlags } from '../../src/model/flags.ts';

export function definition(measure: Measure): HTMLElement {
  return el('details', { class: 'definition' }, [
    el('summary', {}, `What “${measure.label}” measures`),
    el('p', {}, measure.definition),
    el('p', { class: 'meta' }, `Measure ${measure.id} · unit: ${measure.unit} · period: ${PERIOD_KIND_LABEL[measure.periodKind] ?? measure.periodKind}`),
  ]);
}

/** One line per source; row-level locators stay in the table and downloads. */
export function citations(list: Citation[]): HTMLElement {
  const bySource = new Map<string, { c: Citation; n: number }>();
  for (const c of list) {
    const s = bySource.get(c.sourceId);
    if (s) s.n++;
    else bySource.set(c.sourceId, { c, n: 1 });
  }
  return el('section', { class: 'cite' }, [
    el('h3', {}, bySource.size === 1 ? 'Source' : 'Sources'),
    ...[...bySource.values()].map(({ c, n }) =>
      el('p', { class: 'citation' }, [
        `${c.publisher}. “${c.title}”. `,
        el('a', { href: c.url, rel: 'noreferrer noopener' }, 'Source file'),
        `. ${n === 1 ? c.locator : `${n} locations in the file (see table)`}. Retrieved ${c.retrieved}. License: ${c.license} sha256 `,
        el('code', { title: c.sha256 }, c.sha256.slice(0, 16) + '…'),
      ]),
    ),
  ]);
}

export function caveats(list: string[]): HTMLElement {
  return el('section', { class: 'caveat-box' }, [
    el('h3', {}, 'Caveats'),
    list.length ? el('ul', { class: 'caveats' }, list.map((t) => el('li', {}, t))) : el('p', {}, 'None recorded.'),
  ]);
}

export interface Column {
  key: string;
  label: string;
  get: (r: ResultRow) => string;
}

/** The columns shown for a result: place, period, breakdowns, value, extra fields, source locator. */
export function columnsFor(result: QueryResult, valueKey: 'value' | 'rate' = 'value'): Column[] {
  const dims = [...new Set(result.rows.flatMap((r) => Object.keys(r.dims)))];
  const extras = [...new Set(result.rows.flatMap((r) => Object.keys(r.extra ?? {})))];
  const cites = new Map(result.citations.map((c) => [c.id, c]));
  const unit = result.measure.unit;
  return [
    { key: 'place', label: 'Place', get: (r) => r.placeName },
    { key: 'period', label: dimLabel(PERIOD_KIND_LABEL[result.measure.periodKind] ?? 'Period'), get: (r) => String(r.period) },
    ...dims.map((d) => ({ key: d, label: dimLabel(d), get: (r: ResultRow) => r.dims[d] ?? '' })),
    {
      key: 'value',
      label: valueKey === 'rate' ? 'Rate per 100,000' : `Value (${unit})`,
      // A blank would read as zero or as "no such thing": say which of the four states a cell is in.
      get: (r) => {
        if (r.suppressed) return 'suppressed';
        if (r.valueText !== null) return r.valueText;
        const v = valueKey === 'rate' ? rateOf(r) : r.value;
        return v === null ? (valueKey === 'rate' ? 'no denominator' : 'not collected') : formatValue(v, unit);
      },
    },
    ...extras.map((k) => ({ key: k, label: dimLabel(k), get: (r: ResultRow) => (r.extra?.[k] === null || r.extra?.[k] === undefined ? '' : String(r.extra[k])) })),
    { key: 'flags', label: 'Notes', get: (r) => [r.suppressed ? r.suppressionReason ?? '' : '', summarizeFlags(r.flags)].filter(Boolean).join('; ') },
    {
      key: 'source',
      label: 'Source',
      // A summed row can rest on hundreds of rows of one file: name the file and the count.
      get: (r) =>
        r.citations.length > 3
          ? `${r.citations.length} rows of ${cites.get(r.citations[0]!)?.locator.replace(/^.*\//, '').replace(/,.*$/, '') ?? 'the source'}`
          : r.citations.map((id) => cites.get(id)?.locator.replace(/^.*\//, '') ?? id).join('; '),
    },
  ];
}

export function rateOf(r: ResultRow): number | null {
  const v = r.extra?.rate_per_100k;
  return typeof v === 'number' ? v : null;
}

export function dataTable(id: string, caption: string, columns: Column[], rows: ResultRow[]): HTMLElement {
  return el('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption }, [
    el('table', { id }, [
      el('caption', {}, caption),
      el('thead', {}, el('tr', {}, columns.map((c) => el('th', { scope: 'col' }, c.label)))),
      el(
        'tbody',
        {},
        rows.map((r) =>
          el(
            'tr',
            { 'data-place': r.place, class: r.suppressed ? 'suppressed' : '' },
            columns.map((c, i) => (i === 0 ? el('th', { scope: 'row' }, c.get(r)) : el('td', c.key === 'value' ? { class: cellState(r) } : {}, c.get(r)))),
          ),
        ),
      ),
    ]),
  ]);
}

function csvCell(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV and JSON of exactly the rows and columns shown (blob URLs: nothing leaves the page). */
export function downloads(name: string, columns: Column[], rows: ResultRow[], result: QueryResult): HTMLElement {
  const csv = [columns.map((c) => csvCell(c.label)).join(','), ...rows.map((r) => columns.map((c) => csvCell(c.get(r))).join(','))].join('\n') + '\n';
  const json = JSON.stringify(
    {
      measure: result.measure,
      rows: rows.map((r) => Object.fromEntries(columns.map((c) => [c.key, c.get(r)]))),
      citations: result.citations,
      caveats: result.caveats,
    },
    null,
    2,
  );
  const blob = (text: string, type: string) => URL.createObjectURL(new Blob([text], { type }));
  return el('p', { class: 'downloads' }, [
    el('a', { href: blob(csv, 'text/csv'), download: `${name}.csv`, class: 'download-csv' }, 'Download CSV'),
    ' · ',
    el('a', { href: blob(json, 'application/json'), download: `${name}.json`, class: 'download-json' }, 'Download JSON'),
  ]);
}

/** The state of a value cell, styled apart in tables: a value, a true zero, withheld (disclosure rule) or not collected. */
export function cellState(r: ResultRow): string {
  if (r.suppressed) return 'cell-withheld';
  if (r.value === null && r.valueText === null) return 'cell-missing';
  return r.value === 0 ? 'cell-zero' : 'cell-value';
}
