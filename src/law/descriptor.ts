// Bills, enacted laws and statutes (the law corpus): see ../sources/descriptor.ts.
import { MiB, entryOf, type SourceDescriptor } from '../sources/descriptor.ts';
import { DEFAULT_MAX_BYTES, LAW_DESCRIPTION, LAW_SOURCE, MAX_DATASET_BYTES } from './source.ts';

export const lawDescriptor: SourceDescriptor = {
  id: LAW_SOURCE.id,
  title: LAW_SOURCE.title,
  publisher: LAW_DESCRIPTION.publisher,
  entry: entryOf(import.meta.url, './importer.ts'),
  loadImporter: async () => (await import('./importer.ts')).lawImporter,
  claims: [
    {
      pattern: /^law\/gold\//,
      format: 'jsonl',
      maxBytes: 16 * MiB,
      notLoaded: 'Hand-labelled provisions used to measure the law analyzer’s precision and recall (`cogency law eval --gold`); test material, not legislation to show.',
    },
    {
      pattern: /^law\/formats\//,
      format: 'json',
      maxBytes: 16 * MiB,
      notLoaded: 'Sample of a legislation format (LegiScan API responses, statute JSON) kept to test the law importer against the real layout; the bills themselves are loaded from law/texts/.',
    },
    { pattern: /^law\/manifest\.json$/, format: 'json', maxBytes: 16 * MiB },
    { pattern: /^law\/.+\.zip$/i, format: 'zip', maxBytes: MAX_DATASET_BYTES },
    // Bill and statute texts in every format the law importer reads (markdown, text, XML, JSON, PDF, HTML, CSV), wherever the manifest puts them.
    { pattern: /^law\/.+/, format: 'text', maxBytes: DEFAULT_MAX_BYTES },
  ],
  // Bills and provisions are tables of their own (law_*), analysed on the law pages, not measures.
  measures: [],
  caveats: [
    'Provision findings are made by a rule-based analyzer (measured against hand-labelled gold texts): a finding is a pointer to the text, not a legal opinion.',
    'The corpus holds the bills and statutes gathered so far, not every law of every jurisdiction.',
  ],
  citation: '{publisher}. {title}. {locator}. Retrieved {retrieved} ({url}).',
  families: [],
  defaultViews: [],
  fetch: [],
  analyzerFingerprint: async () => (await import('./fingerprint.ts')).rulesFingerprint(),
  fixtures: ['fixtures/law/'],
};
