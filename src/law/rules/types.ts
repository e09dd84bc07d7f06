// Rule data types. Each rubric kind has one data module in this folder (`<kind>.ts`) that a policy analyst
// can read and extend: cue phrases (regular expressions, case-insensitive; a space matches any run of
// whitespace), context that must appear in the same sentence, exclusions, and how the kind reads when
// the text deletes or limits it.

export const KINDS = [
  'prostitution_penalty_increase',
  'loitering_for_prostitution',
  'prostitution_free_zone',
  'mandatory_sentencing',
  'buyer_criminalization',
  'third_party_broadening',
  'trafficking_definition_broadened',
  'online_platform_liability',
  'massage_business_targeting',
  'awareness_campaign',
  'funding_condition_anti_prostitution',
  'immigration_penalty',
  'decriminalization',
  'vacatur_record_relief',
  'restitution',
  'victim_non_criminalization',
  'screening_and_services',
  'mandated_diversion',
  'reporting_immunity',
  'police_misconduct_ban',
  'labor_trafficking_focus',
  'data_and_accountability',
  'immigration_relief',
] as const;
export type Kind = (typeof KINDS)[number];
export type Effect = 'enacts' | 'expands' | 'repeals' | 'narrows';
export type Impact = 'harmful' | 'protective' | 'concern';

export interface Cue {
  /** Short name shown to readers as the matched cue. */
  id: string;
  /** Regular expression source (case-insensitive; a literal space matches any whitespace run). */
  pattern: string;
  /** 0–1; findings need confidence ≥ 0.5. Default 0.7. */
  weight?: number;
  /** Sentence must also match one of these (overrides the rule's context). */
  context?: string[];
  /** Sentence must match none of these (added to the rule's exclusions). */
  exclude?: string[];
  /** Only counts where the text deletes it (e.g. [bracketed] old law or "is repealed"). */
  deletedOnly?: boolean;
}

export interface RuleSpec {
  kind: Kind;
  /** Impact when enacted or expanded (RUBRIC.md). */
  impact: Impact;
  description: string;
  cues: Cue[];
  /** Sentence must match one of these for cues without their own context. */
  context?: string[];
  /** Sentence must match none of these. */
  exclude?: string[];
  /** Adult-sex-work kind: sentences limited to minors are child protection, not findings (RUBRIC "Minors"). */
  adultOnly?: boolean;
  /** Criminal-law kind: the sentence must be operative (defines or punishes: "commits", "is guilty", "unlawful", "means"…),
   *  so that mere citations of an offense elsewhere are not findings. */
  requireOperative?: boolean;
  /** Offense names cited elsewhere ("… under section 567.030", "(§ 22-2705)", bare list items, cited act titles) are
   *  references, not provisions: skip them unless the reference itself is new matter in an amending bill. */
  skipReferences?: boolean;
  /** Section headings (or the document title when the text has none) that rule the kind out (e.g. a nuisance section for
   *  third-party offenses, a trafficking section for sentencing rules). */
  headingExclude?: string[];
  /** The rule's context may also be satisfied by the heading of the section the match is in. */
  contextInHeading?: boolean;
  /** Sentence patterns that make an enacted match a narrowing (e.g. "shall not include"). */
  narrowing?: string[];
  /** When a cue of this kind is deleted by the text, report this kind/effect instead (default: same kind, repeals). */
  whenDeleted?: { kind: Kind; effect: Effect };
}
