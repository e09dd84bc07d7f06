import type { RuleSpec } from './types.ts';
// T-visa support, certification, protection from deportation, removal of immigration bars for survivors.
const rule: RuleSpec = {
  kind: 'immigration_relief',
  impact: 'protective',
  description: 'T-visa / U-visa support, law-enforcement certification, protection from removal, or adjustment of immigration status for survivors.',
  cues: [
    { id: 'visa or immigration status for victims', pattern: '\\b[TU][- ]visas?\\b|T nonimmigrant|special immigrant visa|continued presence|adjust\\w* (?:of )?(?:immigration )?status', weight: 0.75,
      context: ['victim|traffick'] },
  ],
};
export default rule;
