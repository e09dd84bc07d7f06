// Shared pieces of the law pages: API types, same-origin fetch, labels, highlighted text.
import { el } from '../../dom.ts';
import { truncateWords } from '../../format.ts';
import './law.css';
import { gatheredAnswer } from '../../api.ts';
import { LAW_IMPACTS, billUrl } from '../../../../src/model/page-requests.ts';

export type Impact = 'harmful' | 'protective' | 'concern';
export interface FindingSummary {
  kind: string;
  effect: string;
  impact: Impact;
  confidence: number;
}
export interface Span {
  start: number;
  end: number;
  text: string;
  /** status of the quoted words (analyzer v2; absent in findings stored before it) */
  status?: 'new' | 'deleted' | 'unchanged' | 'current' | 'set-aside';
  /** number of the section the words are in */
  section?: string;
}
const STATUS_LABEL: Record<string, string> = { new: 'new matter', deleted: 'deleted matter', unchanged: 'unchanged context', current: 'current law' };
/** "§ 2, deleted matter: " — where a quote sits and what status it has, when the analyzer said so. */
function spanPlace(s: Span): string {
  const parts = [s.section ? `§ ${s.section}` : '', s.status ? (STATUS_LABEL[s.status] ?? s.status) : ''].filter(Boolean);
  return parts.length ? `${parts.join(', ')}: ` : '';
}
export interface Finding extends FindingSummary {
  section: string;
  cues: string[];
  spans: Span[];
}
export interface Highlighted {
  text: string;
  highlights: [number, number][];
  offset: number;
}
export interface BillItem {
  id: string;
  jurisdiction: string;
  identifier: string;
  session: string;
  year: number | null;
  title: string;
  status: string;
  type: string;
  citation: string;
  source_url: string | null;
  findings: FindingSummary[];
  score?: number;
  snippets?: Highlighted[];
  title_highlight?: Highlighted;
}

/** Rubric kinds in RUBRIC.md order, with reader-facing labels. */
export const KIND_LABELS: Record<string, string> = {
  prostitution_penalty_increase: 'Prostitution penalty increase',
  loitering_for_prostitution: 'Loitering for prostitution',
  prostitution_free_zone: 'Prostitution-free zone / stay-away',
  mandatory_sentencing: 'Mandatory sentencing',
  buyer_criminalization: 'Buyer criminalization',
  third_party_broadening: 'Third-party offenses (promoting, premises)',
  trafficking_definition_broadened: 'Trafficking definition broadened',
  online_platform_liability: 'Online platform liability',
  massage_business_targeting: 'Massage business / nuisance targeting',
  awareness_campaign: 'Awareness campaign / training',
  funding_condition_anti_prostitution: 'Anti-prostitution funding condition',
  immigration_penalty: 'Immigration penalty',
  decriminalization: 'Decriminalization',
  vacatur_record_relief: 'Vacatur / record relief',
  restitution: 'Restitution / compensation',
  victim_non_criminalization: 'Victim non-criminalization',
  screening_and_services: 'Screening and services',
  mandated_diversion: 'Mandated diversion',
  reporting_immunity: 'Reporting immunity',
  police_misconduct_ban: 'Police misconduct ban',
  labor_trafficking_focus: 'Labor trafficking focus',
  data_and_accountability: 'Data and accountability',
  immigration_relief: 'Immigration relief',
};
export const KINDS = Object.keys(KIND_LABELS);
export const IMPACTS: Impact[] = [...LAW_IMPACTS];
export const IMPACT_LABELS: Record<Impact, string> = { harmful: 'Harmful', concern: 'Concern', protective: 'Protective' };

/** An <option>; its value is set as a property, so an empty value ("All") is kept (el() skips empty attributes). */
export function option(value: string, text: string): HTMLOptionElement {
  const o = el('option', {}, text) as HTMLOptionElement;
  o.value = value;
  return o;
}

export const kindLabel = (k: string): string => KIND_LABELS[k] ?? k.replace(/_/g, ' ');

export class ApiError extends Error {}

async function problemText(r: Response): Promise<string> {
  try {
    const j = (await r.json()) as { detail?: string; title?: string };
    return j.detail ?? j.title ?? `HTTP ${r.status}`;
  } catch {
    return `HTTP ${r.status}`;
  }
}

/** Same-origin JSON GET (from the answers gathered for the page when they hold it). */
export async function getJson<T>(url: string): Promise<T> {
  const gathered = await gatheredAnswer<T>(url);
  if (gathered !== undefined) return gathered;
  const r = await fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
  if (!r.ok) throw new ApiError(await problemText(r));
  return (await r.json()) as T;
}

/** Same-origin JSON POST. */
export async function postJson<T>(url: string, body: unknown): Promise<T> {
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    credentials: 'same-origin',
    body: JSON.stringify(body),
  });
  if (!r.ok) throw new ApiError(await problemText(r));
  return (await r.json()) as T;
}

export const billHref = (id: string, kind?: string): string => `/bills/${encodeURIComponent(id)}${kind ? `#kind-${kind}` : ''}`;
export { billUrl as billApi };

export function impactBadge(impact: string): HTMLElement {
  return el('span', { class: `law-badge law-impact-${impact}` }, IMPACT_LABELS[impact as Impact] ?? impact);
}

