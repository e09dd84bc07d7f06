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
  ],
};
export default rule;
