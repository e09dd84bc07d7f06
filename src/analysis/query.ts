// One question to the store: a measure, for a place and period, optionally broken down.
// Additive measures (counts) are summed over the place's sub-places and over dimensions not asked
// for; categorical and score measures are returned cell by cell. Disclosure control (protectRows)
// rebuilds every row below state level from the protected tables before anything else sees them.
import { listValue } from '@duckdb/node-api';
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
import { DOCUMENT_KEY } from '../store/citation-id.ts';

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
  const rows = await store.all('SELECT * FROM measures ORDER BY id');
  return rows.map(rowToMeasure);
}

export async function getMeasure(store: Store, id: string): Promise<MeasureDef> {
  const rows = await store.all('SELECT * FROM measures WHERE id = ?', [id]);
  if (!rows[0]) {
    const known = (await listMeasures(store)).map((m) => m.id);
    throw new UsageError(
      `unknown measure "${id}"` + (known.length ? `; loaded measures: ${known.join(', ')}` : '; no data is loaded yet (run `cogency ingest`)'),
    );
  }
  return rowToMeasure(rows[0]);
}

function rowToMeasure(r: Record<string, unknown>): MeasureDef {
  return {
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
  };
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
  let placePath: string | null = null;
  let placeId: string | null = null;
  let place: { id: string; kind: string; parent: string | null } | null = null;
  if (params.place) {
    const rows = await store.all('SELECT id, path, kind, parent FROM places WHERE upper(id) = upper(?)', [placeAlias(params.place)]);
    if (!rows[0]) throw new UsageError(`unknown place "${params.place}"; use an ISO 3166-1 alpha-3 country code (GBR), a U.S. state code (VT) or an agency ORI`);
    placePath = String(rows[0].path);
    placeId = String(rows[0].id);
    place = { id: placeId, kind: String(rows[0].kind), parent: rows[0].parent === null ? null : String(rows[0].parent) };
  }
  const where = ['o.measure = ?'];
  const args: (string | number)[] = [measure.id];
  if (params.from !== undefined) {
    where.push('o.period >= ?');
    args.push(params.from);
  }
  if (params.to !== undefined) {
    where.push('o.period <= ?');
    args.push(params.to);
  }
  if (placePath) {
    // The place itself and everything below it (agency under state under country).
    where.push('(p.path = ? OR starts_with(p.path, ?))');
    args.push(placePath, `${placePath}/`);
  }
  const rows = measure.aggregation === 'sum' ? await sumRows(store, measure, where, args, by, placeId) : await cellRows(store, where, args);
  const level = by.find((b) => (PLACE_LEVELS as readonly string[]).includes(b)) ?? null;
  const dims = by.filter((b) => measure.dimensions?.includes(b));
  const controlled = await protectRows(store, measure, { level, dims, place, from: params.from, to: params.to }, rows);
  await addCoverage(store, measure, controlled);
  addGrades(controlled);
  if (params.rate) await addRates(store, measure, controlled);
  await compactCitations(store, controlled);
  // Listed once, in the order rows first cite them, so that a page can number them [1], [2], … down the table.
  const citations = await citationInfo(store, [...new Set(controlled.flatMap((r) => r.citations))]);
  const caveats = await caveatsFor(store, measure.id, controlled);
  caveats.push(...(await coverageCaveats(store, measure, controlled, caveats)));
  return sealResult({
    measure,
    params: { measure: measure.id, place: placeId, from: params.from ?? null, to: params.to ?? null, by },
    rows: controlled,
    citations,
    caveats,
  });
}

async function cellRows(store: Store, where: string[], args: (string | number)[]): Promise<ResultRow[]> {
  const rows = await store.all(
    `SELECT o.place, p.name AS place_name, p.kind AS place_kind, o.period, o.dims, o.value, o.value_text, o.citation_id, o.flags
     FROM observations o JOIN places p ON p.id = o.place
     WHERE ${where.join(' AND ')} ORDER BY o.period, p.name, o.dims`,
    args,
  );
  return rows.map((r) => ({
    place: String(r.place),
    placeName: String(r.place_name),
    placeKind: r.place_kind as PlaceKind,
    period: Number(r.period),
    dims: JSON.parse(String(r.dims)) as Record<string, string>,
    value: r.value === null ? null : Number(r.value),
    valueText: (r.value_text as string | null) ?? null,
    suppressed: false,
    suppressionReason: null,
    citations: [String(r.citation_id)],
    flags: JSON.parse(String(r.flags)) as string[],
  }));
}

/** The place a row is reported for when broken down by a place level. */
function placeLevelExpr(level: string): string {
  switch (level) {
    case 'agency':
      return "CASE WHEN p.kind = 'agency' THEN p.id END";
    case 'state':
      return "CASE WHEN p.kind = 'state' THEN p.id WHEN p.kind = 'agency' THEN p.parent END";
    case 'country':
      return "CASE WHEN p.kind = 'country' THEN p.id ELSE split_part(p.path, '/', 2) END";
    default:
      return 'o.place';
  }
}

