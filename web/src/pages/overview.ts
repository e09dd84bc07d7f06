// Overview: the nation first (the national record's panels), then the state-level questions, then
// every measure in the store. Each figure comes with its source.
import { api, type DisparityResult, type DisparityRow, type Measure, type QueryResult } from '../api.ts';
import { clear, el } from '../dom.ts';
import { TOPIC_LABEL, formatValue } from '../format.ts';
import { barChart } from '../charts/bar.ts';
import { citations } from '../panels.ts';
import { nationalPanels, stateIndex } from './national.ts';
import { type MixOffense, disparitySection, disparityUrl, enforcementMixes } from '../../../src/model/page-requests.ts';

/** The enforcement mix: five offense types, always side by side and never summed. */
const MIX_LABELS: Record<MixOffense, string> = {
  sex_trafficking: 'Sex trafficking (64A)',
  labor_trafficking: 'Labor trafficking (64B)',
  prostitution: 'Prostitution (40A)',
  promoting_prostitution: 'Promoting prostitution (40B)',
  purchasing_prostitution: 'Purchasing prostitution (40C)',
};

export async function render(root: HTMLElement): Promise<void> {
  const [record, measures, states] = await Promise.all([api.national(), api.measures(), api.places('state')]);
  const have = new Map(measures.filter((m) => m.periods.length).map((m) => [m.id, m]));
  clear(root).append(
    el('h1', {}, 'What the official record says'),
    el('p', { class: 'lede' }, 'The United States first: arrests, offenses known to police, federal prosecutions, hotline reports, the State Department’s ratings and the global estimates — each with its source, who it covers and its caveats. Trafficking and prostitution are counted apart and never added together.'),
    nationalPanels(record.panels),
    stateIndex(states),
  );
  // State-level sections load in parallel and appear in reading order.
  const sections = await Promise.all([
    ...enforcementMixes(have).map(enforcementMix),
    whoIsArrested(disparitySection(have)),
  ]);
  for (const section of sections) if (section) root.append(section);
  root.append(topicIndex(measures));
}

async function enforcementMix({ kind, year, queries }: ReturnType<typeof enforcementMixes>[number]): Promise<HTMLElement> {
  const results = await Promise.all(queries.map(async ({ offense, url }) => [MIX_LABELS[offense], await api.get<QueryResult>(url)] as [string, QueryResult]));
  const states = [...new Set(results.flatMap(([, r]) => r.rows.map((x) => x.place)))];
  const section = el('section', { class: 'question', id: `mix-${kind}` }, [
    el('h2', {}, kind === 'offenses' ? 'Is enforcement aimed at trafficking or at sex work? Offenses recorded' : 'Who is arrested: for trafficking or for sex work?'),
    el('p', {}, `FBI NIBRS, ${year}, states whose data are loaded (${states.join(', ') || 'none'}). Each offense type is counted separately; they are never added together.`),
  ]);
  // A loaded state-year records every offense and arrest: an offense type with no rows is zero.
  const byLabel = new Map(results);
  for (const st of states) {
    const bars = Object.values(MIX_LABELS).map((label) => {
      const row = byLabel.get(label)?.rows.find((x) => x.place === st);
      return { label, value: row?.value ?? 0, suppressed: row?.suppressed ?? false, lowCoverage: row?.flags.some((f) => f.startsWith('low_coverage')) ?? false };
    });
    section.append(el('h3', {}, results[0]?.[1].rows.find((x) => x.place === st)?.placeName ?? st), barChart(bars, `NIBRS ${kind} by offense type, ${st} ${year}`, (v) => formatValue(v)));
  }
  section.append(citations(results.flatMap(([, r]) => r.citations), false), el('p', {}, [el('a', { href: `/explore?measure=nibrs.${kind}.prostitution&by=state&chart=bar` }, 'Explore these figures')]));
  return section;
}

/** Who is arrested for selling sex, against who lives there: disparity ratios with intervals. */
async function whoIsArrested(asked: ReturnType<typeof disparitySection>): Promise<HTMLElement | null> {
  if (!asked) return null;
  const { measure, year } = asked;
  const states = (await api.get<QueryResult>(asked.statesUrl)).rows.map((r) => r.place);
  const section = el('section', { class: 'question', id: 'disparity' }, [
    el('h2', {}, 'Who is arrested for prostitution, compared with who lives there?'),
    el('p', {}, 'A disparity ratio divides a group’s share of arrests by its share of the population: 1 is proportional. The interval is a 95% confidence interval; with few arrests it is wide, and the ratio says little.'),
  ]);
  for (const st of states) {
    let d: DisparityResult;
    try {
      d = await api.get<DisparityResult>(disparityUrl({ measure, place: st, period: String(year) }));
    } catch (e) {
      section.append(el('p', { class: 'note' }, `${st}: ${e instanceof Error ? e.message : String(e)}`));
      continue;
    }
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    const ratio = (r: DisparityRow) => (r.ratio === null ? '' : `${r.ratio.toFixed(2)} (${r.low!.toFixed(2)}–${r.high!.toFixed(2)})`);
    section.append(
      el('table', { class: 'disparity', 'data-place': st }, [
        el('caption', {}, `${st}, arrests ${year} (FBI NIBRS) against population ${d.populationPeriod} (Census ACS)`),
        el('thead', {}, el('tr', {}, ['Race', 'Arrests', 'Share of arrests', 'Share of population', 'Disparity ratio (95% CI)'].map((h) => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, d.rows.map((r) => el('tr', {}, [el('th', { scope: 'row' }, r.group), el('td', {}, String(r.count)), el('td', {}, pct(r.share)), el('td', {}, pct(r.populationShare)), el('td', {}, ratio(r))]))),
      ]),
      el('p', { class: 'note' }, d.excluded.length ? `Left out: ${d.excluded.map((x) => `${x.count} ${x.group} (${x.reason})`).join('; ')}.` : 'Every arrestee’s race was recorded.'),
      citations(d.citations, false),
      el('ul', { class: 'caveats' }, d.caveats.map((c) => el('li', {}, c))),
    );
  }
  return section;
}

function topicIndex(measures: Measure[]): HTMLElement {
  const byTopic = new Map<string, Measure[]>();
  for (const m of measures) byTopic.set(m.topic, [...(byTopic.get(m.topic) ?? []), m]);
  return el('section', { class: 'question', id: 'all-measures' }, [
    el('h2', {}, 'Everything in the store, by topic'),
    ...[...byTopic].map(([topic, list]) =>
      el('div', {}, [
        el('h3', {}, TOPIC_LABEL[topic] ?? topic),
        el('ul', {}, list.map((m) => el('li', {}, [el('a', { href: `/explore?measure=${encodeURIComponent(m.id)}` }, m.label), m.periods.length ? ` (${m.periods[0]}–${m.periods[m.periods.length - 1]})` : '']))),
      ]),
    ),
  ]);
}
