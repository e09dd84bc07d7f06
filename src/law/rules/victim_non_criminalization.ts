import type { RuleSpec } from './types.ts';
// Affirmative defense, immunity or safe harbor for victims for offenses committed as a result of being trafficked.
const rule: RuleSpec = {
  kind: 'victim_non_criminalization',
  impact: 'protective',
  description: 'Affirmative defense, immunity, safe harbor or non-prosecution of trafficking victims (incl. minors) for offenses resulting from being trafficked.',
  cues: [
    { id: 'affirmative defense (victim)', pattern: 'affirmative defense', weight: 0.8,
      context: ['result of (?:having been|being)|victim of (?:human |sex |labou?r )?trafficking|(?:was|is|being|been) (?:an? )?(?:[\\w-]+ )?(?:victim|trafficked)|coerc|duress|sexual servitude'],
      exclude: ['relief (?:shall|is) not|raised the affirmative defense'] },
    { id: 'victim not charged / liable', pattern: '(?:victims?|minors?)[^.;]{0,80}(?:shall|may) not be (?:criminally )?(?:charged|liable|prosecuted|proceeded against|arrested|certified as an adult|adjudicated)|(?:not|never) be (?:charged|prosecuted)[^.;]{0,60}victim|avoid arresting, charging,? or prosecuting|(?:victims?|minors?|person)[^.;]{0,80}(?:shall be |is )immune from (?:criminal )?prosecution', weight: 0.8 },
    { id: 'minor prostitution not an offense', pattern: '(?:if|when) the person[^.;]{0,60}is a minor,? (?:prostitution is a violation|shall not)|(?:eighteen|18) (?:years of age )?or older[^.;]{0,40}(?:guilty of prostitution|engages)', weight: 0.65 },
  ],
};
export default rule;
