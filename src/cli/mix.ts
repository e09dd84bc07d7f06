import { enforcementMix, MIX_COLUMNS } from '../analysis/mix.ts';
import { parsePeriod } from '../analysis/query.ts';
import type { Store } from '../store/store.ts';

/** `cogency mix`: trafficking vs prostitution vs purchasing, side by side per state-year. */
export async function runMix(store: Store, opts: { place?: string; period?: string; format: 'table' | 'csv' | 'json' }): Promise<void> {
  const [from, to] = opts.period ? parsePeriod(opts.period) : [undefined, undefined];
  const rows = await enforcementMix(store, { place: opts.place, from, to });
  const out = process.stdout;
  if (opts.format === 'json') {
    out.write(JSON.stringify({ columns: MIX_COLUMNS, rows }, null, 2) + '\n');
    return;
  }
  const header = ['state', 'period', ...MIX_COLUMNS.map((c) => c.key), ...MIX_COLUMNS.map((c) => `${c.key}.per_100k`), 'coverage'];
  const lines = rows.map((r) => [
    r.state,
    String(r.period),
    ...MIX_COLUMNS.map((c) => (r.counts[c.key] === undefined ? '' : r.counts[c.key] === null ? 'suppressed' : String(r.counts[c.key]))),
    ...MIX_COLUMNS.map((c) => (r.rates[c.key] === null || r.rates[c.key] === undefined ? '' : r.rates[c.key]!.toFixed(3))),
    r.coverage,
  ]);
  if (opts.format === 'csv') {
    const cell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    out.write([header, ...lines].map((l) => l.map(cell).join(',')).join('\n') + '\n');
    return;
  }
  if (rows.length === 0) {
    out.write('No NIBRS data for this place and period.\n');
    return;
  }
  // One block per state-year: the table would be 23 columns wide.
  for (const r of rows) {
    out.write(`${r.stateName} (${r.state}), ${r.period} — ${r.coverage}\n`);
    for (const kind of ['offenses', 'arrestees']) {
      out.write(`  ${kind}:\n`);
      for (const c of MIX_COLUMNS.filter((x) => x.key.startsWith(kind))) {
        const n = r.counts[c.key];
        const rate = r.rates[c.key];
        out.write(`    ${c.key.split('.')[1]!.padEnd(26)} ${(n === undefined ? 'not loaded' : n === null ? 'suppressed' : String(n)).padStart(10)}${rate !== null && rate !== undefined ? `   ${rate.toFixed(3)} per 100,000 covered residents` : ''}\n`);
      }
    }
    out.write('  Trafficking and prostitution counts are separate measures and are never added together.\n\n');
  }
}
