// /analyses/mse — hidden-population estimates by multiple systems estimation: the loaded studies
// (observed count beside every estimate, the chosen model, the published figure), the published
// critiques of the method, and an estimate from the reader's own overlap table (nothing stored).
import { clear, el } from '../../dom.ts';
import type { MseEstimate } from '../../../../src/methods/mse/index.ts';
import type { StudyReport } from '../../../../src/methods/mse/report.ts';
import type { Critique } from '../../../../src/methods/mse/studies.ts';
import { MSE_STUDIES_URL, mseStudyUrl } from '../../../../src/model/page-requests.ts';
import { gatheredAnswer } from '../../api.ts';

interface StudyRow {
  id: string;
  title: string;
  population: string;
  periodLabel: string;
  periodKind: string;
  lists: string[];
  observed: number;
  estimate: number | null;
  mainEffectsEstimate: number | null;
  twoListEffects: string[];
  nonOverlappingEffects: string[];
  published: StudyReport['published'];
  differenceFromPublished: number | null;
  comparisons: StudyReport['comparisons'];
  searchNote: string;
  citation: StudyReport['citation'];
}

const MAX_UPLOAD = 256 * 1024;
const n = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : Math.round(v).toLocaleString('en-US'));

async function getJson<T>(url: string, init?: RequestInit): Promise<T> {
  const gathered = init ? undefined : await gatheredAnswer<T>(url);
  if (gathered !== undefined) return gathered;
  const res = await fetch(url, { headers: { accept: 'application/json', ...(init?.body ? { 'content-type': 'application/json' } : {}) }, ...init });
  const body = (await res.json().catch(() => ({}))) as T & { detail?: string };
  if (!res.ok) throw new Error(body.detail ?? `${res.status} ${res.statusText}`);
  return body;
}

export async function render(root: HTMLElement, params: Record<string, string>): Promise<void> {
  clear(root);
  root.append(
    el('p', { class: 'law-crumbs' }, [el('a', { href: '/analyses' }, 'Analyses'), ' › Hidden-population estimates']),
    el('h1', {}, 'How many beyond those identified? Multiple systems estimation'),
    el('p', { class: 'lede' }, [
      'When several agencies each keep a list of the victims they identify, the overlaps between the lists can be used to estimate how many were on none of them. ',
      'Every estimate below sits beside the number actually observed, states the model that produced it and the period it covers, and is followed by the published criticism of the method. ',
      'These are model-based estimates, not counts.',
    ]),
  );
  const data = await getJson<{ studies: StudyRow[]; critiques: Critique[] }>(MSE_STUDIES_URL);
  const detail = el('section', { id: 'mse-detail', 'aria-live': 'polite' });
  if (data.studies.length === 0) {
    root.append(el('p', {}, 'No list-overlap tables are loaded (run cogency ingest mse). You can still estimate from your own table below.'));
  } else {
    root.append(studiesTable(data.studies), detail);
  }
  root.append(critiques(data.critiques), uploadForm());
  const chosen = params.study && data.studies.find((s) => s.id === params.study);
  if (chosen) await showStudy(detail, chosen.id);
  root.querySelectorAll<HTMLAnchorElement>('a[data-study]').forEach((a) =>
    a.addEventListener('click', (ev) => {
      ev.preventDefault();
      history.pushState(null, '', a.href);
      void showStudy(detail, a.dataset.study!).catch((e) => (detail.textContent = String(e)));
    }),
  );
}

function studiesTable(rows: StudyRow[]): HTMLElement {
  return el('table', { class: 'data', id: 'mse-studies' }, [
    el('caption', {}, 'Studies whose list-overlap counts are loaded (point estimates; open a study for its interval)'),
    el('thead', {}, el('tr', {}, ['Study', 'Who is counted', 'Lists', 'Observed', 'Estimated total', 'Period', 'Published', 'Chosen two-list effects'].map((h) => el('th', { scope: 'col' }, h)))),
    el(
      'tbody',
      {},
      rows.map((s) =>
        el('tr', { 'data-id': s.id }, [
          el('th', { scope: 'row' }, el('a', { href: `/analyses/mse?study=${encodeURIComponent(s.id)}`, 'data-study': s.id }, s.title)),
          el('td', {}, s.population),
          el('td', {}, String(s.lists.length)),
          el('td', { class: 'num observed' }, n(s.observed)),
          el('td', { class: 'num estimate' }, n(s.estimate)),
          el('td', {}, s.periodLabel),
          el('td', { class: 'published' }, publishedCell(s)),
          el('td', {}, s.twoListEffects.length ? s.twoListEffects.join(', ') : 'none (main effects)'),
        ]),
      ),
    ),
  ]);
}

