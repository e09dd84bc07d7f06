// What queries look up on every request, read once per store version and kept in memory:
// measures, places, citations with their sources, caveats, NIBRS coverage and, per measure on
// first use, its observations. A query is then answered in JavaScript without a statement that
// grows with its rows (or any statement at all once the measure is loaded): under load each
// DuckDB statement costs ~0.4–1 ms of round trip, and a query used to run five to twelve of them.
//
// The index is keyed by the store handle's `dataKey` (the version file a snapshot reads, or the
// write generation of an in-memory store), so a request never mixes two versions, and by the
// open store's `identity`, so it lives as long as the store does.
import { listValue, type DuckDBValue } from '@duckdb/node-api';
import type { MeasureDef, PlaceKind } from '../model/types.ts';
import type { CitationInfo } from '../model/results.ts';
import type { Store } from '../store/store.ts';
import { DOCUMENT_KEY } from '../store/citation-id.ts';

export interface IndexedPlace {
  id: string;
  kind: PlaceKind;
  name: string;
  parent: string | null;
  path: string;
}

/** One stored observation of a measure (shared by every query: copy before changing). */
export interface IndexedObservation {
  sourceId: string;
  place: IndexedPlace;
  period: number;
  /** Canonical JSON of the dimensions, as stored (equal breakdowns compare equal). */
  dimsJson: string;
  dims: Readonly<Record<string, string>>;
  value: number | null;
  valueText: string | null;
  citationId: string;
  /** The flags as stored (JSON) and parsed. */
  flagsJson: string;
  flags: readonly string[];
}

export interface IndexedCaveat {
  sourceId: string;
  measure: string | null;
  place: string | null;
  period: number | null;
  text: string;
}

/** What citations and caveats need of a loaded source. */
export type SourceInfo = { family: string; importer: string | null } & Omit<CitationInfo, 'id' | 'locator' | 'sourceId'>;

/** One row of nibrs_coverage: a state-year bundle. */
export interface CoverageRow {
  sourceId: string;
  state: string;
  year: number;
  agenciesInFile: number;
  agenciesReporting: number;
  populationCovered: number;
  partial: boolean;
}

/** One agency-year of nibrs_agencies (from the first bundle by source id that lists it). */
export interface AgencyYear {
  population: number;
  participated: boolean;
  partial: boolean;
}

export interface NibrsCoverage {
  /** Every state-year bundle (nibrs_coverage), by source id. */
  bundles: CoverageRow[];
  /** "ORI|year" → the agency-year, from the first bundle (by source id) that lists it. */
  agencyYears: Map<string, AgencyYear>;
}

export class StoreIndex {
  /** Observations per measure, loaded on first use. */
  private readonly observationsByMeasure = new Map<string, Promise<IndexedObservation[]>>();
  /** The same, by period (ascending). */
  private readonly periodsByMeasure = new Map<string, Map<number, IndexedObservation[]>>();
  /** Citations looked up so far (null: no such citation of a loaded source). */
  private readonly citationCache = new Map<string, CitationInfo | null>();
  private documents: Promise<Map<string, string>> | undefined;
  private periods: Promise<Map<string, number[]>> | undefined;
  private coverage: Promise<NibrsCoverage | null> | null = null;

  constructor(
    readonly dataKey: string,
    readonly measures: Map<string, MeasureDef & { sourceId: string }>,
    readonly places: Map<string, IndexedPlace>,
    /** Places by upper-case id (ids are matched case-insensitively). */
    readonly placesUpper: Map<string, IndexedPlace>,
    readonly sources: Map<string, SourceInfo>,
    /** In load order (rowid): the order caveats are listed in. */
    readonly caveats: IndexedCaveat[],
  ) {}

