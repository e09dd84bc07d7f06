// The record-relief check on hand-written fixtures: for every state with rules, one case per outcome,
// with the requirement (and statute text) that decides it; dates before and after a law took effect;
// ambiguous text answered with its readings; states not collected never told "no relief".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RULE_FILES } from '../../src/methods/relief/rules/index.ts';
import { AnswerError, evaluateState, relevantQuestions, type Answers, type Outcome } from '../../src/methods/relief/evaluate.ts';

interface Fixture {
  state: string;
  answers: Answers;
  outcome: Outcome;
  /** not-eligible: the criterion that decides it; may-be-eligible: a question still needed or an ambiguity. */
  decidedBy?: string;
  asOf?: string;
}

const AS_OF = '2026-03-01';

// Hand-written fixtures (ours, not copied from any data): each states what the statute text implies.
const FIXTURES: Fixture[] = [
  // WA: misdemeanor prostitution conviction, all conditions met; the felony rule does not cover it.
  { state: 'WA', outcome: 'eligible', answers: { offense_level: 'misdemeanor', victim: 'yes', result_of: 'yes', offense_kind: 'prostitution', pending: 'no', new_conviction: 'none_10', restitution_paid: 'yes' } },
  { state: 'WA', outcome: 'may-be-eligible', decidedBy: 'cvpa_paid', answers: { offense_level: 'gross_misdemeanor', victim: 'yes', result_of: 'yes', offense_kind: 'other', pending: 'no', restitution_paid: 'yes' } },
  { state: 'WA', outcome: 'not-eligible', decidedBy: 'excluded_patronizing', answers: { offense_level: 'misdemeanor', victim: 'yes', result_of: 'yes', offense_kind: 'patronizing', pending: 'no', new_conviction: 'none_10', cvpa_paid: 'yes', restitution_paid: 'yes' } },
  { state: 'WA', outcome: 'not-eligible', decidedBy: 'new_conviction_b', answers: { offense_level: 'class_b_felony', victim: 'yes', result_of: 'yes', offense_kind: 'other', pending: 'no', new_conviction: '5_to_10', cvpa_paid: 'yes', restitution_paid: 'yes' } },
  { state: 'WA', outcome: 'eligible', answers: { offense_level: 'class_c_felony', victim: 'yes', result_of: 'yes', offense_kind: 'violent_excepted', enhancement: 'no', pending: 'no', new_conviction: '5_to_10', cvpa_paid: 'yes', restitution_paid: 'yes' } },
  { state: 'WA', outcome: 'not-eligible', decidedBy: 'covers-offense_level', answers: { offense_level: 'class_a_felony' } },
  // CT
  { state: 'CT', outcome: 'eligible', answers: { offense_level: 'misdemeanor', offense_kind: 'prostitution', victim: 'yes', result_of: 'yes' } },
  { state: 'CT', outcome: 'may-be-eligible', decidedBy: 'result_of', answers: { offense_level: 'felony_cde', offense_kind: 'other', victim: 'yes' } },
  { state: 'CT', outcome: 'not-eligible', decidedBy: 'covers-offense_level', answers: { offense_level: 'felony_ab', victim: 'yes', result_of: 'yes' } },
  // FL
  { state: 'FL', outcome: 'eligible', answers: { victim: 'yes', part_of_scheme: 'yes', listed_offense: 'no', official_docs: 'no' } },
  { state: 'FL', outcome: 'may-be-eligible', decidedBy: 'listed_offense', answers: { victim: 'yes', part_of_scheme: 'yes', official_docs: 'yes' } },
  { state: 'FL', outcome: 'not-eligible', decidedBy: 'listed_offense', answers: { victim: 'yes', part_of_scheme: 'yes', listed_offense: 'yes', official_docs: 'yes' } },
  // ID: an unprosecuted arrest must wait two years; coercion-defense ambiguity for convictions.
  { state: 'ID', outcome: 'eligible', answers: { victim: 'yes', result_of: 'yes', record_type: 'arrest_only', arrest_age: '2_plus', pending_same: 'no' } },
  { state: 'ID', outcome: 'may-be-eligible', decidedBy: 'coercion_unavailable', answers: { victim: 'yes', result_of: 'yes', record_type: 'conviction', coercion_raised: 'no', pending_same: 'no' } },
  { state: 'ID', outcome: 'not-eligible', decidedBy: 'arrest_wait', answers: { victim: 'yes', result_of: 'yes', record_type: 'arrest_only', arrest_age: 'under_2', pending_same: 'no' } },
  // TN
  { state: 'TN', outcome: 'eligible', answers: { result_of: 'yes', after_trafficking_began: 'yes', sentence_done_1y: 'yes', recent_or_pending: 'no', used_before: 'no', force_or_weapon: 'no', offense_eligibility: 'aggravated_prostitution' } },
  { state: 'TN', outcome: 'may-be-eligible', decidedBy: 'offense_eligibility', answers: { result_of: 'yes', after_trafficking_began: 'yes', sentence_done_1y: 'yes', recent_or_pending: 'no', used_before: 'no', force_or_weapon: 'no' } },
  { state: 'TN', outcome: 'not-eligible', decidedBy: 'used_before', answers: { result_of: 'yes', after_trafficking_began: 'yes', sentence_done_1y: 'yes', recent_or_pending: 'no', used_before: 'yes', force_or_weapon: 'no', offense_eligibility: 'aggravated_prostitution' } },
  // VA
  { state: 'VA', outcome: 'eligible', answers: { qualifying: 'yes', victim: 'yes', proximate_cause: 'yes', dismissed_before: 'no' } },
  { state: 'VA', outcome: 'may-be-eligible', decidedBy: 'qualifying', answers: { victim: 'yes', proximate_cause: 'yes', dismissed_before: 'no' } },
  { state: 'VA', outcome: 'not-eligible', decidedBy: 'proximate_cause', answers: { qualifying: 'yes', victim: 'yes', proximate_cause: 'no', dismissed_before: 'no' } },
  // MS: a conviction outside the Human Trafficking Act is ambiguous, not refused.
  { state: 'MS', outcome: 'eligible', answers: { under_act: 'yes', result_of: 'yes', official_docs: 'yes' } },
  { state: 'MS', outcome: 'may-be-eligible', decidedBy: 'under_act', answers: { under_act: 'no', result_of: 'yes', official_docs: 'no' } },
  { state: 'MS', outcome: 'not-eligible', decidedBy: 'result_of', answers: { under_act: 'yes', result_of: 'no', official_docs: 'no' } },
  // CA (2019 text): an eligible answer today is flagged as resting on the 2019 text.
  { state: 'CA', outcome: 'eligible', answers: { record_type: 'arrest', nonviolent: 'yes', victim: 'yes', direct_result: 'yes' } },
  { state: 'CA', outcome: 'may-be-eligible', decidedBy: 'direct_result', answers: { record_type: 'conviction', nonviolent: 'yes', victim: 'yes' } },
  { state: 'CA', outcome: 'not-eligible', decidedBy: 'nonviolent', answers: { record_type: 'conviction', nonviolent: 'no', victim: 'yes', direct_result: 'yes' } },
  // MD (2018 text, cut off): duress unanswered lists both readings.
  { state: 'MD', outcome: 'eligible', answers: { prostitution: 'yes', duress: 'yes' } },
  { state: 'MD', outcome: 'may-be-eligible', decidedBy: 'duress', answers: { prostitution: 'yes' } },
  { state: 'MD', outcome: 'not-eligible', decidedBy: 'prostitution', answers: { prostitution: 'no', duress: 'yes' } },
  // IA: not conditioned on trafficking; adults are not covered.
  { state: 'IA', outcome: 'eligible', answers: { selling_conviction: 'yes', under_18: 'yes', two_years: 'yes', other_convictions: 'no' } },
  { state: 'IA', outcome: 'may-be-eligible', decidedBy: 'other_convictions', answers: { selling_conviction: 'yes', under_18: 'yes', two_years: 'yes' } },
  { state: 'IA', outcome: 'not-eligible', decidedBy: 'under_18', answers: { selling_conviction: 'yes', under_18: 'no', two_years: 'yes', other_convictions: 'no' } },
];

