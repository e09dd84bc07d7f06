// Census population: PEP state totals and ACS DP05 profiles: see ../descriptor.ts.
import { MiB, STANDARD_CITATION, entryOf, exactPath, githubRaw, type SourceDescriptor } from '../descriptor.ts';
import { ACS_CAVEATS, ACS_DIR, acsData, acsLegend, CENSUS_SOURCE, PEP_2019, PEP_2023, PEP_CAVEATS } from './source.ts';
import { CENSUS_MEASURES } from './measures.ts';

const ACS_REPO = 'gabrieljohndusing/NCNW-Project-Datasets';
const ACS_COMMIT = '8b63f3f1b5b344ba3bc8e00534c2de9bbd120fa1';
const ACS_BASE = 'data-sets/census/bystate/acs-acs1-profile';
const ACS_YEARS = [2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018];

export const censusDescriptor: SourceDescriptor = {
  id: CENSUS_SOURCE.id,
  title: CENSUS_SOURCE.title,
  publisher: 'U.S. Census Bureau (Population Estimates Program; American Community Survey)',
  entry: entryOf(import.meta.url),
  loadImporter: async () => (await import('./index.ts')).censusImporter,
  claims: [
    { pattern: exactPath(PEP_2019), format: 'csv', maxBytes: 32 * MiB },
    { pattern: exactPath(PEP_2023), format: 'csv', maxBytes: 32 * MiB },
    { pattern: new RegExp(`^${ACS_DIR.replace(/[.-]/g, '\\$&')}/acs1_dp05_(states|legend)_\\d{4}\\.csv$`), format: 'csv', maxBytes: 32 * MiB },
  ],
  measures: [
    {
      measures: CENSUS_MEASURES.filter((m) => m.id === 'census.population'),
      universe: 'Resident population of the 50 states and D.C., 2010–2023 (Puerto Rico not stored).',
      counts: 'Annual resident population estimates: the denominator of every per-resident share.',
      excludes: 'Puerto Rico and the territories; the population covered by reporting police agencies (that is NIBRS coverage).',
      caveats: PEP_CAVEATS,
    },
    {
      measures: CENSUS_MEASURES.filter((m) => m.id !== 'census.population'),
      universe: 'Residents of each state as estimated by the ACS 1-year survey, 2010–2018.',
      counts: 'Population by sex, age, race (alone) and Hispanic origin × race, each a separate partition of the total.',
      excludes: 'Margins of error (not stored); people of two or more races inside single-race groups.',
      caveats: ACS_CAVEATS,
    },
  ],
  caveats: ['Census figures are context (denominators and population shares), not measures of trafficking or sex work.'],
  citation: STANDARD_CITATION,
  families: [{ id: 'census', label: 'U.S. Census Bureau population', geography: 'state' }],
  defaultViews: [{ measure: 'census.population', chart: 'map' }],
  fetch: [
    {
      path: PEP_2023,
      // Census's own file (URL pattern from FORMATS.md §11, unverified). The copy in shared/ came from a
      // repository, so its checksum is not asserted for the official download; the size is checked.
      url: 'https://www2.census.gov/programs-surveys/popest/datasets/2020-2023/state/totals/NST-EST2023-ALLDATA.csv',
    },
    {
      path: PEP_2019,
      // The importer reads the Vintage 2019 layout with or without DIVISION/NAME; this is the pinned
      // copy (columns removed). Official (unverified):
      // https://www2.census.gov/programs-surveys/popest/datasets/2010-2019/national/totals/nst-est2019-alldata.csv
      url: githubRaw('nalonal/nst-est2019-alldata', 'e4c81d8098bdba19e14ade0175b0f75552728cb6', 'nst-est2019-alldata.csv'),
      sha256: 'cd47a7854ed7e1ba08596d4f62ad69b5f87a5542289f8a647e7516895dd0c667',
      bytes: 67271,
    },
    // ACS DP05: the Census API answers JSON (https://api.census.gov/data/<year>/acs/acs1/profile?get=group(DP05)&for=state:*,
    // unverified); the importer reads the CSV pulls documented in MANIFEST, fetched from their pinned copy.
    ...ACS_YEARS.flatMap((y) => [
      { path: acsData(y), url: githubRaw(ACS_REPO, ACS_COMMIT, `${ACS_BASE}/data/${y}/acs-acs1-profile-${y}-GROUP_DP05_DATA.csv`) },
      { path: acsLegend(y), url: githubRaw(ACS_REPO, ACS_COMMIT, `${ACS_BASE}/legend-csv/acs-acs1-profile-${y}-GROUP_DP05_LEGEND.csv`) },
    ]),
  ],
  fixtures: ['fixtures/data/stats/census-population/'],
};