  /** The observations of the measure from `from` to `to` (either open), by period, each period in load order. */
  async observationsIn(store: Store, measureId: string, from: number | undefined, to: number | undefined): Promise<IndexedObservation[]> {
    if (store.oneShot && !this.observationsByMeasure.has(measureId)) {
      // One question, then the process exits: read its years only (their citations are read with the answer's).
      const rows = await loadObservations(store, this, [listValue([measureId])], from, to);
      return (rows.get(measureId) ?? []).sort((a, b) => a.period - b.period);
    }
    let byPeriod = this.periodsByMeasure.get(measureId);
    if (!byPeriod) {
      byPeriod = new Map();
      for (const o of await this.observations(store, measureId)) {
        const list = byPeriod.get(o.period);
        if (list) list.push(o);
        else byPeriod.set(o.period, [o]);
      }
      byPeriod = new Map([...byPeriod].sort(([a], [b]) => a - b));
      this.periodsByMeasure.set(measureId, byPeriod);
    }
    const out: IndexedObservation[] = [];
    for (const [period, list] of byPeriod) if ((from === undefined || period >= from) && (to === undefined || period <= to)) out.push(...list);
    return out;
  }

  /** Every observation of the measure whose place is known, in load order. */
  observations(store: Store, measureId: string): Promise<IndexedObservation[]> {
    this.preload(store, [measureId]);
    return this.observationsByMeasure.get(measureId)!;
  }

  /**
   * Starts loading the observations of every measure given that is not loaded yet, with their
   * citations, in two statements however many measures (a page that draws thirty measures
   * would otherwise wait on sixty statements one after another).
   */
  preload(store: Store, measureIds: readonly string[]): void {
    const missing = [...new Set(measureIds.filter((id) => !this.observationsByMeasure.has(id)))];
    if (missing.length === 0) return;
    const ids = [listValue(missing)];
    // With their citations: every row a query of the measures returns cites one of them.
    const batch = Promise.all([
      loadObservations(store, this, ids),
      this.cacheCitations(store, 'id IN (SELECT citation_id FROM observations WHERE measure IN (SELECT unnest(?::VARCHAR[])))', ids),
    ]).then(([byMeasure]) => byMeasure);
    for (const id of missing) {
      const p = batch.then((byMeasure) => byMeasure.get(id) ?? []);
      this.observationsByMeasure.set(id, p);
      p.catch(() => this.observationsByMeasure.delete(id));
    }
  }

  /** Each measure with observations, with the periods it has (ascending), in one statement per version. */
  measurePeriods(store: Store): Promise<Map<string, number[]>> {
    this.periods ??= store
      .all('SELECT measure, list(DISTINCT period ORDER BY period) AS periods FROM observations GROUP BY measure ORDER BY measure')
      .then((rows) => new Map(rows.map((r) => [String(r.measure), (r.periods as unknown[]).map(Number)])));
    this.periods.catch(() => (this.periods = undefined));
    return this.periods;
  }

  /**
   * The citations with these ids, sorted by id; ids of no loaded source are left out. Ids not
   * looked up before in this version are read in one statement (a one-shot CLI query reads only
   * its own; a server soon has them all).
   */
  async citations(store: Store, ids: string[]): Promise<CitationInfo[]> {
    const missing = [...new Set(ids.filter((id) => !this.citationCache.has(id)))];
    if (missing.length) {
      await this.cacheCitations(store, 'id IN (SELECT unnest(?::VARCHAR[]))', [listValue(missing)]);
      for (const id of missing) if (!this.citationCache.has(id)) this.citationCache.set(id, null);
    }
    const out: CitationInfo[] = [];
    // In the order they are first named (rows first cite them), so pages can number them down the table.
    for (const id of new Set(ids)) {
      const c = this.citationCache.get(id);
      if (c) out.push({ ...c });
    }
    return out;
  }

  /** Each loaded source's whole-document citation (what a value summed over many of its rows cites). */
  documentCitations(store: Store): Promise<Map<string, string>> {
    this.documents ??= store
      .all('SELECT source_id, id FROM citations WHERE importer_key = ?', [DOCUMENT_KEY])
      .then((rows) => new Map(rows.map((r) => [String(r.source_id), String(r.id)])));
    return this.documents;
  }

