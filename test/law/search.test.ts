import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseQuery, SearchIndex, snippets } from '../../src/law/search.ts';

const DOCS = [
  { id: 'a', title: 'Loitering for the purpose of prostitution', text: 'A person commits loitering for the purpose of prostitution if the person beckons to passers-by.' },
  { id: 'b', title: 'Vacatur', text: 'The court shall vacate the conviction of a victim of human trafficking and seal the records. Vacatur is available.' },
  { id: 'c', title: 'Massage establishments', text: 'A massage establishment shall post a human trafficking hotline notice.\nProstitution on the premises is a nuisance.' },
];

test('query parsing: words, phrases, explicit and typing prefixes', () => {
  const q = parseQuery('"human trafficking" vacat');
  assert.deepEqual(q.phrases, [['human', 'trafficking']]);
  assert.deepEqual(q.terms.find((t) => t.term === 'vacat'), { term: 'vacat', prefix: true });
  assert.equal(parseQuery('seal* the').terms[0]!.prefix, true);
  assert.equal(parseQuery('the ').terms[0]!.prefix, false);
  assert.deepEqual(parseQuery('  ').terms, []);
});

test('search ANDs words, ranks, matches prefixes and phrases, marks hits', () => {
  const ix = new SearchIndex(DOCS);
  assert.deepEqual(ix.search('prostitution').map((h) => h.id).sort(), ['a', 'c']);
  assert.deepEqual(ix.search('prostitution nuisance').map((h) => h.id), ['c']);
  assert.deepEqual(ix.search('vacat').map((h) => h.id), ['b']); // prefix while typing: vacate, vacatur
  assert.deepEqual(ix.search('"human trafficking" hotline').map((h) => h.id), ['c']);
  assert.deepEqual(ix.search('"trafficking human"'), []);
  assert.deepEqual(ix.search('zzz'), []);
  // title words weigh more: "loitering" is in a's title and text
  assert.equal(ix.search('purpose')[0]!.id, 'a');
  const r = ix.query('vacat*', { limit: 5 });
  assert.equal(r.total, 1);
  const s = r.hits[0]!.snippets[0]!;
  const marked = s.highlights.map(([a, b]) => s.text.slice(a, b).toLowerCase());
  assert.deepEqual(marked, ['vacate', 'vacatur']);
  // offsets point into the full text
  const full = DOCS[1]!.text;
  assert.equal(full.slice(s.offset + s.highlights[0]![0], s.offset + s.highlights[0]![1]), 'vacate');
  assert.ok(r.hits[0]!.title && r.hits[0]!.title.highlights.length === 1);
});

test('search honours an allow-list and paginates', () => {
  const ix = new SearchIndex(DOCS);
  assert.deepEqual(ix.query('prostitution', { allow: new Set(['c']) }).hits.map((h) => h.id), ['c']);
  const p1 = ix.query('prostitution', { limit: 1, offset: 0 });
  const p2 = ix.query('prostitution', { limit: 1, offset: 1 });
  assert.equal(p1.total, 2);
  assert.notEqual(p1.hits[0]!.id, p2.hits[0]!.id);
});

test('hostile queries are harmless: regex metacharacters, long input, unicode', () => {
  const ix = new SearchIndex(DOCS);
  for (const q of ['(.*)+', '[', '\\', '"', '""', '*', 'a'.repeat(500), 'prostitution)|(', 'ñandú ÿ', '"unclosed phrase']) {
    assert.doesNotThrow(() => ix.query(q, { limit: 3 }), q);
  }
});

test('snippets start and end at word boundaries, whatever the words and where the hit falls', () => {
  const word = fc.stringMatching(/^[a-z]{1,14}$/);
  fc.assert(
    fc.property(fc.array(word, { minLength: 5, maxLength: 200 }), fc.nat(), (words, at) => {
      const target = words[at % words.length]!;
      const text = words.join(' ');
      const re = new RegExp(`(?<![a-z])${target}(?![a-z])`, 'g');
      for (const sn of snippets(text, re, 3, 60)) {
        const from = sn.offset;
        const to = from + sn.text.length;
        assert.ok(from === 0 || text[from - 1] === ' ', `starts mid-word at ${from}: “${sn.text}”`);
        assert.ok(to === text.length || text[to] === ' ', `ends mid-word at ${to}: “${sn.text}”`);
        assert.ok(sn.highlights.length > 0);
      }
    }),
    { numRuns: 300 },
  );
});
