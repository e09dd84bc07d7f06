import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../../src/store/store.ts';
import { fillLaw, ingestLaw, lawSourceMeta } from '../../src/law/store.ts';
import { lawImporter } from '../../src/law/importer.ts';
import { findImporter } from '../../src/sources/registry.ts';
import { ingest } from '../../src/sources/ingest.ts';
import { FIX } from './helpers.ts';

const CORPUS = join(FIX, 'corpus');

test('ingestLaw loads bills, texts and findings; a second run is a no-op', async () => {
  const store = await Store.open(':memory:');
  try {
    const r = await ingestLaw(store, CORPUS);
    assert.equal(r.status, 'loaded');
    assert.equal(r.rejected.length, 0);
    const bills = await store.all('SELECT id, jurisdiction, identifier, year, kind, source_url, citation, sha256, source_id FROM bills ORDER BY id');
    assert.deepEqual(bills.map((b) => b.id), ['xa-stat-1', 'xa-stat-2', 'xb-bill-7']);
    assert.equal(bills[0]!.jurisdiction, 'XA');
    assert.equal(bills[0]!.kind, 'statute');
    assert.equal(bills[2]!.kind, 'bill');
    assert.equal(bills[0]!.source_url, 'https://example.org/xa/1-101');
    assert.equal(bills[0]!.source_id, 'law');
    assert.match(String(bills[0]!.sha256), /^[0-9a-f]{64}$/);
    const texts = await store.all('SELECT bill_id, text FROM bill_texts ORDER BY bill_id');
    assert.equal(texts.length, 3);
    const f = await store.all("SELECT kind, effect, impact, confidence, section, cues, spans FROM findings WHERE bill_id = 'xa-stat-1'");
    assert.deepEqual(f.map((x) => x.kind), ['loitering_for_prostitution']);
    const spans = JSON.parse(String(f[0]!.spans)) as { start: number; end: number; text: string }[];
    const text = String(texts[0]!.text);
    for (const s of spans) assert.equal(text.slice(s.start, s.end), s.text, 'spans index the stored text');
    assert.ok(Array.isArray(JSON.parse(String(f[0]!.cues))));
    const again = await ingestLaw(store, CORPUS);
    assert.equal(again.status, 'unchanged');
  } finally {
    store.close();
  }
});

test('a failing load leaves the previous corpus serving (atomic swap)', async () => {
  const store = await Store.open(':memory:');
  try {
    await ingestLaw(store, CORPUS);
    const before = await store.all('SELECT count(*) AS n FROM findings');
    const meta = { ...(await lawSourceMeta(CORPUS)), sha256: 'changed', version: 'changed' };
    await assert.rejects(
      store.loadSource(meta, async (stage) => {
        await fillLaw(stage, CORPUS);
        throw new Error('disk on fire');
      }),
      /disk on fire/,
    );
    const after = await store.all('SELECT count(*) AS n FROM findings');
    assert.deepEqual(after, before);
    assert.equal((await store.all('SELECT count(*) AS n FROM bills'))[0]!.n, 3);
  } finally {
    store.close();
  }
});

test('unreadable files are rejected with the reason, the rest loads', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cogency-law-'));
  try {
    cpSync(join(CORPUS, 'texts'), join(dir, 'texts'), { recursive: true });
    writeFileSync(join(dir, 'texts', 'broken.json'), '{"bill": {');
    const store = await Store.open(':memory:');
    try {
      const r = await ingestLaw(store, dir); // no manifest: every text-like file, ids from paths
      assert.equal(r.rejected.length, 1);
      assert.match(r.rejected[0]!.file, /broken\.json$/);
      const ids = (await store.all('SELECT id FROM bills ORDER BY id')).map((b) => b.id);
      assert.deepEqual(ids, ['texts/xa-stat-1', 'texts/xa-stat-2', 'texts/xb-bill-7']);
      const rej = await store.all("SELECT file, reason FROM rejections WHERE source_id = 'law'");
      assert.equal(rej.length, 1);
    } finally {
      store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('lawImporter is registered and `ingest law` discovers <data>/law', async () => {
  assert.equal(findImporter('law'), lawImporter);
  const data = mkdtempSync(join(tmpdir(), 'cogency-data-'));
  try {
    assert.deepEqual(await lawImporter.discover(data), []);
    cpSync(CORPUS, join(data, 'law'), { recursive: true });
    const specs = await lawImporter.discover(data);
    assert.equal(specs.length, 1);
    assert.equal(specs[0]!.description.id, 'law');
    const store = await Store.open(':memory:');
    try {
      const report = await ingest(store, data, ['law']);
      assert.equal(report.results[0]!.status, 'loaded');
      const src = await store.all("SELECT id, family, file FROM sources WHERE id = 'law'");
      assert.equal(src[0]!.family, 'law');
      assert.equal((await store.all('SELECT count(*) AS n FROM bills'))[0]!.n, 3);
      const files = await store.all("SELECT file FROM bills WHERE id = 'xa-stat-1'");
      assert.equal(files[0]!.file, 'law/texts/xa-stat-1.txt');
    } finally {
      store.close();
    }
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
});
