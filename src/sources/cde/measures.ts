// Measures of the FBI Crime Data Explorer national and state series (src/sources/cde/index.ts).
// Prostitution ("prostitution and commercialized vice", as the FBI groups sellers, promoters and
// buyers) and human trafficking (commercial sex acts / involuntary servitude) are separate measures
// with separate topics; nothing here sums them.
import type { MeasureDef } from '../../model/types.ts';

const PRS =
  'Prostitution and commercialized vice (UCR Part II offense 16) as the FBI groups it: people who sell sex, promoters and ' +
  'buyers together; the summary UCR does not split them.';
const REPORTED =
  'REPORTED count (not a national estimate): arrests reported by the agencies that submitted data that year, whose number ' +
  'changes from year to year (2021 counts only agencies that reported through NIBRS, about two thirds of the population). ' +
  'The period is the calendar year.';

const base = { valueType: 'count', aggregation: 'sum', periodKind: 'data_year', family: 'fbi' } as const;

export const CDE_ARRESTS_MEASURES: MeasureDef[] = [
  {
    id: 'fbi.cde.arrests.prostitution',
    label: 'Arrests for prostitution and commercialized vice, national, reported (FBI CDE)',
    definition: `${REPORTED} ${PRS} Source: the Crime Data Explorer series "All Arrest by Offense".`,
    unit: 'arrests',
    topic: 'prostitution_all_forms',
    ...base,
  },
  {
    id: 'fbi.cde.arrests.sex_trafficking',
    label: 'Arrests for human trafficking, commercial sex acts, national, reported (FBI CDE)',
    definition: `${REPORTED} Human trafficking / commercial sex acts (UCR offense 64A, sex trafficking). Not collected in this series before 2016.`,
    unit: 'arrests',
    topic: 'sex_trafficking',
    ...base,
  },
  {
    id: 'fbi.cde.arrests.labor_trafficking',
    label: 'Arrests for human trafficking, involuntary servitude, national, reported (FBI CDE)',
    definition: `${REPORTED} Human trafficking / involuntary servitude (UCR offense 64B, labor trafficking). Not collected in this series before 2016.`,
    unit: 'arrests',
    topic: 'labor_trafficking',
    ...base,
  },
];

/** ASR adult age bands as the CDE file names them (field suffix, label). */
export const ADULT_AGE_BANDS = [
  ['18', '18'], ['19', '19'], ['20', '20'], ['21', '21'], ['22', '22'], ['23', '23'], ['24', '24'], ['25_29', '25-29'],
  ['30_34', '30-34'], ['35_39', '35-39'], ['40_44', '40-44'], ['45_49', '45-49'], ['50_54', '50-54'], ['55_59', '55-59'],
  ['60_64', '60-64'], ['65p', '65 and over'],
] as const;

const ADULT =
  'REPORTED count (not a national estimate) of arrests of adults (18 and over) from the FBI Arrests by Age, Sex and Race (ASR) ' +
  'data of the agencies that reported (see fbi.asr.adult.coverage_agencies). The period is the calendar year.';

export const ASR_ADULT_MEASURES: MeasureDef[] = [
  {
    id: 'fbi.asr.adult.prostitution_arrests',
    label: 'Adult arrests for prostitution and commercialized vice, by sex and age (FBI ASR, reported)',
    definition: `${ADULT} ${PRS} Dimensions: sex (Male, Female) and age_group (18 … 24, five-year bands 25-29 … 60-64, 65 and over).`,
    unit: 'arrests',
    topic: 'prostitution_all_forms',
    dimensions: ['sex', 'age_group'],
    ...base,
  },
  {
    id: 'fbi.asr.adult.prostitution_arrests_by_race',
    label: 'Adult arrests for prostitution and commercialized vice, by race (FBI ASR, reported)',
    definition:
      `${ADULT} ${PRS} Dimension race: White, Black, Asian or Pacific Islander, American Indian or Alaska Native (no Hispanic origin). ` +
      'Race counts come from a different (smaller) set of agencies than the sex and age counts, so the totals differ.',
    unit: 'arrests',
    topic: 'prostitution_all_forms',
    dimensions: ['race'],
    ...base,
  },
  {
    id: 'fbi.asr.adult.coverage_agencies',
    label: 'Agencies reporting adult arrests (FBI ASR)',
    definition: 'Number of agencies whose adult arrests are counted, for the sex and age table (table: age_sex) and the race table (table: race).',
    unit: 'agencies',
    topic: 'context',
    dimensions: ['table'],
    ...base,
    aggregation: 'none',
  },
  {
    id: 'fbi.asr.adult.coverage_population',
    label: 'Population covered by agencies reporting adult arrests (FBI ASR)',
    definition:
      'Population of the jurisdictions of the agencies whose adult arrests are counted, as the FBI states it, for the sex and age ' +
      'table (table: age_sex) and the race table (table: race). Coverage context, not a denominator for the whole country.',
    unit: 'people',
    topic: 'context',
    dimensions: ['table'],
    ...base,
    valueType: 'estimate',
    aggregation: 'none',
  },
];

