// Check a parsed claim against the official record: find the stored measure it speaks of, compute what the
// record gives (through src/analysis, read-only), and return a verdict with the query, the citation and the
// difference — or say the record has no such figure and what it has, or that the claim conflates things the
// record keeps apart (prostitution arrests as trafficking, all trafficking as sex trafficking, estimates or
// hotline reports as identified cases).
import { query, type CitationInfo } from '../analysis/query.ts';
import type { CheckResult, RecordFigure, RegistryEntry, Verdict } from '../methods/claims/result.ts';
import type { Store } from '../store/store.ts';
import { parseClaim, type ClaimParse, type PlaceName } from '../methods/claims/parse.ts';
import REGISTRY from './registry.json' with { type: 'json' };

export { VERDICT_LABEL, type CheckResult, type RecordFigure, type RegistryEntry, type Verdict } from '../methods/claims/result.ts';

const ENTRIES = (REGISTRY as { entries: RegistryEntry[] }).entries;

/** The registry entry a claim repeats, matched on word patterns so paraphrases match too. */
export function matchRegistry(text: string): RegistryEntry | null {
  return ENTRIES.find((e) => e.match.some((group) => group.every((p) => new RegExp(p, 'i').test(text)))) ?? null;
}

/** What the record holds, topic by topic, for "no such figure" answers. */
const RECORD_HAS: Record<string, string[]> = {
  trafficking: [
    'fbi.ht.offenses — human-trafficking offenses known to police (FBI UCR), by state and nationally, 2013–2020, split into commercial sex acts and involuntary servitude; participation grew from 6 states (2013) to 44 (2020).',
    'walkfree.gsi.estimated_number — Walk Free estimates of people in modern slavery by country, 2021 (estimates, not identified cases).',
  ],
  prostitution: ['fbi.arrests.prostitution_estimated — FBI national estimates of arrests for prostitution and commercialized vice, 1995–2016.'],
  slavery: [
    'walkfree.gsi.estimated_number and walkfree.gsi.prevalence_per_1000 — Walk Free Global Slavery Index 2023 estimates by country, reference year 2021.',
    'ilo.gems.forced_labour_by_sector — ILO/Walk Free/IOM 2021 global estimates of forced labour by sector.',
  ],
  tier: ['tip.tier — U.S. State Department TIP Report tier placements by country, 2001–2015 (the United States itself is not in this series).'],
};

function recordHasFor(p: ClaimParse): string[] {
  if (p.counted === 'prostitution') return RECORD_HAS.prostitution!;
  if (p.counted === 'modern_slavery' || p.counted === 'forced_labour') return RECORD_HAS.slavery!;
  if (p.counted === 'tier') return RECORD_HAS.tier!;
  return [...RECORD_HAS.trafficking!, ...RECORD_HAS.prostitution!];
}

const fmt = (n: number) => (Number.isInteger(n) ? n.toLocaleString('en-US') : n.toLocaleString('en-US', { maximumFractionDigits: 2 }));

interface Series {
  measure: string;
  label: string;
  place: string;
  byPeriod: Map<number, number>;
  /** Citation ids of the rows behind each period's value. */
  citedBy: Map<number, Set<string>>;
  citations: CitationInfo[];
  caveats: string[];
  cli: string;
}

async function series(store: Store, measure: string, place: string | null, subcategory?: string): Promise<Series | null> {
  try {
    const r = await query(store, { measure, place: place ?? undefined, by: subcategory ? ['period', 'subcategory'] : ['period'] });
    const byPeriod = new Map<number, number>();
    const citedBy = new Map<number, Set<string>>();
    for (const row of r.rows) {
      if (row.value === null || row.suppressed) continue;
      if (subcategory && row.dims.subcategory !== subcategory) continue;
      byPeriod.set(row.period, (byPeriod.get(row.period) ?? 0) + row.value);
      const ids = citedBy.get(row.period) ?? new Set<string>();
      for (const c of row.citations) ids.add(c);
      citedBy.set(row.period, ids);
    }
    if (byPeriod.size === 0) return null;
    const cli = `cogency query ${measure}${place ? ` --place ${place}` : ''} --by period${subcategory ? ',subcategory' : ''}`;
    return { measure, label: r.measure.label + (subcategory ? ` — ${subcategory}` : ''), place: place ?? 'all places', byPeriod, citedBy, citations: r.citations, caveats: r.caveats, cli };
  } catch {
    // an unknown measure (source not loaded) or place: the record has no such figure
    return null;
  }
}

