import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Command } from 'commander';
import { registerLawCommands } from '../../src/law/cli.ts';
import { FIX, HAVE_LAW, LAW_DIR, SKIP_MSG } from './helpers.ts';

async function run(args: string[]): Promise<{ out: string[]; err: string[]; code: number }> {
  const out: string[] = [];
  const err: string[] = [];
  let code = -1;
  const program = new Command();
  program.exitOverride();
  program.configureOutput({ writeOut: (s) => out.push(s), writeErr: (s) => err.push(s) });
  registerLawCommands(program, { out: (s) => out.push(s), err: (s) => err.push(s), exit: (c) => (code = c) });
  try {
    await program.parseAsync(['node', 'cogency', ...args]);
  } catch (e) {
    const ce = e as { exitCode?: number; code?: string };
    if (typeof ce.exitCode === 'number') code = ce.code === 'commander.helpDisplayed' ? 0 : 2;
    else throw e;
  }
  return { out, err, code };
}

test('law analyze prints JSON per file', async () => {
  const r = await run(['law', 'analyze', join(FIX, 'ny-style-amendment.txt')]);
  assert.equal(r.code, 0);
  const j = JSON.parse(r.out[0]!) as { file: string; findings: { kind: string; effect: string; impact: string; spans: { start: number; end: number; text: string }[] }[] };
  assert.ok(j.file.endsWith('ny-style-amendment.txt'));
  const loit = j.findings.find((f) => f.kind === 'loitering_for_prostitution');
  assert.equal(loit?.effect, 'repeals');
  for (const f of j.findings) for (const s of f.spans) assert.equal(typeof s.start, 'number');
});

test('law analyze --format text, OpenStates bulk file prints one record per bill', async () => {
  const r = await run(['law', 'analyze', '--format', 'text', join(FIX, 'plain-statute.txt')]);
  assert.equal(r.code, 0);
  assert.match(r.out.join('\n'), /buyer_criminalization \(enacts, harmful/);
  const o = await run(['law', 'analyze', join(FIX, 'openstates-bills.json')]);
  assert.equal(o.code, 1, 'second bill has no text → bad input');
  assert.equal(o.out.length, 1);
  assert.match(o.out[0]!, /vacatur_record_relief/);
  assert.match(o.err.join('\n'), /no text/);
});

test('law analyze: missing file → 1, bad option → 2, no args → 2', async () => {
  const r = await run(['law', 'analyze', '/nonexistent/file.txt']);
  assert.equal(r.code, 1);
  assert.match(r.err.join('\n'), /nonexistent\/file\.txt.*not found/);
  assert.equal((await run(['law', 'analyze', '--format', 'yaml', join(FIX, 'plain-statute.txt')])).code, 2);
  assert.equal((await run(['law', 'analyze'])).code, 2);
  assert.equal((await run(['law', 'eval'])).code, 2);
});

test('law eval prints the table', async (t) => {
  if (!HAVE_LAW) return t.skip(SKIP_MSG);
  const r = await run(['law', 'eval', '--gold', join(LAW_DIR, 'gold'), '--texts', LAW_DIR, '--splits', 'shared-3']);
  assert.equal(r.code, 0);
  const s = r.out.join('\n');
  assert.match(s, /micro \(kind\)/);
  assert.match(s, /micro \(kind \+ direction\)/);
  assert.match(s, /awareness_campaign/);
  const bad = await run(['law', 'eval', '--gold', '/nonexistent']);
  assert.equal(bad.code, 1);
});
