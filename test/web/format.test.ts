// The explorer's label helpers: ordinals and word-boundary truncation (the issue saw "102th" and
// titles cut mid-word).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { distinctiveLabels, ordinal, truncateWords } from '../../web/src/format.ts';

test('ordinal: English suffixes, with 11th–13th in every hundred', () => {
  const cases: [number, string][] = [[1, '1st'], [2, '2nd'], [3, '3rd'], [4, '4th'], [11, '11th'], [12, '12th'], [13, '13th'], [21, '21st'], [102, '102nd'], [111, '111th'], [113, '113th'], [118, '118th'], [0, '0th']];
  for (const [n, want] of cases) assert.equal(ordinal(n), want);
});

test('truncateWords: short text unchanged; long text cut at a space, marked, within the limit', () => {
  assert.equal(truncateWords('Sex trafficking', 30), 'Sex trafficking');
  assert.equal(truncateWords('Arrests for prostitution and commercialized vice', 30), 'Arrests for prostitution and…');
  assert.equal(truncateWords('Supercalifragilisticexpialidocious', 10), 'Supercali…', 'one word longer than the limit is cut inside it');
  fc.assert(
    fc.property(fc.array(fc.stringMatching(/^[a-z]{1,12}$/), { minLength: 1, maxLength: 20 }), fc.integer({ min: 14, max: 80 }), (words, max) => {
      const text = words.join(' ');
      const out = truncateWords(text, max);
      assert.ok(out.length <= max, `"${out}" longer than ${max}`);
      if (text.length <= max) return assert.equal(out, text);
      assert.ok(out.endsWith('…'));
      const kept = out.slice(0, -1);
      // Every kept word is a whole word of the text, in order.
      assert.ok(text.startsWith(kept) && (text[kept.length] === ' ' || words[0]!.length >= max - 1), `"${kept}" ends mid-word in "${text}"`);
    }),
  );
});

test('distinctiveLabels: the words that tell series apart, cut at a word boundary', () => {
  const names = [
    'Prostitution (all forms): Arrests for prostitution and commercialized vice, all ages, by state (FBI CIUS Table 69)',
    'Prostitution (all forms): Arrests of people under 18 for prostitution and commercialized vice, by state (FBI CIUS Table 69)',
  ];
  assert.deepEqual(distinctiveLabels(names, 18), ['all ages', 'of people under 18']);
  assert.deepEqual(distinctiveLabels(['Sex trafficking', 'Labor trafficking'], 18), ['Sex trafficking', 'Labor trafficking'], 'names that fit stay whole');
  assert.deepEqual(distinctiveLabels(['Sex trafficking offenses known to police', 'Labor trafficking offenses known to police'], 18), ['Sex', 'Labor']);
  assert.deepEqual(distinctiveLabels(['Vermont', 'United States'], 18), ['Vermont', 'United States']);
  assert.deepEqual(distinctiveLabels(['Same name', 'Same name'], 18), ['Same name', 'Same name'], 'nothing distinctive: the names themselves');
  fc.assert(
    fc.property(fc.uniqueArray(fc.stringMatching(/^[a-z]{1,8}( [a-z]{1,8}){0,6}$/), { minLength: 2, maxLength: 5 }), fc.integer({ min: 8, max: 30 }), (ns, max) => {
      const out = distinctiveLabels(ns, max);
      assert.equal(out.length, ns.length);
      for (const o of out) assert.ok(o.length > 0 && o.length <= max, `${o} within ${max}`);
    }),
  );
});
