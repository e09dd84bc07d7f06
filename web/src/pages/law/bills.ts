// /law — bills and statutes: filters, full-text search with highlighted hits, findings at a glance.
import { clear, el } from '../../dom.ts';
import { writeParams } from '../../state.ts';
import { LAW_JURISDICTIONS_URL, LAW_PAGE as PAGE, lawListState, lawListUrl } from '../../../../src/model/page-requests.ts';
import { billHref, getJson, IMPACT_LABELS, IMPACTS, kindChip, kindLabel, KINDS, marked, option, type BillItem } from './common.ts';


interface ListResponse {
  total: number;
  limit: number;
  offset: number;
  items: BillItem[];
}

function select(name: string, label: string, options: [string, string][], value: string): HTMLElement {
  const s = el('select', { id: `law-${name}`, name }) as HTMLSelectElement;
  for (const [v, text] of options) s.append(option(v, text));
  s.value = value;
  return el('div', { class: 'law-field' }, [el('label', { for: `law-${name}` }, label), s]);
}

export async function render(root: HTMLElement, params: Record<string, string>, _path: string): Promise<void> {
  const state = lawListState(params);
  clear(root);
  root.append(
    el('h1', {}, 'Legislation'),
    el('p', { class: 'lede' }, [
      'Bills, enacted laws and statutes on trafficking and sex work, each read against the provision rubric. ',
      'Every finding points at the words that carry it. ',
      el('a', { href: '/law/compare' }, 'Compare jurisdictions'),
      ' · ',
      el('a', { href: '/law/analyze' }, 'Analyze a text'),
    ]),
  );

  // jurisdictions present (from the matrix over all texts)
  let jurisdictions: string[] = [];
  try {
    jurisdictions = (await getJson<{ jurisdictions: string[] }>(LAW_JURISDICTIONS_URL)).jurisdictions;
  } catch {
    jurisdictions = [];
  }
  if (state.jurisdiction && !jurisdictions.includes(state.jurisdiction)) jurisdictions.push(state.jurisdiction);

  const search = el('input', { id: 'law-q', name: 'q', type: 'search', autocomplete: 'off', maxlength: '200', placeholder: 'e.g. vacatur, "affirmative defense", massage' }) as HTMLInputElement;
  search.value = state.q;
  const form = el('form', { class: 'law-filters', role: 'search', 'aria-label': 'Search and filter legislation' }, [
    el('div', { class: 'law-field law-field-q' }, [el('label', { for: 'law-q' }, 'Search the texts'), search]),
    select('jurisdiction', 'Jurisdiction', [['', 'All'], ...jurisdictions.map((j): [string, string] => [j, j])], state.jurisdiction),
    select('type', 'Type', [['', 'All'], ['bill', 'Bills and session laws'], ['statute', 'Statutes (codified)']], state.type),
    select('kind', 'Provision', [['', 'Any'], ...KINDS.map((k): [string, string] => [k, kindLabel(k)])], state.kind),
    select('impact', 'Impact', [['', 'Any'], ...IMPACTS.map((i): [string, string] => [i, IMPACT_LABELS[i]])], state.impact),
    el('div', { class: 'law-field law-actions' }, [el('button', { type: 'submit' }, 'Search')]),
  ]);
  const count = el('p', { class: 'law-count', role: 'status', 'aria-live': 'polite' });
  const results = el('ol', { class: 'law-results', 'aria-label': 'Results' });
  const pager = el('nav', { class: 'law-pager', 'aria-label': 'Result pages' });
  root.append(form, count, results, pager);

  let seq = 0;
  const load = async (push: boolean): Promise<void> => {
    const my = ++seq;
    writeParams(state, push);
    count.textContent = 'Loading…';
    let res: ListResponse;
    try {
      res = await getJson<ListResponse>(lawListUrl(state));
    } catch (e) {
      if (my !== seq) return;
      count.textContent = '';
      clear(results).append(el('li', { class: 'error' }, `Could not load the list: ${e instanceof Error ? e.message : String(e)}`));
      clear(pager);
      return;
    }
    if (my !== seq) return; // a newer request is on its way
    const from = res.total ? res.offset + 1 : 0;
    const to = res.offset + res.items.length;
    count.textContent =
      res.total === 0 ? (state.q ? `No text matches “${state.q}” with these filters.` : 'No bill or statute matches these filters.') : `${from}–${to} of ${res.total}${state.q ? ` matching “${state.q}”` : ''}`;
    clear(results);
    for (const b of res.items) results.append(item(b));
    clear(pager);
    const go = (offset: number, text: string) => {
      const btn = el('button', { type: 'button' }, text);
      btn.addEventListener('click', () => {
        state.offset = offset ? String(offset) : '';
        void load(true).then(() => count.focus());
      });
      return btn;
    };
    if (res.offset > 0) pager.append(go(Math.max(0, res.offset - PAGE), '← Previous'));
    if (to < res.total) pager.append(go(res.offset + PAGE, 'Next →'));
  };
  count.setAttribute('tabindex', '-1');

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    read();
    void load(true);
  });
  for (const s of form.querySelectorAll('select')) s.addEventListener('change', () => (read(), void load(true)));
  let timer: number | undefined;
  search.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => (read(), void load(false)), 250);
  });
  function read(): void {
    const fd = new FormData(form as HTMLFormElement);
    for (const k of ['q', 'jurisdiction', 'type', 'kind', 'impact'] as const) state[k] = String(fd.get(k) ?? '').trim();
    state.offset = '';
  }
  await load(false);
}

function item(b: BillItem): HTMLElement {
  const name = [b.jurisdiction, b.identifier].filter(Boolean).join(' ');
  const title = b.title_highlight ? marked(b.title_highlight.text, b.title_highlight.highlights) : [b.title || b.citation || b.id];
  const meta = [b.type === 'bill' ? 'Bill / session law' : b.type === 'statute' ? 'Statute' : b.type, b.year ? String(b.year) : '', b.status].filter(Boolean).join(' · ');
  const li = el('li', { class: 'law-result' }, [
    el('h2', {}, [el('a', { href: billHref(b.id) }, [name ? `${name}: ` : '', ...title])]),
    el('p', { class: 'meta' }, meta),
  ]);
  if (b.snippets?.length) {
    li.append(el('ul', { class: 'law-snippets', 'aria-label': 'Matching passages' }, b.snippets.map((s) => el('li', {}, ['…', ...marked(s.text, s.highlights), '…']))));
  }
  if (b.findings.length) {
    const seen = new Set<string>();
    const chips = b.findings.filter((f) => (seen.has(`${f.kind}|${f.effect}`) ? false : (seen.add(`${f.kind}|${f.effect}`), true)));
    li.append(el('ul', { class: 'law-chips', 'aria-label': 'Findings' }, chips.map((f) => kindChip(f, billHref(b.id, f.kind)))));
  } else li.append(el('p', { class: 'hint' }, 'No rubric provision found.'));
  return li;
}
