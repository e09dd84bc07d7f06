// Place: a state or country profile with everything the store holds about it (one request).
import { api, type Measure } from '../api.ts';
import { clear, el } from '../dom.ts';
import { TOPIC_LABEL, formatValue } from '../format.ts';
import { lineChart } from '../charts/line.ts';
import type { FundingReport, ServicePopulation, ServicesReport } from '../../../src/model/funding.ts';
import { POPULATION_LABELS } from '../../../src/model/funding.ts';
import { type BillItem, IMPACT_LABELS, type Impact, billHref, getJson, kindLabel } from './law/common.ts';
import { SERVICES_URL, placeBillsUrl, placeFundingUrl } from '../../../src/model/page-requests.ts';

/** Topics of enforcement that the mix chart sets side by side (each its own line, never summed). */
const ENFORCEMENT_TOPICS = ['prostitution_selling', 'prostitution_promoting', 'prostitution_buying', 'prostitution_all_forms', 'sex_trafficking', 'labor_trafficking', 'trafficking_all_forms'];

export interface ProfilePoint {
  period: number;
  value: number | null;
  valueText: string | null;
  suppressed: boolean;
}

export interface PlaceProfile {
  place: { id: string; name: string; kind: string };
  measures: { measure: Measure; sourceId: string; series: ProfilePoint[] }[];
  sources: { id: string; publisher: string; title: string; url: string; retrieved: string; sha256: string; license: string }[];
}

export async function render(root: HTMLElement, id: string): Promise<void> {
  let profile: PlaceProfile;
  try {
    profile = await api.profile<PlaceProfile>(id);
  } catch (e) {
    clear(root).append(el('h1', {}, id), el('p', { role: 'alert' }, e instanceof Error ? e.message.replace(/;.*/, '') : String(e)));
    return;
  }
  const { place, measures, sources } = profile;
  const sourceNo = new Map(sources.map((s, i) => [s.id, i + 1]));
  clear(root).append(el('h1', {}, place.name), el('p', { class: 'meta' }, `Place ${place.id} (${place.kind}). ${measures.length} measures hold values for it.`));
  root.append(...enforcementMix(profile, sourceNo));
  // The figures people come for first (trafficking, then prostitution enforcement, then policy and
  // funding), the law and services next, the context (population, all crime) last.
  const order = Object.keys(TOPIC_LABEL);
  const rank = (topic: string) => (order.includes(topic) ? order.indexOf(topic) : order.length);
  const byTopic = new Map<string, typeof measures>();
  for (const m of measures) byTopic.set(m.measure.topic, [...(byTopic.get(m.measure.topic) ?? []), m]);
  const topics = [...byTopic].sort(([a], [b]) => rank(a) - rank(b));
  const lead = topics.filter(([topic]) => topic !== 'context');
  const context = topics.filter(([topic]) => topic === 'context');
  appendTopics(root, lead, place, sourceNo);
  if (place.kind === 'state') root.append(await lawSection(place.id, place.name));
  root.append(await fundingAndServices(place));
  appendTopics(root, context, place, sourceNo);
  root.append(
    el('section', { class: 'cite' }, [
      el('h2', {}, 'Sources'),
      el('p', { class: 'note' }, 'Each figure above opens in the explorer with its row-level citations, caveats and downloads.'),
      el(
        'ol',
        {},
        sources.map((s) => el('li', { id: `source-${sourceNo.get(s.id)}` }, [`${s.publisher}. “${s.title}”. `, el('a', { href: s.url, rel: 'noreferrer noopener' }, 'Source file'), `. Retrieved ${s.retrieved}. sha256 `, el('code', {}, s.sha256.slice(0, 16) + '…')])),
      ),
    ]),
  );
}

