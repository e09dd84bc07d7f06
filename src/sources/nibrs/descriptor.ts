// FBI NIBRS state-year extracts: see ../descriptor.ts.
import { MiB, STANDARD_CITATION, entryOf, type FetchFile, type SourceDescriptor } from '../descriptor.ts';
import { MAX_NIBRS_ENTRY_BYTES } from '../limits.ts';
import { NIBRS_DIR, NIBRS_SOURCE } from './source.ts';
import { nibrsMeasures } from './measures.ts';

/**
 * The Crime Data Explorer's NIBRS state-year zips (`<ST>-<YEAR>.zip`). Bucket addresses as used by
 * public download scripts (one for data years before 2016, one from 2016); UNVERIFIED. The zip is
 * the official, complete extract, so no table subset and no pinned checksum: the importer checks it.
 */
export const NIBRS_BUCKET_BEFORE_2016 = 'https://s3-us-gov-west-1.amazonaws.com/cg-d3f0433b-a53e-4934-8b94-c678aa2cbaf3';
export const NIBRS_BUCKET_FROM_2016 = 'https://s3-us-gov-west-1.amazonaws.com/cg-d4b776d0-d898-4153-90c8-8336f86bdfec';

export function nibrsExtract(state: string, year: number): FetchFile {
  const st = state.toUpperCase();
  if (!/^[A-Z]{2}$/.test(st) || !Number.isInteger(year) || year < 1991) throw new Error(`not a NIBRS state-year: ${state}-${year}`);
  return {
    path: `${NIBRS_DIR}/${st}-${year}.zip`,
    url: `${year < 2016 ? NIBRS_BUCKET_BEFORE_2016 : NIBRS_BUCKET_FROM_2016}/${st}-${year}.zip`,
    official: 'https://cde.ucr.cjis.gov → Documents & Downloads → NIBRS data by state (unverified)',
  };
}

/** The state-years MANIFEST.md describes (Louisiana 2012–2019 without 2015, D.C. 2022, Vermont 2024). */
export const NIBRS_STATE_YEARS: [string, number][] = [
  ['LA', 2012], ['LA', 2013], ['LA', 2014], ['LA', 2016], ['LA', 2017], ['LA', 2018], ['LA', 2019], ['DC', 2022], ['VT', 2024],
];

const BUNDLE = `^${NIBRS_DIR.replace(/-/g, '\\-')}/[A-Za-z]{2}-\\d{4}(?:-partial)?`;
const MEASURES = nibrsMeasures();
const COVERAGE = { coverage: 'nibrs-agencies', rates: 'nibrs-covered-population' } as const;
const POLICE_RECORD =
  'Counts of what police recorded in the agencies that reported to NIBRS: they measure enforcement and recording, not how much prostitution or trafficking occurs.';

export const nibrsDescriptor: SourceDescriptor = {
  id: NIBRS_SOURCE.id,
  title: NIBRS_SOURCE.title,
  publisher: 'Federal Bureau of Investigation, Uniform Crime Reporting Program (NIBRS)',
  entry: entryOf(import.meta.url),
  loadImporter: async () => (await import('./index.ts')).nibrsImporter,
  claims: [
    {
      pattern: new RegExp(`^${NIBRS_DIR}/_format-fixtures/`),
      format: 'csv',
      maxBytes: MiB,
      notLoaded: 'A few Wisconsin agencies’ rows, cut down to test the NIBRS header variants; not a statistic — loading them would show fragments as if they were state figures.',
    },
    { pattern: new RegExp(`${BUNDLE}/FBI_README\\.md$`), format: 'markdown', maxBytes: MiB, notLoaded: 'The FBI’s own description of the NIBRS extract it came with; documentation, not data.' },
    {
      pattern: new RegExp(`${BUNDLE}/(nibrs_month|agency_participation|cde_agencies|agencies)\\.csv$`, 'i'),
      format: 'csv',
      maxBytes: MAX_NIBRS_ENTRY_BYTES,
      notLoaded: 'Agency or month table of a NIBRS extract whose layout the NIBRS importer does not read these tables from: reporting coverage for this state-year is not computed from it.',
    },
    // Every table of an extract folder; the importer reads the ones it needs, the rest are listed with this reason.
    {
      pattern: new RegExp(`${BUNDLE}/[^/]+\\.csv$`, 'i'),
      format: 'csv',
      maxBytes: MAX_NIBRS_ENTRY_BYTES,
      notLoaded: 'NIBRS table the importer does not need: Cogency counts offenses, arrestees and reporting coverage; victim, offender, property, weapon, drug and other detail tables are not loaded.',
    },
    { pattern: new RegExp(`${BUNDLE}\\.zip$`, 'i'), format: 'zip', maxBytes: 8 * 1024 * MiB },
  ],
  measures: [
    {
      measures: MEASURES.filter((m) => m.topic.startsWith('prostitution')),
      universe: 'Incidents, offenses, arrestees and victims recorded by the agencies of a state that reported to NIBRS in the data year (state-year extracts loaded).',
      counts: 'Prostitution (40A), assisting or promoting prostitution (40B) and purchasing prostitution (40C), each its own measure.',
      excludes: 'Trafficking (64A, 64B: separate measures); agencies that did not report to NIBRS; states whose extracts are not loaded.',
      caveats: [POLICE_RECORD, 'Prostitution offenses are crimes against society: their victim records name society, not a person.'],
      ...COVERAGE,
    },
    {
      measures: MEASURES.filter((m) => m.topic === 'sex_trafficking' || m.topic === 'labor_trafficking'),
      universe: 'Incidents, offenses, arrestees and victims recorded by the agencies of a state that reported to NIBRS in the data year (state-year extracts loaded).',
      counts: 'Human trafficking, commercial sex acts (64A) and involuntary servitude (64B), each its own measure.',
      excludes: 'Prostitution (separate measures); trafficking recorded under other offense codes; federal cases; agencies that did not report.',
      caveats: [POLICE_RECORD, 'Small counts below state level are withheld with the cells that would reveal them (disclosure control).'],
      ...COVERAGE,
    },
    {
      measures: MEASURES.filter((m) => m.topic === 'context'),
      universe: 'Every incident, offense and arrestee recorded by the reporting agencies of the state-year extract.',
      counts: 'All offenses: the denominators that put the offense-specific counts in proportion.',
      excludes: 'Agencies that did not report to NIBRS.',
      caveats: ['Coverage (agencies reporting, population covered) stands beside every figure; the 2021 NIBRS-only transition is a coverage break.'],
      ...COVERAGE,
    },
  ],
  caveats: ['A folder copy lacking table groups is loaded as a stated partial extract, never presented as the state’s total.'],
  citation: STANDARD_CITATION,
  families: [{ id: 'nibrs', label: 'FBI NIBRS incident data', geography: 'state' }],
  defaultViews: [{ measure: 'nibrs.offenses.prostitution', chart: 'bar' }, { measure: 'nibrs.offenses.sex_trafficking', chart: 'bar' }],
  fetch: NIBRS_STATE_YEARS.map(([st, y]) => nibrsExtract(st, y)),
  fixtures: ['fixtures/nibrs/DE-2023/'],
};
