import type { RuleSpec } from './types.ts';
// Immigration consequences of prostitution (inadmissibility, deportation, bars to adjustment).
const rule: RuleSpec = {
  kind: 'immigration_penalty',
  impact: 'harmful',
  description: 'Immigration consequences of prostitution: inadmissibility, deportation, bars to status adjustment.',
  cues: [
    { id: 'inadmissible / deportable for prostitution', pattern: '(?:inadmissib|deportab|removab|excludab)\\w*[^.]{0,120}prostitut|prostitut[^.]{0,120}(?:inadmissib|deportab|removab)', weight: 0.8 },
    { id: 'report to immigration authorities', pattern: '(?:notify|report)[^.]{0,60}(?:immigration and customs enforcement|ICE)\\b', weight: 0.6, context: ['prostitut'] },
  ],
};
export default rule;
