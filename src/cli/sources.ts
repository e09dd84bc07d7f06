import { existsSync } from 'node:fs';
import type { Store } from '../store/store.ts';
import { IMPORTERS } from '../sources/registry.ts';
import { inventory, type NotLoadedGroup } from '../sources/inventory.ts';

/** Files in the data directory that no importer reads, with the reason; empty when there is no data directory. */
export async function notLoadedFiles(dataDir: string): Promise<{ notLoaded: NotLoadedGroup[]; inventoryErrors: { importer: string; message: string }[] }> {
  if (!existsSync(dataDir)) return { notLoaded: [], inventoryErrors: [] };
  const inv = await inventory(dataDir, IMPORTERS);
  return { notLoaded: inv.notLoaded, inventoryErrors: inv.errors };
}

/**
 * Loaded sources with the measures they hold values for (a measure can be filled by several sources,
 * e.g. tip.tier by the 2001–2015 file and the 2016–2025 transcription).
 */
export async function loadedSources(store: Store): Promise<Record<string, unknown>[]> {
  return store.all(`
    SELECT s.*, (SELECT list(DISTINCT o.measure ORDER BY o.measure) FROM observations o WHERE o.source_id = s.id) AS measures,
      (SELECT list(DISTINCT c.text) FROM caveats c WHERE c.source_id = s.id) AS caveats
    FROM sources s ORDER BY s.id`);
}

export async function printSources(store: Store, format: string, dataDir: string): Promise<void> {
  const rows = await loadedSources(store);
  const { notLoaded, inventoryErrors } = await notLoadedFiles(dataDir);
  if (format === 'json') {
    process.stdout.write(JSON.stringify({ sources: rows, notLoaded, inventoryErrors }, null, 2) + '\n');
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
      ].join('\n') + '\n\n',
    );
  }
  printNotLoaded(notLoaded, inventoryErrors, dataDir);
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
