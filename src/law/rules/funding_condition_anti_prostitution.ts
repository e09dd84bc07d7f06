import type { RuleSpec } from './types.ts';
// Anti-prostitution pledge: funding conditioned on opposing prostitution or excluding sex-worker-led services.
const rule: RuleSpec = {
  kind: 'funding_condition_anti_prostitution',
  impact: 'harmful',
  description: 'Funding conditioned on an organization opposing prostitution (anti-prostitution pledge) or excluding sex-worker-led services.',
  cues: [
  ],
};
export default rule;
