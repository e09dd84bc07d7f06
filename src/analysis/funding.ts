// Funding against need: U.S. anti-trafficking grants abroad by country and year beside each
// country's estimated number of people in modern slavery (Walk Free GSI), its TIP tier and — where
// loaded — the victims it identified and its prosecutions. Funding per estimated victim is given
// only with its denominator's source and year, and the gap between the grant year and that year.
import { UsageError } from '../sources/errors.ts';
import { WORLD } from '../sources/walkfree/source.ts';
import type { Store } from '../store/store.ts';
import type { Denominator, FundingCountry, FundingReport, FundingWorldYear } from '../model/funding.ts';

export type { Denominator, FundingCountry, FundingReport, FundingWorldYear, FundingYear } from '../model/funding.ts';

export const FUNDING_MEASURE = 'grants.us_anti_tip.amount';
export const PROJECTS_MEASURE = 'grants.us_anti_tip.projects';
export const ESTIMATED_VICTIMS = 'walkfree.gsi.estimated_number';
export const PREVALENCE = 'walkfree.gsi.prevalence_per_1000';
/**
 * Victims identified and prosecutions as governments reported them to the State Department (TIP
 * "Global Law Enforcement Data"). The record holds them worldwide and by State Department region
 * only; a country figure is used wherever a loaded source has one.
 */
export const IDENTIFIED_VICTIMS = 'tip.law_enforcement.victims_identified';
export const PROSECUTIONS = 'tip.law_enforcement.prosecutions';

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

async function latestPerPlace(store: Store, measure: string, countriesOnly = false): Promise<Map<string, { value: number | null; year: number; source: string }>> {
  const rows = await store.all(
    `SELECT o.place, o.period, sum(o.value) AS value, string_agg(DISTINCT s.title, '; ' ORDER BY s.title) AS title
     FROM observations o JOIN sources s ON s.id = o.source_id JOIN places p ON p.id = o.place
     WHERE o.measure = ? ${countriesOnly ? "AND p.kind = 'country'" : ''} GROUP BY o.place, o.period ORDER BY o.place, o.period`,
    [measure],
  );
  const out = new Map<string, { value: number | null; year: number; source: string }>();
  for (const r of rows) out.set(String(r.place), { value: num(r.value), year: Number(r.period), source: String(r.title) });
  return out;
}

