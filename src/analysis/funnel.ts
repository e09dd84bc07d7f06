// The enforcement funnel: what follows an offense, a referral or an arrest, for trafficking and
// for prostitution as separate funnels. Stages are declared as data (funnel-stages.csv): each
// names its measure, unit, period kind and cohort rule, so a ratio between stages is computed only
// when the two count the same kind of thing over the same kind of year, and refused with the
// reason otherwise. Sex trafficking, labor trafficking, child exploitation and prostitution are
// separate funnels: nothing here adds one to another.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { InputError, UsageError } from '../sources/errors.ts';
import type { Store } from '../store/store.ts';
import type { CitationInfo } from '../model/results.ts';
import { placeAlias, query } from './query.ts';
import { coverageOf } from './coverage.ts';
import type { FunnelReport, FunnelResult, SeriesValue } from '../model/funnel.ts';

export type { FunnelReport, FunnelResult, SeriesValue } from '../model/funnel.ts';

export const FUNNEL_UNITS = ['person', 'defendant-case', 'case', 'offense', 'incident', 'arrest', 'conviction'] as const;
export const PERIOD_KINDS = ['fiscal', 'calendar', 'reporting-year'] as const;
export const COHORT_RULES = ['event-year', 'cohort', 'stock'] as const;
export const LEVELS = ['state', 'national', 'global'] as const;
const HEADER = ['funnel', 'funnel_title', 'topic', 'level', 'stage_order', 'stage', 'stage_label', 'measure', 'filter', 'unit', 'period_kind', 'cohort_rule', 'publisher', 'note'];

export interface StageSeries {
  funnel: string;
  funnelTitle: string;
  topic: string;
  level: (typeof LEVELS)[number];
  order: number;
  stage: string;
  label: string;
  measure: string;
  /** One dimension value the series is restricted to, e.g. subcategory = Commercial Sex Acts. */
  filter: { dim: string; value: string } | null;
  unit: (typeof FUNNEL_UNITS)[number];
  periodKind: (typeof PERIOD_KINDS)[number];
  cohortRule: (typeof COHORT_RULES)[number];
  publisher: string;
  note: string;
  line: number;
}

export const FUNNEL_FILE = new URL('./funnel-stages.csv', import.meta.url);

/** Parse stage declarations; a stage without a unit (or with an unknown one) is refused naming file, line and column. */
export function parseFunnelStages(text: string, file = 'funnel-stages.csv'): StageSeries[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { info: true, bom: true, skip_empty_lines: true, relax_column_count: true }) as unknown as typeof records;
  } catch (e) {
    const err = e as { lines?: number; message: string };
    throw new InputError(file, err.lines ?? null, null, `not a readable CSV file: ${err.message}`);
  }
  const header = records[0]?.record ?? [];
  if (header.join(',') !== HEADER.join(',')) throw new InputError(file, 1, 'header', `expected ${HEADER.join(',')}`);
  const out: StageSeries[] = [];
  const topics = new Map<string, string>();
  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    if (record.length !== HEADER.length) throw new InputError(file, line, null, `row has ${record.length} fields; expected ${HEADER.length}`);
    const get = (k: string) => (record[HEADER.indexOf(k)] ?? '').trim();
    const oneOf = <T extends string>(k: string, allowed: readonly T[]): T => {
      const v = get(k);
      if (v === '') throw new InputError(file, line, k, `stage "${get('stage') || '?'}" of funnel "${get('funnel')}" has no ${k.replace('_', ' ')}; one of ${allowed.join(', ')} is required`);
      if (!allowed.includes(v as T)) throw new InputError(file, line, k, `"${v}" is not one of ${allowed.join(', ')}`);
      return v as T;
    };
    for (const k of ['funnel', 'funnel_title', 'topic', 'stage', 'stage_label', 'measure', 'publisher']) {
      if (get(k) === '') throw new InputError(file, line, k, `${k} is empty`);
    }
    if (!/^[a-z0-9_.]+$/.test(get('measure'))) throw new InputError(file, line, 'measure', `"${get('measure')}" is not a measure id`);
    const order = Number(get('stage_order'));
    if (!Number.isInteger(order) || order < 1) throw new InputError(file, line, 'stage_order', `"${get('stage_order')}" is not a stage number (1, 2, …)`);
    let filter: StageSeries['filter'] = null;
    if (get('filter')) {
      const m = /^([a-z_]+)=(.+)$/.exec(get('filter'));
      if (!m) throw new InputError(file, line, 'filter', `"${get('filter')}" is not dimension=value`);
      filter = { dim: m[1]!, value: m[2]! };
    }
    // A funnel is about one topic: mixing topics inside one funnel would add unlike things.
    const seenTopic = topics.get(get('funnel'));
    if (seenTopic && seenTopic !== get('topic')) throw new InputError(file, line, 'topic', `funnel "${get('funnel')}" is about ${seenTopic}; a stage about ${get('topic')} belongs in its own funnel`);
    topics.set(get('funnel'), get('topic'));
    out.push({
      funnel: get('funnel'), funnelTitle: get('funnel_title'), topic: get('topic'), level: oneOf('level', LEVELS), order, stage: get('stage'),
      label: get('stage_label'), measure: get('measure'), filter, unit: oneOf('unit', FUNNEL_UNITS), periodKind: oneOf('period_kind', PERIOD_KINDS),
      cohortRule: oneOf('cohort_rule', COHORT_RULES), publisher: get('publisher'), note: get('note'), line,
    });
  }
  return out;
}

