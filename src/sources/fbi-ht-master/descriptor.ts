// FBI UCR Human Trafficking master file 2015 (fixed width, agency level): see ../descriptor.ts.
import { MiB, STANDARD_CITATION, entryOf, exactPath, githubRaw, type SourceDescriptor } from '../descriptor.ts';
import { FBI_FAMILY } from '../fbi-ht/descriptor.ts';
import { FBI_HT_MASTER_SOURCE, HT_CDE_CSV, HT_MASTER_FILE } from './source.ts';
import { HT_MASTER_MEASURES } from './measures.ts';

const CONTEXT = ['fbi.htmaster.reporting_agencies', 'fbi.htmaster.population_covered'];

export const fbiHtMasterDescriptor: SourceDescriptor = {
  id: FBI_HT_MASTER_SOURCE.id,
  title: FBI_HT_MASTER_SOURCE.title,
  publisher: 'Federal Bureau of Investigation, Uniform Crime Reporting Program',
  entry: entryOf(import.meta.url),
  loadImporter: async () => (await import('./index.ts')).fbiHtMasterImporter,
  claims: [
    { pattern: exactPath(HT_MASTER_FILE), format: 'fixed-width', maxBytes: 64 * MiB },
    // Read beside the master file only to compare the two (the CSV itself is the fbi-ht source).
    { pattern: exactPath(HT_CDE_CSV), format: 'csv', maxBytes: 32 * MiB },
  ],
  measures: [
    {
      measures: HT_MASTER_MEASURES.filter((m) => !CONTEXT.includes(m.id)),
      universe: 'Law-enforcement agencies that sent at least one month of human-trafficking data to the FBI in 2015; stored per agency, so disclosure control applies below state level.',
      counts: 'Human-trafficking offenses reported, unfounded, actual, cleared and cleared with only juveniles involved — commercial sex acts and involuntary servitude as separate measures.',
      excludes: 'Prostitution offenses; agencies that sent no human-trafficking data; the file’s own totals over both forms (checked, not stored).',
      caveats: [
        'Participation in the UCR human-trafficking collection was partial in 2015: most agencies sent no data, so sums are not national totals.',
        'Offenses are "actual" offenses (reported minus unfounded); clearances in a year can refer to offenses of earlier years.',
      ],
    },
    {
      measures: HT_MASTER_MEASURES.filter((m) => CONTEXT.includes(m.id)),
      universe: 'States and D.C., 2015: agencies with at least one month of human-trafficking data.',
      counts: 'How many agencies sent data and the FBI population they serve: coverage context for the master-file counts.',
      excludes: 'Agencies without human-trafficking records and the residents they serve.',
      caveats: ['Population served is the FBI’s agency population, not the Census population of the state.'],
    },
  ],
  caveats: ['Raw fixed-width agency records (layout in FORMATS.md) copied from a public repository at a pinned commit; agency ORIs are extended from 7 to 9 characters with "00".'],
  citation: STANDARD_CITATION,
  families: [FBI_FAMILY],
  defaultViews: [{ measure: 'fbi.htmaster.offenses.sex_trafficking', chart: 'map' }],
  fetch: [
    {
      path: HT_MASTER_FILE,
      url: githubRaw('sh3laughs/Ending-Human-Trafficking-Project', '268a0cff9aa9643b879ba0faf52ad04d75639c77', 'Data/Crime/Unused trafficking crime data/traffickingCrimes_2015.txt'),
      sha256: '9481e5a62f5bcda2c4d0b45a912459bf90bcb69a4792257e9536b9ede5556996',
      bytes: 3332136,
      official: 'https://cde.ucr.cjis.gov → Documents & Downloads → Human Trafficking (master file; unverified)',
    },
  ],
  fixtures: ['fixtures/data/stats/fbi-ucr-human-trafficking/fbi_ht_master_file_2015_fixed_width.txt'],
};
