// The structure layer and the classifier, each on its own, on hand-written snippets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText, analyzerFingerprint, PLAIN_TEXT_NOTE } from '../../src/law/analyze.ts';
import { fromWeightsFile, predict, sentenceFeatures, toWeightsFile, train, featureIndices, type LinearModel } from '../../src/law/classifier.ts';
import { KINDS } from '../../src/law/rules/index.ts';
import { findReferences, readStructure, referenceIndex, sentenceStatus } from '../../src/law/structure.ts';
import { readLawFile, readManifest } from '../../src/law/import.ts';
import { analysisText, emptyDocument, type LawFormat } from '../../src/law/model.ts';
import { join } from 'node:path';
import { HAVE_LAW, LAW_DIR, SKIP_MSG } from './helpers.ts';

function model(text: string, format: LawFormat = 'statute-text', kind: 'bill' | 'statute' = 'statute') {
  const doc = emptyDocument('t', format, 't');
  doc.kind = kind;
  return { doc, m: readStructure(doc, text) };
}
function statusOf(text: string, needle: string, format: LawFormat = 'statute-text', kind: 'bill' | 'statute' = 'statute'): string {
  const { m } = model(text, format, kind);
  const at = m.text.indexOf(needle);
  assert.ok(at >= 0, needle);
  const s = m.sentences.find((x) => x.start <= at && at < x.end)!;
  return sentenceStatus(m, s);
}

test('history notes, session-law citations and editor notes are set aside; operative text is current law', () => {
  const wa = 'A person is guilty of promoting prostitution if he or she knowingly advances prostitution.\n\n[ 2020 c 331 s 4; 1988 c 145 s 16.]\n\nEffective date—2020 c 331: "Sections 4 and 5 of this act take effect January 1, 2024." [ 2020 c 331 s 12.]\n\nFinding—2020 c 331: See note following RCW 7.68.380.';
  assert.equal(statusOf(wa, 'knowingly advances'), 'current');
  assert.equal(statusOf(wa, '1988 c 145'), 'set-aside');
  assert.equal(statusOf(wa, 'take effect January'), 'set-aside');
  assert.equal(statusOf(wa, 'See note following'), 'set-aside');
  const va = 'The court may vacate the conviction of a victim of human trafficking.\n\n2021, Sp. Sess. I, c. 188; 2025, cc. 633, 663.';
  assert.equal(statusOf(va, 'Sp. Sess.'), 'set-aside');
  assert.equal(statusOf(va, 'vacate the conviction'), 'current');
  const notes = "Services shall be provided to victims.\n\nEditor's Note: The 2019 amendment required the department to vacate convictions and seal records.";
  assert.equal(statusOf(notes, 'The 2019 amendment'), 'set-aside');
  // a note is never a finding: only the operative sentence counts
  const { doc } = model(notes);
  const kinds = analyzeText(doc, notes, { classifier: null }).findings.map((f) => f.kind);
  assert.ok(!kinds.includes('vacatur_record_relief'), kinds.join());
});

test('amending bills: [brackets] are deleted matter, CAPITALS new matter, lower case unchanged law', () => {
  const bill = 'EXPLANATION--Matter in ITALICS (underscored) is new; matter in brackets\n  [ ] is old law to be omitted.\n\n  Section 1. Section 240.37 of the penal law is amended to read as follows:\n  § 240.37. Any person who remains in a public place shall be guilty of a violation.\n\n  2. [A person who loiters for the purpose of prostitution is guilty of a violation.]\n\n  3. THE OFFICE SHALL PROVIDE HOUSING TO VICTIMS OF TRAFFICKING.\n';
  assert.equal(statusOf(bill, 'loiters for the purpose', 'plain-text', 'bill'), 'deleted');
  assert.equal(statusOf(bill, 'PROVIDE HOUSING', 'plain-text', 'bill'), 'new');
  assert.equal(statusOf(bill, 'remains in a public place', 'plain-text', 'bill'), 'unchanged');
  const { doc } = model(bill, 'plain-text', 'bill');
  const f = analyzeText(doc, bill, { classifier: null }).findings;
  const loit = f.find((x) => x.kind === 'loitering_for_prostitution');
  assert.equal(loit?.effect, 'repeals');
  assert.equal(loit?.impact, 'protective');
  assert.equal(loit?.spans[0]?.status, 'deleted');
});

test('sections carry their numbers; definitions are recognised', () => {
  const text = 'Sec. 12-345. Definitions.\n"Commercial sex act" means any sex act for which anything of value is given.\n\n§ 2. The department shall collect data on arrests.\n';
  const { m } = model(text);
  assert.deepEqual(m.sections.map((s) => s.number), ['12-345', '2']);
  const def = m.sentences.findIndex((s) => m.text.slice(s.start, s.end).includes('means any sex act'));
  assert.ok(m.definitions.has(def), 'definition sentence recognised');
  const data = m.sentences.findIndex((s) => m.text.slice(s.start, s.end).includes('collect data'));
  assert.ok(!m.definitions.has(data));
});

