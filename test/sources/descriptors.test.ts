// Meta-tests of the source descriptors (src/sources/<id>/descriptor.ts): each is complete, every
// measure has a definition and caveats, the claims cover every file the importers read, every file
// of the real data is read or explained, and what used to be registered in ten places is derived —
// so a new source is its folder plus its line in src/sources/descriptors.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { DESCRIPTORS, familyIndex, findDescriptor, measureIndex, sourceSummaries } from '../../src/sources/descriptors.ts';
import { checkClaimed, displayPattern, formatCitation, unknownPlaceholders, type SourceDescriptor } from '../../src/sources/descriptor.ts';
import { derivationOf, loadImporters } from '../../src/sources/registry.ts';
import { CATALOG, catalogOf } from '../../src/fetch/catalog.ts';
import { claimedNotRead, inventory, NO_REASON, reasonFor } from '../../src/sources/inventory.ts';
import { Store } from '../../src/store/store.ts';
import { ingest } from '../../src/sources/ingest.ts';
import { InputError } from '../../src/sources/errors.ts';
import { FIXTURE_DATA, REPO, SKIP_NO_DATA, sharedData, tempDir } from '../helpers.ts';

const DATA = sharedData();
const SRC = join(REPO, 'src');
const rel = (abs: string) => relative(REPO, abs).split(sep).join('/');

test('every descriptor is complete: identity, entry in its own folder, claims, citation, caveats, fixtures', async () => {
  const ids = new Set<string>();
  for (const d of DESCRIPTORS) {
    assert.ok(!ids.has(d.id), `${d.id} declared once`);
    ids.add(d.id);
    assert.equal((await d.loadImporter()).id, d.id, `${d.id}: the importer has the descriptor's id`);
    for (const [field, value] of Object.entries({ title: d.title, publisher: d.publisher, citation: d.citation }))
      assert.ok(value.trim().length >= 10, `${d.id}: ${field} is written`);
    assert.deepEqual(unknownPlaceholders(d.citation), [], `${d.id}: citation placeholders are known`);
    assert.match(d.citation, /\{title\}/, `${d.id}: the citation names the document`);
    assert.ok(existsSync(d.entry), `${d.id}: entry ${d.entry} exists`);
    const folder = rel(dirname(d.entry));
    assert.ok(folder.startsWith('src/sources/') || folder === 'src/law', `${d.id}: entry in a source folder (${folder})`);
    assert.ok(existsSync(join(dirname(d.entry), 'descriptor.ts')), `${d.id}: the descriptor sits beside its entry module`);
    assert.ok(d.claims.length > 0, `${d.id}: claims files`);
    for (const c of d.claims) {
      assert.ok(c.maxBytes > 0 && Number.isFinite(c.maxBytes), `${d.id}: ${c.pattern} has a size cap`);
      assert.ok(c.pattern.source.startsWith('^'), `${d.id}: ${c.pattern} is anchored at the data directory`);
      if (c.notLoaded !== undefined) assert.ok(c.notLoaded.length >= 40, `${d.id}: ${c.pattern} says why its files are not loaded`);
    }
    assert.ok(d.caveats.length > 0 && d.caveats.every((c) => c.trim().length >= 20), `${d.id}: caveats`);
    assert.ok(d.fixtures.length > 0, `${d.id}: fixtures`);
    for (const f of d.fixtures) assert.ok(existsSync(join(REPO, f)), `${d.id}: fixture ${f} exists`);
    const own = new Set(d.measures.flatMap((g) => g.measures.map((m) => m.id)));
    for (const v of d.defaultViews) assert.ok(own.has(v.measure), `${d.id}: default view ${v.measure} is one of its measures`);
  }
  assert.deepEqual((await loadImporters()).map((i) => i.id), DESCRIPTORS.map((d) => d.id), 'the importer registry is the descriptor list');
});