export function kindChip(f: FindingSummary, href?: string): HTMLElement {
  const label = `${kindLabel(f.kind)} (${f.effect})`;
  const inner = href ? el('a', { href }, label) : label;
  return el('li', { class: `law-chip law-impact-${f.impact}` }, [el('span', { class: 'law-visually-hidden' }, `${IMPACT_LABELS[f.impact] ?? f.impact}: `), inner]);
}

/** Text with [start, end) ranges wrapped in <mark>. */
export function marked(text: string, ranges: [number, number][], cls = 'law-hit'): Node[] {
  const out: Node[] = [];
  let pos = 0;
  for (const [a, b] of [...ranges].sort((x, y) => x[0] - y[0])) {
    const s = Math.max(a, pos);
    if (b <= s) continue;
    if (s > pos) out.push(document.createTextNode(text.slice(pos, s)));
    out.push(el('mark', { class: cls }, text.slice(s, b)));
    pos = b;
  }
  if (pos < text.length) out.push(document.createTextNode(text.slice(pos)));
  return out;
}

export interface Evidence {
  start: number;
  end: number;
  id: string;
  label: string;
  impact: string;
  back: string;
}

/** Full text with evidence spans marked; each mark is a focus target (#id) and links back to its finding. */
export function evidenceText(text: string, evidence: Evidence[]): HTMLElement {
  const pre = el('pre', { class: 'law-text', tabindex: '0', 'aria-label': 'Text of the bill with evidence highlighted' });
  let pos = 0;
  for (const e of [...evidence].sort((x, y) => x.start - y.start || y.end - x.end)) {
    const s = Math.max(e.start, pos);
    if (e.end <= s) continue; // overlapped by an earlier span
    if (s > pos) pre.append(text.slice(pos, s));
    const mark = el('mark', { id: e.id, class: `law-ev law-impact-${e.impact}`, tabindex: '-1', title: e.label }, text.slice(s, e.end));
    pre.append(mark, el('a', { class: 'law-back', href: `#${e.back}`, 'aria-label': `Back to finding: ${e.label}` }, '↩'));
    pos = e.end;
  }
  if (pos < text.length) pre.append(text.slice(pos));
  return pre;
}

export interface Grouped {
  impact: Impact;
  findings: Finding[];
}

export function groupByImpact(findings: Finding[]): Grouped[] {
  return IMPACTS.map((impact) => ({ impact, findings: findings.filter((f) => f.impact === impact) })).filter((g) => g.findings.length);
}

/** Findings grouped by impact, each with its cues and links to its evidence in the text (ids from `evidenceIds`). */
export function findingsList(findings: Finding[], evidenceIds: (fi: number, si: number) => string, idOf: (fi: number) => string): HTMLElement {
  const wrap = el('div', { class: 'law-findings' });
  if (findings.length === 0) {
    wrap.append(el('p', { class: 'hint' }, 'No provision of the rubric was found in this text.'));
    return wrap;
  }
  for (const g of groupByImpact(findings)) {
    const list = el('ul', { class: 'law-finding-list' });
    for (const f of g.findings) {
      const fi = findings.indexOf(f);
      const links = f.spans.map((s, si) =>
        el('li', {}, el('a', { href: `#${evidenceIds(fi, si)}`, class: 'law-ev-link' }, `${spanPlace(s)}“${truncateWords(s.text.replace(/\s+/g, ' '), 140)}”`)),
      );
      list.append(
        el('li', { id: idOf(fi), class: `law-finding law-impact-${f.impact}`, tabindex: '-1' }, [
          el('h4', {}, [kindLabel(f.kind), ' ', el('span', { class: 'law-effect' }, `(${f.effect})`)]),
          el('p', { class: 'meta' }, [`Confidence ${f.confidence.toFixed(2)}`, f.section ? ` · in ${f.section}` : '', ` · cues: ${f.cues.join('; ')}`]),
          links.length ? el('ol', { class: 'law-ev-list', 'aria-label': 'Evidence in the text' }, links) : el('p', { class: 'hint' }, 'No evidence span.'),
        ]),
      );
    }
    wrap.append(el('section', { class: `law-group law-impact-${g.impact}`, 'aria-label': `${IMPACT_LABELS[g.impact]} findings` }, [
      el('h3', {}, [impactBadge(g.impact), ` ${g.findings.length} finding${g.findings.length === 1 ? '' : 's'}`]),
      list,
    ]));
  }
  return wrap;
}

/** Evidence marks for a findings array, with ids ev-<finding>-<span>. */
export function evidenceOf(findings: Finding[], prefix = 'ev'): Evidence[] {
  return findings.flatMap((f, fi) =>
    f.spans.map((s, si) => ({ start: s.start, end: s.end, id: `${prefix}-${fi}-${si}`, label: `${kindLabel(f.kind)} (${f.effect}, ${f.impact})`, impact: f.impact, back: `${prefix}-f-${fi}` })),
  );
}

/** Move focus to the element a same-page link points at (marks and findings are focusable with tabindex -1). */
export function focusHashTargets(root: HTMLElement): void {
  root.addEventListener('click', (ev) => {
    const a = (ev.target as Element | null)?.closest?.('a[href^="#"]');
    if (!a) return;
    const id = decodeURIComponent((a.getAttribute('href') ?? '').slice(1));
    const target = id ? document.getElementById(id) : null;
    if (!target) return;
    ev.preventDefault();
    history.replaceState(null, '', `#${id}`);
    target.scrollIntoView({ block: 'center' });
    target.focus({ preventScroll: true });
  });
}
