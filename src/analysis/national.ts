// The nation first: what the official record says for the United States, as a list of panels
// configured as data. Each panel names the measures it shows and the question it answers; the
// one request behind the home page (GET /api/v1/national) fills every panel whose measures are
// loaded and says plainly which are not. Trafficking and prostitution series stay separate lines.
import { UsageError } from '../sources/errors.ts';
import type { CitationInfo, ResultRow } from '../model/results.ts';
import type { NationalPanel, NationalPoint, TierCountRow } from '../model/national.ts';

export type { NationalPanel, NationalPoint, NationalSeries, TierCountRow } from '../model/national.ts';
import type { Store } from '../store/store.ts';
import { query } from './query.ts';
import { storeIndex } from './store-index.ts';
import { COVERAGE_MEASURES } from './coverage.ts';
import { TIERS, tierListComplete } from '../sources/transcribed/completeness.ts';
import { GRADE_LABEL, gradeOf } from '../sources/transcribed/grade.ts';

export interface SeriesConfig {
  measure: string;
  /** Line label; with `splitBy`, the dimension value is appended. */
  label: string;
  place: string;
  /** Break the measure into one series per value of this dimension (e.g. UCR subcategory). */
  splitBy?: string;
}

export interface PanelConfig {
  id: string;
  title: string;
  /** The question the panel answers, in a reader's words. */
  question: string;
  kind: 'lines' | 'bars' | 'tiers';
  series: SeriesConfig[];
  /** Who is counted: the share of the population behind the figures, in words. */
  coverage: string;
  /** Years where the way figures are collected changed: marked on the chart, never smoothed. */
  breaks?: { period: number; label: string }[];
  /** Where to go down to each state. */
  stateLinks: { href: string; label: string }[];
  /** Said when no state breakdown exists, instead of a link. */
  noStateData?: string;
}

const NIBRS_2021 = {
  period: 2021,
  label: '2021: the FBI took only NIBRS data; agencies that had not switched (including most of some large states) reported nothing, so national counts fall for that reason',
};

/**
 * The home page, in reading order. Measure ids of sources not loaded in this build (the national
 * FBI files are being added under issue #14) are listed anyway, so the page says they are missing.
 */
