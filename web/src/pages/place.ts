// Place: a state or country profile with everything the store holds about it.
import { api, type Measure, type QueryResult } from '../api.ts';
import { clear, el } from '../dom.ts';
import { formatValue } from '../format.ts';
import { lineChart } from '../charts/line.ts';
import { citations } from '../panels.ts';

export async function render(root: HTMLElement, id: string): Promise<void> {
  const measures = (await api.measures()).filter((m) => m.periods.length > 0);
  const results = await Promise.all(
    measures.map((m) =>
      api.observations({ measure: m.id, place: id }).then(
        (r) => [m, r] as [Measure, QueryResult],
        () => null,
      ),
    ),
  );
  const found = results.filter((x): x is [Measure, QueryResult] => x !== null && x[1].rows.length > 0);
  const name = found[0]?.[1].rows[0]?.placeName ?? id;
  clear(root).append(el('h1', {}, name), el('p', { class: 'meta' }, `Place ${id}. ${found.length} measures hold values for it.`));
  if (results.every((r) => r === null)) {
    root.append(el('p', { role: 'alert' }, `Cogency knows no place “${id}”.`));
    return;
  }
  for (const [m, r] of found) {
    const latest = r.rows[r.rows.length - 1]!;
    const section = el('section', { class: 'place-measure', 'data-measure': m.id }, [
      el('h2', {}, [el('a', { href: `/explore?measure=${encodeURIComponent(m.id)}&places=${encodeURIComponent(id)}` }, m.label)]),
      el('p', { class: 'headline' }, `${latest.period}: ${latest.suppressed ? 'suppressed' : latest.valueText ?? formatValue(latest.value, m.unit)}${m.valueType === 'categorical' ? '' : ` ${m.unit}`}`),
    ]);
    if (m.valueType !== 'categorical' && r.rows.length > 1) {
      section.append(
        lineChart([{ name, points: r.rows.map((x) => ({ period: x.period, value: x.value, suppressed: x.suppressed, lowCoverage: x.flags.some((f) => f.startsWith('low_coverage')) })) }], `${m.label}, ${name}`, (v) => formatValue(v, m.unit)),
      );
    } else if (r.rows.length > 1) {
      section.append(el('p', {}, r.rows.map((x) => `${x.period}: ${x.valueText ?? formatValue(x.value)}`).join(' · ')));
    }
    section.append(el('details', {}, [el('summary', {}, 'Source and caveats'), citations(r.citations.slice(0, 3)), el('ul', { class: 'caveats' }, r.caveats.map((c) => el('li', {}, c)))]));
    root.append(section);
  }
}
