import type { RuleSpec } from './types.ts';
// Raises penalties for selling sex: higher grade, felony on repeat, longer terms, higher fines, registration.
const rule: RuleSpec = {
  kind: 'prostitution_penalty_increase',
  impact: 'harmful',
  adultOnly: true,
  skipReferences: true,
  description: 'Raises penalties for selling sex (grade, repeat-offense felony, longer terms, higher fines, registration).',
  context: ['prostitut|solicit(?:ing|ation) for prostitution'],
  exclude: ['promot|pander|pimp|patroniz|house of prostitution|trafficking'],
  cues: [
    { id: 'repeat offense escalation', pattern: '(?:second|subsequent|prior) (?:or subsequent )?(?:offense|conviction)s?|(?:2|two) or more prior convictions?', weight: 0.75,
      context: ['(?:convicted of|guilty of|offense of|violation of|for) (?:the offense of )?(?:prostitution|soliciting for prostitution)|prostitution (?:is|shall be)|prior convictions? for prostitution'] },
    { id: 'prostitution felony', pattern: 'prostitution is a (?:class [a-z] )?felony|guilty of (?:a )?felony prostitution', weight: 0.75 },
    { id: 'prostitution fine/term raised', pattern: 'penalt(?:y|ies) for (?:a )?violation of this section shall be a fine', weight: 0.7 },
    { id: 'HIV testing / fee on prostitution conviction', pattern: '(?:undergo|submit to) HIV testing|shall be ordered to pay a fee', weight: 0.65,
      context: ['prostitution|chapter 712'] },
  ],
};
export default rule;
