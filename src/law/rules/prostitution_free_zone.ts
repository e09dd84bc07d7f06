import type { RuleSpec } from './types.ts';
// Zones, stay-away orders, banishment tied to prostitution.
const rule: RuleSpec = {
  kind: 'prostitution_free_zone',
  impact: 'harmful',
  adultOnly: true,
  skipReferences: true,
  description: 'Prostitution-free zones, stay-away orders or banishment tied to prostitution.',
  cues: [
    { id: 'stay-away order / prostitution zone', pattern: 'stay[- ]away from (?:the )?(?:area|zone)|order to stay away|zones? of (?:significant )?prostitution', weight: 0.75,
      context: ['prostitut|offense'] },
    { id: 'prostitution free zone', pattern: 'prostitution[- ]free zones?', weight: 0.85 },
  ],
};
export default rule;
