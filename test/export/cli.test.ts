// `cogency export --out DIR` through the command registered by registerExportCommand.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { registerExportCommand } from '../../src/export/cli.ts';
import { Store } from '../../src/store/store.ts';
import { ingest } from '../../src/sources/ingest.ts';
import { FIXTURE_DATA, tempDir } from '../helpers.ts';

function program(): Command {
  const p = new Command('cogency').option('--db <file>').option('--data <dir>').exitOverride();
  registerExportCommand(p);
  return p;
}

test('cogency export writes the package; a second run writes the same bytes; a bad folder is a clear error', async () => {
  const dir = tempDir();
  const db = join(dir, 'store.duckdb');
  const store = await Store.open(db);
  await ingest(store, FIXTURE_DATA, ['tip']);
  store.close();
  const out = (chunks: string[]) => (s: string | Uint8Array) => (chunks.push(String(s)), true);
  const write = process.stdout.write.bind(process.stdout);
  const errWrite = process.stderr.write.bind(process.stderr);
  const printed: string[] = [];
  const errors: string[] = [];
  process.stdout.write = out(printed) as typeof process.stdout.write;
  process.stderr.write = out(errors) as typeof process.stderr.write;
  try {
    await program().parseAsync(['--db', db, 'export', '--out', join(dir, 'a')], { from: 'user' });
    await program().parseAsync(['--db', db, 'export', '--out', join(dir, 'b')], { from: 'user' });
    writeFileSync(join(dir, 'file'), 'x');
    await program().parseAsync(['--db', db, 'export', '--out', join(dir, 'file', 'sub')], { from: 'user' });
  } finally {
    process.stdout.write = write;
    process.stderr.write = errWrite;
  }
  assert.match(printed.join(''), /Data Package written to/);
  assert.match(printed.join(''), /data\/observations\.parquet +\d/);
  for (const f of ['datapackage.json', 'data/observations.csv', 'data/observations.parquet', 'data/sources.csv']) {
    assert.ok(readFileSync(join(dir, 'a', f)).equals(readFileSync(join(dir, 'b', f))), f);
  }
  assert.match(errors.join(''), /cogency: could not write the data package to .*file\/sub/);
  assert.equal(process.exitCode, 1);
  process.exitCode = 0;
  assert.ok(!existsSync(join(dir, 'file', 'sub')));
});
