#!/usr/bin/env node
// Compiles src/ to JavaScript in dist/ (same layout, one .js per .ts, other files copied), so the
// CLI and server start without a TypeScript loader: `cogency --help` in ~0.2 s instead of ~1 s.
// bin/cogency.js runs dist/ only while it matches src/ exactly (bin/build-state.js), so an edit
// after the build is never masked by stale code; `npm run build:cli` (run by `prepare`, `npm
// start` and `npm test`) brings it up to date.
import { cpSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import { build } from 'esbuild';
import { DIST, MANIFEST, REPO, SRC, sourceFiles } from './build-state.js';

const t0 = performance.now();
const files = sourceFiles();
const names = Object.keys(files);
const work = join(REPO, `dist.building-${process.pid}`);
rmSync(work, { recursive: true, force: true });

/**
 * Packages bundled once into dist/vendor/ because loading them module by module is most of the
 * start-up: @duckdb/node-api is 124 CommonJS files (~0.9 s to load on this machine, one file
 * ~0.1 s). Its native binding stays a package.
 */
const VENDORED = { '@duckdb/node-api': 'duckdb-node-api.js' };

/** Every import of code stays an import: relative .ts modules become their .js twins, packages stay packages. */
const keepImports = {
  name: 'keep-imports',
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => {
      const vendored = VENDORED[args.path];
      if (vendored && args.importer) {
        const rel = relative(dirname(args.importer), join(SRC, 'vendor', vendored)).split(sep).join('/');
        return { path: rel.startsWith('.') ? rel : `./${rel}`, external: true };
      }
      // JSON modules are inlined (Node needs an import attribute that tsx does not).
      if (args.kind === 'entry-point' || /^\.{1,2}\/.*\.json$/.test(args.path)) return undefined;
      return { path: args.path.replace(/^(\.{1,2}\/.*)\.ts$/, '$1.js'), external: true };
    });
  },
};

try {
  await build({
    entryPoints: names.filter((n) => n.endsWith('.ts')).map((n) => join(SRC, n)),
    outdir: work,
    outbase: SRC,
    bundle: true, // with every import external: one file per module, specifiers rewritten by the plugin
    plugins: [keepImports],
    format: 'esm',
    platform: 'node',
    target: 'node20',
    tsconfig: join(REPO, 'tsconfig.json'),
    logLevel: 'warning',
  });
  // Each vendored package as one ES module with its named exports (a CommonJS bundle alone would
  // export only a default).
  const require = createRequire(import.meta.url);
  for (const [pkg, file] of Object.entries(VENDORED)) {
    const names = Object.keys(require(pkg)).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n) && n !== 'default');
    await build({
      stdin: { contents: `import pkg from ${JSON.stringify(pkg)};\nexport const { ${names.join(', ')} } = pkg;\nexport default pkg;\n`, resolveDir: REPO, loader: 'js' },
      outfile: join(work, 'vendor', file),
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      // The bundle's CommonJS code calls require() for Node built-ins and the native binding.
      banner: { js: "import { createRequire as __cogencyRequire } from 'node:module'; const require = __cogencyRequire(import.meta.url);" },
      external: ['@duckdb/node-bindings', '@duckdb/node-bindings-*'],
      logLevel: 'warning',
    });
  }
  // Data files beside the code (rules, weights, CSV) are read relative to their module.
  for (const n of names.filter((n) => !n.endsWith('.ts'))) {
    mkdirSync(dirname(join(work, n)), { recursive: true });
    cpSync(join(SRC, n), join(work, n));
  }
  // The manifest last: a build without it is never run.
  writeFileSync(join(work, 'build.json'), JSON.stringify({ builtAt: new Date().toISOString(), files }));
  rmSync(DIST, { recursive: true, force: true });
  renameSync(work, DIST);
} catch (e) {
  rmSync(work, { recursive: true, force: true });
  throw e;
}
if (JSON.stringify(sourceFiles()) !== JSON.stringify(files)) {
  // src changed while building: the manifest names the files as they were, so the build will not run.
  console.warn('src/ changed during the build; run it again');
}
console.log(`built dist/ from ${names.length} files in src/ in ${Math.round(performance.now() - t0)} ms (${MANIFEST.slice(REPO.length)})`);
