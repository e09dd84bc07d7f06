// Methodology: how every figure is defined, counted, compared and protected.
import { api } from '../api.ts';
import { clear, el } from '../dom.ts';
import { PERIOD_KIND_LABEL, TOPIC_LABEL } from '../format.ts';

export async function render(root: HTMLElement): Promise<void> {
  const measures = await api.measures();
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
      el('p', {}, 'Small counts about small areas can identify people. Any count below 10 in a cell below state level (an agency, or any breakdown of an agency) is withheld and shown as “suppressed”, with the reason, in every output: pages, tables, downloads and the API. A suppressed cell is never shown as zero.'),
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
