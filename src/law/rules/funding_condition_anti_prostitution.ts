import type { RuleSpec } from './types.ts';
// Anti-prostitution pledge: funding conditioned on opposing prostitution or excluding sex-worker-led services.
const rule: RuleSpec = {
  kind: 'funding_condition_anti_prostitution',
  impact: 'harmful',
  description: 'Funding conditioned on an organization opposing prostitution (anti-prostitution pledge) or excluding sex-worker-led services.',
  cues: [
    { id: 'policy opposing prostitution', pattern: 'policy (?:explicitly )?opposing prostitution', weight: 0.9 },
    { id: 'promote or advocate legalization', pattern: '(?:promote|support|advocate)[^.]{0,40}(?:legalization|practice) of prostitution', weight: 0.8,
      context: ['funds?|grant|assistance|appropriat'] },
  ],
};
export default rule;
