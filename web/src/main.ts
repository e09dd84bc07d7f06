// The TIP tier explorer: a world map for one report year, a country's tier history, the same
// data as a table, citations and caveats beside it, and the URL as a permalink.
import { feature } from 'topojson-client';
import { geoEqualEarth, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { Topology, GeometryCollection } from 'topojson-specification';
import world from 'world-atlas/countries-110m.json';
import isoCodes from 'i18n-iso-countries/codes.json';
import { api, type QueryResult, type ResultRow, type Citation } from './api.ts';
import { el, clear, tierClass } from './dom.ts';

const MEASURE = 'tip.tier';
/** Colour-blind-safe diverging scheme (ColorBrewer RdYlBu), grey for not ranked. */
const TIER_COLORS: Record<string, string> = {
  'Tier 1': '#2c7bb6',
  'Tier 2': '#abd9e9',
  'Tier 2 Watch List': '#fdae61',
  'Tier 3': '#d7191c',
  'Special Case/not ranked': '#bababa',
};
const NO_DATA = '#ffffff';

const numericToAlpha3 = new Map((isoCodes as string[][]).map(([, a3, num]) => [num!, a3!]));
/** world-atlas shapes without an ISO numeric id. */
const NAMED_SHAPES: Record<string, string> = { Kosovo: 'XKX' };

interface State {
  year: number | null;
  country: string | null;
}

function readState(): State {
  const p = new URLSearchParams(location.search);
  const year = Number(p.get('year'));
  return { year: Number.isInteger(year) && year > 1900 ? year : null, country: p.get('country')?.toUpperCase() || null };
}

function writeState(s: State, push: boolean): void {
  const p = new URLSearchParams();
  if (s.year) p.set('year', String(s.year));
  if (s.country) p.set('country', s.country);
  const url = `${location.pathname}?${p.toString()}`;
  if (push) history.pushState(null, '', url);
  else history.replaceState(null, '', url);
}

const status = document.getElementById('status')!;
const app = document.getElementById('app')!;

async function start(): Promise<void> {
  const st = await api.status();
  const measures = await api.measures();
  const tier = measures.find((m) => m.id === MEASURE);
  if (st.sourcesLoaded === 0 || !tier) {
    status.textContent = '';
    app.append(noData(st.dataDir));
    return;
  }
  const years = tier.periods;
  const state = readState();
  if (!state.year || !years.includes(state.year)) state.year = years[years.length - 1] ?? null;
  writeState(state, false);
  const view = new TierView(years, tier.definition);
  await view.render(state);
  window.addEventListener('popstate', () => void view.render(readState()));
}

function noData(dataDir: string): HTMLElement {
  return el('section', { class: 'empty' }, [
    el('h1', {}, 'No data loaded yet'),
    el('p', {}, `Cogency found no official files in its data directory (${dataDir}).`),
    el('p', {}, 'To load data: put the official files in a folder laid out as described in the README ("Getting data"), then run:'),
    el('pre', {}, 'COGENCY_DATA=/path/to/data npm start'),
    el('p', {}, 'Each file is checked, cited with its checksum and loaded whole or not at all.'),
  ]);
}

class TierView {
  private readonly shapes: Feature<Geometry, { name: string }>[];
  private readonly yearSelect: HTMLSelectElement;
  private readonly mapSvg: SVGSVGElement;
  private readonly tableBox = el('section', { class: 'table', 'aria-labelledby': 'table-title' });
  private readonly historyBox = el('section', { class: 'history', 'aria-live': 'polite', id: 'history' });
  private readonly citeBox = el('section', { class: 'cite', 'aria-labelledby': 'cite-title' });
  private state: State = { year: null, country: null };

  constructor(
    private readonly years: number[],
    definition: string,
  ) {
    const topo = world as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
    this.shapes = (feature(topo, topo.objects.countries) as FeatureCollection<Geometry, { name: string }>).features;
    this.yearSelect = el('select', { id: 'year', name: 'year' }) as HTMLSelectElement;
    for (const y of [...years].reverse()) this.yearSelect.append(el('option', { value: String(y) }, String(y)));
    this.yearSelect.addEventListener('change', () => {
      this.state = { ...this.state, year: Number(this.yearSelect.value) };
      writeState(this.state, true);
      void this.render(this.state);
    });
    this.mapSvg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    this.mapSvg.setAttribute('viewBox', '0 0 960 470');
    this.mapSvg.setAttribute('id', 'map');
    this.mapSvg.setAttribute('role', 'group');
    const projection = geoEqualEarth().fitSize([960, 470], { type: 'Sphere' });
    const path = geoPath(projection);
    for (const f of this.shapes) {
      const iso = this.isoOf(f);
      const p = document.createElementNS('http://www.w3.org/2000/svg', 'path');
      p.setAttribute('d', path(f) ?? '');
      p.setAttribute('class', 'country');
      if (iso) {
        p.dataset.iso = iso;
        p.setAttribute('tabindex', '0');
        p.setAttribute('role', 'button');
        p.addEventListener('click', () => this.select(iso));
        p.addEventListener('keydown', (e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            this.select(iso);
          }
        });
      }
      const title = document.createElementNS('http://www.w3.org/2000/svg', 'title');
      title.textContent = f.properties.name;
      p.append(title);
      this.mapSvg.append(p);
    }
    clear(app);
    app.append(
      el('h1', {}, 'Trafficking in Persons Report: tier placements'),
      el('div', { class: 'controls' }, [el('label', { for: 'year' }, 'Report year '), this.yearSelect]),
      el('details', { class: 'definition' }, [el('summary', {}, 'What this measures'), el('p', {}, definition)]),
      el('div', { class: 'layout' }, [
        el('figure', { class: 'map' }, [this.mapSvg, legend(), el('figcaption', { id: 'map-caption' })]),
        el('aside', {}, [this.historyBox, this.citeBox]),
      ]),
      this.tableBox,
    );
  }

  private isoOf(f: Feature<Geometry, { name: string }>): string | undefined {
    return f.id !== undefined ? numericToAlpha3.get(String(f.id).padStart(3, '0')) : NAMED_SHAPES[f.properties.name];
  }

  private select(iso: string): void {
    this.state = { ...this.state, country: iso };
    writeState(this.state, true);
    void this.render(this.state);
  }

  async render(state: State): Promise<void> {
    this.state = { year: state.year ?? this.years[this.years.length - 1] ?? null, country: state.country };
    const year = this.state.year!;
    this.yearSelect.value = String(year);
    status.textContent = `Loading report year ${year}…`;
    const result = await api.observations({ measure: MEASURE, period: String(year) });
    this.paintMap(result, year);
    this.renderTable(result, year);
    this.renderCitations(result);
    if (this.state.country) await this.renderHistory(this.state.country);
    else clear(this.historyBox).append(el('p', { class: 'hint' }, 'Select a country on the map or in the table to see its tier in every report year.'));
    status.textContent = `Showing report year ${year}: ${result.rows.length} countries.`;
  }

  private paintMap(result: QueryResult, year: number): void {
    const byIso = new Map(result.rows.map((r) => [r.place, r]));
    for (const p of this.mapSvg.querySelectorAll<SVGPathElement>('path.country')) {
      const iso = p.dataset.iso;
      const row = iso ? byIso.get(iso) : undefined;
      p.setAttribute('fill', row?.valueText ? (TIER_COLORS[row.valueText] ?? NO_DATA) : NO_DATA);
      p.dataset.tier = row?.valueText ?? 'none';
      p.classList.toggle('selected', iso !== undefined && iso === this.state.country);
      const name = p.querySelector('title')!.textContent!.split(':')[0];
      p.querySelector('title')!.textContent = `${name}: ${row?.valueText ?? 'not in this file'} (${year} report)`;
      p.setAttribute('aria-label', `${name}: ${row?.valueText ?? 'not in this file'}`);
    }
    const counts = Object.keys(TIER_COLORS).map((t) => `${t}: ${result.rows.filter((r) => r.valueText === t).length}`);
    document.getElementById('map-caption')!.textContent = `Report year ${year}. ${counts.join('; ')}. White: country not in the file.`;
    this.mapSvg.setAttribute('aria-label', `World map of TIP tiers, report year ${year}. ${counts.join('; ')}.`);
  }

  private renderTable(result: QueryResult, year: number): void {
    const csv = `/api/v1/observations?measure=${MEASURE}&period=${year}&format=csv`;
    const json = `/api/v1/observations?measure=${MEASURE}&period=${year}`;
    const tbody = el('tbody', {}, result.rows.map((r) => tableRow(r, result.citations, () => this.select(r.place))));
    clear(this.tableBox).append(
      el('h2', { id: 'table-title' }, `All tier placements, report year ${year}`),
      el('p', { class: 'downloads' }, [
        el('a', { href: csv, download: `tip-tiers-${year}.csv`, id: 'download-csv' }, 'Download CSV'),
        ' · ',
        el('a', { href: json, id: 'download-json' }, 'JSON'),
      ]),
      el('table', { id: 'tier-table' }, [
        el('caption', {}, `${result.rows.length} countries; each row cites its line in the source file.`),
        el('thead', {}, el('tr', {}, ['Country', 'ISO3', 'Tier', 'Source line'].map((h) => el('th', { scope: 'col' }, h)))),
        tbody,
      ]),
    );
  }

  private renderCitations(result: QueryResult): void {
    const sources = new Map<string, Citation>();
    for (const c of result.citations) if (!sources.has(c.sourceId)) sources.set(c.sourceId, c);
    clear(this.citeBox).append(
      el('h2', { id: 'cite-title' }, 'Source'),
      ...[...sources.values()].map((c) =>
        el('p', { class: 'citation' }, [
          `${c.publisher}. “${c.title}”. `,
          el('a', { href: c.url, rel: 'noreferrer noopener' }, 'Source file'),
          `. Retrieved ${c.retrieved}. License: ${c.license} sha256 `,
          el('code', {}, c.sha256.slice(0, 16) + '…'),
        ]),
      ),
      el('h2', {}, 'Caveats'),
      el('ul', { class: 'caveats' }, result.caveats.map((t) => el('li', {}, t))),
    );
  }

  private async renderHistory(iso: string): Promise<void> {
    const result = await api.observations({ measure: MEASURE, place: iso });
    const name = result.rows[0]?.placeName ?? iso;
    clear(this.historyBox).append(
      el('h2', { id: 'history-title' }, `${name}: tier by report year`),
      result.rows.length === 0
        ? el('p', {}, `${name} is not in the tier file.`)
        : el('table', { id: 'history-table', 'aria-labelledby': 'history-title' }, [
            el('thead', {}, el('tr', {}, [el('th', { scope: 'col' }, 'Report year'), el('th', { scope: 'col' }, 'Tier')])),
            el(
              'tbody',
              {},
              result.rows.map((r) =>
                el('tr', { class: r.period === this.state.year ? 'current' : '' }, [
                  el('td', {}, String(r.period)),
                  el('td', {}, [el('span', { class: tierClass(r.valueText) }), r.valueText ?? '']),
                ]),
              ),
            ),
          ]),
      el('p', { class: 'downloads' }, [el('a', { href: `/api/v1/observations?measure=${MEASURE}&place=${iso}&format=csv`, download: `tip-tiers-${iso}.csv` }, 'Download this history (CSV)')]),
    );
  }
}

function tableRow(r: ResultRow, citations: Citation[], onSelect: () => void): HTMLElement {
  const cite = citations.find((c) => c.id === r.citations[0]);
  const button = el('button', { type: 'button', class: 'link' }, r.placeName);
  button.addEventListener('click', onSelect);
  return el('tr', { 'data-iso': r.place }, [
    el('th', { scope: 'row' }, button),
    el('td', {}, r.place),
    el('td', {}, [el('span', { class: tierClass(r.valueText) }), r.valueText ?? '']),
    el('td', { class: 'locator' }, cite ? cite.locator.replace(/^.*, /, '') : ''),
  ]);
}

function legend(): HTMLElement {
  return el(
    'ul',
    { class: 'legend', 'aria-label': 'Legend' },
    [...Object.entries(TIER_COLORS), ['Not in the file', NO_DATA] as [string, string]].map(([label, color]) =>
      el('li', {}, [el('span', { class: tierClass(color === NO_DATA ? 'none' : label) }), label]),
    ),
  );
}

start().catch((e: unknown) => {
  status.textContent = `Could not load the data: ${e instanceof Error ? e.message : String(e)}`;
});