export const NATIONAL_PANELS: PanelConfig[] = [
  {
    id: 'arrests',
    title: 'Arrests: prostitution against human trafficking',
    question: 'Whom does policing arrest — people in the sex trade, or traffickers?',
    kind: 'lines',
    series: [
      { measure: 'fbi.arrests.prostitution_estimated', label: 'Prostitution and commercialized vice (FBI national estimate)', place: 'USA' },
      { measure: 'fbi.cde.arrests.prostitution', label: 'Prostitution and commercialized vice (FBI, reported arrests)', place: 'USA' },
      { measure: 'us.ucr_ht.arrests_commercial_sex', label: 'Human trafficking: commercial sex acts (FBI UCR, participating states, via BJS)', place: 'USA' },
      { measure: 'us.ucr_ht.arrests_involuntary_servitude', label: 'Human trafficking: involuntary servitude (FBI UCR, participating states, via BJS)', place: 'USA' },
      { measure: 'fbi.cde.arrests.sex_trafficking', label: 'Human trafficking: commercial sex acts (FBI, reported arrests)', place: 'USA' },
      { measure: 'fbi.cde.arrests.labor_trafficking', label: 'Human trafficking: involuntary servitude (FBI, reported arrests)', place: 'USA' },
      { measure: 'fbi.asr.adult.prostitution_arrests', label: 'Prostitution and commercialized vice, adults (FBI ASR, reported)', place: 'USA' },
    ],
    coverage:
      'National estimates are extrapolated by the FBI to the whole population; reported arrests cover only the agencies that reported that year (see each point). Prostitution arrests lump together people who sell sex, promoters and buyers.',
    breaks: [NIBRS_2021],
    stateLinks: [
      { href: '/explore?measure=nibrs.arrestees.prostitution&by=state', label: 'Arrests for prostitution by state (NIBRS)' },
      { href: '/explore?measure=nibrs.arrestees.sex_trafficking&by=state', label: 'Arrests for sex trafficking by state (NIBRS)' },
    ],
  },
  {
    // On the arrests panel's scale trafficking arrests lie flat against tens of thousands of
    // prostitution arrests: the same series again, on their own scale, so their size and trend can be read.
    id: 'trafficking-arrests',
    title: 'Human-trafficking arrests on their own scale',
    question: 'How many arrests for sex trafficking and for labor trafficking does the FBI record?',
    kind: 'lines',
    series: [
      { measure: 'us.ucr_ht.arrests_commercial_sex', label: 'Commercial sex acts (FBI UCR, participating states, via BJS)', place: 'USA' },
      { measure: 'us.ucr_ht.arrests_involuntary_servitude', label: 'Involuntary servitude (FBI UCR, participating states, via BJS)', place: 'USA' },
      { measure: 'fbi.cde.arrests.sex_trafficking', label: 'Commercial sex acts (FBI, reported arrests)', place: 'USA' },
      { measure: 'fbi.cde.arrests.labor_trafficking', label: 'Involuntary servitude (FBI, reported arrests)', place: 'USA' },
    ],
    coverage:
      'Only agencies that reported human-trafficking arrests that year (see each point); the FBI began collecting them in 2013 and participation grew year by year, so a rise can be more agencies reporting. Commercial sex acts = sex trafficking; involuntary servitude = labor trafficking.',
    breaks: [NIBRS_2021],
    stateLinks: [{ href: '/explore?measure=nibrs.arrestees.sex_trafficking&by=state', label: 'Arrests for sex trafficking by state (NIBRS)' }],
  },
  {
    id: 'offenses',
    title: 'Human-trafficking offenses known to police',
    question: 'How many trafficking offenses do police record — sex and labor trafficking apart?',
    kind: 'lines',
    series: [{ measure: 'fbi.ht.offenses', label: 'Human trafficking', place: 'USA', splitBy: 'subcategory' }],
    coverage: 'Only agencies taking part in the FBI’s human-trafficking collection are counted: 6 states in 2013, 44 in 2020 (each point names how many). A rise can be more agencies reporting, not more trafficking.',
    breaks: [NIBRS_2021],
    stateLinks: [{ href: '/explore?measure=fbi.ht.offenses&by=state', label: 'Trafficking offenses by state (FBI UCR)' }],
  },
  {
    id: 'federal',
    title: 'Federal prosecutions and convictions',
    question: 'How many people do federal courts prosecute and convict for trafficking?',
    kind: 'lines',
    series: [
      { measure: 'us.federal_ht.referred', label: 'Referred to U.S. attorneys (BJS)', place: 'USA' },
      { measure: 'us.federal_ht.prosecuted', label: 'Prosecuted (BJS)', place: 'USA' },
      { measure: 'us.federal_ht.convicted', label: 'Convicted (BJS)', place: 'USA' },
      { measure: 'us.federal_ht.convicted_doj', label: 'Traffickers convicted in DOJ cases (TIP Report)', place: 'USA' },
      { measure: 'us.federal_ht.new_cases_hti', label: 'New federal cases (Human Trafficking Institute)', place: 'USA' },
    ],
    coverage: 'All federal districts. BJS counts a broad set of offenses (including child sexual exploitation); DOJ and HTI count trafficking cases only — the lines measure different things and are not a single trend.',
    stateLinks: [],
    noStateData: 'These sources give national totals only (one state example, Utah 2020, is under “Other stated figures”).',
  },
  {
    id: 'hotline',
    title: 'Calls to the National Human Trafficking Hotline',
    question: 'How many possible trafficking situations reach the national hotline?',
    kind: 'lines',
    series: [
      { measure: 'hotline.cases', label: 'Cases identified (sex and labor)', place: 'USA' },
      { measure: 'hotline.sex_trafficking_situations', label: 'Sex-trafficking situations', place: 'USA' },
    ],
    coverage: 'Everyone who contacts the hotline; counts follow how widely the hotline is known. A case is a report of a possible situation, not a confirmed crime.',
    stateLinks: [],
    noStateData: 'Polaris publishes state tables as reports only; one state (Hawaii, 2007–2016) is under the hotline’s other stated figures.',
  },
  {
    id: 'tip-tiers',
    title: 'How the State Department rates governments',
    question: 'How many countries are on each tier of the Trafficking in Persons Report, year by year?',
    kind: 'tiers',
    series: [
      { measure: 'tip.tier', label: 'Countries per tier (counted from placements)', place: 'WLD' },
      { measure: 'tip.tier_count_stated', label: 'Countries per tier (as stated)', place: 'WLD' },
    ],
    coverage: 'Every country the report rates (about 188). 2001–2015 from a complete research coding; 2016–2025 transcribed, complete only for some tiers and years — a count from an incomplete list is a floor, marked “at least”.',
    stateLinks: [{ href: '/map', label: 'Tier map and each country’s history' }],
  },
  {
    id: 'ilo',
    title: 'Global estimates of forced labour and forced marriage',
    question: 'How many people are in forced labour and forced marriage worldwide?',
    kind: 'bars',
    series: [
      { measure: 'ilo.global_estimates_2022.modern_slavery', label: 'Modern slavery (forced labour + forced marriage)', place: 'WLD' },
      { measure: 'ilo.global_estimates_2022.forced_labour', label: 'Forced labour, all forms', place: 'WLD' },
      { measure: 'ilo.global_estimates_2022.forced_labour_private_economy', label: 'Forced labour exploitation, private economy', place: 'WLD' },
      { measure: 'ilo.global_estimates_2022.forced_commercial_sexual_exploitation', label: 'Forced commercial sexual exploitation', place: 'WLD' },
      { measure: 'ilo.global_estimates_2022.state_imposed_forced_labour', label: 'State-imposed forced labour', place: 'WLD' },
      { measure: 'ilo.global_estimates_2022.forced_marriage', label: 'Forced marriage', place: 'WLD' },
    ],
    coverage: 'The whole world on a given day in 2021; model-based estimates from national household surveys, not counts of cases.',
    stateLinks: [{ href: '/explore?measure=walkfree.gsi.prevalence_per_1000', label: 'Estimates by country (Global Slavery Index)' }],
  },
  {
    id: 'law-enforcement',
    title: 'Trafficking prosecutions and convictions worldwide',
    question: 'How many trafficking prosecutions and convictions do governments report to the State Department?',
    kind: 'lines',
    series: [
      { measure: 'tip.law_enforcement.prosecutions', label: 'Prosecutions', place: 'WLD' },
      { measure: 'tip.law_enforcement.convictions', label: 'Convictions', place: 'WLD' },
      { measure: 'tip.law_enforcement.victims_identified', label: 'Victims identified', place: 'WLD' },
    ],
    coverage: 'Figures governments report to the State Department; not every government reports, and editions revise earlier years.',
    stateLinks: [{ href: '/explore?measure=tip.law_enforcement.prosecutions&by=place', label: 'By State Department region (2016)' }],
  },
];