/** The citations behind the values of the given periods. */
function citationsFor(s: Series, periods: number[]): CitationInfo[] {
  const ids = new Set(periods.flatMap((y) => [...(s.citedBy.get(y) ?? [])]));
  return s.citations.filter((c) => ids.has(c.id));
}

function result(p: ClaimParse, verdict: Verdict, headline: string, explanation: string[], extra: Partial<CheckResult> = {}): CheckResult {
  return { verdict, headline, explanation, parse: p, record: null, difference: null, registry: null, recordHas: [], ...extra };
}

/** Tolerance for "consistent": 2%, or 5% when the claim itself hedges ("about", "nearly", "more than"). */
function tolerance(p: ClaimParse): number {
  return p.hedged ? 0.05 : 0.02;
}

async function tierCheck(store: Store, p: ClaimParse): Promise<CheckResult> {
  const year = p.period?.to;
  if (!year || !p.tier) return result(p, 'no-figure', 'The claim names no year, so no tier placement can be looked up.', [], { recordHas: RECORD_HAS.tier! });
  let r;
  try {
    r = await query(store, { measure: 'tip.tier', place: p.unit === 'countries' ? undefined : (p.place ?? undefined), from: year, to: year });
  } catch {
    return result(p, 'no-figure', 'The record has no TIP tier for that place and year.', [], { recordHas: RECORD_HAS.tier! });
  }
  if (r.rows.length === 0) return result(p, 'no-figure', `The record has no TIP tier placements for ${year}${p.place ? ` for ${p.place}` : ''}.`, [], { recordHas: RECORD_HAS.tier! });
  const cli = `cogency query tip.tier${p.unit === 'countries' ? '' : ` --place ${p.place}`} --period ${year}`;
  if (p.unit === 'countries' && p.quantity !== null) {
    const n = r.rows.filter((row) => row.valueText === p.tier).length;
    const record: RecordFigure = { measure: 'tip.tier', label: `Countries placed on ${p.tier}`, place: 'all countries', period: String(year), value: n, query: cli, citations: r.citations, caveats: r.caveats };
    const diff = p.quantity - n;
    const verdict = Math.abs(diff) <= Math.max(0, Math.round(n * tolerance(p))) ? 'consistent' : 'differs';
    return result(p, verdict, `The record places ${n} countries on ${p.tier} in ${year}; the claim says ${fmt(p.quantity)}.`, [], { record, difference: { absolute: diff, percent: n ? (diff / n) * 100 : null } });
  }
  const row = r.rows[0]!;
  const record: RecordFigure = { measure: 'tip.tier', label: 'TIP Report tier placement', place: row.placeName, period: String(year), value: row.valueText ?? '', query: cli, citations: r.citations, caveats: r.caveats };
  const verdict = row.valueText === p.tier ? 'consistent' : 'differs';
  return result(p, verdict, `The ${year} TIP Report placed ${row.placeName} on ${row.valueText}; the claim says ${p.tier}.`, [], { record });
}

/** The measure a claim speaks of, or null when the record has nothing of the kind. */
function measureFor(p: ClaimParse): { measure: string; subcategory?: string; place: string | null } | null {
  // The record's prostitution arrests are national estimates: a local figure has nothing to compare with.
  if (p.counted === 'prostitution' && p.unit === 'arrests') return p.national && (p.place === null || p.place === 'USA') ? { measure: 'fbi.arrests.prostitution_estimated', place: 'USA' } : null;
  if (['human_trafficking', 'sex_trafficking', 'labor_trafficking'].includes(p.counted) && p.unit === 'offenses' && p.place && p.place !== 'ALL') {
    const subcategory = p.counted === 'sex_trafficking' ? 'Commercial Sex Acts' : p.counted === 'labor_trafficking' ? 'Involuntary Servitude' : undefined;
    return { measure: 'fbi.ht.offenses', subcategory, place: p.place };
  }
  if (p.counted === 'modern_slavery' && ['people', 'children', 'none'].includes(p.unit)) return { measure: 'walkfree.gsi.estimated_number', place: p.place === 'ALL' ? null : p.place };
  return null;
}

