// Methodology: how every figure is defined, counted, compared and protected.
import { api, type DisclosureSummary } from '../api.ts';
import { clear, el } from '../dom.ts';
import { PERIOD_KIND_LABEL, TOPIC_LABEL } from '../format.ts';

export async function render(root: HTMLElement): Promise<void> {
  const [measures, disclosure] = await Promise.all([api.measures(), api.disclosure().catch(() => null)]);
  const byTopic = new Map<string, typeof measures>();
  for (const m of measures) byTopic.set(m.topic, [...(byTopic.get(m.topic) ?? []), m]);
  clear(root).append(
    el('h1', {}, 'Methodology'),
    el('section', {}, [
      el('h2', { id: 'separation' }, 'Trafficking and sex work are kept apart'),
      el('p', {}, 'Sex trafficking, labor trafficking and consensual sex work (selling, promoting and buying sex) are different things in law and in the data. Every measure belongs to exactly one topic, and Cogency never adds measures of different topics into one figure.'),
    ]),
    el('section', {}, [
      el('h2', { id: 'citations' }, 'Every figure has a source'),
      el('p', {}, 'Each value points at the file it came from (publisher, title, address, the row or table it was read from, the date the file was retrieved and its SHA-256 checksum). Caveats recorded for a source travel with its numbers in every table, download and API response.'),
    ]),
    el('section', {}, [
      el('h2', { id: 'rates' }, 'Counts and rates'),
      el('p', {}, 'A rate per 100,000 divides a count by the population it refers to and multiplies by 100,000. For FBI NIBRS figures the denominator is the population covered by the agencies that reported, not the whole state: where only part of a state reports, dividing by the full population would understate the rate. Every rate names its denominator.'),
      el('h3', { id: 'coverage' }, 'Coverage'),
      el('p', {}, 'Participation in FBI reporting programmes is voluntary and grew over time. Figures from years or places where few agencies reported are marked (hatched in charts) and should not be compared with fuller years as if they measured change in crime.'),
      el('h3', { id: 'disparity' }, 'Disparity ratios'),
      el('p', {}, 'A disparity ratio compares a group’s share of arrests with its share of the population: 1 means proportional, 2 means twice its population share. Ratios are shown with a 95% confidence interval; a small number of arrests gives a wide interval.'),
    ]),
    el('section', {}, [
      el('h2', { id: 'disclosure' }, 'Disclosure control'),
      ...disclosureSection(disclosure),
    ]),
    el('section', {}, [
      el('h2', { id: 'measures' }, 'Measures'),
      ...[...byTopic].map(([topic, list]) =>
        el('div', {}, [
          el('h3', {}, TOPIC_LABEL[topic] ?? topic),
          el('dl', { class: 'measures' }, list.flatMap((m) => [
            el('dt', { id: `m-${m.id}` }, [el('code', {}, m.id), ` ${m.label}`]),
            el('dd', {}, [
              el('p', {}, m.definition),
              el('p', { class: 'meta' }, `Unit: ${m.unit}. Period: ${PERIOD_KIND_LABEL[m.periodKind] ?? m.periodKind}${m.periods.length ? ` (${m.periods[0]}–${m.periods[m.periods.length - 1]})` : ''}. ${m.dimensions.length ? `Breakdowns: ${m.dimensions.join(', ')}.` : ''}${m.categories.length ? ` Values: ${m.categories.join(', ')}.` : ''}`),
            ]),
          ])),
        ]),
      ),
    ]),
  );
}

const fmt = (n: number) => n.toLocaleString('en-US');

/** The rule, its parameters and what it costs, per source, from the live store. */
function disclosureSection(d: DisclosureSummary | null): HTMLElement[] {
  const threshold = d?.threshold ?? 10;
  const intro = el(
    'p',
    {},
    `Small counts about small areas can identify people. Below state level, counts from 1 to ${threshold - 1} are withheld, and so are the other cells that would let them be worked out from published totals. A withheld cell is shown as “suppressed” with its reason in every output (pages, tables, downloads, the API and the Data Package), never as a blank or a zero. State and national figures are published as the FBI publishes them.`,
  );
  if (!d) return [intro, el('p', { class: 'meta' }, 'The figures of what this costs could not be loaded.')];
  const total = d.sources.reduce((a, s) => ({ cells: a.cells + s.cells, withheld: a.withheld + s.withheld, primary: a.primary + s.primary }), { cells: 0, withheld: 0, primary: 0 });
  const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)}%` : '—');
  return [
    intro,
    el('h3', { id: 'disclosure-method' }, 'How the withheld cells are chosen and checked'),
    el('ul', {}, d.method.map((m) => el('li', {}, m))),
    el('h3', { id: 'disclosure-cost' }, 'What it costs'),
    el('p', {}, d.sources.length
      ? `Of ${fmt(total.cells)} published sub-state cells, ${fmt(total.withheld)} (${pct(total.withheld, total.cells)}) are withheld: ${fmt(total.primary)} because they hold a count from 1 to ${threshold - 1}, the rest to protect them. Computed from the data loaded now.`
      : 'No source with counts below state level is loaded.'),
    ...(d.sources.length
      ? [el('table', { class: 'data', id: 'disclosure-costs' }, [
          el('caption', {}, 'Cells withheld below state level, per source'),
          el('thead', {}, [el('tr', {}, ['Source', 'Tables (measure × year × state)', 'Cells', 'Small counts (1–' + (threshold - 1) + ')', 'Withheld in all', 'Share withheld', 'State-years with the only agency unnamed'].map((h) => el('th', { scope: 'col' }, h)))]),
          el('tbody', {}, d.sources.map((s) => el('tr', {}, [
            el('th', { scope: 'row' }, s.sourceId),
            el('td', {}, fmt(s.tables)),
            el('td', {}, fmt(s.cells)),
            el('td', {}, fmt(s.primary)),
            el('td', {}, fmt(s.withheld)),
            el('td', {}, pct(s.withheld, s.cells)),
            el('td', {}, fmt(s.unnamedStateYears)),
          ]))),
        ])]
      : []),
    el('p', { class: 'meta' }, `Parameter: threshold ${threshold} (COGENCY_SUPPRESSION_THRESHOLD). Reason shown on every withheld cell: “${d.reason}”.`),
  ];
}
