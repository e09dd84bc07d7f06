import type { RuleSpec } from './types.ts';
// Removes criminal penalties for consensual adult sex work (selling, buying or both).
const rule: RuleSpec = {
  kind: 'decriminalization',
  impact: 'protective',
  description: 'Removes criminal penalties for consensual adult sex work: the prostitution offense deleted or repealed, or decriminalization enacted.',
  cues: [
    { id: 'decriminalize sex work', pattern: 'decriminaliz\\w*[^.]{0,40}(?:sex work|prostitution)', weight: 0.8,
      exclude: ['minor|child|under (?:the age of )?(?:eighteen|18)'] },
    { id: 'prostitution offense deleted', pattern: '(?:a person is )?guilty of prostitution when|(?:section|§) 230\\.00 of the penal law is repealed|prostitution is a (?:class [a-z] )?misdemeanor', weight: 0.8, deletedOnly: true },
  ],
};
export default rule;
