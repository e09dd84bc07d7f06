// No silent omission: every file under the data directory is read by an importer or listed
// with the reason it is not loaded (from the source descriptors' claims) — on the real data, and on a small directory built here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inventory, NO_REASON, reasonFor } from '../../src/sources/inventory.ts';
import { transcribedDescriptor } from '../../src/sources/transcribed/descriptor.ts';
import { SKIP_NO_DATA, sharedData, tempDir } from '../helpers.ts';

const DATA = sharedData();

test('real data: every file is claimed or has a written reason', { skip: DATA ? false : SKIP_NO_DATA }, async () => {
  const inv = await inventory(DATA!);
  assert.deepEqual(inv.errors, []);
  const unexplained = inv.notLoaded.filter((g) => g.reason === NO_REASON).flatMap((g) => g.files);
  assert.deepEqual(unexplained, [], 'every file not loaded has a reason');
  // The transcriptions are claimed; their raw Factbook texts and MANIFEST are explained instead.
  const listed = new Set(inv.notLoaded.flatMap((g) => g.files));
  for (const f of ['tip_tier_placements_2016-2025.csv', 'tip_tier_counts_stated.csv', 'us_national_hotline_stats.csv', 'ilo_2022_global_estimates_modern_slavery.csv'])
    assert.ok(!listed.has(`stats/transcribed/${f}`), `${f} is loaded, not listed`);
  assert.ok(listed.has('stats/transcribed/cia_factbook_world_tip_entry_versions.csv'));
  assert.ok(listed.has('stats/_format-docs/iom-ctdc/Codebook_CTDC_global_synthetic_data_v2024.pdf'));
  assert.match(reasonFor('stats/_format-docs/iom-ctdc/Codebook_CTDC_global_synthetic_data_v2024.pdf'), /codebook/i);
  assert.ok(inv.claimed > 400, `${inv.claimed} files claimed`);
});

test('a small data directory: claimed files, reasons, unknown files and links', async () => {
  const dir = tempDir('cogency-inventory-');
  const outside = tempDir('cogency-outside-');
  mkdirSync(join(dir, 'stats', 'transcribed'), { recursive: true });
  mkdirSync(join(dir, 'stats', '_format-docs', 'fbi'), { recursive: true });
  writeFileSync(join(dir, 'stats', 'transcribed', 'us_national_hotline_stats.csv'), 'x\n');
  writeFileSync(join(dir, 'stats', 'transcribed', 'MANIFEST.md'), '# m\n');
  writeFileSync(join(dir, 'stats', '_format-docs', 'fbi', 'layout.docx'), 'd');
  writeFileSync(join(dir, 'stats', 'mystery.csv'), 'a,b\n');
  writeFileSync(join(outside, 'secret.csv'), 'no\n');
  symlinkSync(join(outside, 'secret.csv'), join(dir, 'stats', 'link.csv'));
  const inv = await inventory(dir, [transcribedDescriptor]);
  assert.equal(inv.claimed, 1, 'the hotline file is claimed by the transcribed importer');
  const by = new Map(inv.notLoaded.map((g) => [g.path, g.reason]));
  assert.match(by.get('stats/transcribed/MANIFEST.md')!, /Documentation/);
  assert.match(by.get('stats/_format-docs/fbi/layout.docx')!, /Format documentation/);
  assert.equal(by.get('stats/mystery.csv'), NO_REASON, 'an unknown file is listed, never hidden');
  assert.match(by.get('stats/link.csv')!, /not followed/);
  assert.ok(!inv.notLoaded.some((g) => g.files.some((f) => f.includes('secret'))), 'nothing outside the data directory is listed');
});

test('an importer whose discovery fails is reported, and its files stay listed', async () => {
  const dir = tempDir('cogency-inventory-');
  writeFileSync(join(dir, 'a.csv'), 'x\n');
  const broken = { ...(await transcribedDescriptor.loadImporter()), id: 'broken', discover: async () => Promise.reject(new Error('cannot read folder')) };
  const inv = await inventory(dir, [{ ...transcribedDescriptor, id: 'broken', loadImporter: async () => broken }]);
  assert.deepEqual(inv.errors, [{ importer: 'broken', message: 'cannot read folder' }]);
  assert.deepEqual(inv.notLoaded.map((g) => g.path), ['a.csv']);
});
