import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Store } from '../../src/store/store.ts';
import { fillLaw, ingestLaw, lawSourceMeta } from '../../src/law/store.ts';
import { lawImporter } from '../../src/law/importer.ts';
import { findImporter } from '../../src/sources/registry.ts';
import { ingest } from '../../src/sources/ingest.ts';
import { FIX } from './helpers.ts';
import { zip } from '../zip.ts';

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
  assert.equal(await findImporter('law'), lawImporter);
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

// Hand-written LegiScan payloads (fixtures, not official data): bill, base64 text, roll call, person.
function session(state: string, billId: number, number: string, year: number, body: string): [string, Buffer][] {
  const dir = `${state}/${year}`;
  const bill = { status: 'OK', bill: { bill_id: billId, state, bill_number: number, title: `Relating to ${number}`, status: 1,
    session: { session_name: `${year} Regular Session`, year_start: year }, sponsors: [], votes: [],
    texts: [{ doc_id: billId * 10, date: `${year}-01-10`, type: 'Introduced', mime: 'text/html' }] } };
  const text = { status: 'OK', text: { doc_id: billId * 10, bill_id: billId, date: `${year}-01-10`, type: 'Introduced', mime: 'text/html',
    doc: Buffer.from(`<pre>${body}</pre>`).toString('base64') } };
  const vote = { status: 'OK', roll_call: { roll_call_id: billId + 1, bill_id: billId, date: `${year}-02-01`, desc: 'Third reading', yea: 60, nay: 2, passed: 1, chamber: 'S', votes: [] } };
  const person = { status: 'OK', person: { people_id: 1, name: 'A. Member', party: 'D', role: 'Sen' } };
  return [[`${dir}/bill/${number}.json`, Buffer.from(JSON.stringify(bill))], [`${dir}/text/${billId * 10}.json`, Buffer.from(JSON.stringify(text))],
    [`${dir}/vote/${billId + 1}.json`, Buffer.from(JSON.stringify(vote))], [`${dir}/people/1.json`, Buffer.from(JSON.stringify(person))]];
}
const VACATUR = 'Section 1. A person convicted of prostitution may file a motion to vacate the conviction if the person was a victim of human trafficking at the time of the offense.';
const SERVICES = 'Section 1. The department shall provide shelter, counseling and case management services to victims of human trafficking.';

test('`ingest law` imports LegiScan session datasets under the law root whole, as ZIP or unpacked folder, with progress', async () => {
  const data = mkdtempSync(join(tmpdir(), 'cogency-data-'));
  try {
    const law = join(data, 'law');
    cpSync(CORPUS, law, { recursive: true });
    mkdirSync(join(law, 'datasets', 'unpacked'), { recursive: true });
    zip(join(law, 'datasets', 'ZZ_2031.zip'), session('ZZ', 9001, 'HB9', 2031, VACATUR));
    for (const [name, bytes] of session('YY', 7001, 'SB5', 2032, SERVICES)) {
      mkdirSync(dirname(join(law, 'datasets', 'unpacked', name)), { recursive: true });
      writeFileSync(join(law, 'datasets', 'unpacked', name), bytes);
    }
    // one broken payload refuses its whole dataset; the good bill beside it is not loaded either
    zip(join(law, 'datasets', 'bad.zip'), [...session('XX', 5001, 'HB1', 2033, VACATUR), ['XX/2033/bill/HB2.json', Buffer.from('{"status":"OK","bill":')]]);
    const specs = await lawImporter.discover(data);
    assert.ok(specs[0]!.files.some((f) => f.endsWith('ZZ_2031.zip')) && specs[0]!.files.some((f) => f.endsWith(join('SB5.json'))), 'dataset inputs are checksummed');
    const store = await Store.open(':memory:');
    try {
      const progress: [number, number][] = [];
      const r = await store.loadSource(await lawSourceMeta(law, data), (stage) => fillLaw(stage, law, data), (d, t) => progress.push([d, t]));
      assert.equal(r.rejected.length, 1);
      assert.match(r.rejected[0]!.reason, /bad\.zip!XX\/2033\/bill\/HB2\.json/);
      const ids = (await store.all('SELECT id FROM bills ORDER BY id')).map((b) => String(b.id));
      assert.deepEqual(ids, ['datasets/ZZ_2031/zz-HB9', 'datasets/unpacked/YY/2032/yy-SB5', 'xa-stat-1', 'xa-stat-2', 'xb-bill-7'].sort());
      const kinds = async (id: string) => (await store.all('SELECT kind FROM findings WHERE bill_id = ?', [id])).map((x) => x.kind);
      assert.ok((await kinds('datasets/ZZ_2031/zz-HB9')).includes('vacatur_record_relief'));
      assert.ok((await kinds('datasets/unpacked/YY/2032/yy-SB5')).includes('screening_and_services'));
      const texts = await store.all("SELECT text FROM bill_texts WHERE bill_id = 'datasets/ZZ_2031/zz-HB9'");
      assert.match(String(texts[0]!.text), /motion to vacate/, 'the base64 document is decoded');
      // progress: every file and every dataset payload, ending at the total
      const total = progress.at(-1)![1];
      assert.equal(total, 3 + 4 + 4 + 5);
      assert.deepEqual(progress.at(-1), [total, total]);
      for (let i = 1; i < progress.length; i++) assert.ok(progress[i]![0] >= progress[i - 1]![0], 'progress never goes back');
      // an edited payload in the unpacked folder changes the source checksum (the corpus reloads)
      const before = (await lawSourceMeta(law, data)).sha256;
      writeFileSync(join(law, 'datasets', 'unpacked', 'YY', '2032', 'people', '1.json'), JSON.stringify({ status: 'OK', person: { people_id: 1, name: 'B. Member' } }));
      assert.notEqual((await lawSourceMeta(law, data)).sha256, before);
    } finally {
      store.close();
    }
  } finally {
    rmSync(data, { recursive: true, force: true });
  }
});
