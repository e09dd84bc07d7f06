import cliProgress from 'cli-progress';
import { ingest, type IngestReport } from '../sources/ingest.ts';
import { InputError } from '../sources/errors.ts';
import type { LoadResult, Store } from '../store/store.ts';

const fmt = (n: number) => n.toLocaleString('en-US');

/** Ingest with a progress bar on a terminal and a summary; false when a source had bad input. */
export async function runIngest(store: Store, dataDir: string, names: string[]): Promise<boolean> {
  const tty = Boolean(process.stderr.isTTY);
  let bar: cliProgress.SingleBar | null = null;
  let report: IngestReport;
  try {
    report = await ingest(store, dataDir, names, {
      start(id) {
        if (tty) {
          bar = new cliProgress.SingleBar(
            { format: `${id.padEnd(22)} [{bar}] {percentage}% {value}/{total} rows`, stream: process.stderr, hideCursor: true },
            cliProgress.Presets.shades_classic,
          );
          bar.start(1, 0);
        } else process.stderr.write(`ingesting ${id}…\n`);
      },
      progress(_id, done, total) {
        if (bar && (done % 500 === 0 || done === total)) {
          bar.setTotal(total);
          bar.update(done);
        }
      },
      done() {
        bar?.stop();
        bar = null;
      },
    });
  } catch (e) {
    (bar as cliProgress.SingleBar | null)?.stop();
    if (e instanceof InputError) throw e;
    throw e;
  }
  printSummary(report, dataDir);
  return true;
}

export function printSummary(report: IngestReport, dataDir: string): void {
  const out = process.stdout;
  if (report.results.length === 0) {
    out.write(`No data found in ${dataDir}.\n`);
  }
  for (const r of report.results) out.write(summaryLine(r));
  for (const m of report.missing) out.write(`${m.importer}: no files found (looked for ${m.expects} under ${dataDir})\n`);
}

function summaryLine(r: LoadResult): string {
  if (r.status === 'unchanged') return `${r.sourceId}: unchanged (same checksum as the loaded version), nothing to do\n`;
  const lines = [`${r.sourceId}: ${fmt(r.rowsRead)} rows read, ${fmt(r.rowsStored)} values stored, ${fmt(r.rejected.length)} rows rejected`];
  for (const [reason, n] of Object.entries(r.skipped)) lines.push(`  skipped ${fmt(n)}: ${reason}`);
  const byReason = new Map<string, number[]>();
  for (const x of r.rejected) {
    const key = `${x.file} [${x.field}]: ${x.reason}`;
    byReason.set(key, [...(byReason.get(key) ?? []), x.line]);
  }
  for (const [reason, lineNos] of byReason) {
    lines.push(`  rejected ${lineNos.length} (line ${lineNos.slice(0, 5).join(', ')}${lineNos.length > 5 ? ', …' : ''}): ${reason}`);
  }
  return lines.join('\n') + '\n';
}
