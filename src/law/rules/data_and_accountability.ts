import type { RuleSpec } from './types.ts';
// Collection/publication of trafficking data; evaluation of policies' effects; reporting duties.
const rule: RuleSpec = {
  kind: 'data_and_accountability',
  impact: 'protective',
  description: 'Collection and publication of trafficking data (distinct from prostitution data), reports on outcomes, evaluation of policies\' effects.',
  context: ['traffick|sexual exploitation|sexually exploited|prostitut|commercial sex|this section|the program|services'],
  cues: [
    { id: 'collect data', pattern: '(?:collect|compil|gather|maintain|track)\\w*[^.;]{0,60}(?:data|statistic|information on the number)|data (?:on|regarding|related to|relating to|collection)|statistical data', weight: 0.75 },
    { id: 'report to legislature / council', pattern: '(?:report|reports)[^.;]{0,60}(?:to (?:the )?(?:legislature|governor|general assembly|congress|council|committee)|annually)|(?:report|reports|submit)[^.;]{0,20} to (?:the )?[^.;]{0,50}(?:legislature|general assembly|council|commission|task force)|(?:submit|publish)[^.;]{0,40}(?:report|data)|biennial reports?', weight: 0.6 },
    { id: 'evaluate impact', pattern: 'evaluat\\w*[^.;]{0,60}(?:impact|effectiveness|outcomes?)|analyze the impact|impact statement|review and (?:evaluat|assess)|research and report', weight: 0.7 },
    { id: 'counts of cases', pattern: 'the number of (?:reports|cases|arrests|victims|juveniles|covered offenders|commercially sexually exploited)', weight: 0.7 },
    { id: 'review laws and make recommendations', pattern: 'review (?:existing|the statutory)[^.;]{0,80}(?:law|response|polic)', weight: 0.65 },
  ],
};
export default rule;
