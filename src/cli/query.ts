import { parsePeriod, query } from '../analysis/query.ts';
import { flatten, toCsv } from '../analysis/tabulate.ts';
import { publishable } from '../analysis/disclosure/protected.ts';
import type { Store } from '../store/store.ts';
import { summarizeFlags } from '../model/flags.ts';

export interface QueryOpts {
  place?: string;
  period?: string;
  by?: string;
  rate?: boolean;
  format: 'table' | 'csv' | 'json';
}

export async function runQuery(store: Store, measure: string, opts: QueryOpts): Promise<void> {
  const [from, to] = opts.period ? parsePeriod(opts.period) : [undefined, undefined];
  const result = await query(store, { measure, place: opts.place, from, to, by: opts.by?.split(','), rate: opts.rate });
  const out = process.stdout;
  if (opts.format === 'json') {
    out.write(JSON.stringify(publishable(result), null, 2) + '\n');
    return;
  }
  if (opts.format === 'csv') {
    out.write(toCsv(result));
    return;
  }
  out.write(`${result.measure.label} (${result.measure.id})\n${result.measure.definition}\n\n`);
  // One reference per source; row-level locators (often hundreds for a sum) are in csv/json.
  const sources = [...new Map(result.citations.map((c) => [c.sourceId, c])).values()];
  const sourceOf = new Map(result.citations.map((c) => [c.id, c.sourceId]));
  const ref = (ids: string[]) => [...new Set(ids.map((id) => sourceOf.get(id)))].map((sid) => `[${sources.findIndex((x) => x.sourceId === sid) + 1}]`).join('');
  if (result.rows.length === 0) out.write('No values for this place and period.\n');
  else {
    const { columns, records } = flatten(result);
    const hidden = ['measure', 'citation', 'period_kind', 'unit', 'suppression_reason', 'flags'];
    const shown = columns.filter((c) => !hidden.includes(c) && records.some((r) => r[c] !== null && r[c] !== 'no'));
    const cells = records.map((r, i) => [...shown.map((c) => (r[c] === null ? '' : String(r[c]))), summarizeFlags(result.rows[i]!.flags), ref(result.rows[i]!.citations)]);
    out.write(table([...shown, 'notes', 'source'], cells));
  }
  if (result.rows.some((r) => r.suppressed)) out.write(`\nSuppressed: ${result.rows.find((r) => r.suppressed)!.suppressionReason}\n`);
  if (sources.length) {
    out.write('\nSources:\n');
    sources.forEach((c, i) => {
      const n = result.citations.filter((x) => x.sourceId === c.sourceId).length;
      const where = n === 1 ? c.locator : `${n} locations in the file (every row's locator: --format csv or json)`;
      out.write(`  [${i + 1}] ${c.publisher}. “${c.title}”. ${where}. ${c.url}. Retrieved ${c.retrieved}. sha256 ${c.sha256}. License: ${c.license}\n`);
    });
  }
  if (result.caveats.length) {
    out.write('\nCaveats:\n');
    for (const c of result.caveats) out.write(`  - ${c}\n`);
  }
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n';
}
