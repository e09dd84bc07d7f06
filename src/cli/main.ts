// The `cogency` command. Exit codes (errors.ts): 0 ok, 1 bad input, 2 usage, 3 not found,
// 4 conflict (another ingest is writing), 5 unavailable (disk full, store unreadable), 70 internal.
import { Command, CommanderError, Option } from 'commander';
import { loadConfig } from '../config.ts';
import { Store } from '../store/store.ts';
import { CogencyError, ERROR_KINDS, exitCodeOf } from '../sources/errors.ts';
import { runIngest } from './ingest.ts';
import { printSources } from './sources.ts';
import { runQuery } from './query.ts';
import { runMix } from './mix.ts';
import { serve } from './serve.ts';
import { registerLawCommands } from '../law/cli.ts';
import { registerFetchCommand } from '../fetch/cli.ts';
import { registerExportCommand } from '../export/cli.ts';
import { registerAuditCommand } from './audit.ts';
import { registerAnalysesCommands, registerServicesCommand } from './analyses.ts';
import { registerReliefCommand } from '../relief/cli.ts';
import { registerClaimCommand } from '../claims/cli.ts';

export const EXIT = { ok: 0, badInput: ERROR_KINDS.bad_input.exit, usage: ERROR_KINDS.usage.exit } as const;

interface GlobalOpts {
  data?: string;
  db?: string;
}

async function withStore<T>(opts: GlobalOpts, fn: (store: Store, cfg: ReturnType<typeof loadConfig>) => Promise<T>): Promise<T> {
  const cfg = loadConfig(opts);
  const store = await Store.open(cfg.dbPath);
  try {
    return await fn(store, cfg);
  } finally {
    store.close();
  }
}

export function buildProgram(): Command {
  const program = new Command('cogency')
    .description('Cogency: the official record on trafficking and sex-work policy, cited and kept apart.')
    .addOption(new Option('--data <dir>', 'data directory (env COGENCY_DATA, default ../shared/data)'))
    .addOption(new Option('--db <file>', 'store file (env COGENCY_DB, default ./data/cogency.duckdb)'))
    .showHelpAfterError()
    .exitOverride();

  program
    .command('ingest')
    .description('load every source found in the data directory (or the named ones) into the store')
    .argument('[source...]', 'sources to ingest (default: all)')
    .option('--data <dir>', 'data directory')
    .option('--force', 'rebuild every source even when its files, importer and analyzer are unchanged')
    .action(async (sources: string[], opts: GlobalOpts & { force?: boolean }) => {
      const merged = { ...program.opts<GlobalOpts>(), ...opts };
      const code = await withStore(merged, (store, cfg) => runIngest(store, cfg.dataDir, sources, { force: opts.force }));
      if (code !== 0) process.exitCode = code;
    });

  program
    .command('sources')
    .description('what is loaded, with provenance (publisher, URL, retrieval date, checksum)')
    .option('--format <format>', 'table or json', 'table')
    .action(async (opts: { format: string }) => {
      await withStore(program.opts<GlobalOpts>(), (store, cfg) => printSources(store, opts.format, cfg.dataDir));
    });

  program
    .command('query')
    .description('one measure for a place and period, with its citations and caveats')
    .argument('<measure>', 'measure id, e.g. tip.tier')
    .option('--place <place>', 'ISO3 country (GBR), U.S. state (VT) or agency ORI')
    .option('--period <years>', 'a year (2015) or a range (2010-2015)')
    .option('--by <dim>', 'break down by a dimension or place level (comma-separated)')
    .option('--rate', 'add rates per 100,000 where a population denominator exists (the output names it)')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'csv', 'json']).default('table'))
    .action(async (measure: string, opts: { place?: string; period?: string; by?: string; rate?: boolean; format: 'table' | 'csv' | 'json' }) => {
      await withStore(program.opts<GlobalOpts>(), (store) => runQuery(store, measure, opts));
    });

  program
    .command('mix')
    .description('the enforcement mix per state-year: trafficking vs prostitution vs purchasing offenses and arrests (NIBRS)')
    .option('--place <place>', 'U.S. state (VT) or USA')
    .option('--period <years>', 'a year (2024) or a range (2020-2024)')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'csv', 'json']).default('table'))
    .action(async (opts: { place?: string; period?: string; format: 'table' | 'csv' | 'json' }) => {
      await withStore(program.opts<GlobalOpts>(), (store) => runMix(store, opts));
    });

  program
    .command('serve')
    .description('serve the API and the explorer')
    .option('--port <n>', 'port (env PORT, default 8080)')
    .action(async (opts: { port?: string }) => {
      const cfg = loadConfig({ ...program.opts<GlobalOpts>(), ...opts });
      await serve(cfg, { ingestFirst: false });
    });

  program
    .command('start')
    .description('ingest every source found in the data directory, then serve the explorer')
    .option('--port <n>', 'port (env PORT, default 8080)')
    .action(async (opts: { port?: string }) => {
      const cfg = loadConfig({ ...program.opts<GlobalOpts>(), ...opts });
      await serve(cfg, { ingestFirst: true });
    });

  registerLawCommands(program);
  registerFetchCommand(program);
  registerExportCommand(program);
  registerAuditCommand(program);
  registerAnalysesCommands(program);
  registerServicesCommand(program);
  registerReliefCommand(program);
  registerClaimCommand(program, (fn) => withStore(program.opts<GlobalOpts>(), (store) => fn(store)));

  return program;
}

export async function main(argv: string[]): Promise<number> {
  // `cogency query … | head -1`: the reader went away; that is the end of the output, not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(EXIT.ok);
    throw e;
  });
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return Number(process.exitCode ?? EXIT.ok);
  } catch (e) {
    if (e instanceof CommanderError) {
      return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (e instanceof CogencyError) {
      const prefix = e.kind === 'bad_input' ? 'bad input: ' : e.kind === 'unavailable' ? 'unavailable: ' : '';
      const after = e.kind === 'bad_input' ? '\nNothing was changed in the store for this source.' : '';
      process.stderr.write(`cogency: ${prefix}${e.message}${after}\n`);
    } else {
      process.stderr.write(`cogency: internal error: ${e instanceof Error ? (process.env.COGENCY_DEBUG ? e.stack : e.message) : String(e)}\n`);
    }
    return exitCodeOf(e);
  }
}
