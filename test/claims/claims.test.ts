// Claims checker: the parser on hand-written sentences (ours, made up for the test), bad input, the
// registry across paraphrases, and checks against the real record (skipped when ../shared/data is absent).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Command } from 'commander';
import type { FastifyInstance } from 'fastify';
import { sharedData, SKIP_NO_DATA } from '../helpers.ts';
import { Store } from '../../src/store/store.ts';
import { ingest } from '../../src/sources/ingest.ts';
import { buildApp } from '../../src/api/server.ts';
import { ClaimInputError, parseClaim } from '../../src/methods/claims/parse.ts';
import { checkClaim, matchRegistry, placeNames } from '../../src/claims/check.ts';
import { CLAIM_SOURCES, evaluateClaims } from '../../src/claims/eval.ts';
import { registerClaimCommand } from '../../src/claims/cli.ts';

const PLACES = [
  { id: 'USA', name: 'United States of America' },
  { id: 'TX', name: 'Texas' },
  { id: 'WV', name: 'West Virginia' },
  { id: 'VA', name: 'Virginia' },
  { id: 'IND', name: 'India' },
];

test('the parse: quantity, unit, what is counted, place, period, comparison', () => {
  const a = parseClaim('About 1,300 human trafficking offenses were reported to police in Texas in 2019.', PLACES);
  assert.deepEqual([a.quantity, a.unit, a.counted, a.place, a.period, a.comparison, a.hedged], [1300, 'offenses', 'human_trafficking', 'TX', { from: 2019, to: 2019 }, 'level', true]);
  const b = parseClaim('Arrests for prostitution in the U.S. fell 40 percent between 2006 and 2016.', PLACES);
  assert.deepEqual([b.counted, b.unit, b.place, b.period, b.comparison, b.change], ['prostitution', 'arrests', 'USA', { from: 2006, to: 2016 }, 'fall', -40]);
  const c = parseClaim('Sex trafficking cases doubled from 2014 to 2018 nationwide.', PLACES);
  assert.deepEqual([c.counted, c.comparison, c.change, c.period], ['sex_trafficking', 'rise', 100, { from: 2014, to: 2018 }]);
  const d = parseClaim('West Virginia saw fifty million dollars of profits.', PLACES);
  assert.equal(d.place, 'WV', 'the longer name wins over Virginia');
  const e = parseClaim('Half a million people are enslaved in India.', PLACES);
  assert.deepEqual([e.quantity, e.counted, e.place], [500_000, 'modern_slavery', 'IND']);
  const f = parseClaim('Russia moved from Tier 2 Watch List to Tier 3 in 2013.', PLACES);
  assert.equal(f.tier, 'Tier 3');
});

test('bad input gets a clear answer: empty, 100 kB, another language', () => {
  assert.throws(() => parseClaim('   '), (e) => e instanceof ClaimInputError && /empty/.test(e.message));
  assert.throws(() => parseClaim('trafficking '.repeat(9000)), (e) => e instanceof ClaimInputError && /at most 2,000 characters/.test(e.message));
  assert.throws(() => parseClaim('Más de 170 arrestos en una operación contra la trata de personas'), (e) => e instanceof ClaimInputError && /English/.test(e.message));
  assert.throws(() => parseClaim('Plus de 50 millions de personnes vivaient dans l’esclavage moderne'), ClaimInputError);
  assert.doesNotThrow(() => parseClaim('No number here at all, just words about trafficking'));
});

test('the registry matches a figure across paraphrases', () => {
  for (const s of ['The average age of entry into prostitution is 13', 'On average girls are 12 when they are first sold into the sex trade', 'Kids enter the sex industry at thirteen, on average'])
    assert.equal(matchRegistry(s)?.id, 'age-of-entry-13', s);
  for (const s of ['300,000 children are at risk', 'up to 325,000 youth may be exploited']) assert.equal(matchRegistry(s)?.id, '300000-children-at-risk', s);
  assert.equal(matchRegistry('The Super Bowl is the biggest sex trafficking event of the year')?.id, 'super-bowl');
  assert.equal(matchRegistry('Arrests for prostitution fell in 2015'), null);
});

let store: Store | null = null;
let app: FastifyInstance | null = null;
before(async () => {
  const data = sharedData();
  if (!data) return;
  store = await Store.open(':memory:');
  for (const s of CLAIM_SOURCES) await ingest(store, data, [s]);
  app = await buildApp({ store, dataDir: data, rateLimit: false, webDist: '/nowhere' });
});
after(async () => {
  await app?.close();
  store?.close();
});

