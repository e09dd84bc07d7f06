import type { Store } from '../store/store.ts';
import { loadedSources } from '../store/catalog.ts';

export { loadedSources };

export async function printSources(store: Store, format: string): Promise<void> {
  const rows = await loadedSources(store);
  if (format === 'json') {
    process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
    return;
  }
  if (rows.length === 0) {
    process.stdout.write('Nothing is loaded yet. Run `cogency ingest` (see the README for where data goes).\n');
    return;
  }
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
}

/** "12 values at 2 places not in the gazetteer: XYZ, ABC". */
function unmappedLine(json: string): string {
  const list = JSON.parse(json) as { place: string; values: number }[];
  const values = list.reduce((n, u) => n + u.values, 0);
  return `${values} values at ${list.length} places not in the gazetteer: ${list.map((u) => u.place).slice(0, 10).join(', ')}${list.length > 10 ? ', …' : ''}`;
}
