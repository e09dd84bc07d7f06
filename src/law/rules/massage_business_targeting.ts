import type { RuleSpec } from './types.ts';
// Massage/spa licensing or inspection as "trafficking fronts"; nuisance abatement and forfeiture for prostitution.
const rule: RuleSpec = {
  kind: 'massage_business_targeting',
  impact: 'harmful',
  skipReferences: true,
  description: 'Licensing, inspection or nuisance rules aimed at massage/spa businesses; nuisance abatement, closure and asset forfeiture tied to prostitution.',
  narrowing: ['shall only apply|shall not apply|does not apply'],
  cues: [
    { id: 'prostitution nuisance', pattern: '(?:prostitution[- ]related|prostitution) nuisance|(?:public )?nuisance[^.]{0,80}prostitution|prostitution[^.]{0,80}(?:public )?nuisance', weight: 0.75 },
    { id: 'house of prostitution abated/closed', pattern: '(?:house|houses) of (?:lewdness|prostitution)[^.]{0,80}(?:abat|clos)|(?:abat|clos)[^.]{0,80}house of prostitution', weight: 0.8 },
  ],
};
export default rule;
