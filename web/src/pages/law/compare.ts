// /law/compare — provision kinds × jurisdictions from statutes and enacted laws; each cell links to its evidence.
import { clear, el } from '../../dom.ts';
import { writeParams } from '../../state.ts';
import { lawCompareState, lawCompareUrl } from '../../../../src/model/page-requests.ts';
import { billHref, getJson, IMPACT_LABELS, IMPACTS, kindLabel, option } from './common.ts';

interface CompareResponse {
  scope: string;
  kinds: string[];
  jurisdictions: string[];
  cells: { kind: string; jurisdiction: string; impacts: Record<string, number>; bills: { id: string; identifier: string; type: string; impact: string; effect: string }[] }[];
  /** Texts in scope per jurisdiction, every one analyzed. */
  texts: Record<string, number>;
  /** Jurisdictions with no text in scope: nothing is known of their law here. */
  notCollected: string[];
}

const plural = (n: number, one: string) => `${n.toLocaleString('en-US')} ${one}${n === 1 ? '' : 's'}`;

export async function render(root: HTMLElement, params: Record<string, string>, _path: string): Promise<void> {
  const state = lawCompareState(params);
  clear(root);
  root.append(
    el('p', { class: 'law-crumbs' }, [el('a', { href: '/law' }, 'Legislation'), ' › Compare']),
    el('h1', {}, 'Compare jurisdictions'),
    el('p', { class: 'lede' }, 'Which provisions each jurisdiction’s texts carry, as found by the analyzer. Each cell lists the texts that carry the provision; follow one to see the words.'),
  );
  const scope = el('fieldset', { class: 'law-toggle' }, [
    el('legend', {}, 'Texts'),
    ...(['enacted', 'all'] as const).flatMap((v) => {
      const input = el('input', { type: 'radio', name: 'scope', id: `law-scope-${v}`, value: v }) as HTMLInputElement;
      input.checked = state.scope === v;
      return [el('span', { class: 'law-radio' }, [input, el('label', { for: `law-scope-${v}` }, v === 'enacted' ? 'Statutes and enacted laws' : 'All, including pending bills')])];
    }),
  ]);
  const impactSel = el('select', { id: 'law-impact', name: 'impact' }, [
    option('', 'Any'),
    ...IMPACTS.map((i) => option(i, IMPACT_LABELS[i])),
  ]) as HTMLSelectElement;
  impactSel.value = state.impact;
  const form = el('form', { class: 'law-filters', 'aria-label': 'Matrix options' }, [scope, el('div', { class: 'law-field' }, [el('label', { for: 'law-impact' }, 'Impact'), impactSel])]);
  const out = el('div', { class: 'law-matrix-wrap' });
  root.append(form, out);

  const load = async (push: boolean): Promise<void> => {
    writeParams({ scope: state.scope === 'enacted' ? '' : state.scope, impact: state.impact }, push);
    clear(out).append(el('p', { role: 'status' }, 'Loading…'));
    let r: CompareResponse;
    try {
      r = await getJson<CompareResponse>(lawCompareUrl(state));
    } catch (e) {
      clear(out).append(el('p', { class: 'error' }, `Could not load the matrix: ${e instanceof Error ? e.message : String(e)}`));
      return;
    }
    clear(out);
    // Two different blanks: a jurisdiction whose texts were analyzed and carry no such provision, and
    // one with no text collected at all, which says nothing about its law.
    out.append(
      el('ul', { class: 'law-matrix-legend', 'aria-label': 'What a cell shows' }, [
        el('li', {}, [el('span', { class: 'law-key law-key-found' }, 'HB 12'), ' texts that carry the provision (follow one to see the words)']),
        el('li', {}, [el('span', { class: 'law-key law-cell-none' }, 'none found'), ' texts collected and analyzed; none carries the provision']),
        el('li', {}, [el('span', { class: 'law-key law-cell-missing' }, 'not collected'), ' no text of this jurisdiction in the corpus: nothing is known here of its law']),
      ]),
    );
    if (r.notCollected.length) {
      out.append(
        el('p', { class: 'law-not-collected' }, [
          el('strong', {}, `Text not collected (${r.notCollected.length}): `),
          r.notCollected.join(', '),
          '. These are not columns of the table: an empty column would read as “no such law”.',
        ]),
      );
    }
    if (r.jurisdictions.length === 0) {
      out.append(el('p', { class: 'hint' }, 'No texts for these options.'));
      return;
    }
    const byKey = new Map(r.cells.map((c) => [`${c.kind}|${c.jurisdiction}`, c]));
    const table = el('table', { class: 'law-matrix' }, [
      el('caption', {}, `${r.kinds.length} provision kinds × ${r.jurisdictions.length} jurisdictions (${state.scope === 'enacted' ? 'statutes and enacted laws' : 'all texts'})`),
      el(
        'thead',
        {},
        el('tr', {}, [
          el('th', { scope: 'col' }, 'Provision'),
          ...r.jurisdictions.map((j) => el('th', { scope: 'col', title: `${plural(r.texts[j] ?? 0, 'text')} analyzed` }, [j || 'unstated', el('span', { class: 'law-texts' }, plural(r.texts[j] ?? 0, 'text'))])),
        ]),
      ),
    ]);
    const body = el('tbody');
    for (const k of r.kinds) {
      const row = el('tr', {}, el('th', { scope: 'row' }, kindLabel(k)));
      for (const j of r.jurisdictions) {
        const c = byKey.get(`${k}|${j}`);
        if (!c) {
          row.append(el('td', { class: 'law-cell-none', title: `${plural(r.texts[j] ?? 0, 'text')} of ${j} analyzed; none carries this provision` }, 'none found'));
          continue;
        }
        const dominant = IMPACTS.filter((i) => c.impacts[i]).sort((a, b) => (c.impacts[b] ?? 0) - (c.impacts[a] ?? 0))[0] ?? 'concern';
        const seen = new Set<string>();
        const links = c.bills
          .filter((b) => (seen.has(`${b.id}|${b.effect}`) ? false : (seen.add(`${b.id}|${b.effect}`), true)))
          .map((b) =>
            el('li', {}, el('a', { href: billHref(b.id, k), title: `${kindLabel(k)}: ${b.effect} (${b.impact})` }, [b.identifier || b.id, b.effect === 'enacts' ? '' : ` (${b.effect})`])),
          );
        row.append(el('td', { class: `law-cell law-impact-${dominant}` }, el('ul', {}, links)));
      }
      body.append(row);
    }
    table.append(body);
    out.append(el('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Provisions by jurisdiction' }, table));
  };
  form.addEventListener('change', () => {
    const fd = new FormData(form as HTMLFormElement);
    state.scope = fd.get('scope') === 'all' ? 'all' : 'enacted';
    state.impact = String(fd.get('impact') ?? '');
    void load(true);
  });
  form.addEventListener('submit', (ev) => ev.preventDefault());
  await load(false);
}