/**
 * What loading the given modules loads: their static imports, followed (a dynamic `import()` is
 * not, since it runs only when called), as paths relative to the repository; and each module's
 * dynamic imports. Read from esbuild's metafile, which resolves imports as Node does.
 */
async function importGraph(entries: string[]): Promise<{ loaded: Set<string>; dynamic: Map<string, string[]> }> {
  const { build } = await import('esbuild');
  const { metafile } = await build({
    entryPoints: entries.map((e) => join(REPO, e)), absWorkingDir: REPO, bundle: true, splitting: true, write: false, metafile: true,
    platform: 'node', format: 'esm', outdir: tempDir(), external: ['@duckdb/*'], logLevel: 'silent',
  });
  const loaded = new Set(entries);
  const dynamic = new Map<string, string[]>();
  const queue = [...entries];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    for (const i of metafile.inputs[file]?.imports ?? []) {
      if (i.external) continue;
      if (i.kind === 'dynamic-import') dynamic.set(file, [...(dynamic.get(file) ?? []), i.path]);
      else if (!loaded.has(i.path)) {
        loaded.add(i.path);
        queue.push(i.path);
      }
    }
  }
  return { loaded, dynamic };
}

/** Packages that parse source files: an importer needs them, a query never does. */
const PARSERS = /(?:^|\/)node_modules\/(read-excel-file|fflate|cfb|i18n-iso-countries|csv-parse|fast-xml-parser|unzipper-esm)\//;

test('a query loads the descriptors, not the importers: no importer module and no parser in what `cogency query` imports', async () => {
  // The query command's path: the CLI, the store it opens and the query module (main.ts imports the last two when the command runs).
  const { loaded, dynamic } = await importGraph(['src/cli/main.ts', 'src/store/store.ts', 'src/cli/query.ts']);
  assert.ok(loaded.has('src/sources/descriptors.ts') && loaded.has('src/sources/tip/descriptor.ts'), 'the query reads the descriptors');
  const importers = [...loaded].filter((f) => /^src\/sources\/[^/]+\/index\.ts$|^src\/law\/importer\.ts$/.test(f));
  assert.deepEqual(importers, [], 'importer modules loaded by a query');
  assert.deepEqual([...loaded].filter((f) => PARSERS.test(f)), [], 'parsers loaded by a query');
  // Each descriptor still reaches its importer, lazily, and it is the module whose code is fingerprinted (registry.ts).
  for (const d of DESCRIPTORS) {
    const descriptor = rel(join(dirname(d.entry), 'descriptor.ts'));
    assert.ok(loaded.has(descriptor), `${descriptor} is loaded`);
    assert.ok(dynamic.get(descriptor)?.includes(rel(d.entry)), `${d.id}: loadImporter imports its entry, ${rel(d.entry)}`);
  }
});

test('every measure has a definition, a universe, what it counts and does not, and caveats; shared ids agree', () => {
  const seen = new Map<string, unknown>();
  let n = 0;
  for (const d of DESCRIPTORS) {
    const families = new Set(d.families.map((f) => f.id));
    for (const g of d.measures) {
      assert.ok(g.measures.length > 0, `${d.id}: a measure group holds measures`);
      for (const [field, value] of Object.entries({ universe: g.universe, counts: g.counts, excludes: g.excludes }))
        assert.ok(value.trim().length >= 15, `${d.id} ${g.measures[0]!.id}: ${field} is written`);
      assert.ok(g.caveats.length > 0 && g.caveats.every((c) => c.trim().length >= 20), `${d.id} ${g.measures[0]!.id}: caveats`);
      for (const m of g.measures) {
        n++;
        assert.ok(m.definition.trim().length >= 60, `${m.id}: definition`);
        assert.ok(m.label.trim().length > 0 && m.unit.trim().length > 0, `${m.id}: label and unit`);
        assert.ok(families.has(m.family), `${m.id}: family ${m.family} is declared by ${d.id}`);
        if (seen.has(m.id)) assert.deepEqual(m, seen.get(m.id), `${m.id}: the sources that write it define it alike`);
        seen.set(m.id, m);
      }
    }
  }
  assert.ok(n >= 90, `${n} measures declared`);
  const geo = new Map<string, string>();
  for (const d of DESCRIPTORS)
    for (const f of d.families) {
      if (geo.has(f.id)) assert.equal(f.geography, geo.get(f.id), `family ${f.id}: one geography`);
      geo.set(f.id, f.geography);
    }
});

