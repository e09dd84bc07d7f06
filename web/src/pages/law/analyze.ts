// /law/analyze — paste a text, get findings with the evidence highlighted (the server stores and logs nothing).
import { clear, el } from '../../dom.ts';
import { evidenceOf, evidenceText, findingsList, focusHashTargets, option, postJson, type Finding } from './common.ts';

const MAX_BYTES = 2 * 1024 * 1024;

const FORMATS: [string, string][] = [
  ['plain-text', 'Plain text'],
  ['ny-bill-md', 'New York bill (new matter in CAPITALS, [deleted])'],
  ['mo-bill-pdf-text', 'Text from a bill PDF with line numbers'],
  ['statute-text', 'Statute section'],
  ['html', 'HTML'],
];

export async function render(root: HTMLElement, _params: Record<string, string>, _path: string): Promise<void> {
  clear(root);
  root.append(
    el('p', { class: 'law-crumbs' }, [el('a', { href: '/law' }, 'Legislation'), ' › Analyze a text']),
    el('h1', {}, 'Analyze a text'),
    el('p', { class: 'lede' }, 'Paste a bill or statute. The analyzer reports the provisions of the rubric it finds, with the words that carry each. The text is not stored or logged.'),
  );
  const ta = el('textarea', { id: 'law-text', name: 'text', rows: '14', required: '', spellcheck: 'false', 'aria-describedby': 'law-text-help' }) as HTMLTextAreaElement;
  const fmt = el('select', { id: 'law-format', name: 'format' }, FORMATS.map(([v, t]) => option(v, t))) as HTMLSelectElement;
  const type = el('select', { id: 'law-type', name: 'type' }, [option('bill', 'Bill (amends the law)'), option('statute', 'Statute (current law)')]) as HTMLSelectElement;
  const help = el('p', { id: 'law-text-help', class: 'hint' }, 'Up to 2 MB of text.');
  const form = el('form', { class: 'law-analyze' }, [
    el('div', { class: 'law-field law-field-text' }, [el('label', { for: 'law-text' }, 'Text'), ta, help]),
    el('div', { class: 'law-filters' }, [
      el('div', { class: 'law-field' }, [el('label', { for: 'law-format' }, 'Notation'), fmt]),
      el('div', { class: 'law-field' }, [el('label', { for: 'law-type' }, 'Type'), type]),
      el('div', { class: 'law-field law-actions' }, [el('button', { type: 'submit' }, 'Analyze')]),
    ]),
  ]);
  const status = el('p', { role: 'status', 'aria-live': 'polite', class: 'law-count', tabindex: '-1' });
  const out = el('div', { class: 'law-bill' });
  root.append(form, status, out);
  focusHashTargets(root);

  ta.addEventListener('input', () => {
    const n = new Blob([ta.value]).size;
    help.textContent = n > MAX_BYTES ? `${(n / 1e6).toFixed(1)} MB: too long, at most 2 MB.` : 'Up to 2 MB of text.';
    help.classList.toggle('error', n > MAX_BYTES);
  });
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    void run();
  });

  async function run(): Promise<void> {
    const text = ta.value;
    if (text.trim() === '') {
      status.textContent = 'Paste a text first.';
      ta.focus();
      return;
    }
    if (new Blob([text]).size > MAX_BYTES) {
      status.textContent = 'The text is longer than 2 MB.';
      return;
    }
    status.textContent = 'Analyzing…';
    clear(out);
    let r: { chars: number; ms: number; note?: string; findings: Finding[] };
    try {
      r = await postJson('/api/v1/law/analyze', { text, format: fmt.value, type: type.value });
    } catch (e) {
      status.textContent = `Could not analyze the text: ${e instanceof Error ? e.message : String(e)}`;
      return;
    }
    // the analyzer says when it read the text as plain prose (no new/deleted-matter notation it could see)
    status.textContent = `${r.findings.length} finding${r.findings.length === 1 ? '' : 's'} in ${r.chars.toLocaleString('en-US')} characters.${r.note ? ` Note: ${r.note}.` : ''}`;
    out.append(
      el('section', { class: 'law-bill-findings', 'aria-labelledby': 'law-an-findings' }, [
        el('h2', { id: 'law-an-findings' }, 'Findings'),
        findingsList(r.findings, (fi, si) => `ev-${fi}-${si}`, (fi) => `ev-f-${fi}`),
      ]),
      el('section', { class: 'law-bill-text', 'aria-labelledby': 'law-an-text' }, [el('h2', { id: 'law-an-text' }, 'Text'), evidenceText(text, evidenceOf(r.findings))]),
    );
    status.focus();
  }
}
