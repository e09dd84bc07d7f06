// FBI UCR national arrest estimates, juvenile ASR and estimated crimes by state 1995–2016: see ../descriptor.ts.
import { MiB, STANDARD_CITATION, entryOf, exactPath, githubRaw, type SourceDescriptor } from '../descriptor.ts';
import { FBI_FAMILY } from '../fbi-ht/descriptor.ts';
import { ARRESTS_FILE, ASR_FILE, EST_FILE, FBI_UCR_SOURCE, PRS_CAVEATS } from './source.ts';
import { ARRESTS_MEASURES, ASR_MEASURES, EST_MEASURES } from './measures.ts';

const CDE_PAGE = 'https://cde.ucr.cjis.gov → Documents & Downloads → Arrest data (unverified)';

export const fbiUcrDescriptor: SourceDescriptor = {
  id: FBI_UCR_SOURCE.id,
  title: FBI_UCR_SOURCE.title,
  publisher: 'FBI Uniform Crime Reporting Program (Crime Data Explorer)',
  entry: entryOf(import.meta.url),
  loadImporter: async () => (await import('./index.ts')).fbiUcrImporter,
  claims: [
    { pattern: exactPath(ARRESTS_FILE), format: 'csv', maxBytes: 32 * MiB },
    { pattern: exactPath(ASR_FILE), format: 'csv', maxBytes: 32 * MiB },
    { pattern: exactPath(EST_FILE), format: 'csv', maxBytes: 32 * MiB },
  ],
  measures: [
    {
      measures: ARRESTS_MEASURES,
      universe: 'The United States as a whole, 1995–2016: FBI national estimates extrapolated to the whole population.',
      counts: 'Estimated arrests for prostitution and commercialized vice, and for all offenses.',
      excludes: 'Reported (unextrapolated) arrests; human trafficking (no column in this file); any split by role (selling, promoting, buying).',
      caveats: PRS_CAVEATS,
    },
    {
      measures: ASR_MEASURES,
      universe: 'Juveniles (under 18) arrested by the agencies that reported to the Arrests by Age, Sex and Race collection, 1994–2016.',
      counts: 'Juvenile arrests for prostitution and commercialized vice by age, sex and race, and the agencies and population reporting.',
      excludes: 'Adults (see fbi-cde); agencies that did not report; trafficking.',
      caveats: ['Reported arrests from the agencies that sent ASR data that year; coverage changes between years, so compare with the coverage measures beside them.', PRS_CAVEATS[0]!],
    },
    {
      measures: EST_MEASURES,
      universe: 'States, D.C. and the nation, 1995–2016: FBI estimates extrapolated to full coverage.',
      counts: 'Estimated offenses known to police by crime type, and the population the FBI used for its rates.',
      excludes: 'Prostitution and trafficking (not Part I crimes); arrests.',
      caveats: ['Context only: the FBI’s national estimate is its own and is not always the sum of the state estimates, so values are not summed.'],
    },
  ],
  caveats: ['Copied from public repositories of Crime Data Explorer downloads (pinned commits); the CDE serves its files through a web app with no stable file URL.'],
  citation: STANDARD_CITATION,
  families: [FBI_FAMILY],
  defaultViews: [{ measure: 'fbi.arrests.prostitution_estimated', chart: 'line' }],
  fetch: [
    {
      path: ARRESTS_FILE,
      url: githubRaw('oibra/info201-group-project', 'b8bc9ac1e5e5f13015c03065e53cd41680cd4f8e', 'arrests_national.csv'),
      sha256: '0ee370e9b4479c849c9ad0bf27e9dd911b86215ee4af7c4f4bb82d9bca51efda',
      bytes: 5446,
      official: CDE_PAGE,
    },
    {
      path: ASR_FILE,
      url: githubRaw('captainkeemo/Juvenile-Criminal-Behavior', 'd65f6d2e87ca18737fee0edf970e2f2665cb0483', 'arrests_national_juvenile.csv'),
      sha256: '2f27e1e6ffae7639dc14e2543c86c26aa4b509f56ca65b70996af45a110895b2',
      bytes: 99723,
    },
    {
      path: EST_FILE,
      url: githubRaw('oibra/info201-group-project', 'b8bc9ac1e5e5f13015c03065e53cd41680cd4f8e', 'data/estimated_crimes.csv'),
      sha256: '51aa3e5b77cda2f22a9896f30321b8da4e5866f521a75ef8388ecf6940195be1',
      bytes: 76540,
    },
  ],
  fixtures: ['fixtures/data/stats/fbi-ucr-summary/'],
};