test('the measures each importer writes are exactly the ones its descriptor declares (fixture data)', async () => {
  const store = await Store.open(':memory:');
  try {
    const report = await ingest(store, FIXTURE_DATA, [], {}, { keepGoing: true });
    assert.deepEqual(report.refused.map((r) => r.reason), []);
    const written = await store.all('SELECT m.id, s.importer FROM measures m JOIN sources s ON s.id = m.source_id');
    const index = measureIndex();
    const loadedImporters = new Set(written.map((w) => String(w.importer)));
    assert.ok(loadedImporters.size >= 8, `${[...loadedImporters].join(', ')} loaded`);
    for (const w of written) {
      const d = findDescriptor(String(w.importer))!;
      assert.ok(d.measures.some((g) => g.measures.some((m) => m.id === w.id)), `${String(w.id)} written by ${String(w.importer)} is declared in its descriptor`);
      assert.ok(index.has(String(w.id)));
    }
    const writtenIds = new Set(written.map((w) => String(w.id)));
    // Fixture data holds every table of these sources, so all their declared measures are written.
    for (const id of ['tip', 'fbi-ht', 'fbi-ucr', 'fbi-cde', 'fbi-cius', 'fbi-ht-master', 'census', 'walkfree'])
      for (const g of findDescriptor(id)!.measures) for (const m of g.measures) assert.ok(writtenIds.has(m.id), `${id} declares ${m.id}, and writes it`);
  } finally {
    store.close();
  }
});

test('real data: the transcribed importer writes exactly its declared measures', { skip: DATA ? false : SKIP_NO_DATA }, async () => {
  const store = await Store.open(':memory:');
  try {
    await ingest(store, DATA!, ['transcribed']);
    const written = new Set((await store.all('SELECT id FROM measures')).map((r) => String(r.id)));
    const declared = new Set(findDescriptor('transcribed')!.measures.flatMap((g) => g.measures.map((m) => m.id)));
    assert.deepEqual([...written].sort(), [...declared].sort());
  } finally {
    store.close();
  }
});

test('real data: every file an importer reads is claimed by its descriptor and under the claim’s cap', { skip: DATA ? false : SKIP_NO_DATA }, async () => {
  let files = 0;
  for (const d of DESCRIPTORS) {
    for (const spec of await (await d.loadImporter()).discover(DATA!)) {
      for (const f of spec.files) {
        files++;
        const path = relative(DATA!, f).split(sep).join('/');
        assert.doesNotThrow(() => checkClaimed(d, path, statSync(f).size), `${d.id} reads ${path}`);
      }
    }
  }
  assert.ok(files > 400, `${files} files read`);
});

test('real data: every file is read or listed with a reason written for it', { skip: DATA ? false : SKIP_NO_DATA }, async () => {
  const inv = await inventory(DATA!);
  assert.deepEqual(inv.errors, []);
  const unexplained = inv.notLoaded.filter((g) => g.reason === NO_REASON || DESCRIPTORS.some((d) => g.reason === claimedNotRead(d.id)));
  assert.deepEqual(unexplained.flatMap((g) => g.files), [], 'no file is silently skipped or claimed without being read');
});

