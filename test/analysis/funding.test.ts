// Funding against need: per-victim figures carry their denominator's source and year, the
// recording break is flagged, and a missing denominator is "not loaded", never zero.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fundingAgainstNeed } from '../../src/analysis/funding.ts';
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
    assert.ok(r.notes.some((n) => /reference year 2021/.test(n)));
    assert.ok(r.sources.some((s) => s.id.startsWith('walkfree')) && r.sources.some((s) => s.id.startsWith('grants')));
  } finally {
    store.close();
  }
});
