import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { analyze, analyzeText, decide, prepare } from '../../src/law/analyze.ts';
import { rankAuc } from '../../src/law/eval.ts';
import { readLawCorpus, readLawFile } from '../../src/law/import.ts';
import { analysisText, emptyDocument } from '../../src/law/model.ts';
import { RULES, KINDS } from '../../src/law/rules/index.ts';
import { FIX, HAVE_LAW, LAW_DIR, SKIP_MSG } from './helpers.ts';

test('one rule module per rubric kind; kinds whose gold lies in one jurisdiction have no cue (the classifier reads them)', () => {
  assert.deepEqual(RULES.map((r) => r.kind).sort(), [...KINDS].sort());
  for (const r of RULES) assert.ok(r.description, r.kind);
  // no cue of these kinds could be justified by gold texts from two jurisdictions (see cues.test.ts)
  assert.deepEqual(RULES.filter((r) => r.cues.length === 0).map((r) => r.kind).sort(), ['decriminalization', 'funding_condition_anti_prostitution', 'immigration_penalty']);
});

test('every span on the whole corpus is an exact slice of the original text', async (t) => {
  if (!HAVE_LAW) return t.skip(SKIP_MSG);
  let spans = 0;
  for await (const doc of readLawCorpus(LAW_DIR)) {
    const text = analysisText(doc);
    for (const f of analyzeText(doc, text).findings) {
      assert.ok(f.spans.length > 0, `${doc.id} ${f.kind} has evidence`);
      assert.ok(f.cues.length > 0);
      assert.ok(f.confidence >= 0.5 && f.confidence <= 1);
      for (const s of f.spans) {
        spans++;
        assert.equal(s.text, text.slice(s.start, s.end), `${doc.id} ${f.kind}`);
        assert.ok(s.end > s.start);
      }
    }
  }
  assert.ok(spans > 300, `spans checked: ${spans}`);
});

test('NY notation: [bracketed] deletion of a harmful provision is a protective repeal', async (t) => {
  if (!HAVE_LAW) return t.skip(SKIP_MSG);
  const a2500 = analyze(await readLawFile(join(LAW_DIR, 'texts/ny/bills/2023-2024/A2500.md')));
  const loit = a2500.find((f) => f.kind === 'loitering_for_prostitution' && f.effect === 'repeals');
  assert.ok(loit, 'loitering found');
  assert.ok(['repeals', 'narrows'].includes(loit.effect));
  assert.equal(loit.impact, 'protective');
  assert.match(loit.spans[0]!.text, /loitering/);
  assert.equal(loit.spans[0]!.status, 'deleted');
  // (A7175's deletion of the selling offense is decriminalization, but every gold text of that kind is from New York,
  //  so no cue can be justified and the classifier does not reach it: a known gap, not asserted here.)
});

test('hand-written NY-style amendment: deletion, insertion in capitals', async () => {
  const doc = await readLawFile(join(FIX, 'ny-style-amendment.txt'));
  const fs = analyze(doc);
  const loit = fs.find((f) => f.kind === 'loitering_for_prostitution');
  assert.equal(loit?.effect, 'repeals');
  assert.equal(loit?.impact, 'protective');
  const svc = fs.find((f) => f.kind === 'screening_and_services');
  assert.ok(svc, 'services found');
  assert.equal(svc.effect, 'enacts');
  assert.equal(svc.impact, 'protective');
  assert.match(svc.section, /§ 2\./);
});

test('minors-only purchase offense is not buyer_criminalization; the adult one is', async () => {
  const doc = await readLawFile(join(FIX, 'plain-statute.txt'));
  const fs = analyze(doc);
  const buyer = fs.find((f) => f.kind === 'buyer_criminalization');
  assert.ok(buyer);
  assert.ok(buyer.spans.every((s) => s.start < doc.versions[0]!.text.indexOf('(b)')), 'evidence only from the adult subsection');
  assert.match(buyer.section, /Sec\. 12-345/);
});

test('real minors-only statute (CT 53a-83b) yields no buyer_criminalization', async (t) => {
  if (!HAVE_LAW) return t.skip(SKIP_MSG);
  const fs = analyze(await readLawFile(join(LAW_DIR, 'texts/ct/statutes/53a-83b.txt')));
  assert.ok(!fs.some((f) => f.kind === 'buyer_criminalization'), JSON.stringify(fs.map((f) => f.kind)));
});

test('a repealed D.C. Code section reports repeals', async (t) => {
  if (!HAVE_LAW) return t.skip(SKIP_MSG);
  const fs = analyze(await readLawFile(join(LAW_DIR, 'texts/dc/code/22-2731.xml')));
  const z = fs.find((f) => f.kind === 'prostitution_free_zone');
  assert.equal(z?.effect, 'repeals');
  assert.equal(z?.impact, 'protective');
});

// Hand-written texts (not copied from any source) for the gates that keep non-provisions out.
function plainDoc(text: string) {
  const doc = emptyDocument('hand-written.txt', 'plain-text', 'hand-written');
  doc.versions.push({ label: 'text', text });
  return doc;
}