function appendTopics(root: HTMLElement, topics: [string, PlaceProfile['measures']][], place: PlaceProfile['place'], sourceNo: Map<string, number>): void {
  for (const [topic, list] of topics) {
    root.append(el('h2', { class: 'topic' }, TOPIC_LABEL[topic] ?? topic));
    for (const { measure: m, sourceId, series } of list) {
      const latest = series[series.length - 1]!;
      const shown = latest.suppressed ? 'suppressed' : latest.valueText ?? formatValue(latest.value, m.unit);
      const section = el('section', { class: 'place-measure', 'data-measure': m.id }, [
        el('h3', {}, [el('a', { href: `/explore?measure=${encodeURIComponent(m.id)}&places=${encodeURIComponent(place.id)}` }, m.label)]),
        el('p', { class: 'headline' }, [`${latest.period}: ${shown}${m.valueType === 'categorical' || latest.suppressed ? '' : ` ${m.unit}`} `, el('a', { href: `#source-${sourceNo.get(sourceId)}`, class: 'ref' }, `[${sourceNo.get(sourceId)}]`)]),
      ]);
      if (m.valueType !== 'categorical' && series.length > 1) {
        section.append(lineChart([{ name: place.name, points: series.map((x) => ({ ...x, lowCoverage: false })) }], `${m.label}, ${place.name}`, (v) => formatValue(v, m.unit)));
      } else if (series.length > 1) {
        section.append(el('p', {}, series.map((x) => `${x.period}: ${x.valueText ?? formatValue(x.value)}`).join(' · ')));
      }
      root.append(section);
    }
  }
}

/**
 * Funding and services for the place, each from its own resource: U.S. anti-trafficking grants
 * abroad for a country; service directories (sex workers and each kind of trafficking apart) and
 * domestic awards where loaded. What the record does not cover is said, never shown as zero.
 */
async function fundingAndServices(place: PlaceProfile['place']): Promise<HTMLElement> {
  const section = el('section', { class: 'place-funding' }, [el('h2', {}, 'Funding and services')]);
  const [funding, services] = await Promise.all([
    place.kind === 'country' ? getJson<FundingReport>(placeFundingUrl(place.id)).catch(() => null) : Promise.resolve(null),
    getJson<ServicesReport>(SERVICES_URL).catch(() => null),
  ]);
  const grants = funding?.countries.find((c) => c.country === place.id);
  const funded = grants?.years.filter((y) => y.amount !== null) ?? [];
  if (place.kind === 'country') {
    section.append(
      el('p', {}, funded.length
        ? [`U.S. anti-trafficking project funding to ${place.name}: ${formatValue(funded.reduce((a, y) => a + y.amount!, 0), 'usd')} over ${funded.length} grant years (${funded[0]!.year}–${funded[funded.length - 1]!.year}), nominal dollars. `, el('a', { href: `/analyses/funding?place=${encodeURIComponent(place.id)}` }, 'Funding against need, year by year')]
        : `No U.S. anti-trafficking project funding to ${place.name} is in the loaded records (not collected or none listed; not the same as no funding).`),
    );
  } else {
    section.append(el('p', { class: 'note' }, `No award records for ${place.name} are loaded: grant funding by place of performance is not collected yet (not the same as no funding).`));
  }
  const here = services?.places.find((p) => p.place === place.id);
  if (!services) section.append(el('p', { class: 'note' }, 'The service directories could not be read.'));
  else if (!here) section.append(el('p', { class: 'note' }, `No loaded service directory covers ${place.name}: none known, which is not the same as none.`));
  else {
    section.append(
      el('ul', { class: 'place-services' }, Object.entries(here.counts).map(([pop, n]) => el('li', {}, `${POPULATION_LABELS[pop as ServicePopulation]}: ${n}`))),
      el('p', { class: 'note' }, [`From ${here.directories.map((d) => services.directories.find((x) => x.id === d)?.title ?? d).join('; ')}. ${services.notes[0] ?? ''} `, el('a', { href: '/analyses/funding#services' }, 'All services')]),
    );
  }
  return section;
}

