// One question to the store: a measure, for a place and period, optionally broken down.
// Additive measures (counts) are summed over the place's sub-places and over dimensions not asked
// for; categorical and score measures are returned cell by cell. Disclosure control (protectRows)
// rebuilds every row below state level from the protected tables before anything else sees them.
import { UsageError } from '../sources/errors.ts';
import type { MeasureDef, PlaceKind } from '../model/types.ts';
import type { CitationInfo, ResultRow } from '../model/results.ts';

export type { CitationInfo, QueryResult, ResultRow } from '../model/results.ts';
export type { ProtectedResult } from './disclosure/protected.ts';
import type { Store } from '../store/store.ts';
import { protectRows, sealResult, type ProtectedResult } from './disclosure/protected.ts';
import { addCoverage, coverageCaveats } from './coverage.ts';
import { addRates } from './rates.ts';
import { addGrades } from './grade.ts';
import { byText, storeIndex, type IndexedObservation, type IndexedPlace, type StoreIndex } from './store-index.ts';

export interface QueryParams {
  measure: string;
  place?: string | undefined;
  from?: number | undefined;
  to?: number | undefined;
  by?: string[] | undefined;
  /** Add rate_per_100k and denominator to every row (NIBRS counts only). */
  rate?: boolean | undefined;
}

/** Place levels a breakdown can ask for, besides the measure's own dimensions. */
const PLACE_LEVELS = ['place', 'country', 'state', 'agency'] as const;
const PERIOD_ALIASES = ['period', 'year'];

/** Common short forms people type for places whose stored id differs. */
const PLACE_ALIASES: Record<string, string> = { US: 'USA', UK: 'GBR' };

export function placeAlias(place: string): string {
  return PLACE_ALIASES[place.trim().toUpperCase()] ?? place.trim();
}

/** "2015" → [2015, 2015]; "2010-2015" → [2010, 2015]. Anything else is a usage error. */
export function parsePeriod(text: string): [number, number] {
  const m = /^(\d{4})(?:\s*[-–:]\s*(\d{4}))?$/.exec(text.trim());
  if (!m) throw new UsageError(`period "${text}" is not a year (2015) or a range of years (2010-2015)`);
  const a = Number(m[1]);
  const b = m[2] ? Number(m[2]) : a;
  if (b < a) throw new UsageError(`period "${text}" ends before it starts`);
  return [a, b];
}

export async function listMeasures(store: Store): Promise<MeasureDef[]> {
  return [...(await storeIndex(store)).measures.values()].map(publicMeasure);
}

/** Each measure with observations, with its periods (ascending). */
export async function measurePeriods(store: Store): Promise<Map<string, number[]>> {
  return (await storeIndex(store)).measurePeriods(store);
}

export async function getMeasure(store: Store, id: string): Promise<MeasureDef> {
  const index = await storeIndex(store);
  const m = index.measures.get(id);
  if (!m) {
    const known = [...index.measures.keys()];
    throw new UsageError(
      `unknown measure "${id}"` + (known.length ? `; loaded measures: ${known.join(', ')}` : '; no data is loaded yet (run `cogency ingest`)'),
    );
  }
  return publicMeasure(m);
}

/** A fresh copy without the index's own fields (callers may change what they get). */
function publicMeasure({ sourceId: _source, ...m }: MeasureDef & { sourceId: string }): MeasureDef {
  return { ...m, categories: [...(m.categories ?? [])], dimensions: [...(m.dimensions ?? [])] };
}

