// Walk Free Global Slavery Index 2023 and the ILO/Walk Free GEMS 2022 sector table: see ../descriptor.ts.
import { MiB, STANDARD_CITATION, entryOf, exactPath, githubRaw, type SourceDescriptor } from '../descriptor.ts';
import { GEMS_FILE, GSI_CAVEATS, GSI_FILE, WALKFREE_SOURCE } from './source.ts';
import { GEMS_SECTOR_MEASURE, GSI_COLUMNS } from './measures.ts';

const REPO = 'modern-slavery-open-lib/make-labour-satellite';
const COMMIT = '0523fb5b5d087c82aaa6d83fa108c6d4c9e5f22f';

export const walkfreeDescriptor: SourceDescriptor = {
  id: WALKFREE_SOURCE.id,
  title: WALKFREE_SOURCE.title,
  publisher: 'Walk Free (Global Slavery Index 2023); ILO, Walk Free & IOM (Global Estimates of Modern Slavery 2022)',
  entry: entryOf(import.meta.url),
  loadImporter: async () => (await import('./index.ts')).walkfreeImporter,
  claims: [
    { pattern: exactPath(GSI_FILE), format: 'xlsx', maxBytes: 16 * MiB },
    { pattern: exactPath(GEMS_FILE), format: 'xlsx', maxBytes: 16 * MiB },
    {
      pattern: /^stats\/walkfree-ilo-global-estimates\/gsi2023_summary_by_country\.csv$/,
      format: 'csv',
      maxBytes: 32 * MiB,
      notLoaded: 'A flattened copy of one sheet of the official Global Slavery Index workbook, which is loaded directly; loading both would give every country twice.',
    },
  ],
  measures: [
    {
      measures: GSI_COLUMNS.map((c) => c.measure),
      universe: 'The 160 countries with GSI 2023 estimates (180 rows in the workbook); government-response scores only where Walk Free assessed.',
      counts: 'Estimated prevalence and number of people in modern slavery (forced labour plus forced marriage), vulnerability and government-response scores.',
      excludes: 'Counts of trafficking cases; anything about consensual sex work.',
      caveats: GSI_CAVEATS,
    },
    {
      measures: [GEMS_SECTOR_MEASURE],
      universe: 'The world, 2021: forced labour in the private economy (ILO, Walk Free & IOM global estimates).',
      counts: 'Estimated people in forced labour by economic sector.',
      excludes: 'Forced commercial sexual exploitation (6.3 million) and state-imposed forced labour.',
      caveats: ['A global model-based estimate, not a count; the sector table sums to 15.7 million, not the 17.3 million private-economy total.'],
    },
  ],
  caveats: ['Model-based estimates, not counts: Walk Free advises against comparing them with earlier editions.'],
  // The citation Walk Free requests, then the file's provenance.
  citation: `“Walk Free 2023, Global Slavery Index 2023” — ${STANDARD_CITATION}`,
  families: [{ id: 'walkfree', label: 'Walk Free and ILO global estimates', geography: 'country' }],
  defaultViews: [{ measure: GSI_COLUMNS[0]!.measure.id, chart: 'map' }],
  fetch: [
    {
      path: GSI_FILE,
      url: githubRaw(REPO, COMMIT, 'objects/raw/2023-Global-Slavery-Index-Data.xlsx'),
      sha256: '36862bf1e2ee857f828eba30f9f587f8855ed97e825e8dbd3de93669f745098f',
      bytes: 796959,
      official: 'https://www.walkfree.org/global-slavery-index/downloads/ (unverified)',
    },
    {
      path: GEMS_FILE,
      url: githubRaw(REPO, COMMIT, 'objects/raw/GEMS.xlsx'),
      sha256: '2b4749581c32911b8ae7e2963e369354c4208017ddfd532b7ec833db0fbc64d4',
      bytes: 4877,
      official: 'https://www.ilo.org/global/topics/forced-labour/publications/WCMS_854733 (report PDF; unverified)',
    },
  ],
  fixtures: ['fixtures/data/stats/walkfree-ilo-global-estimates/', 'test/sources/walkfree-fixtures.ts'],
};