  /** Read the citations matching `where` into the cache (those of no loaded source are never shown). */
  private async cacheCitations(store: Store, where: string, params: DuckDBValue[]): Promise<void> {
    for (const r of await store.all(`SELECT id, source_id, locator FROM citations WHERE ${where}`, params)) {
      const s = this.sources.get(String(r.source_id));
      if (!s) continue;
      this.citationCache.set(String(r.id), {
        id: String(r.id),
        locator: String(r.locator),
        sourceId: String(r.source_id),
        publisher: s.publisher,
        title: s.title,
        url: s.url,
        license: s.license,
        retrieved: s.retrieved,
        sha256: s.sha256,
      });
    }
  }

  /** NIBRS coverage tables, read on first use; null when no NIBRS bundle was ever loaded. */
  nibrsCoverage(store: Store): Promise<NibrsCoverage | null> {
    if (!this.coverage) {
      const p = loadCoverage(store);
      this.coverage = p;
      p.catch(() => {
        if (this.coverage === p) this.coverage = null;
      });
    }
    return this.coverage;
  }
}

/** Code-unit order, as SQL's ORDER BY on text (not the locale's). */
export const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Per open store: the index of the data version it serves now (older ones are dropped). */
const indexes = new WeakMap<object, { key: string; index: Promise<StoreIndex> }>();

/** The index of the data this handle reads, built on first use for each store version. */
export function storeIndex(store: Store): Promise<StoreIndex> {
  const key = store.dataKey;
  const held = indexes.get(store.identity);
  if (held?.key === key) return held.index;
  const index = buildIndex(store, key);
  indexes.set(store.identity, { key, index });
  index.catch(() => {
    if (indexes.get(store.identity)?.index === index) indexes.delete(store.identity);
  });
  return index;
}

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

async function buildIndex(store: Store, key: string): Promise<StoreIndex> {
  // Four independent reads, kept beside the version once read (a one-shot process then skips them).
  const [measureRows, placeRows, sourceRows, caveatRows] = (await store.allCached([
    'SELECT * FROM measures ORDER BY id',
    'SELECT id, kind, name, parent, path FROM places ORDER BY id',
    'SELECT id, family, importer, publisher, title, url, license, retrieved, sha256 FROM sources ORDER BY id',
    'SELECT source_id, measure, place, period, text FROM caveats ORDER BY rowid',
  ])) as [Record<string, unknown>[], Record<string, unknown>[], Record<string, unknown>[], Record<string, unknown>[]];
  const measures = new Map<string, MeasureDef & { sourceId: string }>();
  for (const r of measureRows) {
    measures.set(String(r.id), {
      id: String(r.id),
      label: String(r.label),
      definition: String(r.definition),
      unit: String(r.unit),
      valueType: r.value_type as MeasureDef['valueType'],
      aggregation: r.aggregation as MeasureDef['aggregation'],
      periodKind: r.period_kind as MeasureDef['periodKind'],
      topic: r.topic as MeasureDef['topic'],
      family: String(r.family),
      categories: JSON.parse(String(r.categories ?? '[]')) as string[],
      dimensions: JSON.parse(String(r.dimensions ?? '[]')) as string[],
      sourceId: String(r.source_id),
    });
  }
  const places = new Map<string, IndexedPlace>();
  const placesUpper = new Map<string, IndexedPlace>();
  for (const r of placeRows) {
    const p: IndexedPlace = { id: String(r.id), kind: r.kind as PlaceKind, name: String(r.name), parent: str(r.parent), path: String(r.path) };
    places.set(p.id, p);
    if (!placesUpper.has(p.id.toUpperCase())) placesUpper.set(p.id.toUpperCase(), p);
  }
  const sources = new Map<string, SourceInfo>();
  for (const r of sourceRows) {
    sources.set(String(r.id), {
      family: String(r.family),
      importer: str(r.importer),
      publisher: String(r.publisher),
      title: String(r.title),
      url: String(r.url),
      license: String(r.license),
      retrieved: String(r.retrieved),
      sha256: String(r.sha256),
    });
  }
  const caveats = caveatRows.map((r) => ({
    sourceId: String(r.source_id),
    measure: str(r.measure),
    place: str(r.place),
    period: r.period === null ? null : Number(r.period),
    text: String(r.text),
  }));
  return new StoreIndex(key, measures, places, placesUpper, sources, caveats);
}