/** The published point (model known, reproduced) or the published range (model not known: comparison only) beside ours. */
function publishedCell(s: StudyRow): (string | HTMLElement)[] {
  if (s.published)
    return [`${n(s.published.estimate)} `, el('a', { href: s.published.url, rel: 'noreferrer noopener' }, 'source'), s.differenceFromPublished !== null ? ` (reproduced within ${Math.abs(s.differenceFromPublished).toFixed(1)})` : ''];
  const range = s.comparisons.find((c) => !c.modelKnown && c.low !== null && c.high !== null);
  if (!range) return ['none found'];
  return [
    `range ${n(range.low)}–${n(range.high)} `,
    el('a', { href: range.url, rel: 'noreferrer noopener' }, 'source'),
    `; model not known, so not a check${range.insideRange === null ? '' : range.insideRange ? ' (ours inside)' : ' (ours outside)'}`,
  ];
}

function comparisonsBlock(r: StudyReport): HTMLElement | string {
  if (r.comparisons.length === 0 && !r.searchNote) return '';
  return el('section', { class: 'mse-comparisons' }, [
    r.comparisons.length
      ? el('table', { class: 'data' }, [
          el('caption', {}, 'Published figures beside ours'),
          el('thead', {}, el('tr', {}, ['Published', 'What it is', 'Ours', 'Comparison', 'Source'].map((h) => el('th', { scope: 'col' }, h)))),
          el('tbody', {}, r.comparisons.map((c) => el('tr', {}, [
            el('td', { class: 'num' }, c.point !== null ? `${n(c.point)}${c.low !== null && c.high !== null ? ` (${n(c.low)}–${n(c.high)})` : ''}` : `${n(c.low)}–${n(c.high)}`),
            el('td', {}, c.label),
            el('td', { class: 'num' }, `${n(c.ours)} (${c.compareWith === 'stepwise' ? 'stepwise' : 'main effects'})`),
            el('td', {}, c.ours === null ? 'no estimate of ours'
              : c.difference !== null ? `same model: difference ${c.difference.toFixed(2)}`
              : `model not known here, comparison only: ours ${c.insideRange ? 'inside' : 'outside'} the range${c.mainEffectsInsideRange === null || c.mainEffectsInsideRange === c.insideRange ? '' : `; the main-effects estimate (${n(r.estimate.mainEffectsEstimate)}) is ${c.mainEffectsInsideRange ? 'inside' : 'outside'} it`}`),
            el('td', {}, el('a', { href: c.url, rel: 'noreferrer noopener' }, c.citation)),
          ]))),
        ])
      : '',
    r.searchNote ? el('p', { class: 'hint' }, `Why no published point is checked: ${r.searchNote}`) : '',
  ]);
}

async function showStudy(target: HTMLElement, id: string): Promise<void> {
  clear(target).append(el('p', { class: 'hint' }, 'Running the bootstrap (1,000 resamples, model selection repeated on each)…'));
  const r = await getJson<StudyReport>(mseStudyUrl(id));
  clear(target).append(
    el('h2', {}, r.title),
    el('p', {}, [`Who is counted: ${r.population}. Lists: ${r.listsDescription}.`]),
    estimateBlock(r.estimate, r.periodLabel),
    r.published
      ? el('p', { class: 'published' }, [`Published: ${n(r.published.estimate)}${r.published.interval ? ` (${r.published.interval})` : ''}, ${r.published.model}. `, el('a', { href: r.published.url, rel: 'noreferrer noopener' }, r.published.citation)])
      : el('p', { class: 'hint' }, 'No published figure for this exact table and model has been checked here; the estimate above is Cogency’s computation with the SparseMSE method.'),
    comparisonsBlock(r),
    overlapTable(r.lists, r.table),
    el('p', { class: 'citation' }, [`Source: ${r.citation.locator}. sha256 `, el('code', {}, r.citation.source.sha256.slice(0, 16)), ` · retrieved ${r.citation.source.retrieved}. `, el('a', { href: r.citation.url, rel: 'noreferrer noopener' }, 'Study')]),
  );
}

