import type { RuleSpec } from './types.ts';
// Status offenses: loitering / wandering / congregating for the purpose of prostitution.
const rule: RuleSpec = {
  kind: 'loitering_for_prostitution',
  impact: 'harmful',
  adultOnly: true,
  description: 'Loitering, wandering, beckoning or congregating for the purpose of prostitution (status-based offenses).',
  cues: [
    { id: 'loitering for prostitution', pattern: 'loiter(?:ing|s)? (?:for the purposes? of|to engage in|while) (?:prostitution|solicit)|prostitution loitering', weight: 0.85 },
    { id: 'wandering/remaining in public place', pattern: '(?:remaining|wandering|loitering|remain) (?:or wandering )?(?:about|in) (?:a |any )?public', weight: 0.7,
      context: ['prostitut|beckon|passers?-?by|lewdness'] },
    { id: 'beckoning passers-by', pattern: 'beckon(?:ing|s)? to|attempting to engage pa.?s.?ers', weight: 0.75 },
    { id: 'congregating in prostitution zone', pattern: 'congregate in a group', weight: 0.7, context: ['prostitut'] },
    { id: 'loitering of known prostitutes', pattern: 'loitering of (?:or solicitation by )?known prostitutes', weight: 0.75 },
    { id: 'remain in place for prostitution', pattern: '(?:enter|remain|reside) in any place[^.]{0,120}for the purpose of (?:lewdness|prostitution)', weight: 0.7 },
  ],
};
export default rule;