test('every state with rules has a fixture for each outcome', () => {
  for (const st of RULE_FILES.keys())
    for (const o of ['eligible', 'may-be-eligible', 'not-eligible'] as const)
      assert.ok(FIXTURES.some((f) => f.state === st && f.outcome === o), `${st} has no "${o}" fixture`);
});

for (const f of FIXTURES) {
  test(`${f.state}: ${f.outcome}${f.decidedBy ? ` (${f.decidedBy})` : ''}`, () => {
    const r = evaluateState(RULE_FILES, f.state, f.answers, f.asOf ?? AS_OF);
    assert.equal(r.outcome, f.outcome, JSON.stringify(r.rules.map((x) => [x.citation, x.outcome, x.failed.map((y) => y.criterion), x.needs.map((y) => y.question)])));
    assert.ok(r.disclaimer.includes('not legal advice'));
    assert.ok(r.referrals.length > 0, 'a referral line is always given');
    const best = r.rules[0]!;
    if (f.outcome === 'not-eligible') {
      const decisive = r.rules.flatMap((x) => x.failed).find((x) => x.criterion === f.decidedBy);
      assert.ok(decisive, `decided by ${f.decidedBy}`);
      assert.ok(decisive.quotes.length > 0 && decisive.quotes.every((q) => q.text.length > 10), 'with the statute text that decides it');
    }
    if (f.outcome === 'may-be-eligible') {
      const open = [...best.needs.map((n) => n.question), ...best.readings.map((x) => x.criterion)];
      assert.ok(open.includes(f.decidedBy), `needs ${f.decidedBy}; got ${open.join()}`);
      for (const x of best.readings) {
        assert.ok(x.readings.length >= 2 && x.settles.length > 0, 'each reading with what settles it');
      }
    }
    if (f.outcome === 'eligible') {
      assert.deepEqual(best.needs, []);
      assert.ok(best.met.length > 0 && best.met.every((m) => m.quotes.length > 0));
      assert.ok(best.bring.length > 0, 'what to bring');
    }
  });
}