export async function query(store: Store, params: QueryParams): Promise<ProtectedResult> {
  const measure = await getMeasure(store, params.measure);
  const by = [...new Set((params.by ?? []).map((b) => b.trim().toLowerCase()).filter(Boolean))];
  for (const b of by) {
    if (!(PLACE_LEVELS as readonly string[]).includes(b) && !PERIOD_ALIASES.includes(b) && !measure.dimensions?.includes(b)) {
      const allowed = [...PLACE_LEVELS, 'period', ...(measure.dimensions ?? [])];
      throw new UsageError(`cannot break ${measure.id} down by "${b}"; allowed: ${allowed.join(', ')}`);
    }
  }
  if (by.filter((b) => (PLACE_LEVELS as readonly string[]).includes(b)).length > 1) {
    throw new UsageError('ask for one place level at a time (place, country, state or agency)');
  }
  const index = await storeIndex(store);
  let place: IndexedPlace | null = null;
  if (params.place) {
    place = index.placesUpper.get(placeAlias(params.place).toUpperCase()) ?? null;
    if (!place) throw new UsageError(`unknown place "${params.place}"; use an ISO 3166-1 alpha-3 country code (GBR), a U.S. state code (VT) or an agency ORI`);
  }
  const placeId = place?.id ?? null;
  // The place itself and everything below it (agency under state under country).
  const under = place ? `${place.path}/` : null;
  const inPeriod = await index.observationsIn(store, measure.id, params.from, params.to);
  const selected = place ? inPeriod.filter((o) => o.place.path === place.path || o.place.path.startsWith(under!)) : inPeriod;
  const rows = measure.aggregation === 'sum' ? sumRows(index, measure, selected, by, placeId) : cellRows(selected);
  const level = by.find((b) => (PLACE_LEVELS as readonly string[]).includes(b)) ?? null;
  const dims = by.filter((b) => measure.dimensions?.includes(b));
  const controlled = await protectRows(store, measure, { level, dims, place: place && { id: place.id, kind: place.kind, parent: place.parent }, from: params.from, to: params.to }, rows);
  await addCoverage(store, measure, controlled);
  addGrades(controlled);
  if (params.rate) await addRates(store, measure, controlled);
  await compactCitations(store, index, controlled);
  // Listed once, in the order rows first cite them, so that a page can number them [1], [2], … down the table.
  const citations = await index.citations(store, controlled.flatMap((r) => r.citations));
  const caveats = caveatsFor(index, measure.id, controlled);
  caveats.push(...(await coverageCaveats(store, measure, controlled, caveats)));
  return sealResult({
    measure,
    params: { measure: measure.id, place: placeId, from: params.from ?? null, to: params.to ?? null, by },
    rows: controlled,
    citations,
    caveats,
  });
}

/** Categorical and score values, cell by cell: by period, place name, then breakdown. */
function cellRows(selected: IndexedObservation[]): ResultRow[] {
  const sorted = [...selected].sort((a, b) => a.period - b.period || byText(a.place.name, b.place.name) || byText(a.dimsJson, b.dimsJson));
  return sorted.map((o) => ({
    place: o.place.id,
    placeName: o.place.name,
    placeKind: o.place.kind,
    period: o.period,
    dims: { ...o.dims },
    value: o.value,
    valueText: o.valueText,
    suppressed: false,
    suppressionReason: null,
    citations: [o.citationId],
    flags: [...o.flags],
  }));
}

/** The place a value is reported for when broken down by a place level (null: not at that level). */
function placeAtLevel(level: string, p: IndexedPlace): string | null {
  switch (level) {
    case 'agency':
      return p.kind === 'agency' ? p.id : null;
    case 'state':
      return p.kind === 'state' ? p.id : p.kind === 'agency' ? p.parent : null;
    case 'country':
      // The path's first segment ("/USA/VT/…" → USA).
      return p.kind === 'country' ? p.id : (p.path.split('/')[1] ?? '');
    default:
      return p.id;
  }
}

interface Group {
  place: string;
  period: number;
  dimValues: string[];
  sum: number | null;
  citations: Set<string>;
  flagLists: Set<string>;
  flagsByList: Map<string, readonly string[]>;
}

