import type { RuleSpec } from './types.ts';
// Provisions specifically about labor trafficking / forced labor (offense, labor inspection, wage claims, industry).
const rule: RuleSpec = {
  kind: 'labor_trafficking_focus',
  impact: 'protective',
  skipReferences: true,
  description: 'Provisions specifically about labor trafficking or forced labor: its offense and elements, labor inspection, wage claims, supply chains and industry measures.',
  cues: [
    { id: 'forced labor / labor trafficking', pattern: 'forced labou?r|labou?r trafficking|involuntary servitude|debt bondage|involuntary ?servitude ?or ?forced ?labor', weight: 0.75,
      exclude: ['sex(?:ual)? trafficking,? (?:and|or) labou?r trafficking|(?:sex|sexual) (?:and|or) labou?r trafficking|labou?r (?:and|or) sex trafficking|sex trafficking, labou?r|labou?r trafficking,? (?:and|or) sex|CHAPTER|PEONAGE, SLAVERY'] },
    { id: 'labor or services by coercion', pattern: '(?:labor|labour) or services', weight: 0.65, context: ['coerc|force|fraud|obtain|maintain|provide|traffick|servitude'] },
    { id: 'definition of labor', pattern: '.labor.? means', weight: 0.7 },
    { id: 'wages / labor standards', pattern: 'minimum wage|labor standards|fair labor standards|wage claims?|wages, hours', weight: 0.65, context: ['traffick|victim|servitude|forced'] },
    { id: 'labor union / business license revocation', pattern: 'labor union representative|business licenses?[^.]{0,60}revoked', weight: 0.6, context: ['traffick'] },
  ],
};
export default rule;