test('as of a date: before a section took effect, under an earlier uncollected text, and after the collected text', () => {
  const answers = FIXTURES.find((f) => f.state === 'TN' && f.outcome === 'eligible')!.answers;
  const before = evaluateState(RULE_FILES, 'TN', answers, '2019-06-30');
  assert.equal(before.outcome, 'not-eligible');
  assert.match(before.rules[0]!.failed[0]!.label, /took effect 2019-07-01/);
  const earlier = evaluateState(RULE_FILES, 'TN', answers, '2023-01-01');
  assert.equal(earlier.outcome, 'may-be-eligible', 'the 2019–2024 text is not collected, so it cannot be "eligible"');
  assert.equal(earlier.rules[0]!.needs[0]!.kind, 'law');
  assert.equal(evaluateState(RULE_FILES, 'TN', answers, '2024-07-01').outcome, 'eligible');
  const later = evaluateState(RULE_FILES, 'CA', FIXTURES.find((f) => f.state === 'CA' && f.outcome === 'eligible')!.answers, '2026-03-01');
  assert.match(later.rules[0]!.dateNotes.join(), /known to be in force on 2019/);
  // A text without a known start date is not applied with confidence to an earlier date.
  const waAnswers = FIXTURES.find((f) => f.state === 'WA' && f.outcome === 'eligible')!.answers;
  assert.equal(evaluateState(RULE_FILES, 'WA', waAnswers, '2015-01-01').outcome, 'may-be-eligible');
});

test('a state not collected says so, never "no relief"', () => {
  for (const st of ['TX', 'ny', 'DC']) {
    const r = evaluateState(RULE_FILES, st, {});
    assert.equal(r.outcome, 'not-collected');
    assert.match(r.summary, /not collected/);
    assert.match(r.summary, /does not mean .* no relief/);
    assert.ok(r.referrals.some((x) => x.contact === '1-888-373-7888'));
  }
});

test('bad answers and dates are refused with the reason', () => {
  assert.throws(() => evaluateState(RULE_FILES, 'WA', { colour: 'blue' }), (e) => e instanceof AnswerError && /"colour" is not a question for WA/.test(e.message));
  assert.throws(() => evaluateState(RULE_FILES, 'WA', { victim: 'perhaps' }), (e) => e instanceof AnswerError && /choose one of: yes, no/.test(e.message));
  assert.throws(() => evaluateState(RULE_FILES, 'ZZ', {}), AnswerError);
  assert.throws(() => evaluateState(RULE_FILES, 'WA', {}, '2026-13-45'), AnswerError);
  assert.throws(() => evaluateState(RULE_FILES, 'WA', {}, 'yesterday'), AnswerError);
});

test('questions that cannot matter for the answers so far are left out', () => {
  const wa = RULE_FILES.get('WA')!;
  const all = relevantQuestions(wa, {});
  assert.ok(all.has('enhancement') && all.has('cvpa_paid') && all.has('new_conviction'));
  const gross = relevantQuestions(wa, { offense_level: 'gross_misdemeanor', offense_kind: 'prostitution' });
  assert.ok(!gross.has('enhancement'), 'weapon enhancements only matter for the felony rule');
  assert.ok(!gross.has('cvpa_paid'), 'the penalty assessment is not required for prostitution misdemeanors');
  assert.ok(!gross.has('new_conviction'), 'the three-year wait is for misdemeanors only');
  assert.ok(gross.has('victim') && gross.has('offense_level'));
  assert.ok(relevantQuestions(wa, { offense_level: 'class_c_felony', offense_kind: 'violent_excepted' }).has('enhancement'));
});

test('for any answers, a failed requirement is never reported as eligible, and eligible needs nothing', async () => {
  const fc = await import('fast-check');
  for (const file of RULE_FILES.values()) {
    const answerArb = fc.record(Object.fromEntries(file.questions.map((q) => [q.id, fc.constantFrom(...q.options.map((o) => o.value))])), { requiredKeys: [] });
    fc.assert(
      fc.property(answerArb, (answers) => {
        const r = evaluateState(RULE_FILES, file.state, answers as Answers, AS_OF);
        for (const rule of r.rules) {
          if (rule.failed.length) assert.equal(rule.outcome, 'not-eligible');
          if (rule.outcome === 'eligible') assert.deepEqual([rule.needs, rule.readings], [[], []]);
        }
        assert.equal(r.outcome, r.rules[0]!.outcome, 'the state answer is the best of its rules');
      }),
      { numRuns: 200 },
    );
  }
});
