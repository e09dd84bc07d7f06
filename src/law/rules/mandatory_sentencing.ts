import type { RuleSpec } from './types.ts';
// Mandatory minimums, no-probation / no-suspension / no-deferral clauses for prostitution-related offenses.
const rule: RuleSpec = {
  kind: 'mandatory_sentencing',
  impact: 'harmful',
  adultOnly: true,
  skipReferences: true,
  description: 'Mandatory minimum terms or fines, no-probation, no-suspension or no-diversion clauses for prostitution-related offenses.',
  context: ['prostitut|patroniz|commercial sexual|sexual conduct|sex act|this section|this chapter|such offense'],
  // penalty items ("(c) For a third offense, … mandatory minimum …") belong to the offense their section defines
  contextInHeading: true,
  exclude: ['traffick(?:ing|ed)(?! victim)(?!.*prostitut)'],
  // penalties of trafficking offenses are outside the rubric (RUBRIC "Trafficking offenses")
  headingExclude: ['traffick(?!.*prostitut)'],
  cues: [
    { id: 'mandatory minimum term', pattern: 'mandatory (?:minimum )?(?:term|sentence)|minimum term of imprisonment|imprisonment (?:for )?(?:a )?term of not less than|not less than \\w+ (?:days|years?|months?) (?:imprisonment|in jail)', weight: 0.75 },
    { id: 'no suspension/deferral/probation', pattern: 'without (?:the )?possibility of (?:deferral|suspension|probation|parole)|shall not be (?:eligible for|placed on) (?:probation|parole|suspended)|may not be suspended', weight: 0.8 },
  ],
};
export default rule;