async function loadCoverage(store: Store): Promise<NibrsCoverage | null> {
  const tables = await store.all("SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'nibrs_coverage' AND table_schema = 'main'");
  if (Number(tables[0]?.n ?? 0) === 0) return null;
  const bundles = (
    await store.all('SELECT source_id, state, year, agencies_in_file, agencies_reporting, population_covered, partial FROM nibrs_coverage ORDER BY source_id')
  ).map((r) => ({
    sourceId: String(r.source_id),
    state: String(r.state),
    year: Number(r.year),
    agenciesInFile: Number(r.agencies_in_file),
    agenciesReporting: Number(r.agencies_reporting),
    populationCovered: Number(r.population_covered),
    partial: Boolean(r.partial),
  }));
  // An agency in two bundles of a year keeps its first (by source id); only bundles with a coverage row count.
  const rows = await store.all(
    `SELECT a.ori, a.year, first(a.population ORDER BY a.source_id) AS population,
            first(a.nibrs_participated ORDER BY a.source_id) AS participated, first(c.partial ORDER BY a.source_id) AS partial
     FROM nibrs_agencies a JOIN nibrs_coverage c ON c.source_id = a.source_id
     GROUP BY a.ori, a.year`,
  );
  const agencyYears = new Map<string, AgencyYear>();
  for (const r of rows) {
    agencyYears.set(`${String(r.ori)}|${Number(r.year)}`, { population: Number(r.population), participated: Boolean(r.participated), partial: Boolean(r.partial) });
  }
  return { bundles, agencyYears };
}

async function loadObservations(store: Store, index: StoreIndex, measureIds: DuckDBValue[], from?: number, to?: number): Promise<Map<string, IndexedObservation[]>> {
  const rows = await store.all(
    `SELECT measure, source_id, place, period, dims, value, value_text, citation_id, flags FROM observations
     WHERE measure IN (SELECT unnest(?::VARCHAR[])) AND period BETWEEN ? AND ? ORDER BY rowid`,
    [...measureIds, from ?? -2147483648, to ?? 2147483647],
  );
  // Most rows share a handful of dimension maps and flag lists: parse each once.
  const dimsSeen = new Map<string, Readonly<Record<string, string>>>();
  const flagsSeen = new Map<string, readonly string[]>();
  const out = new Map<string, IndexedObservation[]>();
  for (const r of rows) {
    const place = index.places.get(String(r.place));
    if (!place) continue; // as the join with places did: a value of an unknown place is never shown
    const dimsJson = String(r.dims);
    let dims = dimsSeen.get(dimsJson);
    if (!dims) {
      dims = Object.freeze(JSON.parse(dimsJson) as Record<string, string>);
      dimsSeen.set(dimsJson, dims);
    }
    const flagsJson = String(r.flags);
    let flags = flagsSeen.get(flagsJson);
    if (!flags) {
      flags = Object.freeze(JSON.parse(flagsJson) as string[]);
      flagsSeen.set(flagsJson, flags);
    }
    const measure = String(r.measure);
    (out.get(measure) ?? out.set(measure, []).get(measure)!).push({
      sourceId: String(r.source_id),
      place,
      period: Number(r.period),
      dimsJson,
      dims,
      value: r.value === null ? null : Number(r.value),
      valueText: str(r.value_text),
      citationId: String(r.citation_id),
      flagsJson,
      flags,
    });
  }
  return out;
}
