// `cogency mse`, `cogency funnel`, `cogency funding`, `cogency services`: outputs and exit codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { FIXTURE_DATA, REPO, tempDir } from '../helpers.ts';

function cogency(args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, [join(REPO, 'bin', 'cogency.js'), ...args], { cwd: REPO, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('cogency mse --file: an estimate from your own table; a malformed table exits 1 naming the row', () => {
  const dir = tempDir('cogency-mse-cli-');
  const env = { COGENCY_DB: join(dir, 'store.duckdb') };
  const good = join(dir, 'lists.csv');
  writeFileSync(good, 'A,B,count\n1,0,30\n0,1,20\n1,1,10\n');
  const r = cogency(['mse', '--file', good, '--replicates', '50', '--format', 'json'], env);
  assert.equal(r.code, 0, r.err);
  const e = JSON.parse(r.out);
  assert.equal(e.observed, 60);
  assert.ok(Math.abs(e.estimate - 120) < 1e-6, 'two lists: Lincoln–Petersen 40·30/10');
  const bad = join(dir, 'bad.csv');
  writeFileSync(bad, 'A,B,count\n1,0,30\n0,1,2.5\n');
  const b = cogency(['mse', '--file', bad], env);
  assert.equal(b.code, 1);
  assert.match(b.err, /bad\.csv:3 \[count\]: 2\.5 is not a whole number/);
  assert.equal(cogency(['mse', '--file', good, '--replicates', 'many'], env).code, 2);
  const none = cogency(['mse'], env);
  assert.equal(none.code, 0);
  assert.match(none.out, /No list-overlap tables are loaded/);
});

test('cogency funnel / funding / services on the fixture data: the refusals and the missing denominators are stated', () => {
  const dir = tempDir('cogency-an-cli-');
  const env = { COGENCY_DB: join(dir, 'store.duckdb') };
  assert.equal(cogency(['ingest', 'grants', 'fbi-ht', '--data', FIXTURE_DATA], env).code, 0);
  const f = cogency(['funnel', '--place', 'USA'], env);
  assert.equal(f.code, 0, f.err);
  assert.match(f.out, /Sex trafficking/);
  assert.match(f.out, /refused — Not computed/);
  assert.equal(cogency(['funnel', '--place', 'GBR'], env).code, 2);
  const g = cogency(['funding', '--place', 'NPL'], env);
  assert.equal(g.code, 0, g.err);
  assert.match(g.out, /NPL Nepal/);
  assert.match(g.out, /est\. victims not loaded/);
  const s = cogency(['services'], env);
  assert.equal(s.code, 0, s.err);
  assert.match(s.out, /Contact fields are republished only where/);
});
