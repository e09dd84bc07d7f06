import type { RuleSpec } from './types.ts';
// Immigration consequences of prostitution (inadmissibility, deportation, bars to adjustment).
const rule: RuleSpec = {
  kind: 'immigration_penalty',
  impact: 'harmful',
  description: 'Immigration consequences of prostitution: inadmissibility, deportation, bars to status adjustment.',
  cues: [
  ],
};
export default rule;
