import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readLawCorpus, readLawFile, readLawFileAll, sniffFormat, formatFromManifestNote, readManifest } from '../../src/law/import.ts';
import { analysisText } from '../../src/law/model.ts';
import { FIX, HAVE_LAW, LAW_DIR, SKIP_MSG } from './helpers.ts';

test('every text in the shared corpus imports with text, and sniffing agrees with the manifest', async (t) => {
  if (!HAVE_LAW) return t.skip(SKIP_MSG);
  const manifest = (await readManifest(LAW_DIR))!;
  let n = 0;
  for await (const d of readLawCorpus(LAW_DIR)) {
    n++;
    assert.ok(analysisText(d).length > (d.repealed ? 10 : 100), `${d.id} has text`);
    assert.ok(d.jurisdiction, `${d.id} jurisdiction`);
  }
  assert.equal(n, manifest.length);
  for (const m of manifest) {
    const fromNote = formatFromManifestNote(m.format);
    assert.ok(fromNote, `manifest note maps to a format for ${m.id}`);
    const sniffed = (await readLawFile(join(LAW_DIR, m.file))).format;
    if (fromNote === 'statute-text' || fromNote === 'plain-text') assert.ok(['statute-text', 'plain-text'].includes(sniffed), `${m.id}: ${sniffed}`);
    else assert.equal(sniffed, fromNote, m.id);
  }
});

test('NY bill markdown: metadata and text', async (t) => {
  if (!HAVE_LAW) return t.skip(SKIP_MSG);
  const d = await readLawFile(join(LAW_DIR, 'texts/ny/bills/2023-2024/A7175.md'));
  assert.equal(d.format, 'ny-bill-md');
  assert.equal(d.identifier, 'A7175');
  assert.equal(d.session, '2023-2024');
  assert.equal(d.sponsors[0]?.name, 'Chantel Jackson');
  assert.match(d.versions[0]!.sourceUrl!, /legislation\.nysenate\.gov/);
  assert.match(d.title, /decriminalization of sex work/);
});

test('D.C. XML law and code sections', async (t) => {
  if (!HAVE_LAW) return t.skip(SKIP_MSG);
  const code = await readLawFile(join(LAW_DIR, 'texts/dc/code/22-1831.xml'));
  assert.equal(code.format, 'dc-xml-code');
  assert.equal(code.identifier, '22-1831');
  assert.equal(code.title, 'Definitions.');
  assert.match(analysisText(code), /“Labor” means work that has economic or financial value\./);
  const repealed = await readLawFile(join(LAW_DIR, 'texts/dc/code/22-2731.xml'));
  assert.equal(repealed.repealed, true);
  const law = await readLawFile(join(LAW_DIR, 'texts/dc/laws/18-239.xml'));
  assert.equal(law.format, 'dc-xml-law');
  assert.equal(law.jurisdiction, 'DC');
  assert.ok(law.title.length > 5);
  assert.match(analysisText(law), /Forced labor/);
  const ocr = await readLawFile(join(LAW_DIR, 'texts/dc/laws/7-44.xml'));
  assert.ok(analysisText(ocr).length > 500, 'OCR search-text used as body');
});

test('LegiScan: getBillText with base64 PDF, dataset bill/text/people/vote', async (t) => {
  if (!HAVE_LAW) return t.skip(SKIP_MSG);
  const ls = join(LAW_DIR, 'formats/legiscan');
  const pdf = await readLawFile(join(ls, 'getBillText/MO-2024-HB1897.json'));
  assert.equal(pdf.format, 'legiscan-text');
  assert.match(analysisText(pdf), /HOUSE BILL NO\. 1897/);
  assert.equal(pdf.versions[0]!.mime, 'application/pdf');
  const html = await readLawFile(join(ls, 'dataset-sample-legiscanrr/text/100932.json'));
  assert.match(analysisText(html), /BILL NUMBER: SB 151/);
  assert.equal(html.identifier, 'SB 151');
  const bill = await readLawFile(join(ls, 'dataset-sample-legiscanrr/bill/HB1.json'));
  assert.equal(bill.format, 'legiscan-bill');
  assert.equal(bill.jurisdiction, 'AK');
  assert.equal(bill.identifier, 'HB1');
  assert.ok(bill.sponsors.length > 0 && bill.sponsors[0]!.name);
  assert.ok(bill.versions.length > 0 && bill.versions[0]!.sourceUrl);
  assert.equal(analysisText(bill), '', 'bill payloads carry text metadata only');
  const person = await readLawFile(join(ls, 'dataset-sample-legiscanrr/people/8630.json'));
  assert.equal(person.format, 'legiscan-person');
  const vote = await readLawFile(join(ls, 'dataset-sample-legiscanrr/vote/154366.json'));
  assert.equal(vote.format, 'legiscan-rollcall');
  assert.equal(vote.votes?.length, 1);
  const list = await readLawFile(join(ls, 'getDatasetList/list_mo.redacted.json'));
  assert.equal(list.format, 'legiscan-datasetlist');
});

