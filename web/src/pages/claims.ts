// Claims checker: paste a claim, see how it was read (and correct the reading), and what the official
// record says. The text goes to this site's own API only, which neither stores nor logs it; it is not put
// in the address bar.
import { clear, el } from '../dom.ts';
import { postJson } from './law/common.ts';
import { VERDICT_LABEL, type CheckResult } from '../../../src/methods/claims/result.ts';
import type { ClaimParse } from '../../../src/methods/claims/parse.ts';
import './relief.css';

const VERDICT_CLASS: Record<CheckResult['verdict'], string> = { consistent: 'relief-eligible', differs: 'relief-may-be-eligible', 'no-figure': 'relief-not-collected', conflates: 'relief-not-eligible' };

const UNITS: ClaimParse['unit'][] = ['arrests', 'offenses', 'people', 'children', 'reports', 'countries', 'percent', 'usd', 'years', 'per_1000', 'tier', 'none'];
const COUNTED: ClaimParse['counted'][] = ['sex_trafficking', 'labor_trafficking', 'human_trafficking', 'prostitution', 'modern_slavery', 'forced_labour', 'tier', 'age', 'money', 'other'];
const COMPARISONS: ClaimParse['comparison'][] = ['level', 'rise', 'fall', 'share', 'rate'];

function field(label: string, input: HTMLElement): HTMLElement {
  return el('div', { class: 'relief-control' }, [el('label', { for: input.id }, label), input]);
}

function select(id: string, values: string[], current: string): HTMLSelectElement {
  const s = el('select', { id }, values.map((v) => el('option', { value: v }, v.replace(/_/g, ' ')))) as HTMLSelectElement;
  s.value = current;
  return s;
}

function input(id: string, value: string, type = 'text'): HTMLInputElement {
  const i = el('input', { id, type }) as HTMLInputElement;
  i.value = value;
  return i;
}

function parseEditor(p: ClaimParse, onCheck: (edited: ClaimParse) => void): HTMLElement {
  const quantity = input('claim-quantity', p.quantity === null ? '' : String(p.quantity), 'number');
  const unit = select('claim-unit', UNITS, p.unit);
  const counted = select('claim-counted', COUNTED, p.counted);
  const place = input('claim-place', p.place ?? '');
  const from = input('claim-from', p.period ? String(p.period.from) : '', 'number');
  const to = input('claim-to', p.period ? String(p.period.to) : '', 'number');
  const comparison = select('claim-comparison', COMPARISONS, p.comparison);
  const change = input('claim-change', p.change === null ? '' : String(p.change), 'number');
  const recheck = el('button', { type: 'button', id: 'claim-recheck' }, 'Check this reading');
  recheck.addEventListener('click', () => {
    const num = (i: HTMLInputElement) => (i.value.trim() === '' || Number.isNaN(Number(i.value)) ? null : Number(i.value));
    const y1 = num(from);
    const y2 = num(to) ?? y1;
    onCheck({
      ...p,
      quantity: num(quantity),
      unit: unit.value as ClaimParse['unit'],
      counted: counted.value as ClaimParse['counted'],
      place: place.value.trim().toUpperCase() || null,
      period: y1 !== null && y2 !== null ? { from: Math.min(y1, y2), to: Math.max(y1, y2) } : null,
      comparison: comparison.value as ClaimParse['comparison'],
      change: num(change),
    });
  });
  return el('section', { class: 'claim-parse', 'aria-labelledby': 'claim-parse-h' }, [
    el('h2', { id: 'claim-parse-h' }, 'How the claim was read'),
    el('p', {}, 'Correct any part that was misread, then check again.'),
    el('div', { class: 'relief-controls' }, [
      field('Quantity', quantity), field('Unit', unit), field('What is counted', counted), field('Place (code: USA, TX, IND…)', place),
      field('From year', from), field('To year', to), field('Comparison', comparison), field('Change claimed (%)', change),
    ]),
    recheck,
  ]);
}

