// NIBRS importer against the real Vermont 2024 extract (known figures, FORMATS.md §1.3), the
// official zip form, the Wisconsin header-variant fixtures, and rates/coverage in query results.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { Store } from '../../src/store/store.ts';
import { ingest } from '../../src/sources/ingest.ts';
import { query } from '../../src/analysis/query.ts';
import { enforcementMix } from '../../src/analysis/mix.ts';
import { describeFiles } from '../../src/sources/importer.ts';
import { bundleSpec, makeNibrsImporter } from '../../src/sources/nibrs/index.ts';
import { readLookup } from '../../src/sources/nibrs/lookups.ts';
import { openBundle } from '../../src/sources/nibrs/bundle.ts';
import { DATA, READ_TABLES, SKIP_VT, VT, WI2016, WI2022, tempData, writeZip } from './nibrs/helpers.ts';

const one = async (store: Store, measure: string, extra: { by?: string[]; place?: string; rate?: boolean } = {}) => {
  const r = await query(store, { measure, place: extra.place ?? 'VT', from: 2024, to: 2024, by: extra.by, rate: extra.rate });
  return r;
};
const total = async (store: Store, measure: string) => {
  const r = await one(store, measure);
  assert.equal(r.rows.length, 1, `${measure}: one total row`);
  return r.rows[0]!.value;
};

