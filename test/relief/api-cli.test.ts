// The record-relief API route and CLI command on the real rule files.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Command } from 'commander';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/api/server.ts';
import { Store } from '../../src/store/store.ts';
import { registerReliefCommand, parseAnswers } from '../../src/relief/cli.ts';
import { AnswerError } from '../../src/methods/relief/evaluate.ts';

let app: FastifyInstance;
let store: Store;
before(async () => {
  store = await Store.open(':memory:');
  app = await buildApp({ store, dataDir: '/nowhere', rateLimit: false, webDist: '/nowhere' });
});
after(async () => {
  await app.close();
  store.close();
});

test('GET /api/v1/relief lists 51 jurisdictions, with rules or "not-collected"', async () => {
  const res = await app.inject('/api/v1/relief');
  assert.equal(res.statusCode, 200);
  const { states } = res.json() as { states: { state: string; status: string; rules: unknown[] }[] };
  assert.equal(states.length, 51);
  assert.equal(states.find((s) => s.state === 'WA')?.status, 'rules');
  assert.equal(states.find((s) => s.state === 'WA')?.rules.length, 2);
  assert.equal(states.find((s) => s.state === 'TX')?.status, 'not-collected');
});

test('GET /api/v1/relief/:state returns the rule file, or says not collected, or 404', async () => {
  const fl = (await app.inject('/api/v1/relief/fl')).json() as { state: string; rules: { fields: { fees: { value: string } } }[] };
  assert.equal(fl.state, 'FL');
  assert.equal(fl.rules[0]!.fields.fees.value, 'no-fee');
  const tx = (await app.inject('/api/v1/relief/TX')).json() as { status: string; note: string };
  assert.equal(tx.status, 'not-collected');
  assert.match(tx.note, /does not mean there is no relief/);
  assert.equal((await app.inject('/api/v1/relief/ZZ')).statusCode, 404);
  assert.equal((await app.inject('/api/v1/relief/W1')).statusCode, 400);
});

test('POST /api/v1/relief/evaluate answers, stores nothing, refuses bad input with a reason', async () => {
  const ok = await app.inject({
    method: 'POST',
    url: '/api/v1/relief/evaluate',
    payload: { state: 'VA', answers: { qualifying: 'yes', victim: 'yes', proximate_cause: 'no', dismissed_before: 'no' }, asOf: '2026-03-01' },
  });
  assert.equal(ok.statusCode, 200);
  assert.equal(ok.headers['cache-control'], 'no-store');
  const r = ok.json() as { outcome: string; rules: { failed: { criterion: string; quotes: { text: string }[] }[] }[] };
  assert.equal(r.outcome, 'not-eligible');
  assert.match(r.rules[0]!.failed[0]!.quotes[0]!.text, /proximate cause/);
  const bad = [
    { state: 'VA', answers: { qualifying: 'perhaps' } },
    { state: 'VA', answers: { nope: 'yes' } },
    { state: 'VA', asOf: '2026-02-31x' },
    { state: 'VA', answers: { victim: 1 } },
    { state: 'VA', extra: true },
    {},
  ];
  for (const payload of bad) {
    const res = await app.inject({ method: 'POST', url: '/api/v1/relief/evaluate', payload });
    assert.equal(res.statusCode, 400, JSON.stringify(payload));
    assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8');
  }
  const huge = await app.inject({ method: 'POST', url: '/api/v1/relief/evaluate', payload: { state: 'VA', answers: { victim: 'x'.repeat(20_000) } } });
  assert.equal(huge.statusCode, 413);
});

async function run(args: string[]): Promise<{ out: string; err: string; code: number }> {
  const out: string[] = [];
  const err: string[] = [];
  let code = -1;
  const program = new Command().exitOverride();
  program.configureOutput({ writeOut: (s) => out.push(s), writeErr: (s) => err.push(s) });
  registerReliefCommand(program, { out: (s) => out.push(s), err: (s) => err.push(s), exit: (c) => (code = c) });
  try {
    await program.parseAsync(['node', 'cogency', ...args]);
  } catch (e) {
    if (typeof (e as { exitCode?: number }).exitCode === 'number') code = 2;
    else throw e;
  }
  return { out: out.join('\n'), err: err.join('\n'), code };
}

test('cogency relief prints the outcome with the deciding text, questions and referral', async () => {
  const r = await run(['relief', 'ID', '--answers', 'victim=yes,result_of=yes,record_type=arrest_only,arrest_age=under_2', '--as-of', '2026-03-01']);
  assert.equal(r.code, 0);
  assert.match(r.out, /Idaho \(ID\), as of 2026-03-01: Not eligible under this law/);
  assert.match(r.out, /shall not be brought until two \(2\) years after the arrest/);
  assert.match(r.out, /1-888-373-7888/);
  assert.match(r.out, /not legal advice/);
  const json = await run(['relief', 'tx', '--format', 'json']);
  assert.equal((JSON.parse(json.out) as { outcome: string }).outcome, 'not-collected');
  const bad = await run(['relief', 'ID', '--answers', 'victim=maybe']);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /"maybe" is not an answer to "victim"/);
  assert.equal((await run(['relief', 'ID', '--format', 'xml'])).code, 2);
  assert.equal((await run(['relief'])).code, 2);
});

test('answers parse from pairs or JSON; anything else is refused', () => {
  assert.deepEqual(parseAnswers('victim=yes, result_of=no'), { victim: 'yes', result_of: 'no' });
  assert.deepEqual(parseAnswers('{"victim":"yes"}'), { victim: 'yes' });
  assert.deepEqual(parseAnswers('  '), {});
  for (const bad of ['victim', '{"victim":1}', '[1]', '{oops', 'a=b=c']) assert.throws(() => parseAnswers(bad), AnswerError, bad);
});
