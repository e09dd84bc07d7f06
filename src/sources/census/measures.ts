import type { MeasureDef } from '../../model/types.ts';

const base = {
  unit: 'people',
  valueType: 'estimate',
  aggregation: 'sum',
  periodKind: 'data_year',
  topic: 'context',
  family: 'census',
} as const satisfies Partial<MeasureDef>;

const acs =
  'U.S. Census Bureau, American Community Survey 1-year estimates, Data Profile DP05, by state (50 states and D.C.; ' +
  'Puerto Rico is not stored so that the U.S. sum matches the national total). A survey estimate with a margin of error ' +
  '(not stored here); the period is the survey year. Each DP05 breakdown is a separate margin of the same total, not a ' +
  'cross-tabulation, so each is its own measure: never combine two of them in one table.';

export const CENSUS_MEASURES: MeasureDef[] = [
  {
    id: 'census.population',
    label: 'Resident population (Census PEP)',
    definition:
      'U.S. Census Bureau Population Estimates Program: resident population on July 1 of the year, by state ' +
      '(50 states and D.C.), from Vintage 2019 for 2010–2019 and Vintage 2023 for 2020–2023. The default denominator ' +
      'for per-capita rates of state and national counts (rate = count ÷ census.population of the same place and year).',
    ...base,
  },
  {
    id: 'census.acs.population.by_sex',
    label: 'Population by sex (ACS DP05)',
    definition: `Total population by sex (dimension sex: Male, Female). ${acs} Denominator for rates by sex.`,
    ...base,
    dimensions: ['sex'],
  },
  {
    id: 'census.acs.population.by_age',
    label: 'Population by age group (ACS DP05)',
    definition:
      `Total population by age group (dimension age_group: Under 5 years, 5 to 9 years, …, 85 years and over). ${acs} ` +
      'Denominator for rates by age.',
    ...base,
    dimensions: ['age_group'],
  },
  {
    id: 'census.acs.population.by_race',
    label: 'Population by race, alone (ACS DP05)',
    definition:
      'Total population by race (dimension race: White, Black or African American, American Indian and Alaska Native, ' +
      'Asian, Native Hawaiian and Other Pacific Islander — each "alone", i.e. one race only — Some other race, and Two or ' +
      `more races; Hispanic people are included in each race). ${acs} Denominator for race-specific rates and disparity ` +
      'ratios of counts that record race without Hispanic origin (e.g. FBI arrests).',
    ...base,
    dimensions: ['race'],
  },
  {
    id: 'census.acs.population.by_hispanic_race',
    label: 'Population by Hispanic origin and race (ACS DP05)',
    definition:
      'Total population by Hispanic or Latino origin (dimension hispanic: Hispanic or Latino, Not Hispanic or Latino) ' +
      'and, for non-Hispanic people, race alone (dimension race; "Any race" for Hispanic people). ' +
      `${acs} Denominator for rates by race and ethnicity where the count records both.`,
    ...base,
    dimensions: ['hispanic', 'race'],
  },
];
