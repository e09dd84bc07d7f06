import type { MeasureDef } from '../../model/types.ts';

/** Tier labels in order of the State Department's ranking (1 = best compliance). */
export const TIER_LABELS = ['Tier 1', 'Tier 2', 'Tier 2 Watch List', 'Tier 3', 'Special Case/not ranked'] as const;
export type TierLabel = (typeof TIER_LABELS)[number];

const score = (part: string, range: string): Omit<MeasureDef, 'id' | 'label'> => ({
  definition:
    `Cho, Dreher & Neumayer 3P Anti-trafficking Policy Index, ${part}: a score of ${range} for how far a government's ` +
    'anti-trafficking policy complies with the UN Trafficking Protocol, coded from the TIP Reports and other reports. ' +
    'The period is the calendar year scored.',
  unit: 'score',
  valueType: 'score',
  aggregation: 'none',
  periodKind: 'data_year',
  topic: 'anti_trafficking_policy',
  family: 'tip',
});

export const TIP_MEASURES: MeasureDef[] = [
  {
    id: 'tip.tier',
    label: 'TIP Report tier placement',
    definition:
      "The U.S. State Department's Trafficking in Persons Report ranks each government by its efforts to meet the " +
      'minimum standards of the Trafficking Victims Protection Act: Tier 1 (fully meets), Tier 2 (does not fully meet but ' +
      'makes significant efforts), Tier 2 Watch List (Tier 2 with concerns such as a rising number of victims), Tier 3 ' +
      '(does not meet and is not making significant efforts), or Special Case/not ranked. The period is the report year ' +
      '(the year the report was published), not the year the data describe.',
    unit: 'tier',
    valueType: 'categorical',
    aggregation: 'none',
    periodKind: 'report_year',
    topic: 'anti_trafficking_policy',
    family: 'tip',
    categories: [...TIER_LABELS],
  },
  { id: 'tip.policy_index.total', label: '3P policy index, total', ...score('total of the three parts', '3 (lowest) to 15 (highest)') },
  { id: 'tip.policy_index.prosecution', label: '3P policy index, prosecution', ...score('prosecution', '1 to 5') },
  { id: 'tip.policy_index.prevention', label: '3P policy index, prevention', ...score('prevention', '1 to 5') },
  { id: 'tip.policy_index.protection', label: '3P policy index, protection', ...score('protection', '1 to 5') },
];