/** Counts summed over sub-places and over dimensions not asked for, one row per place, period and breakdown. */
function sumRows(index: StoreIndex, measure: MeasureDef, selected: IndexedObservation[], by: string[], place: string | null): ResultRow[] {
  const level = by.find((b) => (PLACE_LEVELS as readonly string[]).includes(b));
  const dims = by.filter((b) => measure.dimensions?.includes(b));
  const fixedPlace = level ? null : place ? place.toUpperCase() : 'ALL';
  const groups = new Map<string, Group>();
  for (const o of selected) {
    const g = fixedPlace ?? placeAtLevel(level!, o.place);
    if (g === null) continue;
    const dimValues = dims.map((d) => o.dims[d] ?? 'not stated');
    const key = JSON.stringify([g, o.period, ...dimValues]);
    let group = groups.get(key);
    if (!group) {
      group = { place: g, period: o.period, dimValues, sum: null, citations: new Set(), flagLists: new Set(), flagsByList: new Map() };
      groups.set(key, group);
    }
    if (o.value !== null) group.sum = (group.sum ?? 0) + o.value;
    group.citations.add(o.citationId);
    if (!group.flagLists.has(o.flagsJson)) {
      group.flagLists.add(o.flagsJson);
      group.flagsByList.set(o.flagsJson, o.flags);
    }
  }
  const ordered = [...groups.values()].sort((a, b) => {
    if (a.period !== b.period) return a.period - b.period;
    const c = byText(a.place, b.place);
    if (c) return c;
    for (let i = 0; i < a.dimValues.length; i++) {
      const d = byText(a.dimValues[i]!, b.dimValues[i]!);
      if (d) return d;
    }
    return 0;
  });
  return ordered.map((g) => {
    const info = index.places.get(g.place);
    return {
      place: g.place,
      placeName: info ? info.name : g.place === 'ALL' ? 'All places' : g.place,
      placeKind: info ? info.kind : ('world' as PlaceKind),
      period: g.period,
      dims: Object.fromEntries(dims.map((d, i) => [d, g.dimValues[i]!])),
      value: g.sum,
      valueText: null,
      suppressed: false,
      suppressionReason: null,
      citations: [...g.citations].sort(byText),
      // Distinct flag lists in text order, then their flags in order of first appearance.
      flags: [...new Set([...g.flagLists].sort(byText).flatMap((l) => g.flagsByList.get(l)!))],
    };
  });
}

/** A row lists at most this many citations; a value summed over more source rows cites each document whole. */
export const MAX_ROW_CITATIONS = 3;

/**
 * Keeps every row's citation list short: a national sum over 600 agency rows cites the file they
 * come from (and says how many rows), not 600 row citations; a breakdown by place gives each row's own.
 */
async function compactCitations(store: Store, index: StoreIndex, rows: ResultRow[]): Promise<void> {
  const wide = rows.filter((r) => r.citations.length > MAX_ROW_CITATIONS);
  if (wide.length === 0) return;
  const sourceOf = new Map((await index.citations(store, wide.flatMap((r) => r.citations))).map((c) => [c.id, c.sourceId]));
  const documents = await index.documentCitations(store);
  for (const r of wide) {
    r.citedRows = r.citations.length;
    r.citations = [...new Set(r.citations.map((id) => documents.get(sourceOf.get(id) ?? '') ?? id))].sort();
  }
}

/** Full citations (publisher, document, locator, retrieval date, checksum, link) for ids; unknown ids are left out. */
export async function citationInfo(store: Store, ids: string[]): Promise<CitationInfo[]> {
  return (await storeIndex(store)).citations(store, ids);
}

/** Caveats of the measure (and of its whole source), plus those tied to a place or period shown. */
function caveatsFor(index: StoreIndex, measureId: string, rows: ResultRow[]): string[] {
  const places = new Set(rows.map((r) => r.place));
  const periods = new Set(rows.map((r) => r.period));
  const sourceId = index.measures.get(measureId)?.sourceId;
  const out = new Set<string>();
  for (const c of index.caveats) {
    // The measure's own source's general caveats, and any source's caveat naming the measure (e.g. a
    // later series stating where it disagrees with this one).
    if (!(c.measure === measureId || (c.measure === null && c.sourceId === sourceId))) continue;
    if (c.place !== null && !places.has(c.place)) continue;
    if (c.period !== null && !periods.has(c.period)) continue;
    out.add(c.text); // a Set keeps the first appearance's place: caveats stay in load order
  }
  return [...out];
}
