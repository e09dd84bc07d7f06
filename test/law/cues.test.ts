// Meta-tests on the rules as data: every cue is justified by gold texts from more than one jurisdiction (the evidence
// is kept in src/law/rules/evidence.json and re-derived here from the real gold), and no cue is keyed to one statute.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../../src/law/rules/index.ts';
import { cueEvidence, justified, loadCorpus } from '../../src/law/training.ts';
import { HAVE_LAW, LAW_DIR, REPO, SKIP_MSG } from './helpers.ts';

interface EvidenceFile {
  cues: { cue: string; justified: boolean; supports: string[]; against: string[] }[];
}
const evidence = JSON.parse(readFileSync(join(REPO, 'src/law/rules/evidence.json'), 'utf8')) as EvidenceFile;
const allCues = RULES.flatMap((r) => r.cues.map((c) => ({ kind: r.kind, cue: c, key: `${r.kind}/${c.id}` })));

test('every cue has evidence on file: at least two gold texts from at least two jurisdictions', () => {
  const byCue = new Map(evidence.cues.map((e) => [e.cue, e]));
  for (const { key } of allCues) {
    const e = byCue.get(key);
    assert.ok(e, `${key}: no evidence recorded (run npm run train:law)`);
    const supports = e.supports.map((s) => ({ jurisdiction: s.split(' ')[0]!, id: s.split(' ')[1]! }));
    assert.ok(justified({ supports }), `${key}: supported by ${e.supports.join(', ') || 'nothing'}`);
  }
  // and nothing on file for cues that no longer exist
  const keys = new Set(allCues.map((c) => c.key));
  for (const e of evidence.cues) assert.ok(keys.has(e.cue), `evidence for a deleted cue: ${e.cue}`);
});

test('the evidence on file is what the cues actually match in the real gold', async (t) => {
  if (!HAVE_LAW) return t.skip(SKIP_MSG);
  const corpus = await loadCorpus(join(LAW_DIR, 'gold'), LAW_DIR);
  const now = new Map(cueEvidence(corpus.items).map((e) => [e.cue, e]));
  for (const e of evidence.cues) {
    const cur = now.get(e.cue)!;
    assert.deepEqual(cur.supports.map((s) => `${s.jurisdiction} ${s.id}`).sort(), e.supports, `${e.cue}: supports changed (run npm run train:law)`);
    assert.ok(justified(cur), `${e.cue} is no longer justified`);
  }
});

// Quantifiers ({0,80}) and age words are fine; statute numbers, citation marks and long verbatim phrases are not.
function statuteSpecific(pattern: string): string | null {
  const p = pattern.replace(/\{\d+(?:,\d*)?\}/g, '');
  if (/\d+[.-]\d|\d{3,}/.test(p)) return 'a section number';
  if (/§|\bRCW\b|U\.?S\.?C|section \\?d|\bsection \d|chapter \d|article \d/i.test(p)) return 'a citation';
  // six or more literal words in a row is one statute's wording, not a cue
  const words = p.match(/(?:[a-z]+(?: |\\s\+)){5,}[a-z]+/gi);
  if (words) return `verbatim wording "${words[0]}"`;
  return null;
}

test('no cue, context or exclusion names one statute: no section numbers, citations or verbatim phrases', () => {
  assert.equal(statuteSpecific('section 230\\.00 of the penal law is repealed'), 'a section number');
  assert.equal(statuteSpecific('does not apply to the conduct of a person who'), 'verbatim wording "does not apply to the conduct of a person who"');
  assert.equal(statuteSpecific('loiter(?:ing|s)?[^.;]{0,120}prostitut'), null);
  for (const r of RULES) {
    const strings = [...(r.context ?? []), ...(r.exclude ?? []), ...(r.headingExclude ?? []), ...(r.narrowing ?? [])];
    for (const s of strings) assert.equal(statuteSpecific(s), null, `${r.kind} rule pattern ${s}`);
    for (const c of r.cues)
      for (const s of [c.pattern, ...(c.context ?? []), ...(c.exclude ?? [])]) assert.equal(statuteSpecific(s), null, `${r.kind}/${c.id}: ${s}`);
  }
});
