// The `cogency` command. Exit codes (errors.ts): 0 ok, 1 bad input, 2 usage, 3 not found,
// 4 conflict (another ingest is writing), 5 unavailable (disk full, store unreadable), 70 internal.
// Start-up is lazy: each command imports what it needs when it runs (DuckDB, Fastify, the law
// analyzer…), and only the module that defines the command asked for is loaded, so `cogency --help`
// and a query pay for nothing else (bench/cli-start.ts measures it against loading everything).
import { Command, CommanderError, Option } from 'commander';
import { loadConfig } from '../config.ts';
import type { Store } from '../store/store.ts';
import { CogencyError, ERROR_KINDS, exitCodeOf } from '../sources/errors.ts';
import { MODULE_COMMANDS } from './commands.ts';

export const EXIT = { ok: 0, badInput: ERROR_KINDS.bad_input.exit, usage: ERROR_KINDS.usage.exit } as const;

interface GlobalOpts {
  data?: string;
  db?: string;
}

async function withStore<T>(opts: GlobalOpts, fn: (store: Store, cfg: ReturnType<typeof loadConfig>) => Promise<T>): Promise<T> {
  const cfg = loadConfig(opts);
  const { Store } = await import('../store/store.ts');
  // Every command here answers and exits: indexes read what its question needs, not whole measures.
  const store = await Store.open(cfg.dbPath, { oneShot: true });
  try {
    return await fn(store, cfg);
  } finally {
    store.close();
  }
}

/**
 * The command line. `only` names the command about to run: then only the module defining it is
 * loaded, and the other modules' commands appear in the help from MODULE_COMMANDS. Without it
 * every module is loaded (unknown commands, and the test that the summaries match).
 */
export async function buildProgram(only?: string): Promise<Command> {
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
      const code = await withStore(merged, async (store, cfg) => (await import('./ingest.ts')).runIngest(store, cfg.dataDir, sources, { force: opts.force }));
      if (code !== 0) process.exitCode = code;
    });

  program
    .command('sources')
    .description('what is loaded, with provenance (publisher, URL, retrieval date, checksum)')
    .option('--format <format>', 'table or json', 'table')
    .action(async (opts: { format: string }) => {
      await withStore(program.opts<GlobalOpts>(), async (store, cfg) => (await import('./sources.ts')).printSources(store, opts.format, cfg.dataDir));
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
      // The command's code loads while DuckDB opens the store (off the main thread).
      const command = import('./query.ts');
      await withStore(program.opts<GlobalOpts>(), async (store) => (await command).runQuery(store, measure, opts));
    });

  program
    .command('mix')
    .description('the enforcement mix per state-year: trafficking vs prostitution vs purchasing offenses and arrests (NIBRS)')
    .option('--place <place>', 'U.S. state (VT) or USA')
    .option('--period <years>', 'a year (2024) or a range (2020-2024)')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'csv', 'json']).default('table'))
    .action(async (opts: { place?: string; period?: string; format: 'table' | 'csv' | 'json' }) => {
      const command = import('./mix.ts');
      await withStore(program.opts<GlobalOpts>(), async (store) => (await command).runMix(store, opts));
    });

  program
    .command('serve')
    .description('serve the API and the explorer')
    .option('--port <n>', 'port (env PORT, default 8080)')
    .action(async (opts: { port?: string }) => {
      const cfg = loadConfig({ ...program.opts<GlobalOpts>(), ...opts });
      await (await import('./serve.ts')).serve(cfg, { ingestFirst: false });
    });

  program
    .command('start')
    .description('ingest every source found in the data directory, then serve the explorer')
    .option('--port <n>', 'port (env PORT, default 8080)')
    .action(async (opts: { port?: string }) => {
      const cfg = loadConfig({ ...program.opts<GlobalOpts>(), ...opts });
      await (await import('./serve.ts')).serve(cfg, { ingestFirst: true });
    });

  const claimStore = <T,>(fn: (store: Store) => Promise<T>): Promise<T> => withStore(program.opts<GlobalOpts>(), (store) => fn(store));
  for (const m of MODULE_COMMANDS) {
    if (only === undefined || m.commands.some((c) => c.name === only)) await m.register(program, claimStore);
    else for (const c of m.commands) program.command(c.name).description(c.description);
  }
  const terms = new Map(MODULE_COMMANDS.flatMap((m) => m.commands.map((c) => [c.name, c.term] as const)));
  const help = program.createHelp();
  program.configureHelp({
    // A summary-only command shows the same usage as when its module is loaded.
    subcommandTerm: (cmd) => (cmd.commands.length === 0 && cmd.options.length === 0 && terms.has(cmd.name()) ? terms.get(cmd.name())! : help.subcommandTerm(cmd)),
  });
  return program;
}

export async function main(argv: string[]): Promise<number> {
  // `cogency query … | head -1`: the reader went away; that is the end of the output, not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(EXIT.ok);
    throw e;
  });
  const program = await buildProgram(commandOf(argv));
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

/** The command argv asks for ('law' in `--db x law analyze`, `help law`); undefined when unknown; '' for none. */
export function commandOf(argv: string[]): string | undefined {
  const builtin = ['ingest', 'sources', 'query', 'mix', 'serve', 'start'];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--data' || a === '--db') i++;
    else if (a.startsWith('-')) continue;
    else if (a === 'help') return argv[i + 1] === undefined ? '' : commandOf(argv.slice(i + 1));
    else return builtin.includes(a) || MODULE_COMMANDS.some((m) => m.commands.some((c) => c.name === a)) ? a : undefined;
  }
  return '';
}
