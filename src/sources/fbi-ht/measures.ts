import type { MeasureDef } from '../../model/types.ts';

/** The two UCR human-trafficking subcategories, kept apart as a dimension (never mixed silently). */
export const HT_SUBCATEGORIES = { '81': 'Commercial Sex Acts', '82': 'Involuntary Servitude' } as const;
export type HtSubcategory = (typeof HT_SUBCATEGORIES)[keyof typeof HT_SUBCATEGORIES];

const common = {
  unit: 'offenses',
  valueType: 'count',
  aggregation: 'sum',
  periodKind: 'data_year',
  topic: 'trafficking_all_forms',
  family: 'fbi',
  dimensions: ['subcategory'],
} as const satisfies Partial<MeasureDef>;

const byWhom =
  'Reported to the FBI Uniform Crime Reporting (UCR) Program by the participating law-enforcement agency (ORI), ' +
  'summed over every report record the FBI Crime Data Explorer lists for that agency, year and subcategory. ' +
  'The period is the calendar year of the data. Dimension `subcategory`: Commercial Sex Acts (UCR subcategory 81, ' +
  'sex trafficking) or Involuntary Servitude (82, labor trafficking); ask for it with --by subcategory, since the total ' +
  'over both mixes sex and labor trafficking. Only agencies that took part in the UCR human-trafficking collection are ' +
  'counted: see fbi.ht.participating_states and fbi.ht.reporting_agencies for coverage.';

export const FBI_HT_MEASURES: MeasureDef[] = [
  {
    id: 'fbi.ht.offenses',
    label: 'Human-trafficking offenses known to police (UCR)',
    definition: `Actual offenses: human-trafficking offenses reported to police minus those found false or baseless (unfounded). ${byWhom}`,
    ...common,
  },
  {
    id: 'fbi.ht.cleared',
    label: 'Human-trafficking offenses cleared (UCR)',
    definition: `Offenses cleared by arrest or by exceptional means in the year (clearances can refer to offenses from earlier years). ${byWhom}`,
    ...common,
  },
  {
    id: 'fbi.ht.cleared_juvenile',
    label: 'Human-trafficking offenses cleared involving only juveniles (UCR)',
    definition: `Clearances in which every person involved was under 18 (a subset of fbi.ht.cleared). ${byWhom}`,
    ...common,
  },
  {
    id: 'fbi.ht.unfounded',
    label: 'Human-trafficking reports found unfounded (UCR)',
    definition: `Reports of human trafficking that police found false or baseless on investigation. ${byWhom}`,
    ...common,
    unit: 'reports',
  },
  {
    id: 'fbi.ht.reporting_agencies',
    label: 'Agencies with human-trafficking records (UCR coverage)',
    definition:
      'Number of distinct agencies (ORIs) with at least one human-trafficking record for the year in the FBI Crime Data ' +
      'Explorer agency file, by state. Coverage context for fbi.ht.offenses: agencies that took part but have no record in ' +
      'the file (for example zero reports) are not counted. The period is the calendar year of the data.',
    unit: 'agencies',
    valueType: 'count',
    aggregation: 'sum',
    periodKind: 'data_year',
    topic: 'context',
    family: 'fbi',
  },
  {
    id: 'fbi.ht.participating_states',
    label: 'States with human-trafficking records (UCR coverage)',
    definition:
      'Number of states (and D.C.) with at least one agency record in the FBI Crime Data Explorer human-trafficking agency ' +
      'file for the year, stored for the United States. Participation is partial and grew from 6 states in 2013 to 44 in ' +
      '2020, so national counts are not comparable across years without it. The value text lists the states.',
    unit: 'states',
    valueType: 'count',
    aggregation: 'none',
    periodKind: 'data_year',
    topic: 'context',
    family: 'fbi',
  },
];
