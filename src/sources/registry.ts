// Every importer Cogency has, in the order `cogency ingest` runs them.
import type { Importer } from './importer.ts';
import { tipImporter } from './tip/index.ts';

export const IMPORTERS: Importer[] = [tipImporter];

export function findImporter(id: string): Importer | undefined {
  return IMPORTERS.find((i) => i.id === id);
}
