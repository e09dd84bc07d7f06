import type { RuleSpec } from './types.ts';
// T-visa support, certification, protection from deportation, removal of immigration bars for survivors.
const rule: RuleSpec = {
  kind: 'immigration_relief',
  impact: 'protective',
  description: 'T-visa / U-visa support, law-enforcement certification, protection from removal, or adjustment of immigration status for survivors.',
  cues: [
    { id: 'T/U visa', pattern: '\\b[TU][- ]visas?\\b|T nonimmigrant|special immigrant visa|continued presence', weight: 0.8 },
    { id: 'adjustment of immigration status', pattern: '(?:adjustment of|adjust) (?:immigration )?status|immigration (?:relief|benefits|documentation)', weight: 0.7, context: ['victim|traffick'] },
    { id: 'certification for federal relief', pattern: '(?:law enforcement )?certification[^.;]{0,80}(?:federal|immigration|visa)', weight: 0.7, context: ['victim|traffick'] },
  ],
};
export default rule;
