// Figures transcribed by hand from public pages (TIP tiers 2016–2025 and stated counts, TIP law
// enforcement, U.S. federal prosecutions, hotline, ILO 2022): see ../descriptor.ts.
import { MiB, entryOf, exactPath, type SourceDescriptor } from '../descriptor.ts';
import { SIZE_CAPS } from '../limits.ts';
import { TIP_MEASURES } from '../tip/measures.ts';
import { FILES, TRANSCRIBED_CAVEATS, TRANSCRIBED_DIR, TRANSCRIBED_SOURCE } from './source.ts';
import { FEDERAL_MEASURES, HOTLINE_MEASURES, ILO_MEASURES, LAW_ENFORCEMENT_FIELDS, TIER_COUNT_MEASURE } from './measures.ts';

const PARTIAL = 'Transcribed and partly complete: a missing year or country was not found, not zero.';

export const transcribedDescriptor: SourceDescriptor = {
  id: TRANSCRIBED_SOURCE.id,
  title: TRANSCRIBED_SOURCE.title,
  publisher: 'As stated per value: U.S. Department of State, BJS, DOJ, Polaris/HHS, ILO/Walk Free/IOM, CIA World Factbook and secondary pages quoting them',
  entry: entryOf(import.meta.url),
  loadImporter: async () => (await import('./index.ts')).transcribedImporter,
  claims: [
    ...Object.values(FILES).map((f) => ({ pattern: exactPath(f), format: 'csv' as const, maxBytes: SIZE_CAPS.csv })),
    {
      pattern: exactPath(`${TRANSCRIBED_DIR}/cia_factbook_world_tip_entry_versions.csv`),
      format: 'csv',
      maxBytes: 4 * MiB,
      notLoaded: 'Raw texts of the CIA World Factbook’s trafficking entry that the tier lists were transcribed from; the lists and counts they hold are loaded from the placements and stated-counts files, and a test checks the counts printed in them against the placements.',
    },
  ],
  measures: [
    {
      measures: [...TIP_MEASURES.filter((m) => m.id === 'tip.tier'), TIER_COUNT_MEASURE],
      universe: 'Governments placed in TIP Report years 2016–2025 as far as transcribed; counts per tier as sources state them, 2015–2025.',
      counts: 'Tier placements, and the number of countries per tier as the report, the CIA World Factbook or the press states it.',
      excludes: 'How much trafficking occurs; countries not yet transcribed for a year.',
      caveats: [PARTIAL, 'Each value carries its grade (official publication, official mirror, secondary quote) beside it.'],
    },
    {
      measures: LAW_ENFORCEMENT_FIELDS.map(([, m]) => m),
      universe: 'Governments worldwide (or a State Department region) as reported to the State Department for the data year.',
      counts: 'Prosecutions, convictions, victims identified (labor figures apart where printed) and new or amended laws.',
      excludes: 'Data years 2008, 2010, 2011, 2014 and 2017–2021 (not found); most labor splits.',
      caveats: [PARTIAL, 'Figures governments reported, revised in later editions: the later edition leads where two disagree.'],
    },
    {
      measures: FEDERAL_MEASURES,
      universe: 'U.S. federal human-trafficking cases (BJS, DOJ, DHS, Human Trafficking Institute), by fiscal or calendar year as stated.',
      counts: 'Federal suspects, prosecutions, convictions, cases and arrests as each publisher counts them.',
      excludes: 'State prosecutions; prostitution cases; years no page stated.',
      caveats: [PARTIAL, 'Publishers count differently (suspects, defendants, cases): values of different publishers are not one series.'],
    },
    {
      measures: HOTLINE_MEASURES,
      universe: 'Contacts to the U.S. National Human Trafficking Hotline, 2007–FY2022, as Polaris or HHS stated them.',
      counts: 'Cases, sex-trafficking situations and contacts the hotline reported.',
      excludes: 'Confirmed trafficking (signals, not verified cases); contacts to other hotlines.',
      caveats: [PARTIAL, 'Hotline figures count what reached the hotline: they rise with awareness and outreach, not only with trafficking.'],
    },
    {
      measures: ILO_MEASURES,
      universe: 'The world, 2021 (ILO, Walk Free & IOM Global Estimates of Modern Slavery 2022).',
      counts: 'Estimated people in modern slavery, forced labour (including forced commercial sexual exploitation) and forced marriage.',
      excludes: 'Counts of cases; consensual sex work.',
      caveats: ['Model-based global estimates, not counts; not comparable with the 2017 edition.'],
    },
  ],
  caveats: TRANSCRIBED_CAVEATS,
  citation: '{publisher}. {title}. {locator} (transcribed by hand; see the quoted page). Retrieved {retrieved} from {url} (sha256 {sha256}).',
  families: [
    { id: 'tip', label: 'TIP Report (U.S. State Department)', geography: 'country' },
    { id: 'us_federal', label: 'U.S. federal prosecutions', geography: 'state' },
    { id: 'hotline', label: 'National Human Trafficking Hotline', geography: 'state' },
    { id: 'ilo', label: 'ILO global estimates', geography: 'country' },
  ],
  defaultViews: [{ measure: 'tip.tier_count_stated', chart: 'bar' }, { measure: FEDERAL_MEASURES[0]!.id, chart: 'line' }],
  fetch: [],
  fixtures: ['test/sources/transcribed.test.ts'],
};
