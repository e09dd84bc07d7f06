import type { RuleSpec } from './types.ts';
// Immunity / protection for people who report violence or trafficking; bans on condoms as evidence.
const rule: RuleSpec = {
  kind: 'reporting_immunity',
  impact: 'protective',
  description: 'Immunity or protection for sex workers or victims who report violence, exploitation or trafficking; confidentiality of reporters; bans on condoms as evidence.',
  cues: [
    { id: 'condoms not evidence', pattern: '(?:possession of )?(?:a )?condoms?[^.]{0,120}(?:evidence|probable cause)|(?:evidence|probable cause)[^.]{0,120}condoms?', weight: 0.85 },
    { id: 'immunity when reporting', pattern: '(?:report|reporting|seeks? (?:medical )?assistance|witness)[^.;]{0,120}(?:shall not be (?:arrested|prosecuted|charged|subject to)|immun)', weight: 0.75,
      context: ['prostitut|traffick|sexual'] },
    { id: 'no custodial arrest', pattern: 'not be subject to (?:a )?custodial arrest', weight: 0.75 },
    { id: 'confidential identity of victim', pattern: '(?:confidential\\w*|keep)[^.;]{0,60}(?:identity|personal identifying information|address)[^.;]{0,40}(?:victim|of the victim)|identity of the victim[^.;]{0,40}confidential', weight: 0.7,
      context: ['traffick|prostitut'] },
    { id: 'protection from retaliation', pattern: 'protection from retaliat|retaliatory action', weight: 0.7, context: ['victim|traffick'] },
  ],
};
export default rule;
