// Funding against need: per-victim figures carry their denominator's source and year, the
// recording break is flagged, and a missing denominator is "not loaded", never zero.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fundingAgainstNeed } from '../../src/analysis/funding.ts';
import { analysisTables } from '../../src/export/analysis-tables.ts';
import { Store } from '../../src/store/store.ts';
import { ingest } from '../../src/sources/ingest.ts';
import { FIXTURE_DATA, SKIP_NO_DATA, sharedData } from '../helpers.ts';

test('grants without a prevalence source: amounts shown, per-victim figures not computed and the denominator marked not loaded', async () => {
  const store = await Store.open(':memory:');
  await ingest(store, FIXTURE_DATA, ['grants']);
  try {
    const r = await fundingAgainstNeed(store, {});
    const nepal = r.countries.find((c) => c.country === 'NPL')!;
    // Fixture: two 2003 Nepal projects, $330,568 and $300,000 (written as 3e5).
    const y2003 = nepal.years.find((y) => y.year === 2003)!;
    assert.equal(y2003.amount, 630568);
    assert.equal(y2003.projects, 2);
    assert.equal(nepal.estimatedVictims.status, 'not loaded');
    assert.equal(y2003.perEstimatedVictim, null);
    assert.ok(!r.countries.some((c) => c.country.startsWith('REG-')), 'regional projects are not a country');
    await assert.rejects(() => fundingAgainstNeed(store, { place: 'XXX' }), /unknown country/);
  } finally {
    store.close();
  }
});

test('real grants against the Walk Free estimate: dollars per estimated victim with the 2021 denominator and the year gap', { skip: sharedData() ? false : SKIP_NO_DATA }, async () => {
  const store = await Store.open(':memory:');
  await ingest(store, sharedData()!, ['grants', 'walkfree', 'tip']);
  try {
    const r = await fundingAgainstNeed(store, { place: 'KHM' });
    const khm = r.countries[0]!;
    assert.equal(khm.country, 'KHM');
    assert.equal(khm.estimatedVictims.status, 'value');
    assert.equal(khm.estimatedVictims.year, 2021);
    assert.match(khm.estimatedVictims.source!, /Global Slavery Index 2023/);
    for (const y of khm.years) {
      if (y.amount !== null) assert.equal(y.perEstimatedVictim, Math.round((y.amount / khm.estimatedVictims.value!) * 100) / 100);
      assert.equal(y.flags.includes('after_recording_break'), y.year >= 2011, `${y.year}`);
      if (y.tierReportYear !== null) assert.ok(y.tierReportYear === y.year + 1 || y.tierReportYear === y.year);
    }
    assert.ok(khm.years.some((y) => y.tier !== null), 'TIP tiers sit beside the funding');
    assert.equal(khm.identifiedVictims.status, 'not loaded');
    const exported = await store.all(analysisTables().find((t) => t.name === 'funding_against_need')!.select);
    assert.ok(exported.every((x) => x.identified_victims_status === 'not loaded'));
    assert.ok(r.notes.some((n) => /reference year 2021/.test(n)));
    assert.ok(r.sources.some((s) => s.id.startsWith('walkfree')) && r.sources.some((s) => s.id.startsWith('grants')));
  } finally {
    store.close();
  }
});

test('per identified victim: the record holds victims-identified figures worldwide and by region only, so a country says "no country figure in the record" (not zero) and the worldwide ratio is given by year', { skip: sharedData() ? false : SKIP_NO_DATA }, async () => {
  const store = await Store.open(':memory:');
  await ingest(store, sharedData()!, ['grants', 'walkfree', 'transcribed']);
  try {
    const r = await fundingAgainstNeed(store, {});
    assert.ok(r.countries.length > 50);
    for (const c of r.countries) {
      assert.equal(c.identifiedVictims.status, 'no country figure in the record', c.country);
      assert.equal(c.identifiedVictims.value, null);
      assert.equal(c.prosecutions.status, 'no country figure in the record', c.country);
      assert.ok(c.years.every((y) => y.perIdentifiedVictim === null), c.country);
    }
    assert.ok(r.notes.some((n) => /no country figure in the record/.test(n) && /not a zero/.test(n)));
    // Worldwide: only the grant years (2001–2014) with a transcribed worldwide victims figure.
    assert.deepEqual(r.worldwide.map((w) => w.year), [2009, 2012, 2013]);
    const grants = await store.all("SELECT period, sum(value) AS amount FROM observations WHERE measure = 'grants.us_anti_tip.amount' GROUP BY period");
    const victims = await store.all("SELECT period, value FROM observations WHERE measure = 'tip.law_enforcement.victims_identified' AND place = 'WLD'");
    for (const w of r.worldwide) {
      const amount = Number(grants.find((g) => Number(g.period) === w.year)!.amount);
      const v = Number(victims.find((x) => Number(x.period) === w.year)!.value);
      assert.equal(w.amount, amount);
      assert.equal(w.identifiedVictims, v);
      assert.equal(w.perIdentifiedVictim, Math.round((amount / v) * 100) / 100);
      assert.equal(w.flags.includes('after_recording_break'), w.year >= 2011, String(w.year));
      assert.ok(w.identifiedVictimsFlags.some((f) => f.startsWith('report_edition:')), 'the report edition travels with the figure');
    }
    // The TIP 2010 report's 49,105 victims identified in 2009 (as quoted by NCJRS), beside FY2009 funding.
    assert.equal(r.worldwide[0]!.identifiedVictims, 49105);
    // The Data Package table says the same: a status per row, never a zero, no ratio.
    const table = analysisTables().find((t) => t.name === 'funding_against_need')!;
    const rows = await store.all(table.select);
    assert.ok(rows.length > 500);
    assert.ok(rows.every((x) => x.identified_victims_status === 'no country figure in the record' && x.identified_victims === null && x.usd_per_identified_victim === null));
  } finally {
    store.close();
  }
});