export const EST_LONG_COLUMNS = [
  ['population', 'Population (FBI estimate used for crime rates)', 'people'],
  ['violent_crime', 'Violent crime', 'offenses'],
  ['homicide', 'Murder and nonnegligent manslaughter', 'offenses'],
  ['rape_legacy', 'Rape (legacy definition)', 'offenses'],
  ['rape_revised', 'Rape (revised definition, from 2013)', 'offenses'],
  ['robbery', 'Robbery', 'offenses'],
  ['aggravated_assault', 'Aggravated assault', 'offenses'],
  ['property_crime', 'Property crime', 'offenses'],
  ['burglary', 'Burglary', 'offenses'],
  ['larceny', 'Larceny-theft', 'offenses'],
  ['motor_vehicle_theft', 'Motor vehicle theft', 'offenses'],
] as const;

export const EST_LONG_MEASURES: MeasureDef[] = EST_LONG_COLUMNS.map(([col, label, unit]) => ({
  id: `fbi.cde.est.${col}`,
  label: `${label}, FBI estimate by state, 1979–2023`,
  definition:
    (col === 'population'
      ? "The population the FBI used for its state and national crime estimates and rates (the FBI's own denominator). "
      : `FBI ESTIMATE of ${label.toLowerCase()} offenses known to police, by state and for the nation, extrapolated to full coverage. `) +
    'From the Crime Data Explorer series of 1979–2023, the FBI’s current estimates: for 1995–2016 it leads over the older copy ' +
    '(fbi.est.*), whose values were estimated earlier and whose two rape columns are swapped. Context for the trafficking and ' +
    'prostitution measures. The national estimate is the FBI’s own and is not always the sum of the states, so values are not ' +
    'summed. The period is the calendar year.',
  unit,
  valueType: 'estimate',
  aggregation: 'none',
  periodKind: 'data_year',
  topic: 'context',
  family: 'fbi',
}));

export const PARTICIPATION_COLUMNS = [
  // [measure suffix, 0-based column index in the file (names repeat, so by position), label, unit]
  ['agencies_total', 2, 'Law-enforcement agencies (UCR universe)', 'agencies'],
  ['agencies_participating', 3, 'Agencies participating in UCR (submitting data)', 'agencies'],
  ['agencies_nibrs', 5, 'Agencies reporting through NIBRS', 'agencies'],
  ['agencies_covered', 7, 'Agencies covered by another agency’s report', 'agencies'],
  ['population_total', 9, 'Population of the state (FBI)', 'people'],
  ['population_nibrs', 10, 'Population covered by NIBRS-reporting agencies', 'people'],
] as const;

export const PARTICIPATION_MEASURES: MeasureDef[] = PARTICIPATION_COLUMNS.map(([id, , label, unit]) => ({
  id: `fbi.participation.${id}`,
  label: `${label} (FBI UCR participation)`,
  definition:
    `${label}, by state and year, from the FBI Crime Data Explorer UCR participation table (1960–2021). Coverage context for every ` +
    'FBI count: a count covers only the agencies that took part. The United States value is the sum of the 50 states and D.C. ' +
    '(flag sum_of_states; territories excluded). The period is the calendar year.',
  unit,
  valueType: 'count',
  // One value per state-year: the U.S. row is itself a sum, so summing places would count twice.
  aggregation: 'none',
  periodKind: 'data_year',
  topic: 'context',
  family: 'fbi',
}));
