// U.S. State Department Trafficking in Persons (TIP) Report: country tier placements by report
// year, as coded by Heiss & Kelley from Cho's tier data, and the Cho 3P anti-trafficking
// policy index. Format: shared/data/stats/FORMATS.md §5.
import { existsSync } from 'node:fs';
import { readCsv, type CsvRow } from '../csv.ts';
import { InputError } from '../errors.ts';
import { confine, joinInside } from '../confine.ts';
import { currentYear } from '../clock.ts';
import { FIXTURE_CAVEAT, checkStated, isFixtureData } from '../stats-common/util.ts';
import { matchCountryCode, matchCountryName } from '../../model/places.ts';
import type { Importer, SourceSpec } from '../importer.ts';
import type { Stage } from '../../store/store.ts';
import { TIP_MEASURES, TIER_LABELS, type TierLabel } from './measures.ts';
import { TIP_DIR, INDEX_CAVEATS, INDEX_FILE, TIER_CAVEATS, TIERS_FILE, TIP_SOURCE } from './source.ts';

const TIERS_HEADER = ['countryname', 'iso', 'year', 'ccode', 'tier'];
const INDEX_HEADER = [
  'countryname', 'year', 'cow', 'tier', 'p', 'prosecution', 'prevention', 'protection', 'country_name', 'iso',
  'start_year', 'in.report', 'time.in.report', 'change.since.entering', 'change.time.report',
];
/** The first TIP Report was published in 2001 (covering 2000). */
const FIRST_REPORT_YEAR = 2001;
/** The years the Heiss & Kelley files cover (file names and MANIFEST.md). */
const FILE_FIRST_YEAR = 1999;
const FILE_LAST_YEAR = 2015;

/**
 * What the publishers state about the complete files, checked on every load of the real files:
 * data rows (MANIFEST.md), countries rated per report year (MANIFEST.md, counted from the reports)
 * and the State Department's 2015 tier counts (the 2015 report, without the United States, which
 * this file omits; transcribed/tip_tier_counts_stated.csv).
 */
export const TIP_STATED = {
  tiersRows: 3208,
  indexRows: 3021,
  ratedByYear: {
    2001: 79, 2002: 87, 2003: 114, 2004: 131, 2005: 141, 2006: 148, 2007: 149, 2008: 151, 2009: 170, 2010: 172, 2011: 177, 2012: 182, 2013: 182, 2014: 182, 2015: 186,
  } as Record<number, number>,
  tiers2015: { 'Tier 1': 30, 'Tier 2': 89, 'Tier 2 Watch List': 44, 'Tier 3': 23 } as Record<string, number>,
};
const REPO = 'https://github.com/andrewheiss/From-the-Trenches-Anti-TIP-NGOs-and-US';
const COMMIT = '475c15bab196e3584d3c089234efb53e5bf1c7b7';

/** The file's tier strings (trailing spaces trimmed) → Cogency's labels. */
const TIER_CODES: Record<string, TierLabel> = {
  'Tier 1': 'Tier 1',
  'Tier 2': 'Tier 2',
  Watchlist: 'Tier 2 Watch List',
  'Tier 2 Watch List': 'Tier 2 Watch List',
  'Tier 3': 'Tier 3',
  NA: 'Special Case/not ranked',
};

function tipSpec(id: string, file: string, title: string, path: string): SourceSpec {
  return {
    description: {
      id,
      family: 'tip',
      publisher: 'Heiss & Kelley (Duke University), from Seo-Young Cho’s data; tiers by the U.S. Department of State',
      title,
      url: `${REPO}/blob/${COMMIT}/data/${file}`,
      license: 'None stated by the compilers; tier placements are a U.S. government work. Cite Heiss & Kelley (2017) and Cho.',
      format: 'csv',
    },
    files: [path],
  };
}