test('checks against the record: consistent, differs, no such figure, conflates', async (t) => {
  if (!store) return t.skip(SKIP_NO_DATA);
  const places = await placeNames(store);
  const consistent = await checkClaim(store, 'The FBI estimated about 75,000 prostitution arrests nationally in 2003.', 'The FBI estimated about 75,000 prostitution arrests nationally in 2003.', places);
  assert.equal(consistent.verdict, 'consistent');
  assert.equal(consistent.record?.value, 75190);
  assert.match(consistent.record!.query, /cogency query fbi\.arrests\.prostitution_estimated --place USA/);
  assert.ok(consistent.record!.citations.length > 0);
  const differs = await checkClaim(store, 'FBI: prostitution arrests nationally fell 60 percent between 2004 and 2011', 'FBI: prostitution arrests nationally fell 60 percent between 2004 and 2011', places);
  assert.equal(differs.verdict, 'differs');
  assert.equal(differs.record?.value, -34.7, 'the record: 87,872 to 57,345');
  const none = await checkClaim(store, 'In 2030 there were 5 million trafficking victims identified in the United States.', 'In 2030 there were 5 million trafficking victims identified in the United States.', places);
  assert.equal(none.verdict, 'no-figure');
  assert.ok(none.recordHas.length > 0, 'says what the record has');
  const sting = 'Deputies arrested 40 people in a human trafficking sting targeting prostitution.';
  assert.equal((await checkClaim(store, sting, sting, places)).verdict, 'conflates');
  // All human trafficking (2,160 in 2020: sex and labor) presented as sex trafficking.
  const all = 'In 2020, 2,160 sex trafficking offenses were reported to police in the United States.';
  const r = await checkClaim(store, all, all, places);
  assert.equal(r.verdict, 'conflates', r.headline);
});

test('eval set: at least 60 sourced claims, accuracy at least 90%', async (t) => {
  if (!store) return t.skip(SKIP_NO_DATA);
  const report = await evaluateClaims(store);
  assert.ok(report.n >= 60, `${report.n} claims`);
  assert.ok(report.accuracy >= 0.9, `accuracy ${report.accuracy}`);
  for (const v of report.perVerdict) assert.ok(v.support > 0, `${v.verdict} has examples`);
});

test('POST /api/v1/claims/check: a verdict, an edited parse, and clear 400s for bad input', async (t) => {
  if (!app) return t.skip(SKIP_NO_DATA);
  const text = 'The FBI estimated 75,000 prostitution arrests nationally in 2003.';
  const ok = await app.inject({ method: 'POST', url: '/api/v1/claims/check', payload: { text } });
  assert.equal(ok.statusCode, 200);
  assert.equal(ok.headers['cache-control'], 'no-store');
  const parse = (ok.json() as { parse: Record<string, unknown> }).parse;
  // Edit the year in the parse: the check follows the edit.
  const edited = await app.inject({ method: 'POST', url: '/api/v1/claims/check', payload: { text, parse: { ...parse, period: { from: 2010, to: 2010 } } } });
  assert.equal((edited.json() as { record: { period: string } }).record.period, '2010');
  const bad: [{ text: string }, RegExp][] = [[{ text: '' }, /empty/], [{ text: 'x '.repeat(50_000) }, /at most 2,000/], [{ text: 'Más de 170 arrestos en una operación contra la trata' }, /English/]];
  for (const [payload, re] of bad) {
    const res: { statusCode: number; json(): unknown } = await app.inject({ method: 'POST', url: '/api/v1/claims/check', payload });
    assert.equal(res.statusCode, 400);
    assert.match((res.json() as { detail: string }).detail, re);
  }
  assert.equal((await app.inject({ method: 'POST', url: '/api/v1/claims/check', payload: { text: 'x'.repeat(300_000) } })).statusCode, 413);
  assert.equal((await app.inject('/api/v1/claims/registry')).statusCode, 200);
});

test('cogency claim prints the verdict and refuses bad input with exit 1', async (t) => {
  if (!store) return t.skip(SKIP_NO_DATA);
  const out: string[] = [];
  const err: string[] = [];
  let code = -1;
  const program = new Command().exitOverride();
  registerClaimCommand(program, (fn) => fn(store!), { out: (s) => out.push(s), err: (s) => err.push(s), exit: (c) => (code = c) });
  await program.parseAsync(['node', 'cogency', 'claim', 'The FBI estimated 75,000 prostitution arrests nationally in 2003.']);
  assert.equal(code, 0);
  assert.match(out.join('\n'), /^Consistent with the record/);
  await program.parseAsync(['node', 'cogency', 'claim', 'Más de 170 arrestos en una operación contra la trata']);
  assert.equal(code, 1);
  assert.match(err.join('\n'), /English/);
});

test('any text either parses or is refused with a reason, never a crash', async () => {
  const fc = await import('fast-check');
  fc.assert(
    fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 300 }), fc.constantFrom('$', '1,000,000,000%', 'Tier 3 Tier 1 from tier', '1999 - 2100', 'half a million billion')), (s) => {
      try {
        const p = parseClaim(s, PLACES);
        assert.ok(p.quantity === null || Number.isFinite(p.quantity));
      } catch (e) {
        assert.ok(e instanceof ClaimInputError, String(e));
      }
    }),
    { numRuns: 300 },
  );
});
