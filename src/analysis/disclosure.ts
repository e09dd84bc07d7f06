// Disclosure control: small counts about small areas can identify people. Below state level every
// count goes through one protection step (disclosure/protected.ts): primary suppression of counts
// from 1 to threshold − 1, complementary suppression so no withheld count can be worked out from
// published totals (disclosure/suppress.ts), computed once per source version for each published
// table family (disclosure/families.ts) and checked by the auditor (disclosure/audit.ts). State and
// national cells are published as the FBI publishes them.
export { DEFAULT_THRESHOLD as SUPPRESSION_THRESHOLD, disclosureRule, isSubState, isProtectedMeasure, withheldReason } from './disclosure/rule.ts';
export type { DisclosureRule } from './disclosure/rule.ts';
export { assertProtected, protectRows, type ProtectedResult } from './disclosure/protected.ts';
export { measureFamilies, sourceProtections, subStateSources, UNNAMED_SUFFIX, type ProtectedFamily } from './disclosure/families.ts';