test('us-statutes per-chapter JSON', async (t) => {
  if (!HAVE_LAW) return t.skip(SKIP_MSG);
  const d = await readLawFile(join(LAW_DIR, 'formats/us-statutes-json/south-dakota__chapter-22-23-prostitution.json'));
  assert.equal(d.format, 'us-statutes-json');
  assert.equal(d.jurisdiction, 'SD');
  assert.match(analysisText(d), /22-23-1/);
});

test('Missouri PDF text, WA, USC and Hawaii markdown metadata', async (t) => {
  if (!HAVE_LAW) return t.skip(SKIP_MSG);
  const mo = await readLawFile(join(LAW_DIR, 'texts/mo/bills/2024/HB2688.txt'));
  assert.equal(mo.format, 'mo-bill-pdf-text');
  assert.equal(mo.identifier, 'HB2688');
  assert.match(mo.title, /human trafficking/);
  assert.match(mo.session, /^102nd General Assembly/, 'ordinal suffix from ordinal(), not "102th"');
  const wa = await readLawFile(join(LAW_DIR, 'texts/wa/bills/2023-24/HB2076-S.md'));
  assert.equal(wa.format, 'wa-bill-md');
  assert.equal(wa.identifier, 'HB 2076');
  assert.equal(wa.session, '2023-24');
  const usc = await readLawFile(join(LAW_DIR, 'texts/us/usc/18-USC-1591.md'));
  assert.equal(usc.identifier, '18 U.S.C. 1591');
  const hi = await readLawFile(join(LAW_DIR, 'texts/hi/statutes/663J-2017.md'));
  assert.equal(hi.format, 'hi-md');
});

test('OpenStates bulk JSON, API v3 and CSV (hand-written fixtures)', async () => {
  const docs = await readLawFileAll(join(FIX, 'openstates-bills.json'));
  assert.equal(docs.length, 2);
  const a = docs[0]!;
  assert.equal(a.format, 'openstates-json');
  assert.equal(a.jurisdiction, 'OR');
  assert.equal(a.identifier, 'HB 9999');
  assert.equal(a.session, '2025');
  assert.equal(a.dates.introduced, '2025-01-13');
  assert.equal(a.status, 'Referred to Judiciary');
  assert.deepEqual(a.sponsors, [{ name: 'Jane Example', primary: true, role: 'primary' }]);
  assert.match(analysisText(a), /vacate the conviction/);
  assert.equal(analysisText(docs[1]!), '');
  const v3 = await readLawFileAll(join(FIX, 'openstates-api-v3.json'));
  assert.equal(v3[0]!.jurisdiction, 'VT');
  assert.equal(v3[0]!.session, '2025-2026');
  assert.equal(v3[0]!.sponsors[0]!.name, 'Sam Sample');
  const csv = await readLawFileAll(join(FIX, 'openstates_bills.csv'));
  assert.equal(csv.length, 2);
  assert.equal(csv[1]!.title, 'Relating to restitution, for victims');
  assert.equal(csv[0]!.jurisdiction, 'TX');
});

test('content sniffing', () => {
  assert.equal(sniffFormat('x.json', '{"status":"OK","bill":{"bill_id":1'), 'legiscan-bill');
  assert.equal(sniffFormat('x.xml', '<?xml version="1.0"?><document xmlns="https://code.dccouncil.us/schemas/dc-library">'), 'dc-xml-law');
  assert.equal(sniffFormat('x', '%PDF-1.4'), 'pdf');
  assert.equal(sniffFormat('x.txt', 'Just some words.'), 'plain-text');
});
