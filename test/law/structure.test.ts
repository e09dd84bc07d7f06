import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeText } from '../../src/law/analyze.ts';
import { requiredLiterals } from '../../src/law/literals.ts';
import { readLawCorpus, readManifest } from '../../src/law/import.ts';
import { analysisText, emptyDocument, type LawFormat } from '../../src/law/model.ts';
import { RULES } from '../../src/law/rules/index.ts';
import { HAVE_LAW, LAW_DIR, SKIP_MSG } from './helpers.ts';

// Hand-written snippets, one structural rule each.
function kinds(text: string, format: LawFormat = 'plain-text', kind: 'bill' | 'statute' = 'statute', title = ''): string[] {
  const doc = emptyDocument('t', format, 't');
  doc.kind = kind;
  doc.title = title;
  return analyzeText(doc, text).findings.map((f) => `${f.kind}/${f.effect}`);
}

test('required literals: every match contains one; unsupported syntax gives null', () => {
  assert.deepEqual(requiredLiterals('patroniz(?:es|ing|e) (?:a )?prostitut'), ['prostitut']); // the longest required run
  assert.deepEqual(requiredLiterals('victims?'), ['victim']);
  assert.deepEqual(requiredLiterals('(?:vehicles?|conveyances?)[^.]{0,120}impound')?.sort(), ['impound']);
  assert.deepEqual(requiredLiterals('(?:money|coins)[^.]{0,9}x')?.sort(), ['coins', 'money']);
  assert.equal(requiredLiterals('(?<=a)bcd'), null);
  assert.equal(requiredLiterals('[a-z]+'), null);
  for (const r of RULES) for (const c of r.cues) assert.ok(requiredLiterals(c.pattern), `${r.kind}/${c.id} has literals`);
});

test('an offense cited by name elsewhere is a reference, not a provision', () => {
  assert.deepEqual(kinds('A person convicted of promoting prostitution in the second degree under section 230.20 shall register.'), []);
  assert.deepEqual(kinds('(k) Promoting prostitution in the first degree;'), []);
  assert.ok(kinds('A person is guilty of promoting prostitution when he or she knowingly advances prostitution.').includes('third_party_broadening/enacts'));
});

test('coercion-based offenses are not third-party broadening', () => {
  assert.deepEqual(kinds('Any person who, by force, fraud, intimidation, or threats, places any other person in a house of prostitution is guilty of a felony.'), []);
  assert.ok(kinds('Any person who places any other person in a house of prostitution is guilty of a felony.').includes('third_party_broadening/enacts'));
});

test('sex with or of a minor is child protection unless adults are named', () => {
  assert.deepEqual(kinds('A person commits an offense if the person pays a fee to another person for sexual conduct with a minor.'), []);
  assert.ok(kinds('A person commits an offense if the person pays a fee to another person for sexual conduct.').includes('buyer_criminalization/enacts'));
});

test('caps-notation amending bills: unchanged lower-case law is not the bill’s provision', () => {
  const bill = [
    'Section 1. Section 230.04 of the penal law is amended to read as follows:',
    'A person is guilty of patronizing a person for prostitution when he or she pays a fee to another person to engage in sexual conduct.',
    '§ 2. Section 12 of the social services law is amended to read as follows:',
    'THE OFFICE SHALL PROVIDE SHELTER AND CASE MANAGEMENT SERVICES TO VICTIMS OF HUMAN TRAFFICKING.',
  ].join('\n');
  const k = kinds(bill, 'ny-bill-md', 'bill');
  assert.ok(!k.some((x) => x.startsWith('buyer_criminalization')), k.join(','));
  assert.ok(k.includes('screening_and_services/enacts'), k.join(','));
});

test('preamble recitals and trafficking sections do not make findings', () => {
  assert.deepEqual(kinds('WHEREAS, labor trafficking accounts for many cases in the state; and'), []);
  assert.deepEqual(kinds('The sentence shall be a mandatory minimum term of imprisonment of ten years.', 'statute-text', 'statute', '22-49-2 First degree human trafficking--Penalty'), []);
});

test('the literal prefilter changes no finding on the real corpus', async (t) => {
  if (!HAVE_LAW) return t.skip(SKIP_MSG);
  let n = 0;
  for await (const doc of readLawCorpus(LAW_DIR)) {
    const text = analysisText(doc);
    const a = analyzeText(doc, text).findings;
    const b = analyzeText(doc, text, { prefilter: false }).findings;
    assert.deepEqual(a, b, doc.id);
    n++;
  }
  assert.equal(n, (await readManifest(LAW_DIR))!.length);
});

test('hostile 2 MB inputs analyze in bounded time (no super-linear step)', () => {
  for (const text of ['a'.repeat(2_000_000), 'prostitution '.repeat(150_000), `[${'x '.repeat(900_000)}]`]) {
    const doc = emptyDocument('t', 'ny-bill-md', 't');
    doc.kind = 'bill';
    const t0 = performance.now();
    analyzeText(doc, text);
    const ms = performance.now() - t0;
    assert.ok(ms < 20_000, `${text.slice(0, 12)}…: ${ms.toFixed(0)} ms`);
  }
});
