import type { RuleSpec } from './types.ts';
// Liability of websites / interactive computer services / advertisers for sex-work ads (FOSTA/SESTA-like).
const rule: RuleSpec = {
  kind: 'online_platform_liability',
  impact: 'harmful',
  adultOnly: true,
  skipReferences: true,
  description: 'Liability for websites, interactive computer services or advertisers that host sex-work ads (FOSTA/SESTA-like).',
  narrowing: ['(?:is|was) legal in the jurisdiction|affirmative defense'],
  cues: [
    { id: 'online service or advertising for prostitution', pattern: 'interactive computer service|advertis\\w*[^.]{0,80}(?:reckless disregard|prostitut|commercial sex)', weight: 0.65,
      context: ['prostitut|commercial sex'] },
  ],
};
export default rule;
