import type { RuleSpec } from './types.ts';
// Immunity / protection for people who report violence or trafficking; bans on condoms as evidence.
const rule: RuleSpec = {
  kind: 'reporting_immunity',
  impact: 'protective',
  description: 'Immunity or protection for sex workers or victims who report violence, exploitation or trafficking; confidentiality of reporters; bans on condoms as evidence.',
  cues: [
    { id: 'victim identity kept confidential', pattern: 'confidential\\w*[^.;]{0,80}(?:identity|identifying)|(?:identity|identifying information)[^.;]{0,80}confidential', weight: 0.7,
      context: ['victim|traffick|prostitut'] },
    { id: 'no arrest when reporting or seeking help', pattern: 'not be subject to (?:a )?custodial arrest|prohibit\\w* the arrest of a person|shall not be arrested', weight: 0.75,
      context: ['report|victim|witness|assist'] },
    { id: 'condoms not evidence', pattern: '(?:possession of )?(?:a )?condoms?[^.]{0,120}(?:evidence|probable cause)|(?:evidence|probable cause)[^.]{0,120}condoms?', weight: 0.85 },
  ],
};
export default rule;