export const tipImporter: Importer = {
  ...TIP_SOURCE,

  async discover(dataDir) {
    const specs: SourceSpec[] = [];
    const tiers = joinInside(dataDir, `${TIP_DIR}/${TIERS_FILE}`);
    const index = joinInside(dataDir, `${TIP_DIR}/${INDEX_FILE}`);
    if (existsSync(tiers)) specs.push(tipSpec('tip.tiers', 'tip_tiers_orig.csv', 'TIP Report tier placements by country, report years 2001–2015', tiers));
    if (existsSync(index)) specs.push(tipSpec('tip.policy_index', 'policy_index.csv', 'Cho 3P anti-trafficking policy index and TIP tiers, 2000–2013', index));
    return specs;
  },

  async load(spec, stage, dataDir) {
    const path = await confine(dataDir, spec.files[0]!);
    const stated = isFixtureData(dataDir) ? null : TIP_STATED;
    if (!stated) stage.caveat({ sourceId: stage.source.id, measure: null, place: null, period: null, text: FIXTURE_CAVEAT });
    if (spec.description.id === 'tip.tiers') await loadTiers(path, `${TIP_DIR}/${TIERS_FILE}`, stage, stated);
    else await loadIndex(path, `${TIP_DIR}/${INDEX_FILE}`, stage, stated);
  },
};

/**
 * Country from the row's ISO code, or from its name where the code is missing (flagged);
 * what matches neither is rejected with the reason, never dropped silently.
 */
function country(row: CsvRow, field: string, nameFields: string[], file: string, stage: Stage, flags: string[]): string | null {
  const code = row.get(field);
  const byCode = matchCountryCode(code);
  if (byCode) {
    if (byCode.id !== code) flags.push(`code_mapped:${code}→${byCode.id}`);
    return byCode.id;
  }
  for (const nf of nameFields) {
    const byName = matchCountryName(row.get(nf));
    if (byName) {
      flags.push(`matched_by_name:${row.get(nf)}`);
      return byName.id;
    }
  }
  const names = nameFields.map((f) => `"${row.get(f)}"`).join(' / ');
  stage.reject({ file, line: row.line, field, reason: `country code "${code}" and name ${names} match no ISO 3166-1 country` });
  return null;
}

function year(row: CsvRow, file: string): number {
  const y = row.get('year');
  if (!/^\d{4}$/.test(y)) throw new InputError(file, row.line, 'year', `"${y}" is not a four-digit year`);
  const n = Number(y);
  if (n > currentYear()) throw new InputError(file, row.line, 'year', `year ${n} is in the future (the current year is ${currentYear()})`);
  if (n < FILE_FIRST_YEAR || n > FILE_LAST_YEAR) throw new InputError(file, row.line, 'year', `year ${n} is outside the file's range ${FILE_FIRST_YEAR}–${FILE_LAST_YEAR}`);
  return n;
}

/**
 * The file's own key, as written (code, name, year), checked on every row before anything is
 * skipped or rejected, so a repeated row is refused even where it would not be stored.
 */
function checkRawKey(row: CsvRow, file: string, fields: string[], seen: Map<string, number>): void {
  const key = JSON.stringify(fields.map((f) => row.get(f).trim()));
  const prev = seen.get(key);
  if (prev !== undefined) throw new InputError(file, row.line, fields[0]!, `the same country-year row appears twice (also line ${prev})`);
  seen.set(key, row.line);
}

