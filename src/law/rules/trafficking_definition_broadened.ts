import type { RuleSpec } from './types.ts';
// Trafficking defined without force, fraud or coercion for adults; prostitution-related acts reclassified as trafficking.
const rule: RuleSpec = {
  kind: 'trafficking_definition_broadened',
  impact: 'harmful',
  adultOnly: true,
  description: 'Trafficking defined without force, fraud or coercion for adults, or prostitution-related acts (pimping, purchasing, debts) reclassified as trafficking.',
  cues: [
    // means of trafficking that need no force: supplying drugs, alcohol or necessities
    { id: 'drugs or necessities as means', pattern: '(?:providing|withholding|provides|withholds)[^.;]{0,30}(?:any )?(?:drugs?|controlled substances?|alcohol|necessities)', weight: 0.6 },
    { id: 'buying/soliciting in trafficking act list', pattern: '(?:patronizing|soliciting|purchasing|buys)[^.;]{0,40}(?:of a person|another person|by any means)', weight: 0.55,
      context: ['traffick'], exclude: ['force, fraud,? or coercion|minor|child|under (?:the age of )?18'] },
  ],
};
export default rule;