/** Grants by recipient country and year against need; `place` narrows to one country. */
export async function fundingAgainstNeed(store: Store, params: { place?: string; from?: number; to?: number }): Promise<FundingReport> {
  const from = params.from ?? 2001;
  const to = params.to ?? 2014;
  if (from > to) throw new UsageError('the period runs backwards');
  const measures = new Set((await store.all('SELECT id FROM measures')).map((r) => String(r.id)));
  if (!measures.has(FUNDING_MEASURE)) return { from, to, countries: [], worldwide: [], notes: ['No grant data is loaded (run cogency ingest grants).'], sources: [] };
  const where = ['o.measure = ?', 'o.period BETWEEN ? AND ?', "p.kind = 'country'"];
  const args: (string | number)[] = [FUNDING_MEASURE, from, to];
  if (params.place) {
    const [p] = await store.all("SELECT id FROM places WHERE upper(id) = upper(?) AND kind = 'country'", [params.place]);
    if (!p) throw new UsageError(`unknown country "${params.place}": use an ISO 3166-1 alpha-3 code (e.g. KHM)`);
    where.push('o.place = ?');
    args.push(String(p.id));
  }
  const grantRows = await store.all(
    `SELECT o.place, p.name, o.period, sum(o.value) AS amount, count(*) AS projects, count(*) FILTER (WHERE o.value IS NULL) AS missing,
            bool_or(list_contains(from_json(o.flags, '["VARCHAR"]'), 'after_recording_break')) AS after_break
     FROM observations o JOIN places p ON p.id = o.place WHERE ${where.join(' AND ')}
     GROUP BY o.place, p.name, o.period ORDER BY p.name, o.period`,
    args,
  );
  const estimated = measures.has(ESTIMATED_VICTIMS) ? await latestPerPlace(store, ESTIMATED_VICTIMS) : null;
  const prevalence = measures.has(PREVALENCE) ? await latestPerPlace(store, PREVALENCE) : null;
  // Only country figures may divide a country's funding: a worldwide or regional count is not its denominator.
  const identified = measures.has(IDENTIFIED_VICTIMS) ? await latestPerPlace(store, IDENTIFIED_VICTIMS, true) : null;
  const prosecutions = measures.has(PROSECUTIONS) ? await latestPerPlace(store, PROSECUTIONS, true) : null;
  const tiers = new Map<string, string>();
  if (measures.has('tip.tier')) {
    for (const r of await store.all("SELECT place, period, value_text FROM observations WHERE measure = 'tip.tier'")) tiers.set(`${String(r.place)}|${Number(r.period)}`, String(r.value_text));
  }
  const denom = (m: Map<string, { value: number | null; year: number; source: string }> | null, measure: string, label: string, place: string, grantYear: number | null): Denominator => {
    if (!m) return { measure, label, value: null, year: null, source: null, yearGap: null, status: 'not loaded' };
    // Loaded, but above country level only: said as such, never as zero and never as a missing year.
    if (m.size === 0) return { measure, label, value: null, year: null, source: null, yearGap: null, status: 'no country figure in the record' };
    const d = m.get(place);
    if (!d || d.value === null) return { measure, label, value: null, year: null, source: null, yearGap: null, status: 'no figure' };
    return { measure, label, value: d.value, year: d.year, source: d.source, yearGap: grantYear === null ? null : grantYear - d.year, status: 'value' };
  };
  const byCountry = new Map<string, FundingCountry>();
  for (const r of grantRows) {
    const place = String(r.place);
    let c = byCountry.get(place);
    if (!c) {
      c = {
        country: place, name: String(r.name), years: [],
        estimatedVictims: denom(estimated, ESTIMATED_VICTIMS, 'People in modern slavery, estimated (Walk Free GSI)', place, null),
        prevalencePer1000: denom(prevalence, PREVALENCE, 'Prevalence per 1,000 (Walk Free GSI)', place, null),
        identifiedVictims: denom(identified, IDENTIFIED_VICTIMS, 'Victims identified (TIP law-enforcement data)', place, null),
        prosecutions: denom(prosecutions, PROSECUTIONS, 'Prosecutions (TIP law-enforcement data)', place, null),
        totalAmount: 0, totalPerEstimatedVictim: null,
      };
      byCountry.set(place, c);
    }
    const year = Number(r.period);
    const amount = num(r.amount);
    // The TIP report published in year y+1 covers roughly the grant's fiscal year y; shown, never combined.
    const tierYear = tiers.has(`${place}|${year + 1}`) ? year + 1 : tiers.has(`${place}|${year}`) ? year : null;
    const ev = c.estimatedVictims.value;
    const iv = c.identifiedVictims.value;
    c.years.push({
      year, amount, projects: Number(r.projects), projectsWithoutAmount: Number(r.missing),
      tier: tierYear === null ? null : tiers.get(`${place}|${tierYear}`)!, tierReportYear: tierYear,
      perEstimatedVictim: amount !== null && ev ? Math.round((amount / ev) * 100) / 100 : null,
      perIdentifiedVictim: amount !== null && iv ? Math.round((amount / iv) * 100) / 100 : null,
      flags: r.after_break ? ['after_recording_break'] : [],
    });
    c.totalAmount += amount ?? 0;
  }
  for (const c of byCountry.values()) {
    const ev = c.estimatedVictims.value;
    c.totalPerEstimatedVictim = ev ? Math.round((c.totalAmount / ev) * 100) / 100 : null;
    const first = c.years[0]?.year ?? null;
    if (c.estimatedVictims.year !== null && first !== null) c.estimatedVictims.yearGap = first - c.estimatedVictims.year;
  }
  const worldwide = measures.has(IDENTIFIED_VICTIMS) ? await fundingPerIdentifiedVictimWorldwide(store, from, to) : [];
  const sources = await store.all(
    `SELECT DISTINCT s.id, s.title, s.publisher, s.url, s.retrieved, s.sha256 FROM sources s JOIN measures m ON m.source_id = s.id
     WHERE m.id IN (?, ?, ?, ?, ?, 'tip.tier') ORDER BY s.id`,
    [FUNDING_MEASURE, ESTIMATED_VICTIMS, PREVALENCE, IDENTIFIED_VICTIMS, PROSECUTIONS],
  );
  return {
    from,
    to,
    countries: [...byCountry.values()].sort((a, b) => b.totalAmount - a.totalAmount),
    worldwide,
    notes: [
      'Numerator: U.S. government anti-trafficking project funding abroad by recipient country and grant (fiscal) year, nominal U.S. dollars (Kelley/Heiss coding of the State Department project lists). Regional and global projects are not split among countries, so country sums understate what reached each country.',
      'Denominator: people in modern slavery estimated by the Walk Free Global Slavery Index 2023 for the reference year 2021 — years after most grants here. The ratio is dollars in the grant year per person estimated in 2021, not spending per victim at the time; the year gap is shown beside every figure.',
      'Modern slavery (GSI) covers forced labour and forced marriage; it is not a count of sex trafficking, nor of sex work.',
      'From 2011 the project lists cover far less (a recording break, not a spending fall): do not read 2010→2011 as a trend.',
      'TIP tier: the report published the year after the grant year (its reporting period roughly matches the fiscal year); shown beside the funding, never combined with it.',
      identified === null
        ? 'Funding per identified victim needs victims-identified figures (TIP law-enforcement data), which are not loaded: it is not computed.'
        : identified.size === 0
          ? 'Funding per identified victim by country: no country figure in the record. The TIP law-enforcement figures held (transcribed, partial) are worldwide and by State Department region only, so no country ratio is computed — this is not a zero.'
          : 'Funding per identified victim uses the victims-identified figure of the country itself (TIP law-enforcement data), with its year beside it.',
      ...(worldwide.length
        ? [
            'Worldwide: all U.S. anti-trafficking project funding abroad that fiscal year (country, regional and global projects) against the victims all governments reported identifying in the same data year (TIP Global Law Enforcement Data, partial: only the years transcribed). A measure of scale, not U.S. spending per victim it reached; after 2010 the project lists cover far less (recording break).',
          ]
        : []),
    ],
    sources: sources.map((s) => ({ id: String(s.id), title: String(s.title), publisher: String(s.publisher), url: String(s.url), retrieved: String(s.retrieved), sha256: String(s.sha256) })),
  };
}

