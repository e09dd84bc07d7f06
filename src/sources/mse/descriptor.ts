// List-overlap counts for multiple systems estimation (SparseMSE 2.0.1 data sets): see ../descriptor.ts.
import { entryOf, type SourceDescriptor } from '../descriptor.ts';
import { SPARSEMSE_DIR } from '../../methods/mse/studies.ts';
import { MAX_TABLE_BYTES, MSE_SOURCE } from './source.ts';

const DIR = `^${SPARSEMSE_DIR.replace(/[.-]/g, '\\$&')}/`;

export const mseDescriptor: SourceDescriptor = {
  id: MSE_SOURCE.id,
  title: MSE_SOURCE.title,
  publisher: 'Chan, Silverman & Vincent, R package SparseMSE 2.0.1 (data from the Home Office, Dutch, New Orleans and NIJ studies cited per table)',
  entry: entryOf(import.meta.url),
  loadImporter: async () => (await import('./index.ts')).mseImporter,
  claims: [
    { pattern: new RegExp(`${DIR}[^/]+\\.derived\\.csv$`), format: 'csv', maxBytes: MAX_TABLE_BYTES },
    {
      pattern: new RegExp(`${DIR}[^/]+\\.rda$`),
      format: 'rda',
      maxBytes: MAX_TABLE_BYTES,
      notLoaded: 'R binary copy of list-overlap counts (the readable CSV beside it holds the same counts); kept for the multiple-systems estimation work.',
    },
    {
      pattern: new RegExp(`${DIR}[^/]+\\.Rd$`),
      format: 'rd',
      maxBytes: MAX_TABLE_BYTES,
      notLoaded: 'R documentation of a list-overlap dataset (what each list is, where the counts come from); documentation, not data.',
    },
  ],
  // The tables feed the estimation pages (mse_overlap, mse_estimates), not measures.
  measures: [],
  caveats: [
    'Counts of identified (potential or presumed) victims by the combination of lists they appear on; the lists mix sex and labour exploitation except the Western table (sex trafficking only).',
    'Inputs to an estimate of a hidden population, not published statistics; every estimate states its model and interval.',
  ],
  citation: '{publisher}. {title}. {locator}. {url} (sha256 {sha256}).',
  families: [],
  defaultViews: [],
  fetch: [],
  fixtures: ['test/analysis/mse/'],
};
