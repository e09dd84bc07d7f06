// What the descriptor and the importer both state about the source (id, title, files, size cap),
// apart from the importer's code: reading the descriptor loads no parser (see ../descriptors.ts).
import { SPARSEMSE_DIR } from '../../methods/mse/studies.ts';

/** The largest overlap table read, from the data directory or an upload. */
export const MAX_TABLE_BYTES = 256 * 1024;

export const MSE_SOURCE = {
  id: 'mse',
  title: 'List-overlap counts of identified trafficking victims for multiple systems estimation (SparseMSE 2.0.1 data sets)',
  expects: `${SPARSEMSE_DIR}/<study>.derived.csv`,
} as const;