describe('NIBRS Vermont 2024 (real extract)', { skip: SKIP_VT }, () => {
  let store: Store;
  before(async () => {
    store = await Store.open(':memory:');
    const report = await ingest(store, DATA, ['nibrs']);
    // Every bundle of the data directory loads (Louisiana and D.C. too: test/sources/nibrs-layouts.test.ts).
    assert.ok(report.results.some((r) => r.sourceId === 'nibrs.VT.2024'), 'Vermont 2024 is among the bundles');
    assert.deepEqual(report.results.filter((r) => r.status !== 'loaded').map((r) => r.sourceId), []);
  });
  after(() => store.close());

  it('reproduces the extract totals: incidents, offenses, arrestees A and B, agencies', async () => {
    assert.equal(await total(store, 'nibrs.context.incidents_all'), 18919);
    assert.equal(await total(store, 'nibrs.context.offenses_all'), 20426);
    assert.equal(await total(store, 'nibrs.context.arrestees_all'), 6699);
    assert.equal(await total(store, 'nibrs.context.arrestees_groupb_all'), 7003);
    assert.equal(await total(store, 'nibrs.context.agencies_in_file'), 87);
    assert.equal(await total(store, 'nibrs.context.agencies_reporting'), 87);
    assert.equal(await total(store, 'nibrs.context.population_covered'), 648493);
  });

  it('counts the covered offenses: 40A = 4, 64A = 1, 40B/40C/64B = 0', async () => {
    assert.equal(await total(store, 'nibrs.offenses.prostitution'), 4);
    assert.equal(await total(store, 'nibrs.offenses.sex_trafficking'), 1);
    assert.equal(await total(store, 'nibrs.offenses.promoting_prostitution'), 0);
    assert.equal(await total(store, 'nibrs.offenses.purchasing_prostitution'), 0);
    assert.equal(await total(store, 'nibrs.offenses.labor_trafficking'), 0);
    assert.equal(await total(store, 'nibrs.incidents.prostitution'), 4);
    assert.equal(await total(store, 'nibrs.incidents.sex_trafficking'), 1);
  });

  it('finds the one 40A arrestee: male, race_id 10 decoded with the bundle REF_RACE (White)', async () => {
    const r = await one(store, 'nibrs.arrestees.prostitution', { by: ['race'] });
    assert.deepEqual(r.rows.map((x) => [x.place, x.dims.race, x.value, x.suppressed]), [['VT', 'White', 1, false]]);
    const sex = await one(store, 'nibrs.arrestees.prostitution', { by: ['sex'] });
    assert.deepEqual(sex.rows.map((x) => [x.dims.sex, x.value]), [['Male', 1]]);
    for (const m of ['sex_trafficking', 'labor_trafficking', 'promoting_prostitution', 'purchasing_prostitution']) {
      const q = await one(store, `nibrs.arrestees.${m}`);
      assert.equal(q.rows.length, 0, `no ${m} arrestees`);
    }
  });

  it('attaches victims through NIBRS_VICTIM_OFFENSE: 4 Society victims for 40A, 1 Individual for 64A', async () => {
    const p = await one(store, 'nibrs.victims.prostitution', { by: ['victim_type'] });
    assert.deepEqual(p.rows.map((x) => [x.dims.victim_type, x.value]), [['Society/Public', 4]]);
    const t = await one(store, 'nibrs.victims.sex_trafficking', { by: ['victim_type'] });
    assert.deepEqual(t.rows.map((x) => [x.dims.victim_type, x.value]), [['Individual', 1]]);
    assert.match(p.measure.definition, /Society\/Public/);
  });

  it('reproduces the arrestee race counts (all Group A arrestees)', async () => {
    const r = await one(store, 'nibrs.context.arrestees_all', { by: ['race'] });
    const got = Object.fromEntries(r.rows.map((x) => [x.dims.race, x.value]));
    // race_id 10, 20, 98, 40, 30, 50 as named by this bundle's REF_RACE.csv
    assert.deepEqual(got, {
      White: 5935,
      'Black or African American': 612,
      Unknown: 74,
      Asian: 55,
      'American Indian or Alaska Native': 18,
      'Native Hawaiian or Other Pacific Islander': 5,
    });
  });

  it('answers the example query with coverage, and --by agency with suppression', async () => {
    const r = await one(store, 'nibrs.arrestees.prostitution', { by: ['race'] });
    assert.match(String(r.rows[0]!.extra?.coverage), /87 of 87 agencies reporting to NIBRS; population covered 648,493/);
    assert.ok(r.caveats.some((c) => /87 of 87 agencies/.test(c)));
    // Every agency of the extract with any incident is listed (zeros published); the four with one
    // 40A offense each are withheld, with a zero, so the state total of 4 pins none of them.
    const a = await one(store, 'nibrs.offenses.prostitution', { by: ['agency'] });
    assert.ok(a.rows.length > 4);
    const withheld = a.rows.filter((row) => row.suppressed);
    assert.equal(withheld.length, 5);
    const recorded = (await store.all(
      "SELECT o.place FROM observations o JOIN places p ON p.id = o.place WHERE o.measure = 'nibrs.offenses.prostitution' AND p.kind = 'agency' AND p.parent = 'VT' AND o.period = 2024 GROUP BY o.place HAVING sum(o.value) > 0 ORDER BY o.place",
    )).map((r) => String(r.place));
    assert.equal(recorded.length, 4);
    for (const row of a.rows) {
      assert.equal(row.placeKind, 'agency');
      if (row.suppressed) {
        assert.equal(row.value, null);
        assert.match(String(row.suppressionReason), /from 1 to 9/);
      } else assert.equal(row.value, 0);
    }
    for (const place of recorded) assert.equal(a.rows.find((r) => r.place === place)?.suppressed, true, `${place} is withheld`);
    const big = await one(store, 'nibrs.context.incidents_all', { by: ['agency'] });
    assert.ok(big.rows.some((x) => !x.suppressed && (x.value ?? 0) >= 10));
    assert.equal(big.rows.reduce((s, x) => s + (x.value ?? 0), 0) < 18919, true, 'small agencies are withheld');
  });

  it('gives rates per 100,000 of the covered population and says so', async () => {
    const r = await one(store, 'nibrs.offenses.prostitution', { rate: true });
    const row = r.rows[0]!;
    assert.equal(row.extra?.rate_per_100k, Math.round((4 / 648493) * 1e5 * 1000) / 1000);
    assert.match(String(row.extra?.denominator), /population covered by NIBRS-reporting agencies.*648,493/);
    const a = await one(store, 'nibrs.offenses.prostitution', { by: ['agency'], rate: true });
    for (const x of a.rows) if (x.suppressed) assert.equal(x.extra?.rate_per_100k, null, 'a suppressed count has no rate');
    await assert.rejects(query(store, { measure: 'nibrs.context.population_covered', rate: true }), /NIBRS counts only/);
  });

  it('reports the enforcement mix side by side, never summed', async () => {
    const mix = await enforcementMix(store, { place: 'VT', from: 2024, to: 2024 });
    assert.equal(mix.length, 1);
    const m = mix[0]!;
    assert.equal(m.state, 'VT');
    assert.equal(m.counts['offenses.prostitution'], 4);
    assert.equal(m.counts['offenses.sex_trafficking'], 1);
    assert.equal(m.counts['arrestees.prostitution'], 1);
    assert.equal(m.populationCovered, 648493);
    assert.ok(!Object.keys(m.counts).some((k) => /all|total/.test(k)));
  });

  it('keeps trafficking and prostitution in separate topics', async () => {
    const rows = await store.all("SELECT id, topic FROM measures WHERE family = 'nibrs'");
    for (const r of rows) {
      const id = String(r.id);
      const topic = String(r.topic);
      if (/trafficking/.test(id)) assert.match(topic, /trafficking/, id);
      else if (/prostitution/.test(id)) assert.match(topic, /^prostitution_/, id);
      else assert.equal(topic, 'context', id);
    }
    assert.equal(rows.length, 27);
  });

  it('stores the coverage and row-level fact tables', async () => {
    const [c] = await store.all("SELECT * FROM nibrs_coverage WHERE state = 'VT'");
    assert.equal(Number(c!.agencies_in_file), 87);
    assert.equal(Number(c!.incidents_all), 18919);
    const [o] = await store.all("SELECT count(*) AS n FROM nibrs_offenses WHERE offense_code = '40A' AND state = 'VT'");
    assert.equal(Number(o!.n), 4);
    const [a] = await store.all("SELECT count(*) AS n FROM nibrs_agencies WHERE state = 'VT'");
    assert.equal(Number(a!.n), 87);
  });

  it('reads NIBRS_BIAS_LIST.csv as Windows-1251', async () => {
    const b = await openBundle(VT, 'VT-2024');
    const l = await readLookup(b, 'nibrs_bias_list', ['bias_id', 'bias_desc'], 'test');
    assert.ok(l.rows.length > 30);
    assert.ok(l.rows.every((r) => !r.get('bias_desc').includes('\uFFFD')));
  });
});

