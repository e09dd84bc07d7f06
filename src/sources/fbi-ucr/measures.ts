import type { MeasureDef } from '../../model/types.ts';

const PRS = 'Prostitution and commercialized vice (UCR Part II offense 16): people who sell sex, promoters and buyers together — the summary UCR does not split them.';

export const ARRESTS_MEASURES: MeasureDef[] = [
  {
    id: 'fbi.arrests.prostitution_estimated',
    label: 'Arrests for prostitution and commercialized vice, national estimate (FBI)',
    definition:
      `FBI national ESTIMATE of arrests (not a count): the UCR Program's estimate of all arrests in the United States, ` +
      `extrapolated from reporting agencies to the whole population. ${PRS} The period is the calendar year; 1995–1999 are rounded to hundreds.`,
    unit: 'arrests',
    valueType: 'estimate',
    aggregation: 'sum',
    periodKind: 'data_year',
    topic: 'prostitution_all_forms',
    family: 'fbi',
  },
  {
    id: 'fbi.arrests.total_estimated',
    label: 'Arrests for all offenses, national estimate (FBI)',
    definition: "FBI national ESTIMATE of arrests for all offenses (context for the prostitution share). The period is the calendar year.",
    unit: 'arrests',
    valueType: 'estimate',
    aggregation: 'sum',
    periodKind: 'data_year',
    topic: 'context',
    family: 'fbi',
  },
];

const JUV =
  'REPORTED count (not a national estimate) of arrests of people under 18, from the FBI Arrests by Age, Sex and Race (ASR) ' +
  'data of the agencies that reported (see fbi.asr.juvenile.coverage). The period is the calendar year.';

export const ASR_MEASURES: MeasureDef[] = [
  {
    id: 'fbi.asr.juvenile.prostitution_arrests',
    label: 'Juvenile arrests for prostitution and commercialized vice, by sex and age (FBI ASR, reported)',
    definition: `${JUV} ${PRS} Dimensions: sex (Male, Female) and age_group (0-9, 10-12, 13-14, 15, 16, 17).`,
    unit: 'arrests',
    valueType: 'count',
    aggregation: 'sum',
    periodKind: 'data_year',
    topic: 'prostitution_all_forms',
    family: 'fbi',
    dimensions: ['sex', 'age_group'],
  },
  {
    id: 'fbi.asr.juvenile.prostitution_arrests_by_race',
    label: 'Juvenile arrests for prostitution and commercialized vice, by race (FBI ASR, reported)',
    definition:
      `${JUV} ${PRS} Dimension race: White, Black, Asian or Pacific Islander, American Indian or Alaska Native (no Hispanic origin). ` +
      'Race counts come from a different (smaller) set of agencies than the sex and age counts, so the totals differ. For race ' +
      'disparity ratios use census.acs.population.by_race as the denominator, restricted to the same years, and say so.',
    unit: 'arrests',
    valueType: 'count',
    aggregation: 'sum',
    periodKind: 'data_year',
    topic: 'prostitution_all_forms',
    family: 'fbi',
    dimensions: ['race'],
  },
  {
    id: 'fbi.asr.juvenile.coverage_population',
    label: 'Population covered by agencies reporting juvenile arrests (FBI ASR)',
    definition:
      'Population of the jurisdictions of the agencies whose juvenile arrests are counted, as the FBI states it, for the sex and age ' +
      'table (dimension table: age_sex) and the race table (table: race). Coverage context, not a denominator for the whole country.',
    unit: 'people',
    valueType: 'estimate',
    aggregation: 'none',
    periodKind: 'data_year',
    topic: 'context',
    family: 'fbi',
    dimensions: ['table'],
  },
  {
    id: 'fbi.asr.juvenile.coverage_agencies',
    label: 'Agencies reporting juvenile arrests (FBI ASR)',
    definition: 'Number of agencies whose juvenile arrests are counted, for the sex and age table (table: age_sex) and the race table (table: race).',
    unit: 'agencies',
    valueType: 'count',
    aggregation: 'none',
    periodKind: 'data_year',
    topic: 'context',
    family: 'fbi',
    dimensions: ['table'],
  },
];

export const EST_COLUMNS = [
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

export const EST_MEASURES: MeasureDef[] = EST_COLUMNS.map(([col, label, unit]) => ({
  id: `fbi.est.${col}`,
  label: `${label}, FBI estimate by state`,
  definition:
    (col === 'population'
      ? "The population the FBI used for its state and national crime estimates and rates (the FBI's own denominator, 1995–2016). "
      : `FBI ESTIMATE of ${label.toLowerCase()} offenses known to police, by state and for the nation, extrapolated to full coverage. `) +
    'Context for the trafficking and prostitution measures. One value per state and one for the United States; the national ' +
    'estimate is the FBI’s own and is not always the sum of the state estimates, so values are not summed. The period is the calendar year.',
  unit,
  valueType: 'estimate',
  aggregation: 'none',
  periodKind: 'data_year',
  topic: 'context',
  family: 'fbi',
}));
