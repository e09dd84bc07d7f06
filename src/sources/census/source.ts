// What the descriptor and the importer both state about the source (id, title, files, caveats),
// apart from the importer's code: reading the descriptor loads no parser (see ../descriptors.ts).

export const PEP_DIR = 'stats/census-population/pep-state-totals';
export const PEP_2019 = `${PEP_DIR}/nst-est2019-alldata_modified.csv`;
export const PEP_2023 = `${PEP_DIR}/NST-EST2023-ALLDATA.csv`;
export const ACS_DIR = 'stats/census-population/acs1-dp05-by-state';
export const acsData = (y: number) => `${ACS_DIR}/acs1_dp05_states_${y}.csv`;
export const acsLegend = (y: number) => `${ACS_DIR}/acs1_dp05_legend_${y}.csv`;

export const PEP_CAVEATS = [
  'Population estimates are revised every year (each vintage re-estimates earlier years); 2010–2019 come from Vintage 2019 and 2020–2023 from Vintage 2023, which starts from the 2020 Census base, so 2019→2020 is a break between two estimate series.',
  'Puerto Rico is in the Census files but not stored, so that the sum over the United States equals the Census national total (50 states and D.C.).',
  'The Vintage 2019 file was copied from a repository whose author removed the DIVISION and NAME columns; states are identified by their FIPS code (STATE), checked against the Vintage 2023 file’s names.',
];

export const ACS_CAVEATS = [
  'ACS 1-year figures are survey estimates with margins of error (the M/PM columns, not stored here); small groups in small states are imprecise.',
  'Race categories are “alone” (one race only); people of two or more races are a separate category, and Hispanic origin is asked separately from race.',
  'DP05 variable numbers change between years; every value here was found through that year’s legend by its label, never by position.',
  'Census annotation codes (-555555555, -888888888, -999999999 and similar) mean “not applicable / not available / statistical test not appropriate”; they are stored as missing values, never as numbers.',
  'Puerto Rico is in the Census files but not stored, so that U.S. sums match the national total (50 states and D.C.).',
];

export const CENSUS_SOURCE = {
  id: 'census',
  title: 'Census population: PEP state totals 2010–2023 and ACS DP05 by sex, age, race and Hispanic origin 2010–2018',
  expects: `${PEP_2019}, ${PEP_2023}, ${ACS_DIR}/acs1_dp05_{states,legend}_<year>.csv`,
} as const;
