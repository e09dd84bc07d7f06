// Every source Cogency has, one line each, in the order `cogency ingest` runs them (TIP first:
// later sources, such as the transcribed tiers, extend its measures; the law corpus after the
// statistics). A new source is its folder (src/sources/<id>/descriptor.ts) and its line here;
// test/sources/descriptors.test.ts fails when a folder's descriptor is missing from this list.
// An explicit list rather than a directory scan: the order is part of the contract, the imports
// stay static (so the list is typechecked), and nothing is loaded by a name found on disk. The
// descriptors hold data only; each importer loads when it is asked for (descriptor.loadImporter),
// so a query never loads a parser.
import type { MeasureDef } from '../model/types.ts';
import type { Geography, SourceSummary } from '../model/inventory.ts';
import { displayPattern, type CoverageKind, type FamilyDescriptor, type MeasureGroup, type RateBase, type SourceDescriptor } from './descriptor.ts';
import { tipDescriptor } from './tip/descriptor.ts';
import { nibrsDescriptor } from './nibrs/descriptor.ts';
import { fbiHtDescriptor } from './fbi-ht/descriptor.ts';
import { fbiHtMasterDescriptor } from './fbi-ht-master/descriptor.ts';
import { censusDescriptor } from './census/descriptor.ts';
import { fbiUcrDescriptor } from './fbi-ucr/descriptor.ts';
import { fbiCdeDescriptor } from './cde/descriptor.ts';
import { ciusDescriptor } from './cius/descriptor.ts';
import { walkfreeDescriptor } from './walkfree/descriptor.ts';
import { grantsDescriptor } from './grants/descriptor.ts';
import { lawDescriptor } from '../law/descriptor.ts';
import { transcribedDescriptor } from './transcribed/descriptor.ts';
import { mseDescriptor } from './mse/descriptor.ts';
import { servicesDescriptor } from './services/descriptor.ts';

export const DESCRIPTORS: readonly SourceDescriptor[] = [
  tipDescriptor,
  nibrsDescriptor,
  fbiHtDescriptor,
  fbiHtMasterDescriptor,
  censusDescriptor,
  fbiUcrDescriptor,
  fbiCdeDescriptor,
  ciusDescriptor,
  walkfreeDescriptor,
  grantsDescriptor,
  lawDescriptor,
  transcribedDescriptor,
  mseDescriptor,
  servicesDescriptor,
];

export function findDescriptor(id: string, descriptors: readonly SourceDescriptor[] = DESCRIPTORS): SourceDescriptor | undefined {
  return descriptors.find((d) => d.id === id);
}

/** What the descriptors say about one measure id: the first source that declares it, and its group. */
export interface MeasureEntry {
  source: SourceDescriptor;
  group: MeasureGroup;
  measure: MeasureDef;
}

/** Measure id → its declaration; a measure two sources write (tip.tier) keeps the first. */
export function measureIndex(descriptors: readonly SourceDescriptor[] = DESCRIPTORS): Map<string, MeasureEntry> {
  const out = new Map<string, MeasureEntry>();
  for (const source of descriptors)
    for (const group of source.measures) for (const measure of group.measures) if (!out.has(measure.id)) out.set(measure.id, { source, group, measure });
  return out;
}

/** Family id → its declaration (the first source that declares it). */
export function familyIndex(descriptors: readonly SourceDescriptor[] = DESCRIPTORS): Map<string, FamilyDescriptor> {
  const out = new Map<string, FamilyDescriptor>();
  for (const d of descriptors) for (const f of d.families) if (!out.has(f.id)) out.set(f.id, f);
  return out;
}

let measures: Map<string, MeasureEntry> | null = null;
let families: Map<string, FamilyDescriptor> | null = null;
const measureEntry = (id: string) => (measures ??= measureIndex()).get(id);

/** The id of the source (importer) that declares a measure; undefined for a measure no descriptor declares. */
export function sourceOfMeasure(measureId: string): string | undefined {
  return measureEntry(measureId)?.source.id;
}

/** Which coverage figure stands beside a measure's values; undefined when none. */
export function coverageKindOf(measureId: string): CoverageKind | undefined {
  return measureEntry(measureId)?.group.coverage;
}

/** The denominator of a measure's rates per 100,000; undefined when it has no rates. */
export function rateBaseOf(measureId: string): RateBase | undefined {
  return measureEntry(measureId)?.group.rates;
}

/** The level a map of the family's summed measures breaks down to; U.S. states unless a descriptor says otherwise. */
export function geographyOf(family: string): Geography {
  return (families ??= familyIndex()).get(family)?.geography ?? 'state';
}

/** Every source as the sources page and `cogency sources` describe it. */
export function sourceSummaries(descriptors: readonly SourceDescriptor[] = DESCRIPTORS): SourceSummary[] {
  return descriptors.map((d) => ({
    id: d.id,
    title: d.title,
    publisher: d.publisher,
    citation: d.citation,
    caveats: [...d.caveats],
    families: d.families.map((f) => ({ ...f })),
    claims: d.claims.map((c) => ({ pattern: displayPattern(c.pattern), format: c.format, maxBytes: c.maxBytes, notLoaded: c.notLoaded ?? null })),
    measureGroups: d.measures.map((g) => ({ measures: g.measures.map((m) => m.id), universe: g.universe, counts: g.counts, excludes: g.excludes, caveats: [...g.caveats] })),
    defaultViews: d.defaultViews.map((v) => ({ measure: v.measure, chart: v.chart, place: v.place ?? null })),
    fetchFiles: d.fetch.length,
  }));
}