test("a digest's account of existing law and first-person report prose are not provisions; the bill's own words are", () => {
  const existing = 'Existing law criminalizes loitering in a public place with the intent to commit prostitution, or maintaining a public nuisance.';
  const current = 'Under current law, loitering in a public place for the purpose of prostitution is a misdemeanor.';
  const report = 'We feel that a law prohibiting loitering in public places for the purpose of prostitution would aid enforcement.';
  const enacted = 'A person who remains or wanders about a public place and repeatedly beckons to passers-by for the purpose of prostitution is guilty of a misdemeanor.';
  for (const text of [existing, current, report])
    assert.deepEqual(analyzeText(plainDoc(text), text, { classifier: null }).findings.map((f) => f.kind), [], text);
  const kinds = analyzeText(plainDoc(enacted), enacted, { classifier: null }).findings.map((f) => f.kind);
  assert.ok(kinds.includes('loitering_for_prostitution'), JSON.stringify(kinds));
  // "current law enforcement officers" is not an account of current law
  const training = 'Current law enforcement officers shall complete training on identifying victims of human trafficking.';
  assert.ok(analyzeText(plainDoc(training), training, { classifier: null }).findings.length > 0);
});

test("an act's title quoted in a text is a reference even when OCR or a citation puts a full stop inside it", () => {
  const title = 'Section 2 amends An Act To enjoin and abate houses of Amend 1-800-328-9378. lewdness, assignation, and prostitution; to declare the same to be nuisances.';
  const kinds = analyzeText(plainDoc(title), title, { classifier: null }).findings.map((f) => f.kind);
  assert.ok(!kinds.includes('massage_business_targeting'), JSON.stringify(kinds));
  // without the title, the same words are an operative nuisance provision
  const operative = 'Every building used for prostitution is declared a public nuisance and may be abated.';
  assert.ok(analyzeText(plainDoc(operative), operative, { classifier: null }).findings.some((f) => f.kind === 'massage_business_targeting'));
});

test('a cited section resolves to its title: in the same text, or in the corpus index; unresolved citations add nothing', () => {
  const funding = 'The department shall provide emergency housing, counseling and case management services to persons eligible under section 4-102.';
  const own = `Sec. 4-102. Victims of human trafficking.\nA victim of human trafficking is eligible for assistance.\n\nSec. 4-103. Assistance.\n${funding}`;
  const other = `Sec. 4-102. Eligibility.\nA resident is eligible for assistance.\n\nSec. 4-103. Assistance.\n${funding}`;
  const kinds = (text: string, references?: Map<string, { id: string; title: string }>) => {
    const doc = plainDoc(text);
    doc.jurisdiction = 'ZZ';
    return analyzeText(doc, text, { classifier: null, ...(references ? { references } : {}) }).findings.map((f) => f.kind);
  };
  assert.ok(kinds(own).includes('screening_and_services'), 'resolved to the heading of section 4-102 in the same text');
  assert.ok(!kinds(other).includes('screening_and_services'), 'the cited section is about something else');
  assert.ok(!kinds(funding).includes('screening_and_services'), 'unresolved: nothing to say what the services are for');
  const index = new Map([['ZZ|4-102', { id: 'zz-4-102', title: '4-102. Services to victims of human trafficking' }]]);
  assert.ok(kinds(funding, index).includes('screening_and_services'), 'resolved through the corpus index');
});

test('the classifier ranks rule findings by their own evidence sentences; it makes none on its own', () => {
  const text = 'Sec. 1. The department shall provide shelter and counseling services to victims of human trafficking.\n\nSec. 2. The board shall meet twice a year to review its budget and elect a chair.';
  const p = prepare(plainDoc(text), text);
  const rows = (evidence: number, elsewhere: number) =>
    p.candidates.map((c) => new Float32Array(KINDS.length).fill(text.slice(p.model.sentences[c.si]!.start, p.model.sentences[c.si]!.end).includes('shelter') ? evidence : elsewhere));
  const rulesOnly = decide(p, {});
  assert.deepEqual(rulesOnly.map((f) => f.kind), ['screening_and_services']);
  const sure = decide(p, { scores: rows(0.9, 0) });
  const doubtful = decide(p, { scores: rows(0.05, 0.99) });
  // every kind scored high somewhere, yet only the rules' kind is found
  assert.deepEqual(sure.map((f) => f.kind), ['screening_and_services']);
  assert.deepEqual(doubtful.map((f) => f.kind), ['screening_and_services']);
  // what counts is the score at the quoted sentence, not the best sentence of the text
  assert.ok(sure[0]!.confidence > doubtful[0]!.confidence, `${sure[0]!.confidence} vs ${doubtful[0]!.confidence}`);
  assert.ok(sure[0]!.cues.includes('classifier') && !doubtful[0]!.cues.includes('classifier'));
});

test('rankAuc: 1 when every right finding outranks every wrong one, 0.5 for ties, NaN without both', () => {
  assert.equal(rankAuc([{ score: 0.9, right: true }, { score: 0.8, right: true }, { score: 0.6, right: false }]), 1);
  assert.equal(rankAuc([{ score: 0.6, right: true }, { score: 0.9, right: false }]), 0);
  assert.equal(rankAuc([{ score: 0.7, right: true }, { score: 0.7, right: false }]), 0.5);
  assert.equal(rankAuc([{ score: 0.9, right: true }, { score: 0.6, right: false }, { score: 0.8, right: true }, { score: 0.85, right: false }]), 0.75);
  assert.ok(Number.isNaN(rankAuc([{ score: 0.9, right: true }])));
});

test('"this act" resolves to the title of the act', () => {
  const text = 'Sec. 3. A person who commits a second or subsequent offense under this act shall be imprisoned for not less than 90 days.';
  const kinds = (title: string) => {
    const doc = plainDoc(text);
    doc.title = title;
    return analyzeText(doc, text, { classifier: null }).findings.map((f) => f.kind);
  };
  assert.ok(kinds('Penalty for Prostitution Amendment Act').includes('prostitution_penalty_increase'));
  assert.ok(!kinds('Motor Vehicle Registration Amendment Act').includes('prostitution_penalty_increase'));
});
