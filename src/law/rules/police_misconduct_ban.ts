import type { RuleSpec } from './types.ts';
// Bans police sexual contact with people under investigation or in custody; oversight of stings.
const rule: RuleSpec = {
  kind: 'police_misconduct_ban',
  impact: 'protective',
  description: 'Bans sexual contact by police with people under investigation or in custody; oversight of stings.',
  cues: [
    { id: 'no police sexual contact', pattern: 'police|law enforcement officer|sheriff', weight: 0.75,
      context: ['^(?=[\\s\\S]*sexual (?:contact|penetration|conduct))(?=[\\s\\S]*(?:under no circumstances|shall not|prohibit|unlawful|may not))'] },
    { id: 'law enforcement staff sexual contact', pattern: '(?:staff member|employee)[^.]{0,80}law enforcement agency', weight: 0.6, context: ['sexual'] },
    { id: 'sting oversight', pattern: '(?:sting|undercover) operations?[^.]{0,80}(?:report|oversight|review|prohibit)', weight: 0.6, context: ['prostitut'] },
  ],
};
export default rule;
