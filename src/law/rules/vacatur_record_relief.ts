import type { RuleSpec } from './types.ts';
// Vacatur, expungement or sealing of convictions for trafficking survivors or prostitution offenses.
const rule: RuleSpec = {
  kind: 'vacatur_record_relief',
  impact: 'protective',
  description: 'Vacatur, expungement or sealing of convictions or records for trafficking survivors or prostitution offenses.',
  cues: [
    { id: 'vacate conviction', pattern: 'vacat(?:e|ed|es|ing|ur)\\b[^.;]{0,80}(?:conviction|judgment|record|offense)|(?:petition|motion|writ) (?:for|of) vacatur|vacate[sd]? and dismiss|conviction[^.;]{0,40}(?:shall|may) be vacated', weight: 0.8 },
    { id: 'expunge / expunction', pattern: 'expunge(?:d|ment)?|expunction', weight: 0.7, context: ['traffick|prostitut|conviction|criminal history|record'] },
  ],
  narrowing: ['shall not be eligible|not be eligible to apply|until \\w+ years following|interest of justice|in consideration of the circumstances'],
};
export default rule;
