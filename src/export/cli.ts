// `cogency export --out DIR`: the store as a Frictionless Data Package (CSV and Parquet).
import { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { Store } from '../store/store.ts';
import { ExportError, exportDataPackage } from './datapackage.ts';

export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description('write the store as a Frictionless Data Package: datapackage.json and every table as CSV and Parquet')
    .requiredOption('--out <dir>', 'folder to write the package into (created if needed)')
    .action(async (opts: { out: string }) => {
      const cfg = loadConfig(program.opts<{ data?: string; db?: string }>());
      const store = await Store.open(cfg.dbPath);
      try {
        const result = await exportDataPackage(store, opts.out);
        for (const file of result.files) process.stdout.write(`${file.path}  ${file.bytes.toLocaleString('en-US')} bytes  sha256 ${file.sha256}\n`);
        process.stdout.write(`Data Package written to ${result.dir}\n`);
      } catch (e) {
        if (!(e instanceof ExportError)) throw e;
        process.stderr.write(`cogency: ${e.message}\n`);
        process.exitCode = 1;
      } finally {
        store.close();
      }
    });
}
