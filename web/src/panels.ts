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

/** How many citations of one source show before the rest fold away (a world map cites one row per country). */
const OPEN_CITATIONS = 6;

/**
 * Each citation once, numbered in the order the rows first cite it, with an anchor (#cite-ID) that
 * the rows' [n] marks point at. Citations of one source share one line naming the document
 * (publisher, title, retrieval date, checksum, link, license); each item then gives its locator and id.
 */
export function citations(all: Citation[], anchored = true): HTMLElement {
  const seen = new Set<string>();
  const list = all.filter((c) => !seen.has(c.id) && seen.add(c.id));
  const numberOf = new Map(list.map((c, i) => [c.id, i + 1]));
  const bySource = new Map<string, Citation[]>();
  for (const c of list) bySource.set(c.sourceId, [...(bySource.get(c.sourceId) ?? []), c]);
  const documentLine = (c: Citation): (string | HTMLElement)[] => [
    `${c.publisher}. “${c.title}”. Retrieved ${c.retrieved}. sha256 `,
    el('code', { title: c.sha256 }, c.sha256.slice(0, 12) + '…'),
    '. ',
    el('a', { href: c.url, rel: 'noreferrer noopener' }, 'Source file'),
    `. License: ${c.license.replace(/\.$/, '')}.`,
  ];
  const item = (c: Citation, whole: boolean) =>
    el('li', { class: 'citation', value: String(numberOf.get(c.id)), ...(anchored ? { id: `cite-${c.id}`, tabindex: '-1' } : {}) }, [
      ...(whole ? [...documentLine(c), ' '] : []),
      `${c.locator}. Citation `,
      el('a', { href: `/api/v1/citations/${c.id}`, class: 'cite-id' }, c.id),
    ]);
  const blocks = [...bySource.values()].flatMap((cs) => {
    if (cs.length === 1) return [el('ol', { class: 'citations' }, item(cs[0]!, true))];
    const rest = cs.slice(OPEN_CITATIONS);
    return [
      el('p', { class: 'cite-source' }, documentLine(cs[0]!)),
      el('ol', { class: 'citations' }, cs.slice(0, OPEN_CITATIONS).map((c) => item(c, false))),
      rest.length
        ? el('details', { class: 'more-citations' }, [
            el('summary', {}, `${rest.length} more citation${rest.length === 1 ? '' : 's'} of this source`),
            el('ol', { class: 'citations' }, rest.map((c) => item(c, false))),
          ])
        : null,
    ];
  });
  return el('section', { class: 'cite' }, [el('h3', {}, list.length === 1 ? 'Source' : `Sources (${list.length} citations)`), ...blocks]);
}

/**
 * A row's [n] marks, each a link to its citation in the list. In-page: the list item is opened
 * (it may be folded), scrolled to and focused, without a history entry (the router re-renders on popstate).
 */
export function citationMarks(ids: string[], numberOf: Map<string, number>, citedRows?: number): HTMLElement {
  const marks = ids.map((id) => {
    const a = el('a', { href: `#cite-${id}`, class: 'cite-ref', title: `citation ${id}` }, `[${numberOf.get(id) ?? '?'}]`);
    a.addEventListener('click', (e) => {
      const target = document.getElementById(`cite-${id}`);
      if (!target) return;
      e.preventDefault();
      const folded = target.closest('details');
      if (folded) folded.open = true;
      target.scrollIntoView({ block: 'center' });
      target.focus();
    });
    return a;
  });
  return el('span', { class: 'cite-refs' }, [...marks, citedRows ? ` (${citedRows.toLocaleString('en-US')} rows)` : null]);
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
  /** The cell as text: what the CSV and JSON downloads hold. */
  get: (r: ResultRow) => string;
  /** The cell on the page, where it differs from its text (citation marks are links). */
  render?: (r: ResultRow) => HTMLElement;
}

/** The columns shown for a result: place, period, breakdowns, value, extra fields, source locator. */
export function columnsFor(result: QueryResult, valueKey: 'value' | 'rate' = 'value'): Column[] {
  const dims = [...new Set(result.rows.flatMap((r) => Object.keys(r.dims)))];
  const extras = [...new Set(result.rows.flatMap((r) => Object.keys(r.extra ?? {})))];
  const numberOf = new Map(result.citations.map((c, i) => [c.id, i + 1]));
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
      // Citation ids (listed once below the table and in the downloads); a sum over many rows cites the file whole.
      get: (r) => r.citations.join(' ') + (r.citedRows ? ` (${r.citedRows} rows)` : ''),
      render: (r) => citationMarks(r.citations, numberOf, r.citedRows),
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
            columns.map((c, i) => (i === 0 ? el('th', { scope: 'row' }, c.get(r)) : el('td', c.key === 'value' ? { class: cellState(r) } : {}, c.render ? c.render(r) : c.get(r)))),
          ),
        ),
      ),
    ]),
  ]);
}

function csvCell(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The columns of the citation list below the values in a CSV (as the API's CSV has them). */
const CITATION_COLUMNS = ['citation', 'publisher', 'document', 'locator', 'retrieved', 'sha256', 'url', 'license'];

/**
 * CSV and JSON of exactly the rows and columns shown (blob URLs: nothing leaves the page). The CSV
 * lists each citation once, after an empty line below the values, as the API's CSV does.
 */
export function downloads(name: string, columns: Column[], rows: ResultRow[], result: QueryResult): HTMLElement {
  const cited = new Set(rows.flatMap((r) => r.citations));
  const citationLines = result.citations
    .filter((c) => cited.has(c.id))
    .map((c) => [c.id, c.publisher, c.title, c.locator, c.retrieved, c.sha256, c.url, c.license].map(csvCell).join(','));
  const csv =
    [
      columns.map((c) => csvCell(c.label)).join(','),
      ...rows.map((r) => columns.map((c) => csvCell(c.get(r))).join(',')),
      ...(citationLines.length ? ['', CITATION_COLUMNS.join(','), ...citationLines] : []),
    ].join('\n') + '\n';
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
