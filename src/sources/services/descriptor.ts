// Service directories (Open Referral HSDS model) and USAspending award records: see ../descriptor.ts.
import { MiB, entryOf, exactPath, type SourceDescriptor } from '../descriptor.ts';
import { AWARDS_DIR, IOM_FILE, SERVICES_DIR, SERVICES_SOURCE, TAT_FILE } from './source.ts';

const esc = (s: string) => s.replace(/[.-]/g, '\\$&');

export const servicesDescriptor: SourceDescriptor = {
  id: SERVICES_SOURCE.id,
  title: SERVICES_SOURCE.title,
  publisher: 'As stated per directory (IOM, Truckers Against Trafficking, HSDS packages); U.S. Department of the Treasury (USAspending.gov)',
  entry: entryOf(import.meta.url),
  loadImporter: async () => (await import('./index.ts')).servicesImporter,
  claims: [
    { pattern: exactPath(IOM_FILE), format: 'json', maxBytes: 32 * MiB },
    { pattern: exactPath(TAT_FILE), format: 'json', maxBytes: 32 * MiB },
    {
      pattern: new RegExp(`^${esc(SERVICES_DIR)}/openreferral-hsds-1\\.1-sample/`),
      format: 'csv',
      maxBytes: 32 * MiB,
      notLoaded: 'Open Referral HSDS sample package with fictional services in “Example City”: a format sample for service directories, not real services.',
    },
    { pattern: new RegExp(`^${esc(SERVICES_DIR)}/[^/]+/datapackage\\.json$`), format: 'json', maxBytes: 32 * MiB },
    {
      pattern: new RegExp(`^${esc(SERVICES_DIR)}/[^/]+/[^/]+\\.csv$`),
      format: 'csv',
      maxBytes: 32 * MiB,
      notLoaded: 'Table of an HSDS directory package: read through the package’s datapackage.json, which is the file listed as loaded.',
    },
    { pattern: new RegExp(`^${esc(AWARDS_DIR)}/[^/]+\\.csv$`), format: 'csv', maxBytes: 32 * MiB },
  ],
  // Directories and award records are tables of their own (hsds_*, award_records), not measures.
  measures: [],
  caveats: [
    'Listings of services and award records, not statistics: a listed service says nothing about how many people it reaches.',
    'Contact fields are withheld where the publisher states no terms for reuse.',
  ],
  citation: '{publisher}. {title}. {locator}. Retrieved {retrieved} from {url} (sha256 {sha256}).',
  families: [],
  defaultViews: [],
  fetch: [],
  fixtures: ['fixtures/awards/stats/domestic-awards/'],
};
