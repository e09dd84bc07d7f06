import type { RuleSpec } from './types.ts';
// Mandated signage, posters, campaigns, awareness days or trainings framed around (sex) trafficking.
const rule: RuleSpec = {
  kind: 'awareness_campaign',
  impact: 'concern',
  description: 'Mandated public-awareness signage, posters, hotline notices, campaigns, awareness days or trainings framed around trafficking.',
  context: ['traffick|sexual exploitation|commercial sex'],
  cues: [
    { id: 'hotline notice / poster / sign', pattern: '(?:post|display|posted|displayed)[^.;]{0,80}(?:notice|poster|sign|information)|(?:notice|poster|signs?|placards?)[^.;]{0,60}(?:hotline|resource center)|informational (?:posters?|cards?|signs?)|public awareness signs?|model notice', weight: 0.75 },
    { id: 'awareness campaign / program', pattern: 'awareness (?:campaigns?|programs?|training|week|day|month)|public awareness|promote awareness|education and awareness|awareness and prevention|awareness of human trafficking|awareness literature|increase awareness', weight: 0.75 },
    { id: 'mandated training', pattern: 'training (?:program|course|curriculum|on|in|regarding|that|must)|(?:provide|complete|receive|conduct|undergo|develop)[^.;]{0,40}training|trainings?\\b[^.;]{0,40}(?:identif|recogni|detect)|curriculum|professional development|coursework|course shall', weight: 0.65,
      // job or vocational training offered to victims is a service, not an awareness measure
      exclude: ['(?:job|vocational|employment|life skills?) (?:counseling|training)|job training|training programs?,? housing'] },
    { id: 'disseminate information', pattern: '(?:disseminat|distribut)\\w*[^.;]{0,60}(?:information|materials|literature)|resource information|educational materials|brochures', weight: 0.6 },
    { id: 'awareness day proclaimed', pattern: 'trafficking awareness (?:day|week|month)', weight: 0.85 },
    { id: 'recognition training', pattern: 'trafficking recognition|recogniz(?:e|ing) and report(?:ing)?', weight: 0.7 },
  ],
  exclude: ['victim services fund shall|shall not be required to (?:post|display)'],
};
export default rule;
