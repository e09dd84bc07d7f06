// Measures built from the NIBRS state-year extract. Trafficking (64A/64B, crimes against persons)
// and prostitution (40A/40B/40C, crimes against society) are separate measures with separate
// topics; nothing here sums them.
import type { MeasureDef, Topic } from '../../model/types.ts';

export interface CoveredOffense {
  code: string;
  slug: string;
  name: string;
  topic: Topic;
  /** 'person' (trafficking) or 'society' (prostitution offenses). */
  against: 'person' | 'society';
}

export const COVERED: readonly CoveredOffense[] = [
  { code: '40A', slug: 'prostitution', name: 'Prostitution', topic: 'prostitution_selling', against: 'society' },
  { code: '40B', slug: 'promoting_prostitution', name: 'Assisting or Promoting Prostitution', topic: 'prostitution_promoting', against: 'society' },
  { code: '40C', slug: 'purchasing_prostitution', name: 'Purchasing Prostitution', topic: 'prostitution_buying', against: 'society' },
  { code: '64A', slug: 'sex_trafficking', name: 'Human Trafficking, Commercial Sex Acts', topic: 'sex_trafficking', against: 'person' },
  { code: '64B', slug: 'labor_trafficking', name: 'Human Trafficking, Involuntary Servitude', topic: 'labor_trafficking', against: 'person' },
];

export const ARRESTEE_DIMS = ['race', 'ethnicity', 'sex', 'age_group', 'arrest_type'];
export const PERSON_VICTIM_DIMS = ['victim_type', 'race', 'ethnicity', 'sex', 'age_group'];
export const SOCIETY_VICTIM_DIMS = ['victim_type'];

const BASE = 'FBI National Incident-Based Reporting System (NIBRS), state-year extract from the Crime Data Explorer';
const COVER = 'Only agencies that submitted NIBRS data for the year are in the extract; see the coverage beside each figure (agencies reporting, population covered).';

function offenseNote(o: CoveredOffense): string {
  return o.against === 'society'
    ? `${o.code} is a crime against society: its NIBRS victim is the "Society/Public" victim type, not a person.`
    : `${o.code} is a crime against persons with individual victims.`;
}

export function nibrsMeasures(): MeasureDef[] {
  const out: MeasureDef[] = [];
  for (const o of COVERED) {
    const common = { unit: '', valueType: 'count' as const, aggregation: 'sum' as const, periodKind: 'data_year' as const, topic: o.topic, family: 'nibrs' };
    out.push({
      ...common,
      id: `nibrs.incidents.${o.slug}`,
      label: `Incidents with a ${o.name} offense (${o.code})`,
      definition: `Number of NIBRS incidents with at least one offense coded ${o.code} (${o.name}), by the reporting agency (ORI) and data year. An incident with several ${o.code} offenses counts once. ${offenseNote(o)} ${BASE}. ${COVER}`,
      unit: 'incidents',
    });
    out.push({
      ...common,
      id: `nibrs.offenses.${o.slug}`,
      label: `${o.name} offenses (${o.code})`,
      definition: `Number of NIBRS offense records coded ${o.code} (${o.name}) — up to ten offenses per incident — by reporting agency (ORI) and data year. ${offenseNote(o)} ${BASE}. ${COVER}`,
      unit: 'offenses',
    });
    out.push({
      ...common,
      id: `nibrs.arrestees.${o.slug}`,
      label: `Arrestees for ${o.name} (${o.code})`,
      definition: `Number of Group A arrestees whose arrest offense (the most serious offense for that arrestee, NIBRS_ARRESTEE offense code) is ${o.code} (${o.name}), by agency, data year, race, ethnicity, sex, age group and arrest type, decoded with the code tables shipped in the same extract. An arrestee is one arrest record, not necessarily a distinct person. ${BASE}. ${COVER}`,
      unit: 'arrestees',
      dimensions: ARRESTEE_DIMS,
    });
    out.push({
      ...common,
      id: `nibrs.victims.${o.slug}`,
      label: `Victims of ${o.name} offenses (${o.code})`,
      definition:
        o.against === 'society'
          ? `Number of NIBRS victim records attached (NIBRS_VICTIM_OFFENSE) to a ${o.code} (${o.name}) offense, by agency and data year. Prostitution offenses are crimes against society: the victim is recorded as "Society/Public" (victim type), with no age, sex or race — this is not a count of people harmed. ${BASE}. ${COVER}`
          : `Number of victims attached (NIBRS_VICTIM_OFFENSE) to a ${o.code} (${o.name}) offense, by agency, data year, victim type, race, ethnicity, sex and age group (codes decoded with the extract's own tables). A victim of two ${o.code} offenses in one incident counts once. ${BASE}. ${COVER}`,
      unit: 'victims',
      dimensions: o.against === 'society' ? SOCIETY_VICTIM_DIMS : PERSON_VICTIM_DIMS,
    });
  }
  const ctx = { valueType: 'count' as const, aggregation: 'sum' as const, periodKind: 'data_year' as const, topic: 'context' as const, family: 'nibrs' };
  out.push(
    {
      ...ctx,
      id: 'nibrs.context.incidents_all',
      label: 'NIBRS incidents, all offenses',
      definition: `Number of NIBRS incidents of any offense, by reporting agency and data year: the denominator context for the offense-specific counts. ${BASE}. ${COVER}`,
      unit: 'incidents',
    },
    {
      ...ctx,
      id: 'nibrs.context.offenses_all',
      label: 'NIBRS offenses, all offenses',
      definition: `Number of NIBRS offense records of any offense in the state-year extract (stored per state). ${BASE}.`,
      unit: 'offenses',
    },
    {
      ...ctx,
      id: 'nibrs.context.arrestees_all',
      label: 'NIBRS Group A arrestees, all offenses',
      definition: `Number of Group A arrestee records of any offense in the state-year extract, by race, ethnicity, sex and age group (stored per state, decoded with the extract's own tables): the comparison base for the offense-specific arrestee counts. ${BASE}.`,
      unit: 'arrestees',
      dimensions: ['race', 'ethnicity', 'sex', 'age_group'],
    },
    {
      ...ctx,
      id: 'nibrs.context.arrestees_groupb_all',
      label: 'NIBRS Group B arrestees, all offenses',
      definition: `Number of Group B arrestee records (arrests without an incident report, e.g. DUI, trespass) in the state-year extract (stored per state). Prostitution and trafficking are Group A offenses and never appear here. ${BASE}.`,
      unit: 'arrestees',
    },
    {
      ...ctx,
      id: 'nibrs.context.agencies_in_file',
      label: 'Agencies in the NIBRS extract',
      definition: `Number of agencies listed in the extract's agencies table for the state-year. ${BASE}.`,
      unit: 'agencies',
    },
    {
      ...ctx,
      id: 'nibrs.context.agencies_reporting',
      label: 'Agencies reporting to NIBRS',
      definition: `Number of agencies in the extract whose nibrs_participated flag is set for the year (agencies table). ${BASE}.`,
      unit: 'agencies',
    },
    {
      ...ctx,
      valueType: 'estimate',
      id: 'nibrs.context.population_covered',
      label: 'Population covered by NIBRS-reporting agencies',
      definition: `Sum of the FBI's population estimate (agencies.population) over the agencies whose nibrs_participated flag is set, per state-year. Agencies that share a jurisdiction with another (e.g. county sheriffs, state police) carry population 0 in the FBI table, so residents are not counted twice. This is the denominator of Cogency's NIBRS rates per 100,000. ${BASE}.`,
      unit: 'persons',
    },
  );
  return out;
}
