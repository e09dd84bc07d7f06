// Rule files: every one validates, and every quoted word is in the statute text of the law corpus
// (whitespace-normalised), so no rule can answer with words the law does not contain.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, sharedData, SKIP_NO_DATA } from '../helpers.ts';
import { RULE_FILES } from '../../src/methods/relief/rules/index.ts';
import { FIELD_NAMES, RuleFileError, quoteText, validateRuleFile, type Quote, type RuleFile } from '../../src/methods/relief/model.ts';
import { JURISDICTIONS } from '../../src/methods/relief/jurisdictions.ts';
import { US_STATES } from '../../src/model/places.ts';

const RULES_DIR = join(REPO, 'src', 'methods', 'relief', 'rules');
const normalise = (s: string) => s.replace(/\s+/g, ' ').trim();

test('every rule file on disk is registered and validates', () => {
  const onDisk = readdirSync(RULES_DIR).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, 2)).sort();
  assert.deepEqual([...RULE_FILES.keys()].sort(), onDisk);
  assert.ok(onDisk.length >= 8, `${onDisk.length} states with rules`);
  for (const f of RULE_FILES.values()) for (const r of f.rules) for (const k of FIELD_NAMES) assert.ok(r.fields[k].summary, `${f.state} ${r.id} ${k}`);
});

test('the navigator lists the same 50 states and DC as the place vocabulary', () => {
  const places = US_STATES.filter(([c]) => c !== 'PR').map(([c, , n]) => [c, n]);
  assert.deepEqual(JURISDICTIONS, places);
});

function everyQuote(file: RuleFile): { where: string; file: string; text: string }[] {
  const out: { where: string; file: string; text: string }[] = [];
  for (const rule of file.rules) {
    const add = (where: string, qs: Quote[]) => qs.forEach((q) => out.push({ where: `${rule.id} ${where}`, ...quoteText(q, rule) }));
    for (const k of FIELD_NAMES) add(`fields.${k}`, rule.fields[k].quotes);
    for (const c of rule.appliesWhen) add(`appliesWhen.${c.question}`, c.quotes ?? []);
    for (const c of rule.criteria) add(`criteria.${c.id}`, c.quotes);
    for (const b of rule.bring) add('bring', b.quotes);
    if (rule.version.historyQuote) add('version.historyQuote', [rule.version.historyQuote]);
  }
  for (const r of file.referrals) out.push({ where: `referral ${r.name}`, file: r.source.file, text: r.quote });
  return out;
}

test('every quote is verbatim in the statute text of the law corpus', (t) => {
  const data = sharedData();
  if (!data || !existsSync(join(data, 'law', 'texts'))) return t.skip(SKIP_NO_DATA);
  const texts = new Map<string, string>();
  let checked = 0;
  const missing: string[] = [];
  for (const file of RULE_FILES.values()) {
    for (const q of everyQuote(file)) {
      const path = join(data, 'law', q.file);
      assert.ok(existsSync(path), `${file.state} ${q.where}: ${q.file} is not in the corpus`);
      if (!texts.has(path)) texts.set(path, normalise(readFileSync(path, 'utf8')));
      if (!texts.get(path)!.includes(normalise(q.text))) missing.push(`${file.state} ${q.where}: "${q.text.slice(0, 80)}…"`);
      checked++;
    }
  }
  assert.deepEqual(missing, []);
  assert.ok(checked > 150, `${checked} quotes checked`);
});

test('every rule file names its source in the corpus manifest', (t) => {
  const data = sharedData();
  if (!data || !existsSync(join(data, 'law', 'manifest.json'))) return t.skip(SKIP_NO_DATA);
  const manifest = JSON.parse(readFileSync(join(data, 'law', 'manifest.json'), 'utf8')) as { file: string; jurisdiction: string }[];
  const byFile = new Map(manifest.map((m) => [m.file, m]));
  for (const f of RULE_FILES.values())
    for (const r of f.rules) assert.equal(byFile.get(r.source.file)?.jurisdiction, f.state, `${f.state} ${r.id}: ${r.source.file}`);
});

// The validator's contract, on hand-made broken copies of a real file.
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the cases below reach into arbitrary JSON paths
type Json = any;
const raw = () => JSON.parse(readFileSync(join(RULES_DIR, 'WA.json'), 'utf8')) as Json;

test('the validator refuses malformed rule files, naming the file and field', () => {
  const cases: [string, (f: Json) => void, RegExp][] = [
    ['unknown field', (f) => (f.extra = 1), /WA\.json: \$\.extra: unknown field/],
    ['state mismatch', (f) => (f.state = 'OR'), /\$\.state: "OR" does not match the file name/],
    ['no rules', (f) => (f.rules = []), /\$\.rules: a rule file needs at least one rule/],
    ['criterion without quotes', (f) => (f.rules[0].criteria[0].quotes = []), /criteria\[0\]\.quotes: every criterion must quote/],
    ['answer not offered', (f) => (f.rules[0].criteria[0].pass = ['maybe']), /"maybe" is not a choice of question "victim"/],
    ['unknown question', (f) => (f.rules[0].criteria[0].question = 'nope'), /unknown question "nope"/],
    ['pass and fail overlap', (f) => (f.rules[0].criteria[0].fail = ['yes']), /cannot both pass and fail/],
    ['bad date', (f) => (f.rules[0].version.knownInForceOn = 'Feb 2026'), /knownInForceOn: "Feb 2026" does not match/],
    ['bad relief type', (f) => (f.rules[0].reliefType = 'pardon'), /reliefType: must be one of/],
    ['missing field', (f) => delete f.rules[0].fields.fees, /fields\.fees: must be an object/],
    ['one reading', (f) => (f.rules[0].criteria[0].ambiguous = { question: 'victim', readings: ['x'], settles: 'y' }), /at least two readings/],
    ['referral line not in its quote', (f) => (f.referrals[0].contact = '1-800-000-0000'), /does not contain the contact/],
    ['file outside the corpus', (f) => (f.rules[0].source.file = '../../etc/passwd'), /source\.file/],
  ];
  for (const [name, mutate, expected] of cases) {
    const f = raw();
    mutate(f);
    assert.throws(() => validateRuleFile(f, 'src/methods/relief/rules/WA.json'), (e: unknown) => e instanceof RuleFileError && expected.test(e.message), name);
  }
  assert.doesNotThrow(() => validateRuleFile(raw(), 'src/methods/relief/rules/WA.json'));
});
