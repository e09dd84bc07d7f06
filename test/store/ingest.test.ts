// One source's refusal never stops the others.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingest } from '../../src/sources/ingest.ts';
import { InputError } from '../../src/sources/errors.ts';
import { Store } from '../../src/store/store.ts';
import { TIP_TIERS, fixtureCopy, tempDir } from '../helpers.ts';

test('a refused source is rolled back alone: every other source loads, in one published version', async () => {
  const dir = fixtureCopy();
  writeFileSync(join(dir, TIP_TIERS), readFileSync(join(dir, TIP_TIERS), 'utf8').replace('"Tier 3"', '"Tier Three"'));
  const store = await Store.open(join(tempDir(), 'db.duckdb'));
  const report = await ingest(store, dir, [], {}, { keepGoing: true });
  assert.deepEqual(report.refused.map((r) => [r.importer, r.source, r.kind]), [['tip', 'tip.tiers', 'bad_input']]);
  assert.ok(report.refused[0]!.error instanceof InputError);
  const loaded = (await store.all('SELECT id FROM sources ORDER BY id')).map((r) => String(r.id));
  assert.ok(!loaded.includes('tip.tiers'));
  for (const id of ['tip.policy_index', 'fbi.ht.agency', 'census.pep', 'walkfree.gsi2023', 'grants.heiss_kelley']) assert.ok(loaded.includes(id), `${id} loaded`);
  // Without keepGoing the first refusal is thrown, after the others were loaded.
  await assert.rejects(ingest(store, dir, [], {}, { force: true }), (e: unknown) => e instanceof InputError && /Tier Three/.test(e.message));
  store.close();
});
