import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalize, toOriginal } from '../../src/law/normalize.ts';

function check(orig: string, needle: string): void {
  const n = normalize(orig);
  const i = n.text.indexOf(needle);
  assert.ok(i >= 0, `normalized text contains ${JSON.stringify(needle)}: ${JSON.stringify(n.text)}`);
  const o = toOriginal(n, i, i + needle.length);
  const back = orig.slice(o.start, o.end);
  // the original slice carries the same letters (maybe with the removed hyphen/line break/spaces)
  assert.equal(back.replace(/[-\s]/g, '').replace(/^\d+/, ''), needle.replace(/[-\s]/g, ''));
}

test('de-hyphenates across line breaks and maps back', () => {
  const orig = 'the ACTOR patronizes a person for prosti-\n tution AND THE PERSON';
  check(orig, 'patronizes a person for prostitution');
  check('REPRODUC-\n  TIVE OR SEXUAL', 'REPRODUCTIVE OR SEXUAL');
  check('TWENTY-\nFOUR YEARS', 'TWENTY-\nFOUR');
});

test('strips PDF line numbers and NY page headers', () => {
  const lines = ['AN ACT'];
  for (let i = 2; i < 40; i++) lines.push(`${i} line ${i} of the act text about services.`);
  const orig = lines.join('\n');
  const n = normalize(orig);
  assert.ok(!/\n\d+ line/.test(n.text));
  assert.match(n.text, /^AN ACT\nline 2 of/);
  const ny = normalize('text one\n A. 7175  2\n  LBD00381-01-3\n text two');
  assert.equal(ny.text, 'text one\ntext two');
});

test('repairs run-together words only when they split into words the document uses', () => {
  const orig = 'Involuntaryservitudeorforcedlabor is defined. involuntary servitude or forced labor. condition induced.';
  const n = normalize(orig);
  assert.match(n.text, /^Involuntary servitude or forced labor is defined/);
  const i = n.text.indexOf('forced labor');
  const o = toOriginal(n, i, i + 'forced labor'.length);
  assert.equal(orig.slice(o.start, o.end), 'forcedlabor');
  // ordinary text untouched
  assert.equal(normalize('A normal sentence.').text, 'A normal sentence.');
});

test('drops the run-together duplicate body of Justia-derived statutes and repeated notes', () => {
  const p1 = '(1) A person is guilty of an offense if such person does a long list of things described here.';
  const p2 = '(2) The offense is a misdemeanor under the laws of this state in all cases whatsoever.';
  const note = 'Effective date—2020 c 331: See note following RCW 7.68.380.';
  const orig = `RCW 1.2.3\n\n${p1}${p2}\n\n${p1}\n\n${p2}\n\n${note}\n\n${note}`;
  const n = normalize(orig);
  assert.equal(n.text.split(p1).length - 1, 1);
  assert.equal(n.text.split(note).length - 1, 1);
  const i = n.text.indexOf(p2);
  const o = toOriginal(n, i, i + p2.length);
  assert.equal(orig.slice(o.start, o.end), p2);
});
