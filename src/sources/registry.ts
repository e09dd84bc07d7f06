// Every importer Cogency has, in the order `cogency ingest` runs them.
import type { Importer } from './importer.ts';
import { tipImporter } from './tip/index.ts';
import { nibrsImporter } from './nibrs/index.ts';
import { fbiHtImporter } from './fbi-ht/index.ts';
import { censusImporter } from './census/index.ts';
import { fbiUcrImporter } from './fbi-ucr/index.ts';
import { walkfreeImporter } from './walkfree/index.ts';
import { grantsImporter } from './grants/index.ts';
import { lawImporter } from '../law/importer.ts';
import { mseImporter } from './mse/index.ts';
import { servicesImporter } from './services/index.ts';

export const IMPORTERS: Importer[] = [tipImporter, nibrsImporter, fbiHtImporter, censusImporter, fbiUcrImporter, walkfreeImporter, grantsImporter, lawImporter, mseImporter, servicesImporter];

export function findImporter(id: string): Importer | undefined {
  return IMPORTERS.find((i) => i.id === id);
}
