#!/usr/bin/env node
// Runs the compiled CLI in dist/ when it was built from exactly the files now in src/ (see
// bin/build.js); otherwise runs the TypeScript sources through tsx, so a missing or stale build
// is never a problem, only slower (~1 s more to start).
import { freshBuild } from './build-state.js';

const compiled = freshBuild();
let main;
if (compiled) {
  ({ main } = await import(compiled));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
