import type { RuleSpec } from './types.ts';
// Criminalizes or raises penalties for buying sex; End Demand measures, buyer stings, john schools, vehicle seizure.
const rule: RuleSpec = {
  kind: 'buyer_criminalization',
  impact: 'harmful',
  adultOnly: true,
  requireOperative: true,
  skipReferences: true,
  description: 'Criminalizes purchasing or soliciting sex, or raises its penalties ("End Demand"); buyer stings, john schools, vehicle impoundment.',
  cues: [
    // trafficking offenses whose list of acts includes buying: "recruits, entices, harbors, … patronizes, or solicits"
    { id: 'buying in a trafficking act list', pattern: '(?:recruits|entices|harbors|transports)[^.;]{0,160}(?:patronizes|solicits|purchases|buys)\\b', weight: 0.6 },
    { id: 'patronizing prostitution', pattern: 'patroniz(?:es|ing|e) (?:a )?(?:prostitut|a person for prostitution|prostitution)|offense of patronizing|engag(?:es|ing|e) (?:the services of )?a prostitute|prostitution as a patron', weight: 0.8,
 },
    { id: 'solicits sexual conduct for a fee', pattern: '(?:solicits|requests|hires?|hiring|offers? to hire) (?:or requests )?(?:another person|a prostitute|any person)[^.;]{0,80}(?:sexual|fee|value|prostitut)', weight: 0.75 },
    { id: 'pays / offers a fee for sexual conduct', pattern: '(?:pays|provides?|agrees? to (?:pay|provide)|offers? (?:to (?:pay|provide) )?)(?:(?!that)[^.;]){0,40}(?:a fee|money|anything of value|something of value|compensation)[^.;]{0,100}(?:sexual|sex act)', weight: 0.75 },
    { id: 'purchases sex', pattern: 'purchas(?:es|ing|e) (?:or offers to purchase )?(?:another person.s services as a (?:partner|participant) in a sex act|commercial sex|sex acts?|sexual)|purchase of commercial sex', weight: 0.8 },
    { id: 'buyers in trafficking offense', pattern: '(?:patronizes|patronizing|purchasing|buys|purchases),? (?:or |procuring, )?(?:solicits|soliciting|maintains|obtaining|or obtaining)', weight: 0.65,
      context: ['traffick|commercial sex'] },
  ],
  // procuring patrons for someone else ("solicits another person to patronize a prostitute") is a third-party offense
  exclude: ['nor shall (?:the )?(?:prostitute|person)|prostitution is a (?:class|misdemeanor)', 'solicits?[^.;]{0,30}to patronize'],
};
export default rule;
