// LegiScan session dataset ZIP: the real payload samples of ../shared/data (read, zipped in a temp dir, never copied
// into the repo) plus one hand-written bill with a base64 HTML text, as one archive read whole.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { readLegiscanDataset } from '../../src/law/legiscan-dataset.ts';
import { LawInputError } from '../../src/law/model.ts';
import { HAVE_LAW, LAW_DIR, SKIP_MSG } from './helpers.ts';
import { zip } from '../zip.ts';

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'cogency-legiscan-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

// hand-written payloads (fixture, not official data): a bill whose text arrives base64-encoded in text/, and its roll call
const BILL = { status: 'OK', bill: { bill_id: 9001, state: 'ZZ', bill_number: 'HB9', title: 'Relating to trafficking victims',
  session: { session_name: '2031 Regular Session', year_start: 2031 }, status: 1,
  texts: [{ doc_id: 77, date: '2031-01-10', type: 'Introduced', mime: 'text/html' }], votes: [], sponsors: [] } };
const HTML = '<pre>Section 1. A person convicted of prostitution may file a motion to vacate the conviction if the person was a victim of human trafficking at the time of the offense.</pre>';
const TEXT = { status: 'OK', text: { doc_id: 77, bill_id: 9001, date: '2031-01-10', type: 'Introduced', mime: 'text/html', doc: Buffer.from(HTML).toString('base64') } };
const VOTE = { status: 'OK', roll_call: { roll_call_id: 5, bill_id: 9001, date: '2031-02-01', desc: 'Third reading', yea: 90, nay: 3, passed: 1, chamber: 'H', votes: [] } };

test('a session dataset imports whole: texts decoded and attached, roll calls attached, every bill analyzed', async (t) => {
  if (!HAVE_LAW) return t.skip(SKIP_MSG);
  const sample = join(LAW_DIR, 'formats/legiscan/dataset-sample-legiscanrr');
  const files: [string, Buffer][] = [];
  for (const sub of ['bill', 'people', 'vote', 'text'])
    for (const f of readdirSync(join(sample, sub))) files.push([`ZZ/2031/${sub}/${f}`, readFileSync(join(sample, sub, f))]);
  files.push(['ZZ/2031/bill/HB9.json', Buffer.from(JSON.stringify(BILL))], ['ZZ/2031/text/77.json', Buffer.from(JSON.stringify(TEXT))],
    ['ZZ/2031/vote/5.json', Buffer.from(JSON.stringify(VOTE))], ['ZZ/2031/README.md', Buffer.from('readme')]);
  const p = join(dir, 'dataset.zip');
  zip(p, files);
  const progress: number[] = [];
  const r = await readLegiscanDataset(p, (done) => progress.push(done));
  assert.equal(progress.at(-1), files.length - 1, 'progress over every JSON payload');
  assert.deepEqual(r.ignored, ['ZZ/2031/README.md']);
  assert.equal(r.people, 2);
  assert.equal(r.rollCalls, 4);
  assert.equal(r.texts, 6);
  // 7 bills (6 real + 1 hand-written) and the 5 real texts whose bills are not in the sample
  assert.equal(r.bills.length, 12);
  const hb9 = r.bills.find((b) => b.doc.identifier === 'HB9')!;
  assert.equal(hb9.doc.versions.length, 1, 'the decoded text replaces the metadata-only version');
  assert.match(hb9.doc.versions[0]!.text, /motion to vacate the conviction/);
  assert.equal(hb9.doc.votes?.[0]?.yea, 90);
  assert.ok(hb9.findings.some((f) => f.kind === 'vacatur_record_relief'), JSON.stringify(hb9.findings.map((f) => f.kind)));
  // real CA 2011 texts are base64 HTML: decoded and analyzed
  const realTexts = r.bills.filter((b) => b.doc.format === 'legiscan-text');
  assert.equal(realTexts.length, 5);
  for (const b of realTexts) assert.ok(b.doc.versions[0]!.text.length > 100 && !b.note, b.doc.id);
  // real bill payloads carry text metadata only: said so, not guessed
  const ak = r.bills.find((b) => b.doc.jurisdiction === 'AK')!;
  assert.match(ak.note ?? '', /no text/);
});

test('a bad dataset is refused whole, naming the entry', async () => {
  const p = join(dir, 'bad.zip');
  zip(p, [['ZZ/1/bill/HB9.json', Buffer.from(JSON.stringify(BILL))], ['ZZ/1/bill/HB10.json', Buffer.from('{"status":"OK","bill":')]]);
  await assert.rejects(readLegiscanDataset(p), (e: unknown) => e instanceof LawInputError && e.message.includes('bad.zip!ZZ/1/bill/HB10.json'));
  const q = join(dir, 'notzip.zip');
  writeFileSync(q, 'this is not a zip archive');
  await assert.rejects(readLegiscanDataset(q), (e: unknown) => e instanceof LawInputError && /not a readable ZIP/.test(e.message));
  const odd = join(dir, 'odd.zip');
  zip(odd, [['x/y.json', Buffer.from('{"status":"OK","weather":{}}')]]);
  await assert.rejects(readLegiscanDataset(odd), (e: unknown) => e instanceof LawInputError && /not a LegiScan/.test(e.message) && e.message.includes('odd.zip!x/y.json'));
});

test('an unpacked dataset folder reads like its archive; links inside are not followed', async () => {
  const files: [string, Buffer][] = [['ZZ/2031/bill/HB9.json', Buffer.from(JSON.stringify(BILL))], ['ZZ/2031/text/77.json', Buffer.from(JSON.stringify(TEXT))],
    ['ZZ/2031/vote/5.json', Buffer.from(JSON.stringify(VOTE))]];
  const p = join(dir, 'same.zip');
  zip(p, files);
  const folder = join(dir, 'unpacked');
  for (const [name, bytes] of files) {
    mkdirSync(dirname(join(folder, name)), { recursive: true });
    writeFileSync(join(folder, name), bytes);
  }
  // a link out of the folder (to a payload elsewhere) is listed as ignored, never read
  writeFileSync(join(dir, 'outside.json'), JSON.stringify(BILL).replace('HB9', 'HB99').replace('9001', '9099'));
  symlinkSync(join(dir, 'outside.json'), join(folder, 'ZZ/2031/bill/link.json'));
  const [a, b] = [await readLegiscanDataset(p), await readLegiscanDataset(folder)];
  assert.deepEqual(b.bills.map((x) => [x.doc.identifier, x.doc.versions.map((v) => v.text), x.findings.map((f) => f.kind)]),
    a.bills.map((x) => [x.doc.identifier, x.doc.versions.map((v) => v.text), x.findings.map((f) => f.kind)]));
  assert.deepEqual(b.ignored, ['ZZ/2031/bill/link.json']);
  assert.equal(b.rollCalls, 1);
});
