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
    { id: 'interactive computer service', pattern: 'interactive computer service', weight: 0.7, context: ['prostitut|commercial sex|sex traffick'] },
    { id: 'advertising in reckless disregard', pattern: 'advertis(?:es|ing|ement)[^.]{0,80}(?:reckless disregard|prostitut|commercial sex)', weight: 0.6,
      context: ['reckless disregard|website|online|internet|publish'] },
    { id: 'promotion legal where targeted', pattern: 'promotion or facilitation of prostitution is legal in the jurisdiction', weight: 0.7 },
  ],
};
export default rule;
