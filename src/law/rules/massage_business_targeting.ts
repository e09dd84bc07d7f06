import type { RuleSpec } from './types.ts';
// Massage/spa licensing or inspection as "trafficking fronts"; nuisance abatement and forfeiture for prostitution.
const rule: RuleSpec = {
  kind: 'massage_business_targeting',
  impact: 'harmful',
  skipReferences: true,
  description: 'Licensing, inspection or nuisance rules aimed at massage/spa businesses; nuisance abatement, closure and asset forfeiture tied to prostitution.',
  narrowing: ['shall only apply|shall not apply|does not apply'],
  cues: [
    { id: 'massage business', pattern: 'massage (?:or bodywork )?(?:services?|establishments?|business(?:es)?|parlou?rs?|therapy establishments?)|bodywork services|\\bspas?\\b', weight: 0.6,
      context: ['traffick|prostitut|licens|post|sign|inspect'] },
    { id: 'prostitution nuisance', pattern: '(?:prostitution[- ]related|prostitution) nuisance|(?:public )?nuisance[^.]{0,80}prostitution|prostitution[^.]{0,80}(?:public )?nuisance', weight: 0.75 },
    { id: 'house of prostitution abated/closed', pattern: '(?:house|houses) of (?:lewdness|prostitution)[^.]{0,80}(?:abat|clos)|(?:abat|clos)[^.]{0,80}house of prostitution', weight: 0.8 },
    { id: 'real property used to facilitate prostitution', pattern: 'real property[^.]{0,80}facilitate[^.]{0,40}prostitution', weight: 0.8 },
    { id: 'forfeiture of money used in prostitution', pattern: '(?:money|coins|currency|property)[^.]{0,80}(?:forfeit|seiz)', weight: 0.6, context: ['prostitut'] },
    { id: 'hourly room rentals', pattern: 'rent(?:ing)? rooms on an hourly basis', weight: 0.6 },
    { id: 'inspection of premises (licensing boards)', pattern: 'investigation pursuant to chapter \\w+ (?:or \\w+ )?that may involve the building', weight: 0.6 },
  ],
};
export default rule;
