// The compiled CLI (bin/build.js → dist/): it runs only while it matches src/ exactly, it behaves
// as the TypeScript does, and it derives the same importer fingerprints (else every ingest after a
// build would rebuild every source). Built in a temporary copy of the repository, so the dist/ other
// tests may be running from is never replaced under them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO, tempDir } from '../helpers.ts';

test('dist/ runs only while built from exactly the files in src/, and answers as the sources do', async () => {
  const copy = tempDir('cogency-build-');
  for (const part of ['bin', 'src', 'tsconfig.json', 'package.json']) cpSync(join(REPO, part), join(copy, part), { recursive: true });
  symlinkSync(join(REPO, 'node_modules'), join(copy, 'node_modules'));
  const state = (await import(pathToFileURL(join(copy, 'bin', 'build-state.js')).href)) as { freshBuild: () => string | null };
  assert.equal(state.freshBuild(), null, 'not built yet');
  execFileSync(process.execPath, [join(copy, 'bin', 'build.js')], { cwd: copy, stdio: 'pipe' });
  assert.equal(state.freshBuild(), join(copy, 'dist', 'cli', 'main.js'));

  const help = (env: Record<string, string> = {}) => spawnSync(process.execPath, [join(copy, 'bin', 'cogency.js'), '--help'], { cwd: copy, encoding: 'utf8', env: { ...process.env, ...env } });
  const compiled = help();
  assert.equal(compiled.status, 0, compiled.stderr);
  assert.match(compiled.stdout, /Usage: cogency/);

  // The importers' fingerprints are the same whether their code runs compiled or through tsx.
  const fromDist = await import(pathToFileURL(join(copy, 'dist', 'sources', 'registry.js')).href);
  const fromSrc = await import(pathToFileURL(join(copy, 'src', 'sources', 'registry.ts')).href);
  for (const entry of ['sources/tip/index.ts', 'sources/nibrs/index.ts', 'law/importer.ts']) assert.equal(fromDist.codeFingerprint(entry), fromSrc.codeFingerprint(entry), entry);
  assert.equal(fromDist.rulesFingerprint(), fromSrc.rulesFingerprint());

  // An edit after the build (a newer time, or the same time and another size), a new file, or a
  // deleted one: the build is stale and the sources run instead, with the edit.
  const config = join(copy, 'src', 'config.ts');
  const later = new Date(Date.now() + 5_000);
  utimesSync(config, later, later);
  assert.equal(state.freshBuild(), null, 'a file touched after the build');
  execFileSync(process.execPath, [join(copy, 'bin', 'build.js')], { cwd: copy, stdio: 'pipe' });
  assert.ok(state.freshBuild());
  writeFileSync(join(copy, 'src', 'new-module.ts'), 'export const x = 1;\n');
  assert.equal(state.freshBuild(), null, 'a file added after the build');
  rmSync(join(copy, 'src', 'new-module.ts'));
  assert.ok(state.freshBuild(), 'the same files again');
  const main = join(copy, 'src', 'cli', 'main.ts');
  cpSync(main, `${main}.orig`);
  writeFileSync(main, execFileSync('sed', ['s/the official record on trafficking/THE EDITED RECORD on trafficking/', `${main}.orig`], { encoding: 'utf8' }));
  rmSync(`${main}.orig`);
  assert.equal(state.freshBuild(), null, 'an edited file');
  const edited = help();
  assert.equal(edited.status, 0, edited.stderr);
  assert.match(edited.stdout, /THE EDITED RECORD/, 'the edit runs, not the stale build');
  rmSync(join(copy, 'dist', 'build.json'));
  assert.equal(state.freshBuild(), null, 'a build without its manifest');
});
