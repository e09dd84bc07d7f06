import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { evaluate, score, type GoldDoc } from '../../src/law/eval.ts';
import { HAVE_LAW, LAW_DIR, SKIP_MSG } from './helpers.ts';

// Figures measured on the full shared gold set (276 texts) when this test was last updated:
// micro-F1 kind 0.865, kind+direction 0.836, evidence overlap 0.72. Assert them minus a small margin.
test('analyzer on the real gold set meets the measured micro-F1', async (t) => {
  if (!HAVE_LAW) return t.skip(SKIP_MSG);
  const r = await evaluate(join(LAW_DIR, 'gold'), LAW_DIR);
  assert.equal(r.errors.length, 0, JSON.stringify(r.errors));
  assert.equal(r.documents, 276);
  assert.ok(r.microKind.f1 >= 0.85, `kind micro-F1 ${r.microKind.f1.toFixed(3)}`);
  assert.ok(r.microKindDirection.f1 >= 0.82, `kind+direction micro-F1 ${r.microKindDirection.f1.toFixed(3)}`);
  assert.ok(r.evidence.share >= 0.69, `evidence overlap ${r.evidence.share.toFixed(3)}`);
});

// Per split (measured: shared-1 0.830 / 0.798, shared-2 0.877 / 0.853, shared-3 0.887 / 0.858).
test('every gold split holds up on its own (rules are not keyed to one split)', async (t) => {
  if (!HAVE_LAW) return t.skip(SKIP_MSG);
  for (const split of ['shared-1', 'shared-2', 'shared-3']) {
    const r = await evaluate(join(LAW_DIR, 'gold'), LAW_DIR, { splits: [split] });
    assert.ok(r.microKind.f1 >= 0.81, `${split} kind micro-F1 ${r.microKind.f1.toFixed(3)}`);
    assert.ok(r.microKindDirection.f1 >= 0.78, `${split} kind+direction ${r.microKindDirection.f1.toFixed(3)}`);
  }
});

test('score(): document-level counting, direction from kind × effect, evidence overlap', () => {
  const gold: GoldDoc[] = [
    { id: 'a', split: 'x', findings: [{ kind: 'loitering_for_prostitution', effect: 'repeals', quote: 'loitering' }] },
    { id: 'b', split: 'x', findings: [] },
  ];
  const span = { start: 4, end: 13, text: 'loitering' };
  const base = { confidence: 0.8, section: '', cues: ['c'] };
  const preds = new Map([
    ['a', { id: 'a', text: 'the loitering law', findings: [{ ...base, kind: 'loitering_for_prostitution' as const, effect: 'enacts' as const, impact: 'harmful' as const, spans: [span] }] }],
    ['b', { id: 'b', text: 'x', findings: [{ ...base, kind: 'restitution' as const, effect: 'enacts' as const, impact: 'protective' as const, spans: [] }] }],
  ]);
  const r = score(gold, preds);
  assert.equal(r.perKind.loitering_for_prostitution!.tp, 1);
  assert.equal(r.perKind.restitution!.fp, 1);
  assert.equal(r.microKind.tp, 1);
  assert.equal(r.microKind.fp, 1);
  // gold says repeal of a harmful kind = protective; prediction said harmful
  assert.equal(r.microKindDirection.tp, 0);
  assert.equal(r.microKindDirection.fn, 1);
  assert.equal(r.evidence.overlapped, 1);
});
