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
      ].join('\n') + '\n\n',
    );
  }
}
