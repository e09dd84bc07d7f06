// FBI Crime Data Explorer national series (reported arrests, adult ASR, estimated crimes 1979–2023,
// UCR participation): see ../descriptor.ts.
import { MiB, STANDARD_CITATION, entryOf, exactPath, githubRaw, type SourceDescriptor } from '../descriptor.ts';
import { FBI_FAMILY } from '../fbi-ht/descriptor.ts';
import { ARRESTS_JSON, ASR_ADULT_FILE, EST_LONG_FILE, EST_OLD_FILE, FBI_CDE_SOURCE, PARTICIPATION_FILE, PRS_CAVEATS } from './source.ts';
import { ASR_ADULT_MEASURES, CDE_ARRESTS_MEASURES, EST_LONG_MEASURES, PARTICIPATION_MEASURES } from './measures.ts';

const CDE_PAGE = 'https://cde.ucr.cjis.gov → Documents & Downloads (unverified)';
const REPORTED =
  'Reported arrests from the agencies that submitted data each year (not national estimates); coverage changes strongly between years, and 2021 counts only agencies that reported through NIBRS.';

export const fbiCdeDescriptor: SourceDescriptor = {
  id: FBI_CDE_SOURCE.id,
  title: FBI_CDE_SOURCE.title,
  publisher: 'FBI Uniform Crime Reporting Program (Crime Data Explorer)',
  entry: entryOf(import.meta.url),
  loadImporter: async () => (await import('./index.ts')).fbiCdeImporter,
  claims: [
    { pattern: exactPath(ARRESTS_JSON), format: 'json', maxBytes: 4 * MiB },
    { pattern: exactPath(ASR_ADULT_FILE), format: 'csv', maxBytes: 32 * MiB },
    { pattern: exactPath(EST_LONG_FILE), format: 'csv', maxBytes: 32 * MiB },
    // The older copy is read beside the 1979–2023 file to state where the two disagree.
    { pattern: exactPath(EST_OLD_FILE), format: 'csv', maxBytes: 32 * MiB },
    { pattern: exactPath(PARTICIPATION_FILE), format: 'csv', maxBytes: 32 * MiB },
  ],
  measures: [
    {
      measures: CDE_ARRESTS_MEASURES.filter((m) => m.topic === 'prostitution_all_forms'),
      universe: 'Agencies that submitted arrest data to the FBI each year, 2012–2022, summed nationally by the CDE.',
      counts: 'Reported arrests for prostitution and commercialized vice (selling, promoting and buying together).',
      excludes: 'Trafficking (separate measures); agencies that did not report; any estimate for non-reporting agencies.',
      caveats: [...PRS_CAVEATS, REPORTED],
    },
    {
      measures: CDE_ARRESTS_MEASURES.filter((m) => m.topic !== 'prostitution_all_forms'),
      universe: 'Agencies that submitted arrest data to the FBI each year, 2012–2022, summed nationally by the CDE.',
      counts: 'Reported arrests for human trafficking: commercial sex acts and involuntary servitude as separate measures.',
      excludes: 'Prostitution arrests; federal arrests; years before the series carries trafficking arrests (zeros there mean not collected).',
      caveats: [REPORTED, 'The series carries human-trafficking arrests from 2016 (3 arrests, the first partial year); earlier zeros mean not collected, not none.'],
    },
    {
      measures: ASR_ADULT_MEASURES,
      universe: 'Adults arrested by the agencies that reported to the Arrests by Age, Sex and Race collection, 1994–2016.',
      counts: 'Adult arrests for prostitution and commercialized vice by sex, age and race, and the agencies and population reporting.',
      excludes: 'Juveniles (see fbi-ucr); trafficking; non-reporting agencies.',
      caveats: [PRS_CAVEATS[0]!, 'Reported arrests: coverage changes between years; read them with the agencies and population reporting.'],
    },
    {
      measures: EST_LONG_MEASURES,
      universe: 'States, D.C. and the nation, 1979–2023: FBI estimates extrapolated to full coverage.',
      counts: 'Estimated offenses known to police by crime type, and the FBI’s population.',
      excludes: 'Prostitution and trafficking (not estimated); arrests.',
      caveats: [
        'Rape has two definitions kept as separate measures (legacy and revised, from 2013) that must not be joined into one series.',
        'Thousands separators and the older file’s swapped rape columns are handled on load; where the two copies disagree the caveats of the load say so.',
      ],
    },
    {
      measures: PARTICIPATION_MEASURES,
      universe: 'Law-enforcement agencies in each state and the population they cover, 1960–2021.',
      counts: 'How many agencies took part in the UCR program (summary and NIBRS) and the population they cover: the coverage behind every UCR figure.',
      excludes: 'Which agencies reported which offenses; Puerto Rico and the territories in the U.S. sums.',
      caveats: ['The United States values are sums of the 50 states and D.C. made here; the FBI table names two columns "nibrs_participating_agencies" (kept apart by position).'],
    },
  ],
  caveats: ['Copied from public repositories of Crime Data Explorer downloads and API answers (pinned commits); the CDE has no stable file URL.'],
  citation: STANDARD_CITATION,
  families: [FBI_FAMILY],
  defaultViews: [{ measure: 'fbi.cde.arrests.prostitution', chart: 'line' }, { measure: 'fbi.cde.arrests.sex_trafficking', chart: 'line' }],
  fetch: [
    {
      path: ARRESTS_JSON,
      url: githubRaw('briansoonwookwon/5200_Project', 'a5a8887cb3381c172389933a88cb4c6ea1d79319', 'data/Dheeraj_data/national_arrests.json'),
      sha256: 'fc2653c556c11f16ea5fc4e46adea48ad346d8fe448bb8a14114c0fafe83070d',
      bytes: 15111,
      official: 'https://api.usa.gov/crime/fbi/cde (api.data.gov key; "All Arrest by Offense"; unverified)',
    },
    {
      path: ASR_ADULT_FILE,
      url: githubRaw('Crawford92/crime_stats', 'fd3f091440ec1e6efbf4f2851ae4e0d11d86a59d', 'arrests_national_adults.csv'),
      sha256: 'ef576e60654179bb5d889ca21287c476cfeb8f6793a59b4c7e562aebca5321b5',
      bytes: 161868,
      official: CDE_PAGE,
    },
    {
      path: EST_LONG_FILE,
      url: githubRaw('suprithakulkarni3113-rgb/Crime_Dataanalysis_Stats', '2938a601c682dde98cc464dc8aaecc0e71f7ae39', 'estimated_crimes_1979_2023.csv'),
      sha256: '754a8a74860e6a26bc22fcc8291bf93c493f3c5b1c8e629402ab631e49450979',
      bytes: 205013,
      official: CDE_PAGE,
    },
    {
      path: PARTICIPATION_FILE,
      url: githubRaw('Crawford92/crime_stats', 'fd3f091440ec1e6efbf4f2851ae4e0d11d86a59d', 'ucr_participation_1960_2021.csv'),
      sha256: '73a549a59894432a41fccf46ebc9691a32e8fe3f01de6cb76cb2910e1ec22ff9',
      bytes: 169617,
      official: CDE_PAGE,
    },
  ],
  fixtures: ['fixtures/data/stats/fbi-ucr-summary/'],
};
