import type { RuleSpec } from './types.ts';
// Compulsory diversion or "services" whose refusal carries penalties.
const rule: RuleSpec = {
  kind: 'mandated_diversion',
  impact: 'concern',
  description: 'Diversion or treatment that is court-ordered or compulsory for people charged with prostitution, or whose refusal carries penalties.',
  // for people charged with prostitution-related offenses: the sentence or its section heading says so
  context: ['prostitut|loiter|patroniz|solicit|sexually exploited|secure'],
  contextInHeading: true,
  cues: [
    { id: 'court-ordered treatment or assessment', pattern: '(?:judge|court) (?:may|shall) order[^.;]{0,60}(?:treatment|program|counsel|assessment)|submission to (?:medical|mental)[^.;]{0,40}(?:examination|treatment)|shall (?:satisfactorily )?(?:attend|complete|participate)[^.;]{0,60}(?:assessment|treatment|program|counsel)', weight: 0.7 },
    { id: 'diversion', pattern: 'divert(?:ed|s)? the offense|diversion (?:of|program)|pretrial diversion|deferred prosecution', weight: 0.65,
      // a diversion named only as a ground for refunding towing or seizure costs is not itself a diversion provision
      exclude: ['towing|booting|impound|refund'] },
  ],
};
export default rule;