let declared: StageSeries[] | null = null;
export function funnelStages(): StageSeries[] {
  return (declared ??= parseFunnelStages(readFileSync(FUNNEL_FILE, 'utf8')));
}

export interface RatioVerdict {
  computed: boolean;
  explanation: string;
}

const UNIT_WORDS: Record<string, string> = {
  person: 'people', 'defendant-case': 'defendant-cases', case: 'cases', offense: 'offenses', incident: 'incidents', arrest: 'arrest records', conviction: 'convictions',
};
const PERIOD_WORDS: Record<string, string> = { fiscal: 'federal fiscal years (October–September)', calendar: 'calendar years', 'reporting-year': 'TIP reporting years (April–March)' };

/** Whether a ratio of `to` over `from` means anything; the reason either way. */
export function ratioVerdict(from: StageSeries, to: StageSeries): RatioVerdict {
  if (from.unit !== to.unit)
    return { computed: false, explanation: `Not computed: "${from.label}" counts ${UNIT_WORDS[from.unit]} and "${to.label}" counts ${UNIT_WORDS[to.unit]}; a ratio would divide unlike things.` };
  if (from.periodKind !== to.periodKind)
    return { computed: false, explanation: `Not computed: "${from.label}" is counted over ${PERIOD_WORDS[from.periodKind]}, "${to.label}" over ${PERIOD_WORDS[to.periodKind]}; the years do not line up.` };
  if (from.cohortRule === 'stock' || to.cohortRule === 'stock')
    return { computed: false, explanation: 'Not computed: one of the two is a count on one day (a stock), the other a count over a year (a flow).' };
  if (from.cohortRule === 'cohort' && to.cohortRule === 'cohort') return { computed: true, explanation: 'Both stages follow the same cohort: the ratio is the share that reached the later stage.' };
  return {
    computed: true,
    explanation: `Same unit (${UNIT_WORDS[from.unit]}) and same kind of year, but counted in the year each event happened, not as a cohort: this is a ratio of two counts in one year, not the share of the year's cases that went on to the next stage.`,
  };
}

const keyOf = (s: StageSeries) => `${s.measure}|${s.filter ? `${s.filter.dim}=${s.filter.value}` : ''}`;