/** U.S. funding abroad per victim identified worldwide, for the years both figures exist. */
async function fundingPerIdentifiedVictimWorldwide(store: Store, from: number, to: number): Promise<FundingWorldYear[]> {
  const rows = await store.all(
    `WITH f AS (
       SELECT period, sum(value) AS amount, count(*) AS projects, count(*) FILTER (WHERE value IS NULL) AS missing,
              bool_or(list_contains(from_json(flags, '["VARCHAR"]'), 'after_recording_break')) AS after_break
       FROM observations WHERE measure = ? AND period BETWEEN ? AND ? GROUP BY period)
     SELECT f.period, f.amount, f.projects, f.missing, f.after_break, v.value AS victims, v.flags AS victim_flags, s.title AS source
     FROM f JOIN observations v ON v.measure = ? AND v.place = ? AND v.period = f.period
     JOIN sources s ON s.id = v.source_id
     ORDER BY f.period`,
    [FUNDING_MEASURE, from, to, IDENTIFIED_VICTIMS, WORLD.id],
  );
  return rows.map((r) => {
    const amount = num(r.amount);
    const victims = num(r.victims);
    const victimFlags = JSON.parse(String(r.victim_flags ?? '[]')) as string[];
    return {
      year: Number(r.period),
      amount,
      projects: Number(r.projects),
      projectsWithoutAmount: Number(r.missing),
      identifiedVictims: victims,
      identifiedVictimsSource: String(r.source),
      identifiedVictimsFlags: victimFlags,
      perIdentifiedVictim: amount !== null && victims ? Math.round((amount / victims) * 100) / 100 : null,
      flags: r.after_break ? ['after_recording_break'] : [],
    };
  });
}
