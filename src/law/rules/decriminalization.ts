import type { RuleSpec } from './types.ts';
// Removes criminal penalties for consensual adult sex work (selling, buying or both).
const rule: RuleSpec = {
  kind: 'decriminalization',
  impact: 'protective',
  description: 'Removes criminal penalties for consensual adult sex work: the prostitution offense deleted or repealed, or decriminalization enacted.',
  cues: [
  ],
};
export default rule;