function point(r: ResultRow, cites: Map<string, CitationInfo>): NationalPoint {
  const grade = gradeOf(r.flags);
  return {
    period: r.period,
    value: r.value,
    valueText: r.valueText,
    suppressed: r.suppressed,
    lowCoverage: r.flags.some((f) => f.startsWith('low_coverage')),
    grade: grade ? GRADE_LABEL[grade] : null,
    coverage: typeof r.extra?.coverage === 'string' ? r.extra.coverage : null,
    disagreements: r.flags.filter((f) => f.startsWith('disagreement:')).map((f) => f.slice('disagreement:'.length)),
    source: r.citations.length === 1 ? cites.get(r.citations[0]!)?.locator ?? null : null,
    notes: r.flags.filter((f) => /^(lower_bound|approximate|year_type_unstated|fiscal_year|incomplete_year|uncertain)/.test(f)).map((f) => f.replace(/^[a-z_]+:?/, (k) => k.replace(/_/g, ' ').replace(/:$/, ': '))),
  };
}

/** Every panel of the home page, from one consistent snapshot of the store. */
export async function nationalRecord(store: Store): Promise<{ panels: NationalPanel[] }> {
  return store.read(async (snap) => {
    const index = await storeIndex(snap);
    const have = new Set((await index.measurePeriods(snap)).keys());
    // Every measure the panels draw, read together rather than two statements per series.
    // (The tier panel counts placements in SQL: its thousands of values are not loaded.)
    const drawn = NATIONAL_PANELS.filter((p) => p.kind !== 'tiers').flatMap((p) => p.series.map((s) => s.measure));
    index.preload(snap, [...drawn, ...PANEL_SIDE_MEASURES].filter((m) => have.has(m)));
    const panels: NationalPanel[] = [];
    for (const cfg of NATIONAL_PANELS) panels.push(await buildPanel(snap, cfg, have));
    return { panels };
  });
}

