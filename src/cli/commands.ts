// The commands defined outside main.ts, with the one-line summary `cogency --help` shows for each.
// main.ts loads a module only when its command runs; until then the help lists it from here.
// test/cli/startup.test.ts fails when a summary here differs from what the module registers.
import type { Command } from 'commander';
import type { Store } from '../store/store.ts';

/** Runs a command's work on the store named by the global options, then closes it. */
export type WithStore = <T>(fn: (store: Store) => Promise<T>) => Promise<T>;

export interface ModuleCommands {
  commands: { name: string; term: string; description: string }[];
  register: (program: Command, withStore: WithStore) => Promise<void>;
}

export const MODULE_COMMANDS: ModuleCommands[] = [
  {
    commands: [{ name: 'law', term: 'law', description: 'legislation analyzer: provision kinds per RUBRIC.md' }],
    register: async (p) => (await import('../law/cli.ts')).registerLawCommands(p),
  },
  {
    commands: [
      {
        name: 'fetch',
        term: 'fetch [options] [sources...]',
        description: 'download source files into the data directory, where `cogency ingest` finds them (resumable, checksum-checked)',
      },
    ],
    register: async (p) => (await import('../fetch/cli.ts')).registerFetchCommand(p),
  },
  {
    commands: [
      { name: 'export', term: 'export [options]', description: 'write the store as a Frictionless Data Package: datapackage.json and every table as CSV and Parquet' },
    ],
    register: async (p) => (await import('../export/cli.ts')).registerExportCommand(p),
  },
  {
    commands: [{ name: 'audit', term: 'audit', description: 'check what Cogency publishes' }],
    register: async (p) => (await import('./audit.ts')).registerAuditCommand(p),
  },
  {
    commands: [
      {
        name: 'mse',
        term: 'mse [options]',
        description: 'hidden-population estimate by multiple systems estimation: a loaded study (--study) or your own overlap table (--file); nothing is stored',
      },
      {
        name: 'funnel',
        term: 'funnel [options]',
        description:
          'enforcement funnel: offenses, referrals, arrests, prosecutions, convictions — trafficking and prostitution as separate funnels; ratios only between like stages',
      },
      {
        name: 'funding',
        term: 'funding [options]',
        description: "funding against need: U.S. anti-trafficking grants abroad per estimated victim (with the denominator's source and year), beside the TIP tier",
      },
    ],
    register: async (p, withStore) => (await import('./analyses.ts')).registerAnalysesCommands(p, withStore),
  },
  {
    commands: [
      {
        name: 'services',
        term: 'services [options]',
        description: 'services in the loaded directories by place and population served ("none known" distinct from 0), and domestic award dollars',
      },
    ],
    register: async (p, withStore) => (await import('./analyses.ts')).registerServicesCommand(p, withStore),
  },
  {
    commands: [
      {
        name: 'relief',
        term: 'relief [options] <state>',
        description: "record relief for trafficking survivors: check answers against a state's reviewed rules (nothing is stored; not legal advice)",
      },
    ],
    register: async (p) => (await import('../relief/cli.ts')).registerReliefCommand(p),
  },
  {
    commands: [{ name: 'claim', term: 'claim [options] <text...>', description: 'check a claim ("arrests for trafficking doubled") against the official record' }],
    register: async (p, withStore) => (await import('../claims/cli.ts')).registerClaimCommand(p, withStore),
  },
];
