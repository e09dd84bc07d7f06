import type { RuleSpec } from './types.ts';
// Trafficking defined without force, fraud or coercion for adults; prostitution-related acts reclassified as trafficking.
const rule: RuleSpec = {
  kind: 'trafficking_definition_broadened',
  impact: 'harmful',
  adultOnly: true,
  description: 'Trafficking defined without force, fraud or coercion for adults, or prostitution-related acts (pimping, purchasing, debts) reclassified as trafficking.',
  cues: [
    { id: 'prostitution offenses listed as trafficking crimes', pattern: 'trafficking[- ]related crimes?[^.]{0,40}means[^.]{0,200}(?:pimping|pandering|prostitution)', weight: 0.8 },
    { id: 'purchasing sex defined as trafficking', pattern: 'also means[^.]{0,80}purchas', weight: 0.75 },
    { id: 'buying/soliciting in trafficking act list', pattern: '(?:patronizing|soliciting|purchasing|buys)[^.;]{0,40}(?:of a person|another person|by any means)', weight: 0.55,
      context: ['traffick'], exclude: ['force, fraud,? or coercion|minor|child|under (?:the age of )?18'] },
    { id: 'entice/assist/facilitate without coercion', pattern: 'force, coerce, entice, assist, facilitate,? or permit', weight: 0.7 },
    { id: 'import/export for commercial sex', pattern: '(?:imports|exports) a person[^.]{0,80}commercial sexual', weight: 0.7 },
    { id: 'debt bondage for commercial sex', pattern: 'debt bondage means[^.]{0,80}commercial sex', weight: 0.6 },
    { id: 'drugs / necessities as means', pattern: 'providing or withholding any (?:drug|controlled substance)', weight: 0.6 },
  ],
};
export default rule;
