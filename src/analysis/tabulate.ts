// A query result as flat records: the one shape behind CSV downloads, the CLI table and exports,
// so every output carries the same values, suppression marks and citations.
import { assertProtected, type ProtectedResult } from './disclosure/protected.ts';
import type { CitationInfo } from '../model/results.ts';

export interface FlatRecord {
  [column: string]: string | number | null;
}

/** Only a result that passed disclosure control can be flattened (checked at run time too). */
export function flatten(result: ProtectedResult): { columns: string[]; records: FlatRecord[] } {
  assertProtected(result);
  const dimNames = [...new Set(result.rows.flatMap((r) => Object.keys(r.dims)))];
  const extra = new Set<string>();
  for (const r of result.rows) for (const k of Object.keys(r.extra ?? {})) extra.add(k);
  const summed = result.rows.some((r) => r.citedRows !== undefined);
  const columns = [
    'measure', 'place', 'place_name', 'period', 'period_kind', ...dimNames, 'value', 'value_text', 'unit',
    ...extra, 'suppressed', 'suppression_reason', 'flags', 'citation', ...(summed ? ['cited_rows'] : []),
  ];
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
    // Ids only: each is listed once, in full, below the table (see toCsv).
    rec.citation = r.citations.join(' ') || null;
    if (summed) rec.cited_rows = r.citedRows ?? r.citations.length;
    return rec;
  });
  return { columns, records };
}

function csvCell(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The columns of the citation list that follows the values in a CSV (and in the explorer's downloads). */
export const CITATION_COLUMNS = ['citation', 'publisher', 'document', 'locator', 'retrieved', 'sha256', 'url', 'license'] as const;

export function citationRecords(citations: CitationInfo[]): string[][] {
  return citations.map((c) => [c.id, c.publisher, c.title, c.locator, c.retrieved, c.sha256, c.url, c.license]);
}

/**
 * The values as one table, then — after one empty line — each citation once, in full: a cell holds
 * citation ids only, never an inline list.
 */
export function toCsv(result: ProtectedResult): string {
  const { columns, records } = flatten(result);
  const lines = [columns.join(',')];
  for (const r of records) lines.push(columns.map((c) => csvCell(r[c] ?? null)).join(','));
  if (result.citations.length) {
    lines.push('', CITATION_COLUMNS.join(','));
    for (const c of citationRecords(result.citations)) lines.push(c.map(csvCell).join(','));
  }
  return lines.join('\n') + '\n';
}
