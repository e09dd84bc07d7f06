// Place: a state or country profile with everything the store holds about it (one request).
import { api, type Measure } from '../api.ts';
import { clear, el } from '../dom.ts';
import { TOPIC_LABEL, formatValue } from '../format.ts';
import { lineChart } from '../charts/line.ts';

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
  const byTopic = new Map<string, typeof measures>();
  for (const m of measures) byTopic.set(m.measure.topic, [...(byTopic.get(m.measure.topic) ?? []), m]);
  for (const [topic, list] of byTopic) {
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
