import type { Store } from '../store/store.ts';
import { loadedSources } from '../store/catalog.ts';
import { notLoadedFiles, type NotLoadedGroup } from '../sources/inventory.ts';
import { sourceSummaries } from '../sources/descriptors.ts';
import type { SourceSummary } from '../model/inventory.ts';

export { loadedSources };

export async function printSources(store: Store, format: string, dataDir: string): Promise<void> {
  const rows = await loadedSources(store);
  const { notLoaded, inventoryErrors } = await notLoadedFiles(dataDir);
  const known = sourceSummaries();
  if (format === 'json') {
    process.stdout.write(JSON.stringify({ sources: rows, notLoaded, inventoryErrors, known }, null, 2) + '\n');
    return;
  }
  if (rows.length === 0) process.stdout.write('Nothing is loaded yet. Run `cogency ingest` (see the README for where data goes).\n\n');
  for (const s of rows) {
    process.stdout.write(
      [
        `${s.id}  ${s.title}`,
        `  publisher: ${s.publisher}`,
        `  file:      ${s.file} (${Number(s.bytes).toLocaleString('en-US')} bytes, ${s.format})`,
        `  url:       ${s.url}`,
        `  license:   ${s.license}`,
        `  retrieved: ${s.retrieved}   loaded: ${(s.loaded_at as Date).toISOString().slice(0, 19).replace('T', ' ')} UTC`,
        `  sha256:    ${s.sha256}`,
        `  rows:      ${Number(s.rows_read).toLocaleString('en-US')} read, ${Number(s.rows_stored).toLocaleString('en-US')} values stored, ${s.rows_rejected} rejected`,
        `  measures:  ${(s.measures as string[] | null)?.join(', ') ?? ''}`,
        ...(s.importer
          ? [`  derived:   importer ${s.importer} version ${s.importer_version}, code ${String(s.code_fingerprint).slice(0, 12)}${s.analyzer_fingerprint ? `, analyzer rules ${String(s.analyzer_fingerprint).slice(0, 12)}` : ''}`]
          : []),
        ...(s.unmapped_places ? [`  unmapped:  ${unmappedLine(String(s.unmapped_places))}`] : []),
      ].join('\n') + '\n\n',
    );
  }
  printNotLoaded(notLoaded, inventoryErrors, dataDir);
  printKnown(known, new Set(rows.map((r) => String(r.importer ?? ''))));
}

/** Every source Cogency reads (its descriptor), loaded or not: what it counts and does not, and where its files go. */
function printKnown(known: SourceSummary[], loadedImporters: Set<string>): void {
  const out = [`\nSources Cogency reads (${known.length}; \`cogency ingest NAME\`, \`cogency fetch NAME\`)`];
  for (const k of known) {
    out.push(`  ${k.id}${loadedImporters.has(k.id) ? '' : ' (not loaded)'}  ${k.title}`);
    out.push(`    publisher: ${k.publisher}`);
    out.push(`    files:     ${k.claims.filter((c) => !c.notLoaded).map((c) => c.pattern).join('  ')}`);
    for (const g of k.measureGroups) {
      out.push(`    measures:  ${g.measures.join(', ')}`);
      out.push(`      counts: ${g.counts}`, `      over: ${g.universe}`, `      not counted: ${g.excludes}`);
    }
    if (k.fetchFiles) out.push(`    fetch:     ${k.fetchFiles} file${k.fetchFiles === 1 ? '' : 's'} with a known address`);
  }
  process.stdout.write(out.join('\n') + '\n');
}

function printNotLoaded(groups: NotLoadedGroup[], errors: { importer: string; message: string }[], dataDir: string): void {
  if (groups.length === 0 && errors.length === 0) return;
  const files = groups.reduce((n, g) => n + g.files.length, 0);
  const out = [`Not loaded: ${files} file${files === 1 ? '' : 's'} in ${dataDir}, each with the reason`];
  for (const e of errors) out.push(`  ! the ${e.importer} importer could not look for its files: ${e.message}`);
  for (const g of groups) {
    out.push(`  ${g.path}${g.files.length > 1 ? ` (${g.files.length} files)` : ''}, ${g.bytes.toLocaleString('en-US')} bytes`);
    out.push(`    ${g.reason}`);
  }
  process.stdout.write(out.join('\n') + '\n');
}

/** "12 values at 2 places not in the gazetteer: XYZ, ABC". */
function unmappedLine(json: string): string {
  const list = JSON.parse(json) as { place: string; values: number }[];
  const values = list.reduce((n, u) => n + u.values, 0);
  return `${values} values at ${list.length} places not in the gazetteer: ${list.map((u) => u.place).slice(0, 10).join(', ')}${list.length > 10 ? ', …' : ''}`;
}
