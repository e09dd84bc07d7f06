import type { RuleSpec } from './types.ts';
// Zones, stay-away orders, banishment tied to prostitution.
const rule: RuleSpec = {
  kind: 'prostitution_free_zone',
  impact: 'harmful',
  adultOnly: true,
  skipReferences: true,
  description: 'Prostitution-free zones, stay-away orders or banishment tied to prostitution.',
  cues: [
    { id: 'prostitution free zone', pattern: 'prostitution[- ]free zones?', weight: 0.85 },
    { id: 'zones of prostitution activity', pattern: 'zones? of significant prostitution|prostitution[- ]related activity zone', weight: 0.85 },
    { id: 'stay-away order', pattern: 'stay away from (?:the )?area', weight: 0.75, context: ['prostitut|22-27'] },
    { id: 'prostitution in a school zone', pattern: 'prostitution in a school zone', weight: 0.75 },
    { id: 'banishment', pattern: 'banish(?:ed|ment)', weight: 0.6, context: ['prostitut'] },
  ],
};
export default rule;