/** The funnels for a place (a U.S. state, USA, or WORLD for the global TIP figures) and a year (default: the latest with figures). */
export async function enforcementFunnel(store: Store, params: { place?: string; period?: number }): Promise<FunnelReport> {
  const placeId = placeAlias((params.place ?? 'USA').toUpperCase());
  let level: StageSeries['level'];
  let placeName: string;
  if (placeId === 'WORLD') {
    level = 'global';
    placeName = 'World';
  } else {
    const [p] = await store.all('SELECT id, kind, name FROM places WHERE id = ?', [placeId]);
    if (!p) throw new UsageError(`unknown place "${params.place}"; use USA, a U.S. state code (VT) or WORLD`);
    if (p.kind === 'country' && placeId !== 'USA') throw new UsageError('the funnel covers the United States (USA), its states, and the world (WORLD)');
    if (p.kind !== 'state' && p.kind !== 'country') throw new UsageError('the funnel is kept at state and national level: use a U.S. state code or USA');
    level = p.kind === 'state' ? 'state' : 'national';
    placeName = String(p.name);
  }
  const stages = funnelStages().filter((s) => s.level === level);
  const loadedRows = await store.all('SELECT id FROM measures');
  const loaded = new Set(loadedRows.map((r) => String(r.id)));
  const values = new Map<string, Map<number, SeriesValue>>();
  const citationMap = new Map<string, CitationInfo>();
  const caveats = new Set<string>();
  const years = new Set<number>();
  const queryPlace = level === 'global' ? undefined : placeId;
  for (const s of stages) {
    const key = keyOf(s);
    if (values.has(key) || !loaded.has(s.measure)) continue;
    const byYear = new Map<number, SeriesValue>();
    values.set(key, byYear);
    const result = await query(store, { measure: s.measure, place: queryPlace, by: s.filter ? [s.filter.dim] : [] });
    for (const c of result.citations) citationMap.set(c.id, c);
    for (const c of result.caveats) caveats.add(c);
    for (const r of result.rows) {
      if (level === 'global' ? r.placeKind !== 'world' && r.place !== 'WORLD' : r.place !== placeId) continue;
      if (s.filter && r.dims[s.filter.dim] !== s.filter.value) continue;
      byYear.set(r.period, {
        ...seriesBase(s),
        status: r.suppressed ? 'suppressed' : r.value === null ? 'no figure' : 'value',
        value: r.suppressed ? null : r.value,
        coverage: (r.extra?.coverage as string | undefined) ?? null,
        flags: r.flags,
        citations: r.citations,
      });
      years.add(r.period);
    }
  }
  const period = params.period ?? (years.size ? Math.max(...years) : null);
  const funnels: FunnelResult[] = [];
  for (const id of [...new Set(stages.map((s) => s.funnel))]) {
    const own = stages.filter((s) => s.funnel === id);
    const orders = [...new Set(own.map((s) => s.order))].sort((a, b) => a - b);
    const stageRows: FunnelResult['stages'] = [];
    for (const order of orders) {
      const series: SeriesValue[] = [];
      for (const s of own.filter((x) => x.order === order)) {
        if (!loaded.has(s.measure)) {
          series.push({ ...seriesBase(s), status: 'not loaded', value: null, coverage: null, flags: [], citations: [] });
          continue;
        }
        const v = period === null ? undefined : values.get(keyOf(s))?.get(period);
        series.push(v ?? (await absent(store, s, placeId, level, period)));
      }
      stageRows.push({ order, stage: own.find((x) => x.order === order)!.stage, series });
    }
    // Each publisher's stages form its own chain: a ratio never crosses publishers, who count on different bases.
    const ratios: FunnelResult['ratios'] = [];
    const find = (x: StageSeries) => stageRows.find((r) => r.order === x.order)!.series.find((v) => v.measure === x.measure && v.filter?.value === x.filter?.value);
    for (const publisher of [...new Set(own.map((x) => x.publisher))]) {
      const chain = own.filter((x) => x.publisher === publisher).sort((a, b) => a.order - b.order);
      for (let i = 0; i + 1 < chain.length; i++) {
        const a = chain[i]!;
        const b = chain[i + 1]!;
        if (a.order === b.order) continue; // two series for one stage are alternatives, not steps
        const verdict = ratioVerdict(a, b);
        const va = find(a);
        const vb = find(b);
        const value = verdict.computed && va?.status === 'value' && vb?.status === 'value' && va.value ? Math.round((vb.value! / va.value) * 1000) / 1000 : null;
        ratios.push({ from: a.label, to: b.label, fromMeasure: a.measure, toMeasure: b.measure, computed: verdict.computed, value, explanation: verdict.explanation });
      }
    }
    funnels.push({ id, title: own[0]!.funnelTitle, topic: own[0]!.topic, level, stages: stageRows, ratios });
  }
  const usedCitations = new Set(funnels.flatMap((f) => f.stages.flatMap((s) => s.series.flatMap((x) => x.citations))));
  return {
    place: level === 'global' ? 'WORLD' : placeId,
    placeName,
    level,
    period,
    years: [...years].sort((a, b) => a - b),
    funnels,
    citations: [...citationMap.values()].filter((c) => usedCitations.has(c.id)),
    caveats: [
      'Each funnel is one topic: sex trafficking, labor trafficking, child exploitation and prostitution (selling, promoting, buying) are never added together.',
      'Stages are counted by different agencies in different units; a ratio is shown only where both stages count the same unit over the same kind of year, and even then they are counts in the same year, not a cohort followed through.',
      ...caveats,
    ],
    notLoaded: [...new Set(stages.filter((s) => !loaded.has(s.measure)).map((s) => s.measure))],
  };
}

function seriesBase(s: StageSeries): Omit<SeriesValue, 'status' | 'value' | 'coverage' | 'flags' | 'citations'> {
  return { measure: s.measure, label: s.label, unit: s.unit, periodKind: s.periodKind, cohortRule: s.cohortRule, publisher: s.publisher, note: s.note, filter: s.filter };
}

/** No row for the year: zero where the state's NIBRS file for that year is loaded (it records every offense), else no figure. */
async function absent(store: Store, s: StageSeries, placeId: string, level: string, period: number | null): Promise<SeriesValue> {
  if (period !== null && level === 'state' && s.measure.startsWith('nibrs.')) {
    const c = await coverageOf(store, placeId, 'state', period);
    if (c) return { ...seriesBase(s), status: 'value', value: 0, coverage: c.text, flags: ['zero:no record in a loaded NIBRS file'], citations: [] };
  }
  return { ...seriesBase(s), status: 'no figure', value: null, coverage: null, flags: [], citations: [] };
}
