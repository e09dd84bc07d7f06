// FBI UCR human trafficking by agency, 2013–2020 (CDE agency-level CSV): see ../descriptor.ts.
import { MiB, STANDARD_CITATION, entryOf, exactPath, githubRaw, type SourceDescriptor } from '../descriptor.ts';
import { FBI_HT_CAVEATS, FBI_HT_PATH, FBI_HT_SOURCE } from './source.ts';
import { FBI_HT_MEASURES } from './measures.ts';

const PARTICIPATION = ['fbi.ht.reporting_agencies', 'fbi.ht.participating_states'];

export const FBI_FAMILY = { id: 'fbi', label: 'FBI Uniform Crime Reporting', geography: 'state' } as const;

export const fbiHtDescriptor: SourceDescriptor = {
  id: FBI_HT_SOURCE.id,
  title: FBI_HT_SOURCE.title,
  publisher: 'Federal Bureau of Investigation, Uniform Crime Reporting Program (Crime Data Explorer)',
  entry: entryOf(import.meta.url),
  loadImporter: async () => (await import('./index.ts')).fbiHtImporter,
  claims: [{ pattern: exactPath(FBI_HT_PATH), format: 'csv', maxBytes: 32 * MiB }],
  measures: [
    {
      measures: FBI_HT_MEASURES.filter((m) => !PARTICIPATION.includes(m.id)),
      universe: 'Agencies that reported human trafficking to the UCR program in the year: 6 states in 2013, 44 in 2020; other states are absent, not zero.',
      counts: 'Human-trafficking offenses known to police (commercial sex acts and involuntary servitude kept apart), cleared, cleared with only juveniles involved, and unfounded.',
      excludes: 'Prostitution offenses; trafficking charged under other offense codes; agencies that did not report; any federal case.',
      caveats: FBI_HT_CAVEATS,
      coverage: 'ucr-ht-participation',
    },
    {
      measures: FBI_HT_MEASURES.filter((m) => PARTICIPATION.includes(m.id)),
      universe: 'Agencies and states with human-trafficking records in the FBI file, by year.',
      counts: 'How many agencies (per state) and states (nationally) reported: the coverage beside every human-trafficking figure.',
      excludes: 'Agencies that reported zero incidents without a record; the population those agencies cover.',
      caveats: ['Participation grew from 6 states (2013) to 44 (2020): a rising national count partly reflects more states reporting.'],
    },
  ],
  caveats: ['Copied from a public repository of the Crime Data Explorer download (pinned commit); the CDE serves its downloads through a web app with no stable file URL.'],
  citation: STANDARD_CITATION,
  families: [FBI_FAMILY],
  defaultViews: [{ measure: 'fbi.ht.offenses', chart: 'line' }],
  fetch: [
    {
      path: FBI_HT_PATH,
      url: githubRaw('bakeralexan/human_trafficking_interactive_charts', '39fb0b11c617f4ed270c7bef092d35964b8d970e', 'Resources/HT_2013-2020.csv'),
      sha256: '3d34ab9757b4802541cbab6e53687b8f9d7f801f1b8583ee05c4837e750bf13d',
      bytes: 781847,
      // Unverified: the CDE serves its downloads through a web app; no stable file URL is known.
      official: 'https://cde.ucr.cjis.gov → Documents & Downloads → Human Trafficking (unverified)',
    },
  ],
  fixtures: ['fixtures/data/stats/fbi-ucr-human-trafficking/cde_human_trafficking_agency_2013-2020.csv'],
};
