// What the law descriptor, importer and store all state about the law corpus (id, title, where it
// lies, size caps), apart from the analyzer's code: reading the descriptor loads no parser.

export const LAW_SOURCE_ID = 'law';
export const LAW_DIR = 'law';

export const LAW_SOURCE = {
  id: LAW_SOURCE_ID,
  title: 'Bills, enacted laws and statutes, with provision analysis',
  expects: `${LAW_DIR}/ (manifest.json and texts/, or any bill and statute files; LegiScan session dataset ZIPs or unpacked folders)`,
} as const;

export const LAW_DESCRIPTION = {
  id: LAW_SOURCE_ID,
  family: 'law',
  publisher: 'Legislatures and code publishers of each jurisdiction (see each bill’s source_url and citation)',
  title: 'Bills, enacted laws and statutes on trafficking and sex work, with provision analysis',
  url: 'https://github.com/',
  license: 'Legislative texts are public records; per-file provenance and licence notes in the corpus manifest.',
  format: 'law corpus (markdown, text, XML, JSON, PDF)',
} as const;

/** Files larger than this are refused with a clear error (bounded time and memory). */
export const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;
/** Largest dataset read, archive or folder (real session datasets are tens of MB). */
export const MAX_DATASET_BYTES = 512 * 1024 * 1024;

/** The LegiScan API (`cogency law fetch --api` overrides it). */
export const LEGISCAN_API = 'https://api.legiscan.com/';
