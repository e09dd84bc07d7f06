import type { RuleSpec } from './types.ts';
// Bans police sexual contact with people under investigation or in custody; oversight of stings.
const rule: RuleSpec = {
  kind: 'police_misconduct_ban',
  impact: 'protective',
  description: 'Bans sexual contact by police with people under investigation or in custody; oversight of stings.',
  cues: [
    // sexual contact by police / law enforcement staff with people they investigate or hold, prohibited or punished
    { id: 'law enforcement sexual contact prohibited', pattern: '(?:police|law enforcement|sheriff)[^.]{0,500}sexual (?:act|contact|penetration|conduct)|sexual (?:act|contact|penetration|conduct)[^.]{0,200}(?:police|law enforcement|sheriff)', weight: 0.75,
      context: ['under no circumstances|shall not|prohibit|unlawful|may not|guilty|commits|shall be fined|arrestee|detainee|in custody'],
      // officers posing as buyers or minors, or a duty to report to the police, are not police sexual misconduct
      exclude: ['fails? to report|representing that|posing as|report\\w* (?:such|it|the) [^.;]{0,40}to (?:a |any )?law'] },
  ],
};
export default rule;
