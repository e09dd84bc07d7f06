import type { RuleSpec } from './types.ts';
// Promoting / facilitating / living on the earnings / houses of prostitution: reaches sex workers working together.
const rule: RuleSpec = {
  kind: 'third_party_broadening',
  impact: 'harmful',
  adultOnly: true,
  requireOperative: true,
  skipReferences: true,
  description: 'Promoting, advancing, profiting from, procuring, transporting for, or keeping premises for prostitution ("house of prostitution", living off the proceeds).',
  narrowing: ['shall not (?:constitute|include|apply)|does not include|not be construed'],
  cues: [
    // the offense's name ("promoting prostitution in the first degree") says nothing of its elements: those carry the finding
    { id: 'promoting/advancing prostitution', pattern: '(?:promot(?:es|ing|e)|advanc(?:es|ing|e)|profits? from|facilitat(?:e|es|ing)) prostitution(?! in the \\w+ degree)', weight: 0.75 },
    { id: 'house of prostitution / brothel', pattern: 'houses? of (?:prostitution|ill fame|lewdness)|bawdy[- ]?(?:house|place)|brothel|disorderly house', weight: 0.75 },
    { id: 'premises for prostitution', pattern: '(?:premises|place|building|dwelling|tenancy)[^.;]{0,80}(?:used )?for (?:the )?(?:purposes? of )?prostitution|prostitution purposes|(?:seclusion|shelter) (?:or shelter )?for the practice of prostitution|place where commercial sexual activity', weight: 0.75,
      // a person loitering in a public place is the loitering offense, not premises kept for prostitution
      exclude: ['public place|loiter'] },
    { id: 'living on earnings', pattern: '(?:earnings|proceeds|support or maintenance)[^.;]{0,60}(?:prostitut|of such person.s prostitution)|from a prostitute|share in the income', weight: 0.75 },
    { id: 'procuring / pandering / pimping', pattern: 'procur(?:es|ing|e)[^.;]{0,40}(?:prostitut|patron|for prostitution)|pander|pimp(?:ing)?\\b|arranging for prostitution|arrang\\w* for the purpose of prostitution|induces, entices, or procures|entices (?:another|a) person to become a prostitute|(?:causes|persuades|induces|encourages)[^.;]{0,40}(?:to become|remain) a prostitute|solicits? (?:patrons|a patron) for', weight: 0.7 },
    { id: 'transporting for prostitution', pattern: 'transport(?:s|ing)?[^.;]{0,160}(?:engage in prostitution|for the purpose of prostitution|prostitution or)|travel(?: services)?[^.;]{0,160}(?:prostitution|patronizing)', weight: 0.7 },
    { id: 'promoting offense cited', pattern: 'promoting prostitution in the (?:first|second|third|fourth) degree', weight: 0.45 },
  ],
  headingExclude: ['nuisance|abatement|abate'],
  exclude: [
    'human trafficking[^.]{0,40}means|under the age of (?:eighteen|18)[^.]{0,60}only',
    // coercion-based offenses (force, threats, compulsion) are trafficking-like, not third-party broadening
    'by (?:force|threats?|fraud|intimidation|duress)|force, fraud|by compelling',
    // property forfeiture / nuisance abatement is massage_business_targeting's ground
    'real property[^.;]{0,80}facilitat|nuisance|abatement (?:action|proceeding)|action to abate',
  ],
};
export default rule;