/** Measures the panels read besides their series: the stated tier counts, and what coverage is worded from. */
const PANEL_SIDE_MEASURES = ['tip.tier_count_stated', ...COVERAGE_MEASURES];

async function buildPanel(store: Store, cfg: PanelConfig, have: Set<string>): Promise<NationalPanel> {
  const present = cfg.series.filter((s) => have.has(s.measure));
  const panel: NationalPanel = {
    id: cfg.id,
    title: cfg.title,
    question: cfg.question,
    kind: cfg.kind,
    loaded: present.length > 0,
    notLoaded: cfg.series.filter((s) => !have.has(s.measure)).map((s) => ({ measure: s.measure, label: s.label })),
    series: [],
    coverage: cfg.coverage,
    breaks: cfg.breaks ?? [],
    stateLinks: cfg.stateLinks,
    noStateData: cfg.noStateData ?? null,
    citations: [],
    caveats: [],
  };
  const citations = new Map<string, CitationInfo>();
  const caveats = new Set<string>();
  if (cfg.kind === 'tiers') {
    if (have.has('tip.tier')) panel.tierCounts = await tierCounts(store, have.has('tip.tier_count_stated'), citations, caveats);
  } else {
    for (const s of present) {
      let result;
      try {
        result = await query(store, { measure: s.measure, place: s.place, by: s.splitBy ? [s.splitBy] : [] });
      } catch (e) {
        // A configured place the store does not know yet (e.g. WLD before any world figure) is "not loaded".
        if (e instanceof UsageError) {
          panel.notLoaded.push({ measure: s.measure, label: s.label });
          continue;
        }
        throw e;
      }
      for (const c of result.citations) citations.set(c.id, c);
      for (const c of result.caveats) caveats.add(c);
      const cites = new Map(result.citations.map((c) => [c.id, c]));
      const groups = new Map<string, ResultRow[]>();
      // The place itself, not the places under it (the world's regions are their own rows).
      for (const r of result.rows.filter((x) => x.place === s.place)) {
        const key = s.splitBy ? r.dims[s.splitBy] ?? 'not stated' : '';
        groups.set(key, [...(groups.get(key) ?? []), r]);
      }
      for (const [key, rows] of groups) {
        panel.series.push({
          measure: s.measure,
          label: key ? `${s.label}: ${key}` : s.label,
          topic: result.measure.topic,
          unit: result.measure.unit,
          points: rows.map((r) => point(r, cites)).sort((a, b) => a.period - b.period),
        });
      }
    }
  }
  panel.loaded = panel.series.length > 0 || (panel.tierCounts?.length ?? 0) > 0;
  // A break is named where the loaded figures cross it; a series that ends before it is not affected.
  const periods = panel.series.flatMap((s) => s.points.filter((x) => x.value !== null).map((x) => x.period));
  panel.breaks = panel.breaks.filter((b) => periods.some((p) => p < b.period) && periods.some((p) => p >= b.period));
  panel.citations = bySource([...citations.values()]);
  panel.caveats = [...caveats];
  return panel;
}

/**
 * One citation per source file: a national total can rest on thousands of agency rows, and the
 * home page names the file and how many of its rows it used (the explorer lists every row).
 */