function resultView(r: CheckResult): HTMLElement {
  return el('section', { id: 'claim-result', 'aria-labelledby': 'claim-result-h' }, [
    el('h2', { id: 'claim-result-h' }, 'What the record says'),
    el('p', { class: `relief-outcome ${VERDICT_CLASS[r.verdict]}`, 'data-verdict': r.verdict }, [el('strong', {}, VERDICT_LABEL[r.verdict]), `: ${r.headline}`]),
    ...r.explanation.map((e) => el('p', {}, e)),
    r.record
      ? el('div', { class: 'relief-result' }, [
          el('p', {}, [el('strong', {}, 'Record: '), `${r.record.label}, ${r.record.place}, ${r.record.period}: ${typeof r.record.value === 'number' ? r.record.value.toLocaleString('en-US') : r.record.value}`]),
          r.difference ? el('p', {}, [el('strong', {}, 'Difference: '), `${r.difference.absolute.toLocaleString('en-US')}${r.difference.percent !== null ? ` (${r.difference.percent.toFixed(1)}%)` : ' percentage points'}`]) : null,
          el('p', {}, [el('strong', {}, 'Query: '), el('code', {}, r.record.query)]),
          el('ul', {}, r.record.citations.map((c) => el('li', {}, [`${c.publisher}, ${c.title}, ${c.locator}. `, el('a', { href: c.url, rel: 'noreferrer noopener' }, 'Source'), ` (retrieved ${c.retrieved})`]))),
          ...r.record.caveats.map((c) => el('p', { class: 'relief-note' }, c)),
        ])
      : null,
    r.registry
      ? el('div', { class: 'relief-result' }, [
          el('h3', {}, 'A figure that circulates without a traceable source'),
          el('p', {}, r.registry.figure),
          el('p', {}, r.registry.origin),
          el('ul', {}, r.registry.sources.map((s) => el('li', {}, el('a', { href: s.url, rel: 'noreferrer noopener' }, s.title)))),
        ])
      : null,
    r.recordHas.length ? el('div', {}, [el('h3', {}, 'What the record has'), el('ul', {}, r.recordHas.map((h) => el('li', {}, h)))]) : null,
  ]);
}

export async function render(root: HTMLElement): Promise<void> {
  const text = el('textarea', { id: 'claim-text', rows: '4', maxlength: '2000' }) as HTMLTextAreaElement;
  const go = el('button', { type: 'submit' }, 'Check the claim');
  const message = el('p', { id: 'claim-message', role: 'alert' });
  const parseBox = el('div', {});
  const resultBox = el('div', { 'aria-live': 'polite' });

  const run = async (parse?: ClaimParse) => {
    clear(message);
    try {
      const r = await postJson<CheckResult>('/api/v1/claims/check', parse ? { text: text.value, parse } : { text: text.value });
      clear(parseBox).append(parseEditor(r.parse, (edited) => void run(edited)));
      clear(resultBox).append(resultView(r));
    } catch (e) {
      clear(parseBox);
      clear(resultBox);
      message.textContent = e instanceof Error ? e.message : String(e);
    }
  };
  const form = el('form', { class: 'claim-form' }, [el('label', { for: 'claim-text' }, 'A claim with a number in it'), text, go]);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void run();
  });

  clear(root).append(
    el('h1', {}, 'Check a claim against the record'),
    el('p', {}, 'Paste a sentence from a speech, an ad or a bill (“arrests for trafficking doubled”, “100,000 children are trafficked each year”). Cogency reads it, shows how it read it, and answers with what the official record it holds says: consistent, differs (by how much), no such figure (and what it has), or conflates things the record keeps apart.'),
    el('p', { class: 'relief-private' }, 'The text is sent only to this site, checked and forgotten: it is not stored, logged or put in the address bar.'),
    form,
    message,
    parseBox,
    resultBox,
  );
}
