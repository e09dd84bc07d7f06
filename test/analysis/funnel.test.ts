// The enforcement funnel: stage declarations are validated, ratios are refused between unlike
// stages, topics stay in separate funnels, and the real UCR human-trafficking figures flow through.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { enforcementFunnel, FUNNEL_FILE, funnelStages, parseFunnelStages, ratioVerdict, type StageSeries } from '../../src/analysis/funnel.ts';
import { InputError } from '../../src/sources/errors.ts';
import { Store } from '../../src/store/store.ts';
import { ingest } from '../../src/sources/ingest.ts';
import { query } from '../../src/analysis/query.ts';
import { SKIP_NO_DATA, sharedData } from '../helpers.ts';

const HEADER = 'funnel,funnel_title,topic,level,stage_order,stage,stage_label,measure,filter,unit,period_kind,cohort_rule,publisher,note';
const row = (over: Partial<Record<string, string>> = {}) => {
  const base: Record<string, string> = {
    funnel: 'f', funnel_title: 'F', topic: 'sex_trafficking', level: 'state', stage_order: '1', stage: 'offense', stage_label: 'Offenses',
    measure: 'nibrs.offenses.sex_trafficking', filter: '', unit: 'offense', period_kind: 'calendar', cohort_rule: 'event-year', publisher: 'FBI', note: '',
  };
  return HEADER.split(',').map((k) => over[k] ?? base[k]).join(',');
};

test('a stage without a unit, or with an unknown one, is refused naming the file, line and column', () => {
  assert.throws(
    () => parseFunnelStages([HEADER, row(), row({ stage_order: '2', stage: 'arrest', unit: '' })].join('\n'), 'stages.csv'),
    (e: unknown) => e instanceof InputError && e.line === 3 && e.field === 'unit' && /stage "arrest" of funnel "f" has no unit/.test(e.message),
  );
  assert.throws(() => parseFunnelStages([HEADER, row({ unit: 'bodies' })].join('\n'), 'stages.csv'), /stages\.csv:2 \[unit\]: "bodies" is not one of/);
  assert.throws(() => parseFunnelStages([HEADER, row({ period_kind: '' })].join('\n'), 'stages.csv'), /stages\.csv:2 \[period_kind\]: .*has no period kind/);
  assert.throws(() => parseFunnelStages([HEADER, row(), row({ topic: 'prostitution_selling', measure: 'nibrs.offenses.prostitution' })].join('\n'), 'stages.csv'), /stages\.csv:3 \[topic\]: funnel "f" is about sex_trafficking/);
});

const stage = (over: Partial<StageSeries>): StageSeries => ({
  funnel: 'f', funnelTitle: 'F', topic: 't', level: 'national', order: 1, stage: 's', label: 'A', measure: 'm', filter: null, unit: 'person',
  periodKind: 'fiscal', cohortRule: 'event-year', publisher: 'P', note: '', line: 2, ...over,
});

test('ratios: refused across units, across kinds of year and against a stock; computed (with the event-year warning) otherwise', () => {
  assert.equal(ratioVerdict(stage({ unit: 'person' }), stage({ unit: 'defendant-case' })).computed, false);
  assert.match(ratioVerdict(stage({ unit: 'person' }), stage({ unit: 'defendant-case' })).explanation, /counts people .* counts defendant-cases/);
  assert.equal(ratioVerdict(stage({ periodKind: 'fiscal' }), stage({ periodKind: 'calendar' })).computed, false);
  assert.equal(ratioVerdict(stage({}), stage({ cohortRule: 'stock' })).computed, false);
  const ok = ratioVerdict(stage({}), stage({ label: 'B' }));
  assert.equal(ok.computed, true);
  assert.match(ok.explanation, /not as a cohort/);
  assert.equal(ratioVerdict(stage({ cohortRule: 'cohort' }), stage({ cohortRule: 'cohort' })).computed, true);
});

test('the declared funnels parse, and trafficking, child exploitation and prostitution never share a funnel', () => {
  const stages = parseFunnelStages(readFileSync(FUNNEL_FILE, 'utf8'));
  assert.ok(stages.length > 20);
  const topicsOf = new Map<string, Set<string>>();
  for (const s of stages) topicsOf.set(s.funnel, (topicsOf.get(s.funnel) ?? new Set()).add(s.topic));
  for (const [f, t] of topicsOf) assert.equal(t.size, 1, `funnel ${f} mixes ${[...t].join(', ')}`);
  const topics = new Set(stages.map((s) => s.topic));
  for (const t of ['sex_trafficking', 'labor_trafficking', 'child_exploitation', 'prostitution_selling', 'prostitution_buying']) assert.ok(topics.has(t), t);
  // NIBRS prostitution measures only ever appear in prostitution funnels, trafficking measures only in trafficking ones.
  for (const s of stages) {
    if (/prostitution/.test(s.measure)) assert.match(s.topic, /^prostitution/, s.measure);
    if (/trafficking/.test(s.measure)) assert.doesNotMatch(s.topic, /^prostitution/, s.measure);
  }
  assert.deepEqual(funnelStages().length, stages.length);
});

test('funnel on the real UCR human-trafficking data: figures, coverage, the clearance ratio and the refusals', { skip: sharedData() ? false : SKIP_NO_DATA }, async () => {
  const store = await Store.open(':memory:');
  await ingest(store, sharedData()!, ['fbi-ht']);
  try {
    const r = await enforcementFunnel(store, { place: 'USA', period: 2019 });
    assert.equal(r.level, 'national');
    const sex = r.funnels.find((f) => f.id === 'sex-trafficking')!;
    const labor = r.funnels.find((f) => f.id === 'labor-trafficking')!;
    const offenses = sex.stages.flatMap((s) => s.series).find((x) => x.measure === 'fbi.ht.offenses')!;
    const cleared = sex.stages.flatMap((s) => s.series).find((x) => x.measure === 'fbi.ht.cleared')!;
    // The same figure the observations query gives for subcategory Commercial Sex Acts.
    const direct = await query(store, { measure: 'fbi.ht.offenses', place: 'USA', from: 2019, to: 2019, by: ['subcategory'] });
    assert.equal(offenses.value, direct.rows.find((x) => x.dims.subcategory === 'Commercial Sex Acts')!.value);
    assert.match(offenses.coverage!, /states participating in 2019/);
    const ratio = sex.ratios.find((q) => q.fromMeasure === 'fbi.ht.offenses' && q.toMeasure === 'fbi.ht.cleared')!;
    assert.equal(ratio.computed, true);
    assert.equal(ratio.value, Math.round((cleared.value! / offenses.value!) * 1000) / 1000);
    // Sex and labor figures are different numbers from different subcategories, never a total.
    const laborOffenses = labor.stages.flatMap((s) => s.series).find((x) => x.measure === 'fbi.ht.offenses')!;
    assert.notEqual(laborOffenses.value, offenses.value);
    // A stage whose measure is not loaded says so instead of showing zero.
    const fed = r.funnels.find((f) => f.id === 'federal-trafficking')!;
    assert.ok(fed.stages.flatMap((s) => s.series).every((x) => x.status === 'not loaded' || x.status === 'value'));
    assert.ok(fed.ratios.every((q) => !q.computed), 'every federal stage pair differs in unit or period');
    await assert.rejects(() => enforcementFunnel(store, { place: 'GBR' }), /United States/);
  } finally {
    store.close();
  }
});