test('evidence quotes whole words, with section number and status', () => {
  const text = '§ 7. A person who knowingly advances prostitution by keeping a house of prostitution is guilty of a felony.';
  const doc = emptyDocument('t', 'statute-text', 't');
  const f = analyzeText(doc, text, { classifier: null }).findings.find((x) => x.kind === 'third_party_broadening');
  assert.ok(f, 'finding');
  for (const s of f.spans) {
    assert.equal(s.text, text.slice(s.start, s.end));
    assert.ok(!/\w/.test(text[s.start - 1] ?? ' ') && !/\w/.test(text[s.end] ?? ' '), `whole words: «${s.text}»`);
    assert.equal(s.section, '7');
    assert.equal(s.status, 'current');
  }
});

test('a text in an unrecognised format is read as plain text, and says so', () => {
  const doc = emptyDocument('t', 'plain-text', 't');
  const r = analyzeText(doc, 'Any person who patronizes a prostitute is guilty of a class A misdemeanor.');
  assert.equal(r.plainText, true);
  assert.match(PLAIN_TEXT_NOTE, /plain text/);
  assert.equal(analyzeText(emptyDocument('t', 'ny-bill-md', 't'), 'x y z').plainText, false);
});

test('classifier features: words, bigrams and 5-letter stems; never digits', () => {
  const f = sentenceFeatures('Section 230.00: Prostitution is repealed.');
  assert.ok(f.includes('prostitution') && f.includes('prost~') && f.includes('is repealed'));
  assert.ok(!f.some((x) => /\d/.test(x)), f.join());
  assert.ok(!f.includes('is'), 'function words alone are not features');
});

test('classifier learns a separable kind, and survives the weights file round trip', () => {
  const vocab = new Map(['vacate', 'conviction', 'poster', 'hotline', 'weather'].map((w, i) => [w, i]));
  const K = KINDS.length;
  const vac = KINDS.indexOf('vacatur_record_relief');
  const aw = KINDS.indexOf('awareness_campaign');
  const mk = (ws: string[], pos: number[]) => ({
    feats: Int32Array.from(ws.map((w) => vocab.get(w)!)),
    labels: Int8Array.from({ length: K }, (_, k) => (pos.includes(k) ? 1 : 0)),
  });
  const samples = [];
  for (let i = 0; i < 30; i++) samples.push(mk(['vacate', 'conviction'], [vac]), mk(['poster', 'hotline'], [aw]), mk(['weather'], []));
  const { weights, bias } = train(samples, vocab.size, { epochs: 10 });
  const m: LinearModel = { kinds: [...KINDS], vocab, weights, bias };
  const p = predict(m, featureIndices(m, 'vacate the conviction'));
  assert.ok(p[vac]! > 0.7 && p[aw]! < 0.3, `vacatur ${p[vac]} awareness ${p[aw]}`);
  const q = predict(m, featureIndices(m, 'weather'));
  assert.ok(q[vac]! < 0.5 && q[aw]! < 0.5);
  const back = fromWeightsFile(JSON.parse(JSON.stringify(toWeightsFile(m, 'test'))));
  const p2 = predict(back, featureIndices(back, 'vacate the conviction'));
  assert.ok(Math.abs(p2[vac]! - p[vac]!) < 0.02);
  assert.throws(() => fromWeightsFile({ ...toWeightsFile(m, 'x'), kinds: ['not_a_kind'] }), /unknown kind/);
});

test('analyzer fingerprint: stable, short, hex', () => {
  const a = analyzerFingerprint();
  assert.match(a, /^[0-9a-f]{16}$/);
  assert.equal(analyzerFingerprint(), a);
});

test('cross-references: cited sections found, and resolved to the corpus text that holds them', async (t) => {
  const { m } = model('A person who violates § 18.2-346 or section 230.00 of the penal law, or RCW 9A.88.030, commits a felony.');
  const index = new Map([['VA|18.2-346', { id: 'va-stat-18.2-346', title: 'Prostitution' }]]);
  const refs = findReferences(m, 'VA', index);
  assert.deepEqual(refs.map((r) => r.number), ['18.2-346', '230.00', '9A.88.030']);
  assert.equal(refs[0]!.target?.id, 'va-stat-18.2-346');
  assert.equal(refs[1]!.target, undefined);
  assert.equal(m.text.slice(refs[2]!.start, refs[2]!.end), '9A.88.030');
  if (!HAVE_LAW) return t.skip(SKIP_MSG);
  // real: a Virginia notice statute cites the poster requirements of § 40.1-11.3, which the corpus holds
  const manifest = (await readManifest(LAW_DIR))!;
  const doc = await readLawFile(join(LAW_DIR, 'texts/va/statutes/2.2-2057.txt'), { manifest: manifest.find((r) => r.id === 'va-stat-2.2-2057')! });
  const real = findReferences(readStructure(doc, analysisText(doc)), doc.jurisdiction, referenceIndex(manifest));
  assert.ok(real.some((r) => r.number === '40.1-11.3' && r.target?.id === 'va-stat-40.1-11.3'), JSON.stringify(real));
});
