// Lint runs inside `npm test`; type-aware rules are left to `tsc --noEmit`.
//
// Layering: imports flow one way, lowest first:
//   model  <-  methods  <-  sources (importers, the law importer and analyzer, fetch, the error model)
//          <-  store  <-  analysis (and the export package built from it, the claims checker)
//          <-  api, cli (with law/routes.ts, law/cli.ts, claims|relief/{routes,cli}.ts, */cli.ts, config.ts)
//   web (the explorer) may import model and methods only.
// `methods` holds the pure computations that must run in the browser as well as on the server:
// multiple systems estimation (the MSE importer estimates at load, the page shows the same
// model), the record-relief evaluator (it runs in the browser so a person's answers never leave
// it) and the claim parser. Being importable from everywhere, it may use no package, no Node
// built-in and no I/O global — enforced below, so the explorer bundle can never pull in the server.
// A module may import its own layer and any lower one, never a higher one; type-only imports may
// cross (a contract such as the store's Stage is a type the importers fill). No import cycles.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

/** Import specifiers that reach a directory of src/, as a regex over the specifier. */
const dir = (...names) => `(^|/)(${names.join('|')})/`;
const routesOrCli = (...names) => `(^|/)(${names.join('|')})/(routes|cli)\\.ts$`;
const HIGHER = {
  model: { regex: `${dir('methods', 'sources', 'store', 'analysis', 'api', 'cli', 'law', 'fetch', 'export', 'claims', 'relief')}|(^|/)config\\.ts$`, layer: 'model' },
  methods: { regex: `${dir('sources', 'store', 'analysis', 'api', 'cli', 'law', 'fetch', 'export', 'claims', 'relief')}|(^|/)config\\.ts$`, layer: 'methods' },
  sources: { regex: `${dir('store', 'analysis', 'api', 'cli', 'export', 'claims', 'relief')}|${routesOrCli('law')}|(^|/)fetch/cli\\.ts$|(^|/)config\\.ts$`, layer: 'sources' },
  store: { regex: `${dir('analysis', 'api', 'cli', 'export', 'fetch', 'claims', 'relief')}|${routesOrCli('law')}|(^|/)config\\.ts$`, layer: 'store' },
  analysis: { regex: `${dir('api', 'cli', 'relief')}|${routesOrCli('law', 'claims')}|(^|/)(export|fetch)/cli\\.ts$|(^|/)config\\.ts$`, layer: 'analysis' },
  api: { regex: `${dir('cli')}|(^|/)(law|export|fetch|claims|relief)/cli\\.ts$`, layer: 'api' },
};
const layer = (files, { regex, layer: name }, ignores = [], extraPatterns = []) => ({
  files,
  ignores,
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      { patterns: [{ regex, allowTypeImports: true, message: `the ${name} layer may not import a higher layer (see eslint.config.js)` }, ...extraPatterns] },
    ],
  },
});
/** Pure and browser-safe: relative imports only (no package, no node: built-in), whether for types or values. */
const PURE_IMPORTS = { regex: '^[^.]', message: 'src/methods is pure and browser-safe: no packages or Node built-ins (see eslint.config.js)' };
const IO_GLOBALS = ['process', 'Buffer', 'require', 'fetch', 'XMLHttpRequest', 'WebSocket', 'localStorage', 'sessionStorage', 'indexedDB', 'document', 'navigator'];

export default tseslint.config(
  { ignores: ['node_modules/', 'web/dist/', 'dist/', 'dist.building-*/', 'data/', 'test-artifacts/', '.tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    files: ['src/**/*.ts', 'web/src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js'] })],
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  layer(['src/model/**/*.ts'], HIGHER.model),
  layer(['src/methods/**/*.ts'], HIGHER.methods, [], [PURE_IMPORTS]),
  {
    files: ['src/methods/**/*.ts'],
    rules: { 'no-restricted-globals': ['error', ...IO_GLOBALS.map((name) => ({ name, message: 'src/methods does no I/O (see eslint.config.js)' }))] },
  },
  layer(['src/sources/**/*.ts', 'src/law/**/*.ts', 'src/fetch/**/*.ts'], HIGHER.sources, ['src/sources/ingest.ts', 'src/law/routes.ts', 'src/law/cli.ts', 'src/fetch/cli.ts']),
  layer(['src/store/**/*.ts', 'src/sources/ingest.ts'], HIGHER.store),
  layer(['src/analysis/**/*.ts', 'src/export/**/*.ts', 'src/claims/**/*.ts'], HIGHER.analysis, ['src/export/cli.ts', 'src/claims/routes.ts', 'src/claims/cli.ts']),
  layer(['src/api/**/*.ts', 'src/law/routes.ts', 'src/claims/routes.ts', 'src/relief/routes.ts'], HIGHER.api),
  {
    files: ['web/src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ regex: `(^|/)src/(?!model/|methods/)`, message: 'the explorer may use the server\'s model and pure methods (src/model, src/methods) only' }] },
      ],
    },
  },
);
