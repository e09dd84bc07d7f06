import cliProgress from 'cli-progress';
import { ingest, type IngestOptions, type IngestReport } from '../sources/ingest.ts';
import { exitCodeOf } from '../sources/errors.ts';
import { storeIndex } from '../analysis/store-index.ts';
import type { LoadResult, Store } from '../store/store.ts';

const fmt = (n: number) => n.toLocaleString('en-US');

/**
 * Ingest with a progress bar on a terminal and a summary. Returns the exit code: 0 when every
 * source loaded (or was unchanged), else the code of the first refusal's kind (see errors.ts).
 */
export async function runIngest(store: Store, dataDir: string, names: string[], options: IngestOptions = {}): Promise<number> {
  const tty = Boolean(process.stderr.isTTY);
  let bar: cliProgress.SingleBar | null = null;
  const stopBar = () => {
    bar?.stop();
    bar = null;
  };
  let report: IngestReport;
  try {
    report = await ingest(
      store,
      dataDir,
      names,
      {
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
        done: stopBar,
        refused: stopBar,
      },
      { ...options, keepGoing: true },
    );
  } finally {
    stopBar();
  }
  printSummary(report, dataDir);
  // The new version's index tables, read once now and kept beside it, so that the first query after
  // an ingest starts as fast as the next (store.allCached). Only a speed-up: a failure is ignored.
  if (report.results.length) await storeIndex(store).catch(() => undefined);
  return report.refused.length ? exitCodeOf(report.refused[0]!.error) : 0;
}

export function printSummary(report: IngestReport, dataDir: string): void {
  const out = process.stdout;
  if (report.results.length === 0 && report.refused.length === 0) {
    out.write(`No data found in ${dataDir}.\n`);
  }
  for (const r of report.results) out.write(summaryLine(r));
  for (const m of report.missing) out.write(`${m.importer}: no files found (looked for ${m.expects} under ${dataDir})\n`);
  if (report.refused.length) {
    // Last, on stderr, where a person reading the end of the output sees them.
    const err = process.stderr;
    err.write(`\n${report.refused.length} source${report.refused.length === 1 ? '' : 's'} refused (each keeps its previous version; every other source was loaded):\n`);
    for (const r of report.refused) err.write(`  ${r.source ?? r.importer}: ${r.kind === 'bad_input' ? 'bad input: ' : ''}${r.reason}\n`);
  }
}

function summaryLine(r: LoadResult): string {
  if (r.status === 'unchanged') return `${r.sourceId}: unchanged (same files, same importer and analyzer), nothing to do\n`;
  const lines = [`${r.sourceId}: ${fmt(r.rowsRead)} rows read, ${fmt(r.rowsStored)} values stored, ${fmt(r.rejected.length)} rows rejected (built because: ${r.reasons.join('; ')})`];
  for (const [reason, n] of Object.entries(r.skipped)) lines.push(`  skipped ${fmt(n)}: ${reason}`);
  const byReason = new Map<string, number[]>();
  for (const x of r.rejected) {
    const key = `${x.file} [${x.field}]: ${x.reason}`;
    byReason.set(key, [...(byReason.get(key) ?? []), x.line]);
  }
  for (const [reason, lineNos] of byReason) {
    lines.push(`  rejected ${lineNos.length} (line ${lineNos.slice(0, 5).join(', ')}${lineNos.length > 5 ? ', …' : ''}): ${reason}`);
  }
  if (r.unmapped.length) {
    const n = r.unmapped.reduce((s, u) => s + u.values, 0);
    lines.push(`  not in the gazetteer: ${fmt(n)} values at ${r.unmapped.length} places (${r.unmapped.slice(0, 8).map((u) => u.place).join(', ')}${r.unmapped.length > 8 ? ', …' : ''})`);
  }
  return lines.join('\n') + '\n';
}
