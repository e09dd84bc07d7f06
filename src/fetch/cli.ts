// `cogency fetch [SOURCE...] [--data DIR]`: download the official files into the data directory.
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { loadConfig } from '../config.ts';
import { CATALOG } from './catalog.ts';
import { fetchSources } from './fetch.ts';

export function registerFetchCommand(program: Command): void {
  program
    .command('fetch')
    .description('download source files into the data directory, where `cogency ingest` finds them (resumable, checksum-checked)')
    .argument('[sources...]', `sources to fetch (default: all): ${CATALOG.map((c) => c.id).join(', ')}`)
    .option('--data <dir>', 'data directory (env COGENCY_DATA, default ../shared/data), the same one `cogency ingest` reads')
    .option('--mirror <url>', 'fetch <url>/<path under the data directory> instead of each file’s own URL')
    .option('--force', 're-download files that are already present')
    .option('--list', 'list the files and their URLs without downloading')
    .action(async (sources: string[], opts: { data?: string; mirror?: string; force?: boolean; list?: boolean }) => {
      const dataDir = loadConfig({ data: opts.data ?? program.opts<{ data?: string }>().data }).dataDir;
      if (opts.list) {
        for (const s of CATALOG.filter((c) => sources.length === 0 || sources.includes(c.id))) {
          for (const f of s.files) process.stdout.write(`${s.id}\t${f.path}\t${f.url}${f.official ? `\tofficial: ${f.official}` : ''}\n`);
        }
        return;
      }
      const interactive = process.stderr.isTTY === true;
      const bar = new cliProgress.SingleBar(
        { format: ' {bar} {percentage}% | {value}/{total} bytes | {file}', hideCursor: true, noTTYOutput: false },
        cliProgress.Presets.shades_classic,
      );
      let active = false;
      const report = await fetchSources({
        dataDir,
        sources,
        mirror: opts.mirror,
        force: opts.force ?? false,
        events: {
          start(file) {
            if (interactive) {
              bar.start(file.bytes ?? 0, 0, { file: file.path });
              active = true;
            } else process.stderr.write(`fetching ${file.path}\n`);
          },
          progress(file, done, total) {
            if (!active) return;
            if (total !== null && bar.getTotal() !== total) bar.setTotal(total);
            bar.update(done, { file: file.path });
          },
          done(file, result) {
            if (active) bar.stop();
            active = false;
            if (result === 'present') process.stderr.write(`present   ${file.path}\n`);
            else process.stderr.write(`${result.resumed ? 'resumed' : 'fetched'}   ${file.path} (${result.bytes} bytes, sha256 ${result.sha256.slice(0, 12)})\n`);
          },
          failed(file, error) {
            if (active) bar.stop();
            active = false;
            process.stderr.write(`FAILED    ${file.path}: ${error.message}\n`);
          },
        },
      });
      process.stderr.write(`${report.downloaded.length} downloaded, ${report.present.length} already present, ${report.failed.length} failed; data directory ${dataDir}\n`);
      if (report.failed.length) process.exitCode = 1;
    });
}
