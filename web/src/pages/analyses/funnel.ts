// /analyses/funnel — the enforcement funnel for a place and year: each topic its own funnel, each
// stage with unit, period kind, cohort rule, publisher, coverage and citations; ratios only
// between like stages, refusals explained.
import { clear, el } from '../../dom.ts';
import { writeParams } from '../../state.ts';
import type { FunnelReport, SeriesValue } from '../../../../src/model/funnel.ts';
import { funnelUrl } from '../../../../src/model/page-requests.ts';
import { gatheredAnswer } from '../../api.ts';

const n = (v: number | null) => (v === null ? '—' : v.toLocaleString('en-US'));

export async function render(root: HTMLElement, params: Record<string, string>): Promise<void> {
  const url = funnelUrl(params);
  // A refusal (a bad place or year) is not gathered: its problem document is fetched and shown.
  const gathered = await gatheredAnswer<FunnelReport>(url);
  const res = gathered ? { ok: true, statusText: '' } : await fetch(url, { headers: { accept: 'application/json' } });
  const body = (gathered ?? (await (res as Response).json())) as FunnelReport & { detail?: string };
  clear(root);
  root.append(el('p', { class: 'law-crumbs' }, [el('a', { href: '/analyses' }, 'Analyses'), ' › Enforcement funnel']));
  if (!res.ok) {
    root.append(el('h1', {}, 'Enforcement funnel'), el('p', { class: 'error' }, body.detail ?? res.statusText));
    return;
  }
  const r = body;
  const placeInput = el('input', { id: 'funnel-place', name: 'place', value: r.place, size: '6', 'aria-describedby': 'funnel-place-help' }) as HTMLInputElement;
  const yearSelect = el('select', { id: 'funnel-period', name: 'period' }, r.years.slice().reverse().map((y) => {
    const o = el('option', { value: String(y) }, String(y)) as HTMLOptionElement;
    if (y === r.period) o.selected = true;
    return o;
  })) as HTMLSelectElement;
  const form = el('form', { class: 'law-filters', id: 'funnel-form' }, [
    el('div', { class: 'law-field' }, [el('label', { for: 'funnel-place' }, 'Place'), placeInput, el('span', { id: 'funnel-place-help', class: 'hint' }, 'USA, a state code (VT) or WORLD')]),
    el('div', { class: 'law-field' }, [el('label', { for: 'funnel-period' }, 'Year'), yearSelect]),
    el('div', { class: 'law-field law-actions' }, [el('button', { type: 'submit' }, 'Show')]),
  ]);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    writeParams({ place: placeInput.value.trim().toUpperCase(), period: yearSelect.value }, true);
    void render(root, { place: placeInput.value.trim(), period: yearSelect.value });
  });
  root.append(
    el('h1', {}, `Enforcement funnel — ${r.placeName}${r.period ? `, ${r.period}` : ''}`),
    el('p', { class: 'lede' }, 'What follows an offense, a referral or an arrest. Each topic is its own funnel; each stage says what it counts, over what year and by whom. A ratio between stages is shown only when both count the same unit over the same kind of year.'),
    form,
    ...r.funnels.map((f) =>
      el('section', { class: 'funnel', 'data-funnel': f.id }, [
        el('h2', {}, f.title),
        el('table', { class: 'data' }, [
          el('thead', {}, el('tr', {}, ['Stage', 'Series', 'Value', 'Unit', 'Year kind', 'Counted', 'Publisher', 'Coverage'].map((h) => el('th', { scope: 'col' }, h)))),
          el('tbody', {}, f.stages.flatMap((s) => s.series.map((x, i) => seriesRow(i === 0 ? `${s.order}. ${s.stage}` : '', x)))),
        ]),
        f.ratios.length
          ? el('ul', { class: 'ratios' }, f.ratios.map((q) => el('li', { class: q.computed ? 'ratio computed' : 'ratio refused' }, [el('strong', {}, `${q.from} → ${q.to}: `), q.computed ? (q.value === null ? 'no figures for both in this year. ' : `${q.value.toFixed(3)}. `) : 'not computed. ', q.explanation])))
          : '',
      ]),
    ),
    r.notLoaded.length ? el('p', { class: 'hint' }, `Stages whose source is not loaded yet: ${r.notLoaded.join(', ')}.`) : '',
    el('h2', {}, 'Caveats'),
    el('ul', { class: 'caveats' }, r.caveats.map((c) => el('li', {}, c))),
    el('h2', {}, 'Sources'),
    el('ul', { class: 'citations' }, r.citations.slice(0, 50).map((c) => el('li', { id: `cite-${c.id}` }, [`${c.publisher}: ${c.title} — ${c.locator}. Retrieved ${c.retrieved}, sha256 `, el('code', {}, c.sha256.slice(0, 12)), '. ', el('a', { href: c.url, rel: 'noreferrer noopener' }, 'source')]))),
  );
}

function seriesRow(stage: string, x: SeriesValue): HTMLElement {
  const value = x.status === 'value' ? n(x.value) : x.status;
  return el('tr', { class: `status-${x.status.replace(' ', '-')}` }, [
    el('th', { scope: 'row' }, stage),
    el('td', {}, [x.label, x.note ? el('small', {}, ` — ${x.note}`) : '']),
    el('td', { class: 'num' }, value),
    el('td', {}, x.unit),
    el('td', {}, x.periodKind),
    el('td', {}, x.cohortRule),
    el('td', {}, x.publisher),
    el('td', {}, x.coverage ?? ''),
  ]);
}
