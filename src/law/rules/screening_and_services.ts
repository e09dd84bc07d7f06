import type { RuleSpec } from './types.ts';
// Voluntary screening and services offered without conditions (health, counseling, legal, housing).
const rule: RuleSpec = {
  kind: 'screening_and_services',
  impact: 'protective',
  description: 'Voluntary screening for trafficking and services for victims/survivors offered without conditions (health, counseling, legal, housing, benefits, confidentiality of counselors).',
  context: ['traffick|sexual exploitation|sexually exploited|survivor|prostitut|commercial sex'],
  // a services clause inside a section on trafficking victims needs no repetition of the word
  contextInHeading: true,
  narrowing: ['shall report to the (?:metropolitan )?police'],
  // organizations named by what they do (members, consultees, inventories) are not a provision of services
  exclude: ['consult(?:ing)? with|identify (?:available|existing)|representatives? (?:of|from)|one member|training for'],
  cues: [
    { id: 'services for victims', pattern: 'services?[^.;]{0,60}(?:for|to) (?:victims|survivors|eligible|adult survivors|individuals|persons|youth|children)|(?:victims|survivors)[^.;]{0,60}(?:access|receive|eligible for)[^.;]{0,40}(?:services|benefits|assistance)', weight: 0.4 },
    { id: 'provision of services to victims', pattern: '(?:shall|may|must) (?:provide|ensure|offer|fund|make available|contract)[^.;]{0,100}(?:services|housing|treatment|shelter|counsel)[^.;]{0,60}(?:victims|survivors)', weight: 0.6 },
    { id: 'housing / shelter / safe house', pattern: 'safe house|shelters?\\b|emergency (?:temporary )?housing|housing(?:-related)? assistance|housing relief', weight: 0.7,
      exclude: ['shelter or seclusion|seclusion or shelter'] },
    { id: 'health / counseling / case management', pattern: 'case management|mental health (?:counsel|services|care|treatment)|counsel(?:l)?ing|medical (?:care|services)|health care', weight: 0.45 },
    { id: 'counselor privilege / confidentiality', pattern: 'trafficking counselor|confidential communication|privilege to refuse to disclose', weight: 0.7 },
    { id: 'screening / assessment', pattern: '(?:individual |human trafficking )?screening of|trafficking assessment|screen(?:ed|ing)? for (?:human )?trafficking|identif(?:y|ication) of victims', weight: 0.65 },
    { id: 'grants / programs for victims', pattern: '(?:grants?|programs?|funds?)[^.;]{0,80}(?:victim|survivor)|rehabilitation|intervention services|coordinated response system|protocols for delivery of services', weight: 0.45 },
    { id: 'voluntary / no conditions', pattern: 'on a voluntary basis|shall be voluntary|voluntarily engage|not require proof of identification', weight: 0.75 },
    { id: 'benefits eligibility', pattern: 'eligible for (?:state )?(?:family assistance|public assistance|benefits)|food assistance', weight: 0.7 },
    { id: 'service directory / hotline counselling', pattern: 'directory of (?:local )?service|hotline to provide[^.;]{0,80}(?:counsel|services)|connect[^.;]{0,30}with the services', weight: 0.7 },
  ],
};
export default rule;