function estimateBlock(e: MseEstimate, periodLabel: string): HTMLElement {
  if (e.estimate === null)
    return el('div', { class: 'mse-estimate' }, [el('p', {}, [el('strong', {}, `Observed: ${n(e.observed)}. `), e.check.message])]);
  return el('div', { class: 'mse-estimate' }, [
    el('dl', {}, [
      el('dt', {}, 'Observed (on at least one list)'),
      el('dd', { class: 'observed' }, n(e.observed)),
      el('dt', {}, 'Estimated total'),
      el('dd', { class: 'estimate' }, [`${n(e.estimate)} — ${periodLabel}`]),
      el('dt', {}, 'of whom never listed'),
      el('dd', {}, n(e.darkFigure)),
      el('dt', {}, '95% interval'),
      el('dd', { class: 'interval' }, e.interval ? [`${n(e.interval.low)} – ${n(e.interval.high)} (${e.interval.method})`, e.interval.atEdge ? el('strong', {}, ' · an end lies at the edge of the bootstrap distribution: not reliable') : ''] : 'not computed'),
      el('dt', {}, '80% interval'),
      el('dd', {}, e.interval80 ? `${n(e.interval80.low)} – ${n(e.interval80.high)}` : '—'),
      el('dt', {}, 'Interval ignoring model selection'),
      el('dd', {}, e.naiveInterval ? `${n(e.naiveInterval.low)} – ${n(e.naiveInterval.high)} (narrower: it treats the chosen model as if known in advance)` : '—'),
      el('dt', {}, 'Main-effects model alone'),
      el('dd', {}, n(e.mainEffectsEstimate)),
    ]),
    el('p', {}, `Checks: ${e.check.message}`),
    el('p', {}, [
      'Chosen model: main effects',
      e.model && e.model.twoListEffects.length ? ` + ${e.model.twoListEffects.join(', ')}` : ' only',
      e.model && e.model.nonOverlappingEffects.length ? ` (lists with no case in common, fitted as −∞: ${e.model.nonOverlappingEffects.join(', ')})` : '',
      '.',
    ]),
    e.model && e.model.steps.length
      ? el('ol', { class: 'mse-steps' }, e.model.steps.map((s) => el('li', {}, `+ ${s.added} (p = ${s.pValue.toExponential(2)}); estimate then ${n(s.estimateAfter)}`)))
      : '',
    e.sensitivity.length
      ? el('table', { class: 'data mse-sensitivity' }, [
          el('caption', {}, 'How the estimate moves with the threshold for adding a two-list effect (the modelling choice the critiques point at)'),
          el('thead', {}, el('tr', {}, ['Threshold', 'Estimated total', 'Two-list effects'].map((h) => el('th', { scope: 'col' }, h)))),
          el('tbody', {}, e.sensitivity.map((x) => el('tr', {}, [
            el('th', { scope: 'row' }, x.pThreshold === 0 ? 'main effects only' : `p < ${x.pThreshold}${x.pThreshold === 0.02 ? ' (the method’s default)' : ''}`),
            el('td', { class: 'num' }, n(x.estimate)),
            el('td', {}, x.twoListEffects.join(', ') || '—'),
          ]))),
        ])
      : '',
    el('p', { class: 'hint' }, e.method),
  ]);
}

function overlapTable(lists: string[], rows: { flags: number[]; count: number | null; suppressed: boolean }[]): HTMLElement {
  return el('details', {}, [
    el('summary', {}, `The overlap table (${rows.length} combinations of lists)`),
    el('table', { class: 'data' }, [
      el('thead', {}, el('tr', {}, [...lists, 'cases'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, rows.map((r) => el('tr', {}, [...r.flags.map((f) => el('td', {}, f ? '●' : '')), el('td', { class: 'num' }, r.suppressed ? 'withheld (1–9)' : n(r.count))]))),
    ]),
  ]);
}

function critiques(list: Critique[]): HTMLElement {
  return el('section', { id: 'mse-critiques' }, [
    el('h2', {}, 'What the method’s critics and authors say'),
    el('ul', {}, list.map((c) => el('li', {}, [c.claim, ' — ', el('a', { href: c.url, rel: 'noreferrer noopener' }, c.citation)]))),
  ]);
}

function uploadForm(): HTMLElement {
  const ta = el('textarea', { id: 'mse-csv', rows: '8', spellcheck: 'false', 'aria-describedby': 'mse-csv-help' }) as HTMLTextAreaElement;
  const file = el('input', { type: 'file', id: 'mse-file', accept: '.csv,text/csv' }) as HTMLInputElement;
  const out = el('div', { id: 'mse-upload-result', role: 'status', 'aria-live': 'polite' });
  const form = el('form', { id: 'mse-upload' }, [
    el('label', { for: 'mse-csv' }, 'Overlap table (CSV)'),
    ta,
    el('p', { id: 'mse-csv-help', class: 'hint' }, 'One 0/1 column per list (1 = the cases in this row are on that list) and a last column "count". Leave out the all-zero row. Up to 8 lists. The table is sent to this server only, used once and not stored or logged.'),
    el('label', { for: 'mse-file' }, 'or read a file from your computer'),
    file,
    el('button', { type: 'submit' }, 'Estimate'),
  ]);
  file.addEventListener('change', () => {
    const f = file.files?.[0];
    if (!f) return;
    if (f.size > MAX_UPLOAD) return void (out.textContent = `The file is ${f.size.toLocaleString('en-US')} bytes; an overlap table is at most ${MAX_UPLOAD / 1024} KiB.`);
    void f.text().then((t) => (ta.value = t));
  });
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    clear(out).append(el('p', { class: 'hint' }, 'Estimating (1,000 bootstrap resamples)…'));
    getJson<MseEstimate & { periodLabel: string }>('/api/v1/mse/estimate', { method: 'POST', body: JSON.stringify({ csv: ta.value }) })
      .then((e) => clear(out).append(estimateBlock(e, e.periodLabel)))
      .catch((e: unknown) => clear(out).append(el('p', { class: 'error' }, `Not estimated: ${e instanceof Error ? e.message : String(e)}`)));
  });
  return el('section', { id: 'mse-own' }, [el('h2', {}, 'Estimate from your own lists'), form, out]);
}
