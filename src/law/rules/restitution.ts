import type { RuleSpec } from './types.ts';
// Restitution or compensation for trafficking victims, including civil actions and victim-compensation claims.
const rule: RuleSpec = {
  kind: 'restitution',
  impact: 'protective',
  description: 'Restitution, damages, civil actions or compensation for trafficking victims (including for illegal work).',
  context: ['traffick|victim|prostitut|coerc|forced labor|sexual exploitation'],
  cues: [
    { id: 'order restitution', pattern: 'restitution', weight: 0.75, exclude: ['restitution center'] },
    { id: 'civil action by victim', pattern: '(?:victim|individual|person)[^.;]{0,80}may bring a civil action|civil (?:action|cause of action|remedy)[^.;]{0,80}(?:victim|trafficked)|(?:is|are|shall be) liable to the person trafficked', weight: 0.75 },
    { id: 'damages', pattern: '(?:economic|noneconomic|compensatory|punitive) damages|recover damages', weight: 0.6 },
    { id: 'victim compensation award', pattern: '(?:compensation|award|payment|grants?)[^.;]{0,80}(?:to|for) (?:a |any )?victims? of|victims? of [^.;]{0,40}(?:shall be )?eligible for (?:benefits and )?compensation|claims? for compensation|expedited determination of claims', weight: 0.65 },
  ],
};
export default rule;
