// A query result as flat records: the one shape behind CSV downloads, the CLI table and exports,
// so every output carries the same values, suppression marks and citations.
import { assertProtected, type ProtectedResult } from './disclosure/protected.ts';

export interface FlatRecord {
  [column: string]: string | number | null;
}

/** Only a result that passed disclosure control can be flattened (checked at run time too). */
export function flatten(result: ProtectedResult): { columns: string[]; records: FlatRecord[] } {
  assertProtected(result);
  const dimNames = [...new Set(result.rows.flatMap((r) => Object.keys(r.dims)))];
  const extra = new Set<string>();
  for (const r of result.rows) for (const k of Object.keys(r.extra ?? {})) extra.add(k);
  const columns = [
    'measure', 'place', 'place_name', 'period', 'period_kind', ...dimNames, 'value', 'value_text', 'unit',
    ...extra, 'suppressed', 'suppression_reason', 'flags', 'citation',
  ];
  const cites = new Map(result.citations.map((c) => [c.id, c]));
  const records = result.rows.map((r) => {
    const rec: FlatRecord = {
      measure: result.measure.id,
      place: r.place,
      place_name: r.placeName,
      period: r.period,
      period_kind: result.measure.periodKind,
    };
    for (const d of dimNames) rec[d] = r.dims[d] ?? null;
    rec.value = r.suppressed ? null : r.value;
    rec.value_text = r.suppressed ? 'suppressed' : r.valueText;
    rec.unit = result.measure.unit;
    for (const k of extra) rec[k] = r.extra?.[k] ?? null;
    rec.suppressed = r.suppressed ? 'yes' : 'no';
    rec.suppression_reason = r.suppressionReason;
    rec.flags = r.flags.join('; ') || null;
    rec.citation = r.citations
      .map((id) => {
        const c = cites.get(id);
        return c ? `${c.publisher}, “${c.title}”, ${c.locator}, ${c.url}, retrieved ${c.retrieved}, sha256 ${c.sha256}` : id;
      })
      .join(' | ');
    return rec;
  });
  return { columns, records };
}

function csvCell(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(result: ProtectedResult): string {
  const { columns, records } = flatten(result);
  const lines = [columns.join(',')];
  for (const r of records) lines.push(columns.map((c) => csvCell(r[c] ?? null)).join(','));
  return lines.join('\n') + '\n';
}
