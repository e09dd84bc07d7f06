// Measures of the FBI Human Trafficking master file: one per kind of count and form of trafficking,
// so sex trafficking (commercial sex acts) and labor trafficking (involuntary servitude) never share
// a measure; the file's own totals over both are checked, not stored.
import type { MeasureDef, Topic } from '../../model/types.ts';

/** The five count kinds of each month block, in the record's order (each: CSA, IS, total). */
export const HT_MASTER_KINDS = [
  { id: 'reported', label: 'reported', what: 'offenses reported to police (before unfounded reports are removed)' },
  { id: 'unfounded', label: 'unfounded', what: 'reports found false or baseless on investigation' },
  { id: 'offenses', label: 'actual', what: 'actual offenses: reported minus unfounded' },
  { id: 'cleared', label: 'cleared', what: 'offenses cleared by arrest or by exceptional means in the year' },
  { id: 'cleared_juvenile', label: 'cleared (persons under 18 only)', what: 'clearances involving only persons under 18' },
] as const;

export const HT_MASTER_FORMS: readonly { slug: string; name: string; topic: Topic }[] = [
  { slug: 'sex_trafficking', name: 'commercial sex acts (sex trafficking)', topic: 'sex_trafficking' },
  { slug: 'labor_trafficking', name: 'involuntary servitude (labor trafficking)', topic: 'labor_trafficking' },
];

const WHO =
  'Counted by each law-enforcement agency (ORI) that sent human-trafficking data to the FBI UCR Program, summed over the months ' +
  'it reported (report code N); stored per agency, so every output applies disclosure control below state level. Only ' +
  'participating agencies are counted (see fbi.htmaster.reporting_agencies). The period is the calendar year.';

export const HT_MASTER_MEASURES: MeasureDef[] = [
  ...HT_MASTER_KINDS.flatMap((kind) =>
    HT_MASTER_FORMS.map(
      (form): MeasureDef => ({
        id: `fbi.htmaster.${kind.id}.${form.slug}`,
        label: `Human trafficking, ${form.name}: ${kind.label} (FBI UCR master file)`,
        definition: `Human trafficking — ${form.name} — ${kind.what}. ${WHO}`,
        unit: kind.id === 'unfounded' ? 'reports' : 'offenses',
        valueType: 'count',
        aggregation: 'sum',
        periodKind: 'data_year',
        topic: form.topic,
        family: 'fbi',
      }),
    ),
  ),
  {
    id: 'fbi.htmaster.reporting_agencies',
    label: 'Agencies sending human-trafficking data (FBI UCR master file)',
    definition: 'Number of agencies with at least one month of human-trafficking data (report code N) in the FBI master file, by state. Coverage context for fbi.htmaster.*. The period is the calendar year.',
    unit: 'agencies',
    valueType: 'count',
    aggregation: 'sum',
    periodKind: 'data_year',
    topic: 'context',
    family: 'fbi',
  },
  {
    id: 'fbi.htmaster.population_covered',
    label: 'Population served by agencies sending human-trafficking data (FBI UCR master file)',
    definition: 'Sum of the FBI population of the agencies with at least one month of human-trafficking data, by state. Coverage context for fbi.htmaster.*. The period is the calendar year.',
    unit: 'people',
    valueType: 'count',
    aggregation: 'sum',
    periodKind: 'data_year',
    topic: 'context',
    family: 'fbi',
  },
];
