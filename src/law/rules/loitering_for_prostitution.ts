import type { RuleSpec } from './types.ts';
// Status offenses: loitering / wandering / congregating for the purpose of prostitution.
const rule: RuleSpec = {
  kind: 'loitering_for_prostitution',
  impact: 'harmful',
  adultOnly: true,
  description: 'Loitering, wandering, beckoning or congregating for the purpose of prostitution (status-based offenses).',
  cues: [
    // loitering, or remaining / wandering in a (public) place, tied to prostitution, lewdness or accosting passers-by
    { id: 'loitering or remaining for prostitution', pattern: 'loiter\\w*[^.;]{0,120}(?:prostitut|lewdness)|(?:remain(?:s|ing)?|wander\\w*) (?:or wandering )?(?:about|in|on|at) (?:a |any )?(?:public|street|place)[^.;]{0,160}(?:prostitut|lewdness|beckon|pa.?s.?ers-?by)', weight: 0.8,
      context: ['prostitut|lewdness|solicit|beckon'],
      // being in a brothel is the house-of-prostitution offense, not a street status offense
      exclude: ['house of prostitution|inmate of'] },
  ],
};
export default rule;
