// /bills/<id> — one bill or statute: its text with the evidence highlighted and linked to the findings,
// the findings grouped by impact, and where the text comes from.
import { clear, el } from '../../dom.ts';
import { billId } from '../../../../src/model/page-requests.ts';
import { billApi, evidenceOf, evidenceText, findingsList, focusHashTargets, getJson, type BillItem, type Finding } from './common.ts';

/** A bill as /api/v1/bills/{id} returns it: the list item's fields plus text and sources. */
interface BillResponse extends Omit<BillItem, 'findings' | 'score' | 'snippets'> {
  version: string | null;
  text: string;
  findings: Finding[];
  sources: { citation: string; url: string | null; file: string | null; format: string | null; sha256: string | null }[];
  source: { id: string; title: string; publisher: string; license: string; retrieved: string; version: string } | null;
}

function dl(rows: [string, Node | string | null][]): HTMLElement {
  const d = el('dl', { class: 'law-meta' });
  for (const [k, v] of rows) if (v !== null && v !== '') d.append(el('dt', {}, k), el('dd', {}, v));
  return d;
}

export async function render(root: HTMLElement, params: Record<string, string>, path: string): Promise<void> {
  const id = billId(path, params);
  clear(root);
  let b: BillResponse;
  try {
    b = await getJson<BillResponse>(billApi(id));
  } catch (e) {
    root.append(
      el('h1', {}, 'Bill not found'),
      el('p', { class: 'error' }, e instanceof Error ? e.message : String(e)),
      el('p', {}, el('a', { href: '/law' }, 'Back to the legislation list')),
    );
    return;
  }
  const name = [b.jurisdiction, b.identifier].filter(Boolean).join(' ');
  root.append(
    el('p', { class: 'law-crumbs' }, [el('a', { href: '/law' }, 'Legislation'), ' › ', name || b.id]),
    el('h1', {}, [name ? `${name}: ` : '', b.title || b.citation || b.id]),
    dl([
      ['Type', b.type === 'bill' ? 'Bill or session law' : b.type === 'statute' ? 'Statute (codified section)' : b.type],
      ['Jurisdiction', b.jurisdiction],
      ['Session', b.session],
      ['Year', b.year ? String(b.year) : null],
      ['Status', b.status],
      ['Citation', b.citation],
      ['Text version', b.version],
    ]),
  );

  const layout = el('div', { class: 'law-bill' });
  const side = el('section', { class: 'law-bill-findings', 'aria-labelledby': 'law-findings-h' }, [
    el('h2', { id: 'law-findings-h' }, `Findings (${b.findings.length})`),
    el('p', { class: 'hint' }, 'Harmful, concern and protective per the rubric; each quote links to its place in the text.'),
    findingsList(b.findings, (fi, si) => `ev-${fi}-${si}`, (fi) => `ev-f-${fi}`),
  ]);
  const textSec = el('section', { class: 'law-bill-text', 'aria-labelledby': 'law-text-h' }, [
    el('h2', { id: 'law-text-h' }, 'Text'),
    b.text ? evidenceText(b.text, evidenceOf(b.findings)) : el('p', { class: 'hint' }, 'The source carries no text for this document.'),
  ]);
  layout.append(side, textSec);
  root.append(layout);

  const src = b.sources[0];
  const srcRows: [string, Node | string | null][] = [
    ['Citation', src?.citation || null],
    ['Official source', src?.url ? el('a', { href: src.url, rel: 'noopener noreferrer' }, src.url) : null],
    ['File', src?.file ?? null],
    ['Format', src?.format ?? null],
    ['SHA-256', src?.sha256 ? el('code', {}, src.sha256) : null],
  ];
  if (b.source) srcRows.push(['Collection', `${b.source.title} (version ${b.source.version}, retrieved ${b.source.retrieved})`], ['Licence', b.source.license]);
  root.append(el('section', { class: 'source law-sources', 'aria-labelledby': 'law-src-h' }, [el('h2', { id: 'law-src-h' }, 'Sources'), dl(srcRows)]));

  focusHashTargets(root);
  // links from the compare page and the list: #kind-<kind> → the first finding of that kind
  const hash = decodeURIComponent(location.hash.slice(1));
  let target: HTMLElement | null = null;
  if (hash.startsWith('kind-')) {
    const fi = b.findings.findIndex((f) => f.kind === hash.slice(5));
    if (fi >= 0) target = document.getElementById(`ev-f-${fi}`);
  } else if (hash) target = document.getElementById(hash);
  if (target) {
    target.scrollIntoView({ block: 'center' });
    target.focus({ preventScroll: true });
  }
}