async function loadTiers(path: string, file: string, stage: Stage, stated: typeof TIP_STATED | null): Promise<void> {
  const csv = await readCsv(path, file, TIERS_HEADER);
  const src = stage.source.id;
  for (const m of TIP_MEASURES.filter((m) => m.id === 'tip.tier')) stage.measure(m);
  for (const text of TIER_CAVEATS) stage.caveat({ sourceId: src, measure: 'tip.tier', place: null, period: null, text });
  const seen = new Set<string>();
  const seenRaw = new Map<string, number>();
  const rated = new Map<number, number>();
  const tiers2015 = new Map<string, number>();
  for (const row of csv.rows) {
    stage.rowsRead++;
    stage.onProgress(stage.rowsRead, csv.rows.length);
    checkRawKey(row, file, ['iso', 'countryname', 'year'], seenRaw);
    const raw = row.get('tier').trim();
    const label = TIER_CODES[raw];
    if (!label) throw new InputError(file, row.line, 'tier', `unknown tier label "${row.get('tier')}"; expected one of ${Object.keys(TIER_CODES).join(', ')}`);
    const period = year(row, file);
    if (period < FIRST_REPORT_YEAR) {
      stage.skip(`no TIP Report was published for ${period} (first report 2001)`);
      continue;
    }
    const flags: string[] = [];
    const place = country(row, 'iso', ['countryname'], file, stage, flags);
    if (!place) continue;
    const key = `${place}|${period}`;
    if (seen.has(key)) throw new InputError(file, row.line, 'iso', `duplicate country-year ${row.get('iso')} ${period}`);
    seen.add(key);
    if (label !== 'Special Case/not ranked') rated.set(period, (rated.get(period) ?? 0) + 1);
    if (period === 2015) tiers2015.set(label, (tiers2015.get(label) ?? 0) + 1);
    const citationId = `${src}:${row.line}`;
    stage.citation({ id: citationId, sourceId: src, locator: `${file}, line ${row.line}` });
    stage.observation({
      measure: 'tip.tier',
      place,
      period,
      dims: {},
      value: TIER_LABELS.indexOf(label) + 1,
      valueText: label,
      citationId,
      flags,
    });
  }
  if (stated) {
    checkStated(file, null, 'data rows', stated.tiersRows, csv.rows.length);
    for (const [y, n] of Object.entries(stated.ratedByYear)) checkStated(file, 'tier', `countries rated in the ${y} report`, n, rated.get(Number(y)) ?? 0);
    for (const [label, n] of Object.entries(stated.tiers2015)) checkStated(file, 'tier', `countries on ${label} in the 2015 report`, n, tiers2015.get(label) ?? 0);
  }
}

const INDEX_PARTS = [
  ['p', 'tip.policy_index.total'],
  ['prosecution', 'tip.policy_index.prosecution'],
  ['prevention', 'tip.policy_index.prevention'],
  ['protection', 'tip.policy_index.protection'],
] as const;

async function loadIndex(path: string, file: string, stage: Stage, stated: typeof TIP_STATED | null): Promise<void> {
  const csv = await readCsv(path, file, INDEX_HEADER);
  if (stated) checkStated(file, null, 'data rows', stated.indexRows, csv.rows.length);
  const seen = new Map<string, number>();
  const seenRaw = new Map<string, number>();
  const src = stage.source.id;
  for (const m of TIP_MEASURES.filter((m) => m.id.startsWith('tip.policy_index.'))) {
    stage.measure(m);
    for (const text of INDEX_CAVEATS) stage.caveat({ sourceId: src, measure: m.id, place: null, period: null, text });
  }
  for (const row of csv.rows) {
    stage.rowsRead++;
    stage.onProgress(stage.rowsRead, csv.rows.length);
    const period = year(row, file);
    checkRawKey(row, file, ['iso', 'countryname', 'country_name', 'year'], seenRaw);
    const values = INDEX_PARTS.map(([field, measure]) => {
      const v = row.get(field);
      if (v === 'NA' || v === '') return null;
      const n = Number(v);
      const [lo, hi] = field === 'p' ? [3, 15] : [1, 5];
      if (!Number.isFinite(n) || n < lo || n > hi) throw new InputError(file, row.line, field, `"${v}" is not a score between ${lo} and ${hi}`);
      return { measure, value: n };
    }).filter((v) => v !== null);
    if (values.length === 0) {
      stage.skip('no 3P score for this country-year');
      continue;
    }
    const flags: string[] = [];
    const place = country(row, 'iso', ['country_name', 'countryname'], file, stage, flags);
    if (!place) continue;
    const key = `${place}|${period}`;
    if (seen.has(key)) throw new InputError(file, row.line, 'iso', `duplicate country-year ${place} ${period} (also line ${seen.get(key)})`);
    seen.set(key, row.line);
    const citationId = `${src}:${row.line}`;
    stage.citation({ id: citationId, sourceId: src, locator: `${file}, line ${row.line}` });
    for (const v of values) {
      stage.observation({ measure: v.measure, place, period, dims: {}, value: v.value, valueText: null, citationId, flags });
    }
  }
}