export async function checkClaim(store: Store, input: string | ClaimParse, text = typeof input === 'string' ? input : '', places?: PlaceName[]): Promise<CheckResult> {
  const p = typeof input === 'string' ? parseClaim(input, places ?? (await placeNames(store))) : input;
  const registry = text ? matchRegistry(text) : null;

  // 1. Conflations the words alone show.
  if (p.mentionsTrafficking && p.unit === 'arrests' && (p.operation || p.mentionsProstitution) && p.counted !== 'prostitution') {
    return result(p, 'conflates', 'Arrests from a "trafficking" sting or operation are presented as trafficking.', [
      'Counts of people arrested in such operations are mostly prostitution and solicitation charges (selling or buying sex), not trafficking charges; unless the charges are trafficking offenses, the figure says nothing about how much trafficking there is.',
      'The record keeps the two apart: prostitution arrests (fbi.arrests.prostitution_estimated) and human-trafficking offenses known to police (fbi.ht.offenses).',
    ], { recordHas: recordHasFor({ ...p, counted: 'human_trafficking' }) });
  }
  if (p.hotline && p.mentionsTrafficking && (p.comparison === 'rise' || p.comparison === 'fall') && !/(calls|cases|reports|contacts) (to|reported to|received by)/i.test(text) && /traffick\w* (in|across)/i.test(text)) {
    return result(p, 'conflates', 'Reports to a hotline are presented as the amount of trafficking.', [
      'Hotline cases count people who called, texted or wrote and what they reported; they rise with awareness of the hotline. A change in hotline reports is not a change in trafficking itself.',
    ], { recordHas: RECORD_HAS.trafficking! });
  }
  if (registry) {
    const asVictims = registry.atRisk && /\b(are|were|is) (trafficked|kidnapped|forced|trapped|sold|exploited|in the sex trade|commercially sexually exploited)|\benter\b|\bforced into\b|\btrafficked\b|\btrapped\b|\bexploited\b|\bsex slaves?\b/i.test(text) && !/\bat risk\b|\bin danger\b|\bvulnerable to\b(?!.*trapped)/i.test(text.replace(/trapped or vulnerable/i, 'trapped'));
    if (asVictims) {
      return result(p, 'conflates', 'An estimate of children "at risk" is presented as children trafficked or exploited.', [registry.origin, 'The official record has no count of children trafficked in the United States.'], { registry, recordHas: RECORD_HAS.trafficking! });
    }
    return result(p, 'no-figure', 'This figure circulates without a traceable official source; the record has no such figure.', [registry.origin], { registry, recordHas: recordHasFor(p) });
  }
  if (p.counted === 'tier') return tierCheck(store, p);

  // 2. A stored measure for what is counted.
  const target = measureFor(p);
  if (!target || p.quantity === null || p.comparison === 'share' || p.comparison === 'rate') {
    const what = p.hotline ? 'Hotline data (calls, cases reported to a hotline) are not part of the official record Cogency holds.' : 'Nothing in the record measures what this claim counts.';
    return result(p, 'no-figure', 'The record has no such figure.', [what], { recordHas: recordHasFor(p) });
  }
  const s = await series(store, target.measure, target.place, target.subcategory);
  if (!s) return result(p, 'no-figure', 'The record has no such figure for that place.', [], { recordHas: recordHasFor(p) });
  const periods = [...s.byPeriod.keys()].sort((a, b) => a - b);
  const span = `${periods[0]}–${periods[periods.length - 1]}`;

  if (p.comparison === 'rise' || p.comparison === 'fall') {
    const from = p.period?.from;
    const to = p.period?.to;
    if (from === undefined || to === undefined || from === to || !s.byPeriod.has(from) || !s.byPeriod.has(to))
      return result(p, 'no-figure', `The record has ${s.label} for ${span}, not for the years the claim compares.`, [], { recordHas: recordHasFor(p) });
    const a = s.byPeriod.get(from)!;
    const b = s.byPeriod.get(to)!;
    const actual = ((b - a) / a) * 100;
    const claimed = p.change!;
    const record: RecordFigure = { measure: s.measure, label: s.label, place: s.place, period: `${from}–${to}`, value: Math.round(actual * 10) / 10, query: `${s.cli} --period ${from}-${to}`, citations: citationsFor(s, [from, to]), caveats: s.caveats };
    const diff = claimed - actual;
    const verdict = Math.abs(diff) <= (p.hedged ? 5 : 2) ? 'consistent' : 'differs';
    return result(p, verdict, `The record gives ${fmt(a)} in ${from} and ${fmt(b)} in ${to}: a change of ${actual.toFixed(1)}%; the claim says ${claimed > 0 ? '+' : ''}${claimed}%.`, [
      `Difference: ${diff > 0 ? '+' : ''}${diff.toFixed(1)} percentage points.`,
    ], { record, difference: { absolute: Math.round(diff * 10) / 10, percent: null } });
  }

  let year = p.period?.to;
  const notes: string[] = [];
  if (year === undefined) {
    year = periods[periods.length - 1]!;
    notes.push(`The claim names no year; the latest year in the record (${year}) is used.`);
  }
  if (!s.byPeriod.has(year)) return result(p, 'no-figure', `The record has ${s.label} for ${span}, not for ${year}.`, [], { recordHas: recordHasFor(p) });
  const value = s.byPeriod.get(year)!;
  const record: RecordFigure = { measure: s.measure, label: s.label, place: s.place, period: String(year), value, query: `${s.cli} --period ${year}`, citations: citationsFor(s, [year]), caveats: s.caveats };
  const diff = p.quantity - value;
  const percent = value ? (diff / value) * 100 : null;

  // All human trafficking presented as sex trafficking: the claim's figure is the total, not the sex-trafficking part.
  if (target.subcategory === 'Commercial Sex Acts' && Math.abs(diff / value) > tolerance(p)) {
    const all = await series(store, 'fbi.ht.offenses', target.place);
    const total = all?.byPeriod.get(year);
    if (total && Math.abs(p.quantity - total) / total <= tolerance(p))
      return result(p, 'conflates', `The figure matches all human-trafficking offenses (${fmt(total)}), not the sex-trafficking part (${fmt(value)}).`, [
        'The total includes involuntary servitude (labor trafficking); presenting it as sex trafficking overstates sex trafficking.',
      ], { record, difference: { absolute: diff, percent } });
  }
  // An estimate presented as people identified.
  if (s.measure === 'walkfree.gsi.estimated_number' && /\b(identified|rescued|arrested|reported to police|cases)\b/i.test(text)) {
    return result(p, 'conflates', 'A modelled estimate is presented as people identified.', [
      'Walk Free figures are survey-based estimates of how many people may be in modern slavery, not counts of victims found or cases recorded.',
    ], { record, difference: { absolute: diff, percent } });
  }
  const consistent = Math.abs(diff) <= tolerance(p) * value;
  return result(
    p,
    consistent ? 'consistent' : 'differs',
    `The record gives ${fmt(value)} (${s.label}, ${s.place}, ${year}); the claim says ${fmt(p.quantity)}.`,
    [...notes, consistent ? '' : `Difference: ${diff > 0 ? '+' : ''}${fmt(diff)} (${percent === null ? 'n/a' : `${percent > 0 ? '+' : ''}${percent.toFixed(1)}%`}).`].filter(Boolean),
    { record, difference: { absolute: diff, percent } },
  );
}

/** Place names for the parser: countries and states in the store. */
export async function placeNames(store: Store): Promise<PlaceName[]> {
  try {
    const rows = await store.all("SELECT id, name FROM places WHERE kind IN ('country', 'state')");
    return rows.map((r) => ({ id: String(r.id), name: String(r.name) }));
  } catch {
    return [];
  }
}
