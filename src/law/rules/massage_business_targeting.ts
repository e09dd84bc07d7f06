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
    // duties laid on massage businesses as such (trafficking signs, inspections) when run by someone unlicensed or not a health practitioner
    { id: 'unlicensed massage business singled out', pattern: 'massage (?:or body\\s*work )?(?:services?|establishments?|business\\w*|parlou?rs?)(?=[^.;]{0,80}(?:not (?:owned|licensed)|unlicensed|without a license))|unlicensed massage', weight: 0.7 },
    { id: 'house of prostitution abated/closed', pattern: '(?:house|houses) of (?:lewdness|prostitution)[^.]{0,80}(?:abat|clos)|(?:abat|clos)[^.]{0,80}house of prostitution', weight: 0.8 },
  ],
};
export default rule;
