// The TIP tier map: one report year on a world map, a country's tier history beside it, the same
// data as a table, citations and caveats, and the URL as a permalink.
import { api, type Measure, type QueryResult, type ResultRow } from '../api.ts';
import { clear, el, tierClass } from '../dom.ts';
import { type Params, writeParams } from '../state.ts';
import { caveats, citations, columnsFor, dataTable, definition, downloads } from '../panels.ts';
import { choropleth } from '../charts/choropleth.ts';
import { worldShapes } from '../geo.ts';
import { TIP_TIER as MEASURE, tipHistoryUrl, tipMapView, tipYearUrl } from '../../../src/model/page-requests.ts';

/** Colour-blind-safe diverging scheme (ColorBrewer RdYlBu), grey for not ranked. */
export const TIER_COLORS: Record<string, string> = {
  'Tier 1': '#2c7bb6',
  'Tier 2': '#abd9e9',
  'Tier 2 Watch List': '#fdae61',
  'Tier 3': '#d7191c',
  'Special Case/not ranked': '#bababa',
};

export async function render(root: HTMLElement, params: Params): Promise<void> {
  void worldShapes(); // start loading the map shapes while the data is fetched
  const measure = (await api.measures()).find((m) => m.id === MEASURE);
  if (!measure || measure.periods.length === 0) {
    clear(root).append(el('h1', {}, 'TIP Report tiers'), el('p', {}, 'The TIP tier file is not loaded. See the README, “Getting data”.'));
    return;
  }
  const years = measure.periods;
  const { year, country } = tipMapView(years, params);
  writeParams({ year: String(year), country }, false);
  const go = (next: { year?: number; country?: string }) => {
    const p = { year: String(next.year ?? year), country: next.country ?? country };
    writeParams(p, true);
    void render(root, p);
  };
  const result = await api.get<QueryResult>(tipYearUrl(year));
  const yearSel = el('select', { id: 'year', name: 'year' }, [...years].reverse().map((y) => el('option', { value: String(y) }, String(y)))) as HTMLSelectElement;
  yearSel.value = String(year);
  yearSel.addEventListener('change', () => go({ year: Number(yearSel.value) }));
  const counts = Object.keys(TIER_COLORS).map((t) => `${t}: ${result.rows.filter((r) => r.valueText === t).length}`);
  const map = await choropleth(
    result.rows.map((r) => ({ key: r.place, name: r.placeName, value: r.value, category: r.valueText, suppressed: false, lowCoverage: false })),
    {
      scope: 'world',
      label: `World map of TIP tiers, report year ${year}. ${counts.join('; ')}.`,
      format: String,
      categoryColors: TIER_COLORS,
      onSelect: (iso) => go({ country: iso }),
      selected: country || null,
    },
  );
  map.querySelector('svg')?.setAttribute('id', 'map');
  const history = el('section', { class: 'history', id: 'history', 'aria-live': 'polite' });
  const columns = columnsFor(result).filter((c) => !['period', 'flags'].includes(c.key));
  const table = dataTable('tier-table', `${result.rows.length} countries, report year ${year}; each row cites its line in the source file.`, columns, result.rows);
  for (const tr of table.querySelectorAll<HTMLTableRowElement>('tbody tr')) {
    const iso = tr.dataset.place!;
    const th = tr.querySelector('th')!;
    const button = el('button', { type: 'button', class: 'link' }, th.textContent ?? iso);
    button.addEventListener('click', () => go({ country: iso }));
    th.replaceChildren(button);
  }
  clear(root).append(
    el('h1', {}, 'Trafficking in Persons Report: tier placements'),
    el('div', { class: 'controls' }, [el('label', { for: 'year' }, 'Report year '), yearSel]),
    definition(measure),
    el('div', { class: 'layout' }, [
      el('div', {}, [map, el('p', { id: 'map-caption', class: 'caption' }, `Report year ${year}. ${counts.join('; ')}. White: not in the file.`)]),
      el('aside', { class: 'side' }, [history, citations(result.citations), caveats(result.caveats)]),
    ]),
    el('section', { class: 'table' }, [
      el('h2', { id: 'table-title' }, `All tier placements, report year ${year}`),
      downloads(`tip-tiers-${year}`, columns, result.rows, result),
      table,
    ]),
  );
  if (country) await renderHistory(history, measure, country, year);
  else history.append(el('p', { class: 'hint' }, 'Select a country on the map or in the table to see its tier in every report year.'));
}

async function renderHistory(box: HTMLElement, measure: Measure, iso: string, year: number): Promise<void> {
  let result: QueryResult;
  try {
    result = await api.get<QueryResult>(tipHistoryUrl(iso));
  } catch (e) {
    box.append(el('p', { role: 'alert' }, e instanceof Error ? e.message : String(e)));
    return;
  }
  const name = result.rows[0]?.placeName ?? iso;
  box.append(
    el('h2', { id: 'history-title' }, `${name}: tier by report year`),
    result.rows.length === 0
      ? el('p', {}, `${name} is not in the tier file.`)
      : el('table', { id: 'history-table', 'aria-labelledby': 'history-title' }, [
          el('thead', {}, el('tr', {}, [el('th', { scope: 'col' }, 'Report year'), el('th', { scope: 'col' }, 'Tier'), el('th', { scope: 'col' }, 'Read on')])),
          el(
            'tbody',
            {},
            result.rows.map((r) =>
              el('tr', { class: r.period === year ? 'current' : '' }, [
                el('td', {}, String(r.period)),
                el('td', {}, [el('span', { class: tierClass(r.valueText) }), r.valueText ?? '']),
                el('td', { class: 'grade-cell' }, readOn(r)),
              ]),
            ),
          ),
        ]),
    el('p', { class: 'links' }, [el('a', { href: `/place/${iso}` }, `Everything Cogency holds on ${name}`)]),
  );
}

/** The kind of page a transcribed placement was read on, and any source that placed the country otherwise. */
function readOn(r: ResultRow): string {
  const grade = typeof r.extra?.source_grade === 'string' ? r.extra.source_grade : 'research coding of the reports';
  const other = r.flags.filter((f) => f.startsWith('disagreement:')).map((f) => `; another source: ${f.slice('disagreement:'.length)}`);
  const uncertain = r.flags.some((f) => f.startsWith('uncertain')) ? '; uncertain' : '';
  return `${grade}${uncertain}${other.join('')}`;
}
