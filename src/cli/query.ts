import { parsePeriod, query } from '../analysis/query.ts';
import { flatten, toCsv } from '../analysis/tabulate.ts';
import type { Store } from '../store/store.ts';

export interface QueryOpts {
  place?: string;
  period?: string;
  by?: string;
  format: 'table' | 'csv' | 'json';
}

export async function runQuery(store: Store, measure: string, opts: QueryOpts): Promise<void> {
  const [from, to] = opts.period ? parsePeriod(opts.period) : [undefined, undefined];
  const result = await query(store, { measure, place: opts.place, from, to, by: opts.by?.split(',') });
  const out = process.stdout;
  if (opts.format === 'json') {
    out.write(JSON.stringify(result, null, 2) + '\n');
    return;
  }
  if (opts.format === 'csv') {
    out.write(toCsv(result));
    return;
  }
  out.write(`${result.measure.label} (${result.measure.id})\n${result.measure.definition}\n\n`);
  if (result.rows.length === 0) out.write('No values for this place and period.\n');
  else {
    const { columns, records } = flatten(result);
    const shown = columns.filter((c) => !['measure', 'citation', 'period_kind', 'unit', 'suppression_reason'].includes(c) && records.some((r) => r[c] !== null && r[c] !== 'no'));
    const cells = records.map((r) => shown.map((c) => (r[c] === null ? '' : String(r[c]))));
    out.write(table([...shown, 'cite'], cells.map((row, i) => [...row, citeRefs(result.rows[i]!.citations, result.citations.map((c) => c.id))])));
  }
  if (result.rows.some((r) => r.suppressed)) out.write(`\nSuppressed: ${result.rows.find((r) => r.suppressed)!.suppressionReason}\n`);
  if (result.citations.length) {
    out.write('\nSources:\n');
    result.citations.slice(0, 20).forEach((c, i) => {
      out.write(`  [${i + 1}] ${c.publisher}. “${c.title}”. ${c.locator}. ${c.url}. Retrieved ${c.retrieved}. sha256 ${c.sha256}. License: ${c.license}\n`);
    });
    if (result.citations.length > 20) out.write(`  … and ${result.citations.length - 20} more (use --format json or csv for all)\n`);
  }
  if (result.caveats.length) {
    out.write('\nCaveats:\n');
    for (const c of result.caveats) out.write(`  - ${c}\n`);
  }
}

function citeRefs(ids: string[], all: string[]): string {
  return ids.map((id) => `[${all.indexOf(id) + 1}]`).join('');
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n';
}