function bySource(list: CitationInfo[]): CitationInfo[] {
  const groups = new Map<string, CitationInfo[]>();
  for (const c of list) groups.set(c.sourceId, [...(groups.get(c.sourceId) ?? []), c]);
  return [...groups.values()].map((g) => (g.length === 1 ? g[0]! : { ...g[0]!, id: g[0]!.sourceId, locator: `${g.length.toLocaleString('en-US')} rows of the file` }));
}

/** One citation per file holding values of `measure`, naming how many of its rows hold them. */
async function fileCitations(store: Store, measure: string): Promise<CitationInfo[]> {
  const rows = await store.all(
    `SELECT s.id AS source_id, s.publisher, s.title, s.url, s.license, s.retrieved, s.sha256, count(*) AS n
     FROM observations o JOIN sources s ON s.id = o.source_id WHERE o.measure = ? GROUP BY ALL ORDER BY s.id`,
    [measure],
  );
  return rows.map((r) => ({
    id: String(r.source_id),
    locator: `${Number(r.n).toLocaleString('en-US')} rows of the file`,
    sourceId: String(r.source_id),
    publisher: String(r.publisher),
    title: String(r.title),
    url: String(r.url),
    license: String(r.license),
    retrieved: String(r.retrieved),
    sha256: String(r.sha256),
  }));
}

/** Label of tip.tier values → the tier names the transcriptions and stated counts use. */
const TIER_OF_LABEL: Record<string, string> = { 'Special Case/not ranked': 'Special Case' };

async function tierCounts(store: Store, haveStated: boolean, citations: Map<string, CitationInfo>, caveats: Set<string>): Promise<TierCountRow[]> {
  const counted = await store.all(
    `SELECT period, value_text AS tier, count(*) AS n FROM observations WHERE measure = 'tip.tier' AND value_text IS NOT NULL GROUP BY period, value_text`,
  );
  const stated = haveStated ? await query(store, { measure: 'tip.tier_count_stated', place: 'WLD' }) : null;
  if (stated) {
    for (const c of stated.citations) citations.set(c.id, c);
    for (const c of stated.caveats) caveats.add(c);
  }
  // Thousands of placements: their files and caveats are read directly, not through a full query.
  for (const c of await fileCitations(store, 'tip.tier')) citations.set(c.id, c);
  const texts = await store.all(
    `SELECT text FROM caveats WHERE (measure = 'tip.tier' OR measure IS NULL)
       AND source_id IN (SELECT DISTINCT source_id FROM observations WHERE measure = 'tip.tier')
     GROUP BY text ORDER BY min(rowid)`,
  );
  for (const t of texts) caveats.add(String(t.text));
  const statedBy = new Map((stated?.rows ?? []).map((r) => [`${r.period}|${r.dims.category}`, r]));
  const countedBy = new Map(counted.map((r) => [`${Number(r.period)}|${TIER_OF_LABEL[String(r.tier)] ?? String(r.tier)}`, Number(r.n)]));
  const periods = [...new Set([...counted.map((r) => Number(r.period)), ...(stated?.rows ?? []).map((r) => r.period)])].sort((a, b) => a - b);
  const out: TierCountRow[] = [];
  for (const period of periods) {
    for (const tier of TIERS) {
      const n = countedBy.get(`${period}|${tier}`) ?? 0;
      const s = statedBy.get(`${period}|${tier}`);
      // Heiss & Kelley merge Special Cases with unranked years: no Special Case count before 2016.
      if (tier === 'Special Case' && period <= 2015 && !s) continue;
      const complete = tierListComplete(period, tier);
      const statedValue = s?.value ?? null;
      const grade = s ? gradeOf(s.flags) : null;
      out.push({
        period,
        tier,
        counted: n,
        complete,
        stated: statedValue,
        statedGrade: grade ? GRADE_LABEL[grade] : null,
        shown: statedValue ?? (complete ? n : null),
        disagreement:
          statedValue !== null && statedValue !== n && complete
            ? `${statedValue} stated, ${n} in the loaded placements`
            : statedValue !== null && statedValue < n
              ? `${statedValue} stated, but ${n} placements are loaded`
              : null,
      });
    }
  }
  return out;
}
