// Everything the store holds about one place, in three statements: each measure's value per
// period (counts summed over the place and what lies below it, other values only where recorded
// for the place itself), with the source of each measure. Row-level citations stay one click
// away in the explorer. Below state level every count comes from the protected tables, as everywhere.
import { UsageError } from '../sources/errors.ts';
import type { MeasureDef, PlaceKind } from '../model/types.ts';
import type { Store } from '../store/store.ts';
import { listMeasures, placeAlias } from './query.ts';
import { disclosureRule, isProtectedMeasure, isSubState, measureFamilies } from './disclosure.ts';

export interface ProfilePoint {
  period: number;
  value: number | null;
  valueText: string | null;
  suppressed: boolean;
}

export interface ProfileMeasure {
  measure: MeasureDef;
  sourceId: string;
  series: ProfilePoint[];
}

export interface PlaceProfile {
  place: { id: string; name: string; kind: PlaceKind };
  measures: ProfileMeasure[];
  sources: { id: string; publisher: string; title: string; url: string; retrieved: string; sha256: string; license: string }[];
}

export async function placeProfile(store: Store, id: string): Promise<PlaceProfile> {
  const [place] = await store.all('SELECT id, name, kind, path FROM places WHERE upper(id) = upper(?)', [placeAlias(id)]);
  if (!place) throw new UsageError(`unknown place "${id}"; use an ISO 3166-1 alpha-3 country code (GBR), a U.S. state code (VT) or an agency ORI`);
  const kind = place.kind as PlaceKind;
  const measures = new Map((await listMeasures(store)).map((m) => [m.id, m]));
  const rows = await store.all(
    `SELECT o.measure, o.period, min(o.source_id) AS source_id,
            sum(o.value) AS total,
            sum(o.value) FILTER (WHERE o.place = $1 AND o.dims = '{}') AS own_value,
            count(*) FILTER (WHERE o.place = $1 AND o.dims = '{}') AS own_n,
            any_value(o.value_text) FILTER (WHERE o.place = $1 AND o.dims = '{}') AS own_text
     FROM observations o JOIN places p ON p.id = o.place
     WHERE p.path = $2 OR starts_with(p.path, $2 || '/')
     GROUP BY o.measure, o.period ORDER BY o.measure, o.period`,
    [String(place.id), String(place.path)],
  );
  const byMeasure = new Map<string, ProfileMeasure>();
  for (const r of rows) {
    const m = measures.get(String(r.measure));
    if (!m) continue;
    let value: number | null;
    let valueText: string | null = null;
    if (m.aggregation === 'sum') value = r.total === null ? null : Number(r.total);
    else {
      // One recorded value for the place itself, or nothing (a score is not summed over sub-places).
      if (Number(r.own_n) !== 1) continue;
      value = r.own_value === null ? null : Number(r.own_value);
      valueText = (r.own_text as string | null) ?? null;
    }
    // An agency's counts come from the protected tables below (zeros included, so a measure's
    // presence on the page says nothing about its value).
    if (isSubState(kind) && isProtectedMeasure(m)) continue;
    const entry = byMeasure.get(m.id) ?? { measure: m, sourceId: String(r.source_id), series: [] };
    entry.series.push({ period: Number(r.period), value, valueText, suppressed: false });
    byMeasure.set(m.id, entry);
  }
  if (isSubState(kind)) {
    const rule = disclosureRule();
    for (const m of measures.values()) {
      if (!isProtectedMeasure(m)) continue;
      const series: ProfilePoint[] = [];
      let sourceId = '';
      for (const f of await measureFamilies(store, m, rule)) {
        const row = f.units.findIndex((u) => u.id === String(place.id));
        if (row < 0) continue;
        const cell = f.cells[row * (1 + f.categories.length)]!;
        series.push({ period: f.period, value: cell.withheld ? null : cell.value, valueText: null, suppressed: cell.withheld });
        sourceId = f.sourceId;
      }
      if (series.length) byMeasure.set(m.id, { measure: m, sourceId, series: series.sort((a, b) => a.period - b.period) });
    }
  }
  const sourceIds = [...new Set([...byMeasure.values()].map((m) => m.sourceId))];
  const sources = sourceIds.length
    ? await store.all(`SELECT id, publisher, title, url, retrieved, sha256, license FROM sources WHERE id IN (${sourceIds.map(() => '?').join(',')}) ORDER BY id`, sourceIds)
    : [];
  return {
    place: { id: String(place.id), name: String(place.name), kind },
    measures: [...byMeasure.values()],
    sources: sources.map((s) => ({
      id: String(s.id),
      publisher: String(s.publisher),
      title: String(s.title),
      url: String(s.url),
      retrieved: String(s.retrieved),
      sha256: String(s.sha256),
      license: String(s.license),
    })),
  };
}