describe('NIBRS readers agree (DuckDB path and streaming reader)', { skip: SKIP_VT }, () => {
  it('gives identical observations and fact tables for VT 2024', async () => {
    const paths: string[] = [];
    const snapshot = async (reader: 'duckdb' | 'streaming') => {
      const store = await Store.open(':memory:');
      const imp = makeNibrsImporter({ reader, onPath: (p) => paths.push(p) });
      const spec = await bundleSpec(VT, 'VT-2024');
      await store.loadSource(await describeFiles(spec, DATA), (stage) => imp.load(spec, stage, DATA));
      const obs = await store.all('SELECT measure, place, period, dims, value FROM observations ORDER BY ALL');
      const arr = await store.all('SELECT * EXCLUDE (source_id) FROM nibrs_arrestees ORDER BY ALL');
      const vic = await store.all('SELECT * EXCLUDE (source_id) FROM nibrs_victims ORDER BY ALL');
      const cov = await store.all('SELECT * EXCLUDE (source_id) FROM nibrs_coverage');
      store.close();
      return JSON.stringify({ obs, arr, vic, cov }, (_k, v) => (typeof v === 'bigint' ? String(v) : v));
    };
    const fast = await snapshot('duckdb');
    const slow = await snapshot('streaming');
    assert.ok(fast.length > 1000);
    assert.equal(fast, slow);
    assert.deepEqual(paths, ['duckdb', 'streaming']);
  });
});

describe('NIBRS official zip form', { skip: SKIP_VT }, () => {
  it('imports VT-2024.zip to the same figures as the folder', async () => {
    const [dir, nibrs] = tempData();
    try {
      writeZip(join(nibrs, 'VT-2024.zip'), READ_TABLES.map((f) => join(VT, f)));
      const store = await Store.open(':memory:');
      const rep = await ingest(store, dir, ['nibrs']);
      assert.equal(rep.results[0]?.status, 'loaded');
      assert.equal(await total(store, 'nibrs.context.incidents_all'), 18919);
      assert.equal(await total(store, 'nibrs.offenses.prostitution'), 4);
      assert.equal(await total(store, 'nibrs.context.arrestees_all'), 6699);
      const [s] = await store.all("SELECT file FROM sources WHERE id = 'nibrs.VT.2024'");
      assert.match(String(s!.file), /VT-2024\.zip$/);
      store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('NIBRS header-variant fixtures (Wisconsin, cut down)', () => {
  const load = async (store: Store, path: string, label: string) => {
    const imp = makeNibrsImporter({ partial: true });
    const spec = await bundleSpec(path, label, true);
    const meta = await describeFiles(spec, join(path, '..'));
    return store.loadSource(meta, (stage) => imp.load(spec, stage, join(path, '..')));
  };
  it('imports the 2016 style (UPPER-CASE headers, OFFENSE_TYPE_ID, Y/N flags, DD-MON-YY dates)', { skip: SKIP_VT }, async () => {
    const store = await Store.open(':memory:');
    const r = await load(store, WI2016, 'WI-2016');
    assert.equal(r.status, 'loaded');
    const inc = await query(store, { measure: 'nibrs.context.incidents_all', place: 'WI', from: 2016, to: 2016 });
    assert.equal(inc.rows[0]?.value, 10);
    const off = await query(store, { measure: 'nibrs.context.offenses_all', place: 'WI', from: 2016, to: 2016 });
    assert.equal(off.rows[0]?.value, 10);
    assert.ok(inc.caveats.some((c) => /cut-down test bundle/.test(c)));
    assert.deepEqual(inc.rows[0]?.flags, ['partial_bundle']);
    store.close();
  });
  it('imports the 2022 style (UPPER-CASE headers with OFFENSE_CODE, t/f flags, no offense type table)', { skip: SKIP_VT }, async () => {
    const store = await Store.open(':memory:');
    const r = await load(store, WI2022, 'WI-2022');
    assert.equal(r.status, 'loaded');
    const inc = await query(store, { measure: 'nibrs.context.incidents_all', place: 'WI', from: 2022, to: 2022 });
    assert.equal(inc.rows[0]?.value, 10);
    assert.ok(inc.caveats.some((c) => /not checked against the FBI's table/.test(c)));
    const cov = await query(store, { measure: 'nibrs.context.agencies_in_file', place: 'WI' });
    assert.equal(cov.rows[0]?.value, 5);
    store.close();
  });
});
