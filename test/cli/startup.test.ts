import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { buildProgram, commandOf } from '../../src/cli/main.ts';
import { REPO, tempDir } from '../helpers.ts';

/** Runs bin/cogency.js with a hook listing every module it loads; returns the loaded URLs. */
function loadedModules(args: string[]): { code: number | null; out: string; modules: string[] } {
  const r = spawnSync(process.execPath, ['--import', join(REPO, 'test/cli/fixtures/trace-imports.mjs'), join(REPO, 'bin', 'cogency.js'), ...args], {
    cwd: REPO,
    encoding: 'utf8',
    timeout: 60_000,
  });
  const modules = r.stderr.split('\n').filter((l) => l.startsWith('loaded ')).map((l) => l.slice(7));
  return { code: r.status, out: r.stdout, modules };
}

// DuckDB as a package or as the compiled build's bundle of it (dist/vendor); the server and the
// analyzer from src/ (tsx) or dist/ (compiled).
const HEAVY = [/@duckdb|duckdb-node-api/, /\/fastify\//, /(src|dist)\/law\/analyze\.[tj]s/, /(src|dist)\/api\/server\.[tj]s/];

test('the help that lists commands from summaries is the help of the fully loaded program', async () => {
  const eager = await buildProgram();
  const lazy = await buildProgram('');
  assert.equal(lazy.helpInformation(), eager.helpInformation());
  assert.deepEqual(
    lazy.commands.map((c) => c.name()),
    eager.commands.map((c) => c.name()),
  );
  // A command's own help comes from its module, so its options are all there.
  const relief = (await buildProgram('relief')).commands.find((c) => c.name() === 'relief')!;
  assert.ok(relief.options.length > 0);
});

test('commandOf finds the command after global options and after help', () => {
  assert.equal(commandOf(['--db', 'x.duckdb', 'law', 'analyze']), 'law');
  assert.equal(commandOf(['--data=/d', 'query', 'tip.tier']), 'query');
  assert.equal(commandOf(['help', 'claim']), 'claim');
  assert.equal(commandOf(['--help']), '');
  assert.equal(commandOf([]), '');
  assert.equal(commandOf(['no-such-command']), undefined);
});

test('cogency --help loads neither DuckDB, Fastify, the server nor the law analyzer', () => {
  const r = loadedModules(['--help']);
  assert.equal(r.code, 0);
  assert.match(r.out, /claim \[options\] <text\.\.\.>/);
  assert.ok(r.modules.some((m) => m.includes('commander')), 'the hook saw the modules the process loaded');
  for (const heavy of HEAVY) assert.ok(!r.modules.some((m) => heavy.test(m)), `${heavy} loaded for --help`);
});

test('cogency sources loads DuckDB but neither Fastify nor the server', () => {
  const r = loadedModules(['--db', join(tempDir(), 'empty.duckdb'), 'sources', '--format', 'json']);
  assert.equal(r.code, 0);
  assert.ok(r.modules.some((m) => HEAVY[0]!.test(m)), 'DuckDB loaded');
  // (The source registry includes the law importer, so the analyzer comes with it.)
  for (const heavy of [HEAVY[1]!, HEAVY[3]!]) assert.ok(!r.modules.some((m) => heavy.test(m)), `${heavy} loaded for sources`);
});