/**
 * The enforcement mix: every arrest measure the place has, prostitution and trafficking as separate
 * lines on one axis, so the balance between them over time is visible at a glance.
 */
function enforcementMix(profile: PlaceProfile, sourceNo: Map<string, number>): HTMLElement[] {
  const arrests = profile.measures.filter((m) => m.measure.unit === 'arrests' && ENFORCEMENT_TOPICS.includes(m.measure.topic) && m.measure.valueType !== 'categorical' && m.series.length > 0);
  if (arrests.length < 2) return [];
  const series = arrests.map(({ measure, series: pts }) => ({ name: `${TOPIC_LABEL[measure.topic] ?? measure.topic}: ${measure.label}`, points: pts.map((x) => ({ ...x, lowCoverage: false })) }));
  const years = arrests.flatMap((a) => a.series.map((x) => x.period));
  return [
    el('h2', {}, 'Enforcement mix'),
    el('p', { class: 'note' }, `Arrests by offense, ${Math.min(...years)}–${Math.max(...years)}; each line is its own measure, with its own coverage (see each figure below). Sources: ${[...new Set(arrests.map((a) => `[${sourceNo.get(a.sourceId)}]`))].join(' ')}.`),
    lineChart(series, `Arrests by offense, ${profile.place.name}`, (v) => formatValue(v)),
  ];
}

interface BillList {
  total: number;
  items: BillItem[];
}

/** The state's laws in the corpus, with the rubric's findings and their effect; coverage stated, each bill cited. */
async function lawSection(id: string, name: string): Promise<HTMLElement> {
  const section = el('section', { class: 'place-law' }, [el('h2', {}, 'Laws and rubric findings')]);
  let list: BillList;
  try {
    list = await getJson<BillList>(placeBillsUrl(id));
  } catch {
    section.append(el('p', { class: 'note' }, 'The legislation corpus could not be read.'));
    return section;
  }
  if (list.total === 0) {
    section.append(el('p', { class: 'note' }, `No bill or statute of ${name} is in the legislation corpus: not collected, which is not the same as no such law.`));
    return section;
  }
  const counts = new Map<Impact, number>();
  for (const b of list.items) for (const f of b.findings) counts.set(f.impact, (counts.get(f.impact) ?? 0) + 1);
  section.append(
    el('p', { class: 'coverage' }, [`${list.total} ${list.total === 1 ? 'text' : 'texts'} of ${name} in the corpus${list.total > list.items.length ? ` (first ${list.items.length} shown)` : ''}; findings: ${(['harmful', 'concern', 'protective'] as Impact[]).map((i) => `${counts.get(i) ?? 0} ${IMPACT_LABELS[i].toLowerCase()}`).join(', ')}. `, el('a', { href: `/law?jurisdiction=${encodeURIComponent(id)}` }, 'Search them'), ' · ', el('a', { href: '/law/compare' }, 'compare states')]),
    // The list can run to a hundred texts: folded, so the figures below stay within reach on a phone.
    el('details', { class: 'place-bills-list' }, [
      el('summary', {}, `The ${list.items.length} texts and their findings`),
      el(
      'ul',
      { class: 'place-bills' },
      list.items.map((b) =>
        el('li', {}, [
          el('a', { href: billHref(b.id) }, `${b.identifier}${b.year ? ` (${b.year})` : ''}`),
          `: ${b.title}`,
          b.findings.length
            ? el('ul', { class: 'place-findings' }, b.findings.map((f) => el('li', {}, [el('strong', {}, `${IMPACT_LABELS[f.impact]}: `), `${kindLabel(f.kind)} — ${f.effect}`])))
            : el('p', { class: 'note' }, 'No rubric provision found in this text.'),
          el('p', { class: 'citation' }, [b.citation || b.identifier, b.source_url ? ' · ' : null, b.source_url ? el('a', { href: b.source_url, rel: 'noreferrer noopener' }, 'official text') : null]),
        ]),
      ),
      ),
    ]),
  );
  return section;
}