async function sumRows(
  store: Store,
  measure: MeasureDef,
  where: string[],
  args: (string | number)[],
  by: string[],
  place: string | null,
): Promise<ResultRow[]> {
  const level = by.find((b) => (PLACE_LEVELS as readonly string[]).includes(b));
  const dims = by.filter((b) => measure.dimensions?.includes(b));
  const placeExpr = level ? placeLevelExpr(level) : place ? `'${place.toUpperCase().replace(/'/g, "''")}'` : "'ALL'";
  const dimExprs = dims.map((d, i) => `coalesce(json_extract_string(o.dims, '$.${d.replace(/[^a-z0-9_]/g, '')}'), 'not stated') AS d${i}`);
  const groupCols = ['g_place', 'o.period', ...dims.map((_, i) => `d${i}`)];
  const rows = await store.all(
    `SELECT ${placeExpr} AS g_place, o.period, ${dimExprs.length ? dimExprs.join(', ') + ',' : ''}
            sum(o.value) AS value, list(DISTINCT o.citation_id ORDER BY o.citation_id) AS citations, list(DISTINCT o.flags ORDER BY o.flags) AS flags
     FROM observations o JOIN places p ON p.id = o.place
     WHERE ${where.join(' AND ')}
     GROUP BY ${groupCols.join(', ')}
     HAVING g_place IS NOT NULL
     ORDER BY o.period, g_place${dims.map((_, i) => `, d${i}`).join('')}`,
    args,
  );
  const placeIds = [...new Set(rows.map((r) => String(r.g_place)))];
  const names = new Map<string, { name: string; kind: PlaceKind }>();
  if (placeIds.length) {
    const info = await store.all(`SELECT id, name, kind FROM places WHERE id IN (${placeIds.map(() => '?').join(',')})`, placeIds);
    for (const i of info) names.set(String(i.id), { name: String(i.name), kind: i.kind as PlaceKind });
  }
  return rows.map((r) => {
    const id = String(r.g_place);
    const info = names.get(id) ?? { name: id === 'ALL' ? 'All places' : id, kind: 'world' as PlaceKind };
    return {
      place: id,
      placeName: info.name,
      placeKind: info.kind,
      period: Number(r.period),
      dims: Object.fromEntries(dims.map((d, i) => [d, String(r[`d${i}`])])),
      value: r.value === null ? null : Number(r.value),
      valueText: null,
      suppressed: false,
      suppressionReason: null,
      citations: (r.citations as string[]).map(String),
      flags: [...new Set((r.flags as string[]).flatMap((f) => JSON.parse(f) as string[]))],
    };
  });
}

/** A row lists at most this many citations; a value summed over more source rows cites each document whole. */
export const MAX_ROW_CITATIONS = 3;

/**
 * Keeps every row's citation list short: a national sum over 600 agency rows cites the file they
 * come from (and says how many rows), not 600 row citations; a breakdown by place gives each row's own.
 */
async function compactCitations(store: Store, rows: ResultRow[]): Promise<void> {
  const wide = rows.filter((r) => r.citations.length > MAX_ROW_CITATIONS);
  if (wide.length === 0) return;
  const found = await store.all(
    `SELECT c.id, d.id AS document FROM citations c JOIN citations d ON d.source_id = c.source_id AND d.importer_key = ?
     WHERE c.id IN (SELECT unnest(?::VARCHAR[]))`,
    [DOCUMENT_KEY, listValue([...new Set(wide.flatMap((r) => r.citations))])],
  );
  const documentOf = new Map(found.map((r) => [String(r.id), String(r.document)]));
  for (const r of wide) {
    r.citedRows = r.citations.length;
    r.citations = [...new Set(r.citations.map((id) => documentOf.get(id) ?? id))].sort();
  }
}

/** Full citations (publisher, document, locator, retrieval date, checksum, link) for ids; unknown ids are left out. */
export async function citationInfo(store: Store, ids: string[]): Promise<CitationInfo[]> {
  if (ids.length === 0) return [];
  const order = new Map(ids.map((id, i) => [id, i]));
  const rows = await store.all(
    `SELECT c.id, c.locator, s.id AS source_id, s.publisher, s.title, s.url, s.license, s.retrieved, s.sha256
     FROM citations c JOIN sources s ON s.id = c.source_id WHERE c.id IN (SELECT unnest(?::VARCHAR[])) ORDER BY c.id`,
    [listValue(ids)],
  );
  return rows.map((r) => ({
    id: String(r.id),
    locator: String(r.locator),
    sourceId: String(r.source_id),
    publisher: String(r.publisher),
    title: String(r.title),
    url: String(r.url),
    license: String(r.license),
    retrieved: String(r.retrieved),
    sha256: String(r.sha256),
  })).sort((a, b) => order.get(a.id)! - order.get(b.id)!);
}

/** Caveats of the measure (and of its whole source), plus those tied to a place or period shown. */
async function caveatsFor(store: Store, measureId: string, rows: ResultRow[]): Promise<string[]> {
  // Empty lists cannot be bound (DuckDB cannot type them); a sentinel that matches nothing can.
  const places = [...new Set(rows.map((r) => r.place))].concat('\u0000');
  const periods = [...new Set(rows.map((r) => r.period))].concat(-1);
  const found = await store.all(
    // The measure's own source's general caveats, and any source's caveat naming the measure (e.g. a
    // later series stating where it disagrees with this one).
    `SELECT c.text FROM caveats c
     WHERE (c.measure = ? OR (c.measure IS NULL AND c.source_id = (SELECT source_id FROM measures WHERE id = ?)))
       AND (c.place IS NULL OR c.place IN (SELECT unnest(?::VARCHAR[])))
       AND (c.period IS NULL OR c.period IN (SELECT unnest(?::INTEGER[])))
     GROUP BY c.text ORDER BY min(c.rowid)`,
    [measureId, measureId, listValue(places), listValue(periods)],
  );
  return found.map((r) => String(r.text));
}