test('fetch entries land where a claim of their own source reads them, once each', () => {
  const paths = new Set<string>();
  for (const d of DESCRIPTORS)
    for (const f of d.fetch) {
      assert.ok(!paths.has(f.path), `${f.path} fetched once`);
      paths.add(f.path);
      assert.ok(d.claims.some((c) => !c.notLoaded && c.pattern.test(f.path)), `${d.id}: ${f.path} is a file it reads`);
      assert.match(f.url, /^https:\/\//, `${f.path}: an https address`);
    }
  assert.deepEqual(CATALOG, catalogOf(DESCRIPTORS));
});

test('a claimed file the importer did not read, or one over its cap, is explained or refused', () => {
  const nibrs = findDescriptor('nibrs')!;
  assert.match(reasonFor('stats/fbi-nibrs-extract/LA-2016/NIBRS_PROPERTY.csv'), /does not need/);
  assert.equal(reasonFor('stats/fbi-nibrs-extract/XX-2020.zip'), claimedNotRead('nibrs'), 'a zip the importer skipped is not hidden');
  assert.throws(() => checkClaimed(nibrs, 'stats/elsewhere/LA-2016.zip', 10), (e: unknown) => e instanceof InputError && /does not claim|not a file the nibrs source claims/.test(e.message));
  const tip = findDescriptor('tip')!;
  assert.throws(() => checkClaimed(tip, 'stats/us-state-tip-report/heiss_kelley_tip_tiers_1999-2015.csv', 2 ** 40), /above the 32 MiB the tip source allows/);
  assert.equal(
    formatCitation(tip.citation, { publisher: 'P', title: 'T', locator: 'row 3', retrieved: '2026-01-01', url: 'https://x', sha256: 'abc' }),
    'P. T. row 3. Retrieved 2026-01-01 from https://x (sha256 abc).',
  );
  assert.ok(sourceSummaries().find((s) => s.id === 'nibrs')!.claims.some((c) => c.pattern === 'stats/fbi-nibrs-extract/ST-YYYY[-partial].zip'), 'claims are listed as people read them');
  assert.equal(displayPattern(new RegExp('^stats/mse\\-hidden/[^/]+\\.rda$')), 'stats/mse-hidden/*.rda');
  assert.throws(() => formatCitation('{publisher} {page}', { publisher: 'P', title: '', locator: '', retrieved: '', url: '', sha256: '' }), /unknown citation placeholder \{page\}/);
});

test('adding a source is one folder and one line: every source folder has a descriptor in the list', () => {
  const listed = new Set(DESCRIPTORS.map((d) => rel(dirname(d.entry))));
  const listText = readFileSync(join(SRC, 'sources', 'descriptors.ts'), 'utf8');
  for (const name of readdirSync(join(SRC, 'sources'))) {
    const dir = join(SRC, 'sources', name);
    if (!statSync(dir).isDirectory()) continue;
    const defines = readdirSync(dir).some((f) => f.endsWith('.ts') && /:\s*Importer\s*=|\bImporter\s*\{|makeNibrsImporter/.test(readFileSync(join(dir, f), 'utf8')));
    if (!defines) continue; // shared helpers (stats-common) are no source
    assert.ok(existsSync(join(dir, 'descriptor.ts')), `src/sources/${name} defines an importer and has a descriptor.ts`);
    assert.ok(listed.has(`src/sources/${name}`), `src/sources/${name} is in DESCRIPTORS`);
    assert.match(listText, new RegExp(`from '\\./${name}/descriptor\\.ts'`), `descriptors.ts imports ${name}`);
  }
});

test('no per-source knowledge outside the descriptors: derived modules and the explorer name no source or family', () => {
  const names = new Set([...DESCRIPTORS.map((d) => d.id), ...familyIndex().keys()]);
  const literal = new RegExp(`['"\`](${[...names].map((n) => n.replace(/[-]/g, '\\-')).join('|')})['"\`]`);
  const derived = ['sources/registry.ts', 'sources/inventory.ts', 'sources/ingest.ts', 'fetch/catalog.ts', 'analysis/coverage.ts', 'analysis/rates.ts', 'cli/sources.ts'];
  for (const f of derived) {
    const text = readFileSync(join(SRC, f), 'utf8');
    const hit = text.split('\n').find((l) => !/^\s*(\/\/|\*)/.test(l) && literal.test(l));
    assert.equal(hit, undefined, `src/${f} names a source or family: ${hit}`);
  }
  const web = join(REPO, 'web', 'src');
  for (const f of readdirSync(web, { recursive: true }) as string[]) {
    if (!f.endsWith('.ts')) continue;
    const text = readFileSync(join(web, f), 'utf8');
    assert.doesNotMatch(text, /\.family\s*[!=]==|includes\([^)]*\.family\)/, `web/src/${f} decides by a hard-coded family; use what the API serves (geography)`);
  }
});

test('a new source, given only as a descriptor, reaches the importer list, catalogue, inventory, lookups and listings', async () => {
  const dir = tempDir('cogency-newsource-');
  mkdirSync(join(dir, 'stats', 'example'), { recursive: true });
  writeFileSync(join(dir, 'stats', 'example', 'counts.csv'), 'year,count\n2020,5\n');
  writeFileSync(join(dir, 'stats', 'example', 'notes.txt'), 'how the counts were made\n');
  const measure = {
    id: 'example.count',
    label: 'Example count',
    definition: 'A count written for this test only: how many of a thing the example publisher counted in the year.',
    unit: 'things',
    valueType: 'count',
    aggregation: 'sum',
    periodKind: 'data_year',
    topic: 'context',
    family: 'example',
  } as const;
  const example: SourceDescriptor = {
    id: 'example',
    title: 'Example source (test only)',
    publisher: 'The example publisher',
    entry: join(SRC, 'sources', 'tip', 'index.ts'),
    loadImporter: async () => ({
      id: 'example',
      title: 'Example source (test only)',
      expects: 'stats/example/counts.csv',
      discover: async (d: string) => [{ description: { id: 'example.counts', family: 'example', publisher: 'x', title: 'x', url: 'https://example.org', license: 'x', format: 'csv' }, files: [join(d, 'stats/example/counts.csv')] }],
      load: async () => undefined,
    }),
    claims: [
      { pattern: /^stats\/example\/counts\.csv$/, format: 'csv', maxBytes: 1024 },
      { pattern: /^stats\/example\/notes\.txt$/, format: 'text', maxBytes: 1024, notLoaded: 'Notes on how the example counts were made: documentation, not figures.' },
    ],
    measures: [{ measures: [measure], universe: 'Everything the example publisher counted.', counts: 'Things, once each.', excludes: 'Things it did not see.', caveats: ['Made up for a test; not a statistic.'], coverage: 'nibrs-agencies' }],
    caveats: ['Made up for a test; not a statistic.'],
    citation: '{publisher}. {title}. {locator}.',
    families: [{ id: 'example', label: 'Example', geography: 'country' }],
    defaultViews: [{ measure: 'example.count', chart: 'line' }],
    fetch: [{ path: 'stats/example/counts.csv', url: 'https://example.org/counts.csv' }],
    fixtures: ['test/sources/descriptors.test.ts'],
  };
  const all = [...DESCRIPTORS, example];
  assert.deepEqual(catalogOf(all).at(-1), { id: 'example', files: [...example.fetch] });
  const inv = await inventory(dir, all);
  assert.equal(inv.claimed, 1, 'its importer reads counts.csv');
  assert.deepEqual(inv.notLoaded.map((g) => [g.path, g.reason]), [['stats/example/notes.txt', example.claims[1]!.notLoaded]]);
  assert.equal(measureIndex(all).get('example.count')?.group.coverage, 'nibrs-agencies');
  assert.equal(familyIndex(all).get('example')?.geography, 'country');
  assert.equal(sourceSummaries(all).at(-1)?.measureGroups[0]?.measures[0], 'example.count');
  assert.throws(() => checkClaimed(example, 'stats/example/counts.csv', 4096), /above/);
  // The registry's code fingerprint follows a descriptor's entry module.
  assert.match((await derivationOf((await loadImporters())[0]!)).code, /^[0-9a-f]{64}$/);
});
