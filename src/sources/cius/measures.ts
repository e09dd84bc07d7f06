// Measures of FBI Crime in the United States Table 69 (arrests by state). Prostitution and
// commercialized vice is one FBI category (sellers, promoters and buyers together); the table has no
// human-trafficking column in 2013–2021, so no trafficking measure is defined here.
import type { MeasureDef } from '../../model/types.ts';

const BASE =
  'From FBI Crime in the United States, Table 69 “Arrests by State” (Table 22 in the 2016 edition): arrests REPORTED by the ' +
  'agencies counted in fbi.cius69.agencies, covering the population in fbi.cius69.population_covered — not estimates for the ' +
  'whole state. The period is the calendar year.';
const PRS = 'Prostitution and commercialized vice (UCR Part II offense 16): people who sell sex, promoters and buyers together.';
const common = { valueType: 'count', aggregation: 'sum', periodKind: 'data_year', family: 'fbi' } as const;

export const CIUS_MEASURES: MeasureDef[] = [
  {
    id: 'fbi.cius69.prostitution_arrests',
    label: 'Arrests for prostitution and commercialized vice, all ages, by state (FBI CIUS Table 69)',
    definition: `${PRS} ${BASE}`,
    unit: 'arrests',
    topic: 'prostitution_all_forms',
    ...common,
  },
  {
    id: 'fbi.cius69.prostitution_arrests_under18',
    label: 'Arrests of people under 18 for prostitution and commercialized vice, by state (FBI CIUS Table 69)',
    definition: `${PRS} People under 18 only (a part of fbi.cius69.prostitution_arrests, never to be added to it). ${BASE}`,
    unit: 'arrests',
    topic: 'prostitution_all_forms',
    ...common,
  },
  {
    id: 'fbi.cius69.total_arrests',
    label: 'Arrests for all offenses except traffic, all ages, by state (FBI CIUS Table 69)',
    definition: `All arrests (“Total all classes”, traffic excluded): context for the prostitution share. ${BASE}`,
    unit: 'arrests',
    topic: 'context',
    ...common,
  },
  {
    id: 'fbi.cius69.agencies',
    label: 'Agencies whose arrests Table 69 counts, by state (FBI CIUS)',
    definition: 'Number of agencies whose arrest data Table 69 counts for the state and year (“Number of agencies”). Coverage context for fbi.cius69.*.',
    unit: 'agencies',
    topic: 'context',
    ...common,
  },
  {
    id: 'fbi.cius69.population_covered',
    label: 'Population covered by the agencies Table 69 counts, by state (FBI CIUS)',
    definition: 'Estimated population of the jurisdictions of the agencies counted (“<year> estimated population”). Coverage context for fbi.cius69.*; divide by the state population for the share covered.',
    unit: 'people',
    topic: 'context',
    ...common,
  },
];
