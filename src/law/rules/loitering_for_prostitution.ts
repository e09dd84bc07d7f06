import type { RuleSpec } from './types.ts';
// Status offenses: loitering / wandering / congregating for the purpose of prostitution.
const rule: RuleSpec = {
  kind: 'loitering_for_prostitution',
  impact: 'harmful',
  adultOnly: true,
  description: 'Loitering, wandering, beckoning or congregating for the purpose of prostitution (status-based offenses).',
  cues: [
    // loitering / remaining / wandering in a place, tied to prostitution, lewdness or accosting passers-by
    { id: 'loitering or remaining for prostitution', pattern: '(?:loiter\\w*|remain(?:s|ing)?|wander\\w*)[^.;]{0,120}(?:prostitut|lewdness|pa.?s.?ers-?by)', weight: 0.8,
      context: ['prostitut|lewdness|solicit|beckon'] },
  ],
};
export default rule;
