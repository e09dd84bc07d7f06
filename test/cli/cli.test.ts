import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { writeFileSync, readFileSync } from 'node:fs';
import { FIXTURE_DATA, REPO, SKIP_NO_DATA, TIP_TIERS, fixtureCopy, sharedData, tempDir } from '../helpers.ts';

function cogency(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [join(REPO, 'bin', 'cogency.js'), ...args], {
    cwd: REPO,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('ingest, sources and query on the fixture data; exit codes 0, 1 and 2', async () => {
  const db = join(tempDir(), 'cogency.duckdb');
  const env = { COGENCY_DB: db };
  const ing = cogency(['ingest', '--data', FIXTURE_DATA], env);
  assert.equal(ing.code, 0, ing.err);
  assert.match(ing.out, /tip\.tiers: 10 rows read, 8 values stored, 1 rows rejected/);
  assert.match(ing.out, /rejected 1 \(line 11\).*\[iso\].*ZZZ/);
  assert.match(cogency(['ingest', '--data', FIXTURE_DATA], env).out, /tip\.tiers: unchanged/);

  const src = cogency(['sources'], env);
  assert.equal(src.code, 0);
  assert.match(src.out, /sha256: +[0-9a-f]{64}/);

  const csv = cogency(['query', 'tip.tier', '--period', '2015', '--format', 'csv'], env);
  assert.equal(csv.code, 0);
  // Header and six rows; then, after an empty line, a header and the six rows' citations, each once.
  const [values, cited] = csv.out.trim().split('\n\n') as [string, string];
  assert.equal(values.split('\n').length, 1 + 6);
  assert.equal(cited.split('\n').length, 1 + 6);
  assert.match(cited, /^citation,publisher,document,locator,retrieved,sha256,url,license\nc[0-9a-z]{10},/);

  const json = JSON.parse(cogency(['query', 'tip.tier', '--place', 'PRK', '--format', 'json'], env).out);
  assert.equal(json.rows[0].valueText, 'Tier 3');

  // Usage errors exit 2.
  assert.equal(cogency(['query', 'no.such.measure'], env).code, 2);
  assert.equal(cogency(['query', 'tip.tier', '--period', 'last year'], env).code, 2);
  assert.equal(cogency(['query', 'tip.tier', '--format', 'xml'], env).code, 2);
  assert.equal(cogency(['frobnicate'], env).code, 2);
  assert.equal(cogency(['ingest', 'nonsense-source', '--data', FIXTURE_DATA], env).code, 2);

  // Bad input exits 1, names file, line and field, and keeps the loaded version.
  const dir = fixtureCopy();
  const p = join(dir, TIP_TIERS);
  writeFileSync(p, readFileSync(p, 'utf8').replace('"Tier 3"', '"Tier Three"'));
  const bad = cogency(['ingest', '--data', dir], env);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /heiss_kelley_tip_tiers_1999-2015\.csv:8 \[tier\]: unknown tier label "Tier Three"/);
  // One refusal stops nothing: the other sources were all looked at, and the refusal is listed last.
  assert.match(bad.out, /tip\.policy_index: unchanged/);
  assert.match(bad.out, /grants\.state_dept_lists: unchanged/);
  assert.match(bad.err, /1 source refused[^\n]*\n {2}tip\.tiers: bad input: .*"Tier Three"[^\n]*\n$/);
  const still = JSON.parse(cogency(['query', 'tip.tier', '--place', 'PRK', '--format', 'json'], env).out);
  assert.equal(still.rows[0].valueText, 'Tier 3');
});

test('the README example: GBR 2015 is Tier 1 with its citation', { skip: sharedData() ? false : SKIP_NO_DATA }, () => {
  const env = { COGENCY_DB: join(tempDir(), 'cogency.duckdb'), COGENCY_DATA: sharedData()! };
  assert.equal(cogency(['ingest', 'tip'], env).code, 0);
  const q = cogency(['query', 'tip.tier', '--place', 'GBR', '--period', '2015'], env);
  assert.equal(q.code, 0);
  assert.match(q.out, /GBR +United Kingdom +2015 +1 +Tier 1 +\[1\]/);
  assert.match(q.out, /\[1\] Heiss & Kelley.*heiss_kelley_tip_tiers_1999-2015\.csv, line \d+.*sha256 65909a7b/);
});

test('NIBRS from the command line: rates name their denominator; the mix keeps offenses apart', { skip: sharedData() ? false : SKIP_NO_DATA }, () => {
  const env = { COGENCY_DB: join(tempDir(), 'cogency.duckdb'), COGENCY_DATA: sharedData()! };
  // The partial Louisiana extracts in the shared data are refused; Vermont loads all the same.
  const ing = cogency(['ingest', 'nibrs'], env);
  assert.match(ing.out, /nibrs\.VT\.2024: [\d,]+ rows read/);
  if (ing.code !== 0) {
    assert.equal(ing.code, 1, ing.err);
    assert.match(ing.err, /sources? refused \(each keeps its previous version; every other source was loaded\)/);
  }
  const q = cogency(['query', 'nibrs.arrestees.prostitution', '--place', 'VT', '--period', '2024', '--by', 'race', '--rate', '--format', 'json'], env);
  assert.equal(q.code, 0, q.err);
  const row = JSON.parse(q.out).rows[0];
  assert.deepEqual([row.dims.race, row.value], ['White', 1]);
  assert.equal(row.extra.rate_per_100k, 0.154);
  assert.match(row.extra.denominator, /population covered by NIBRS-reporting agencies/);
  const mix = cogency(['mix', '--place', 'VT', '--format', 'json'], env);
  assert.equal(mix.code, 0, mix.err);
  const m = JSON.parse(mix.out).rows[0];
  assert.equal(m.counts['offenses.prostitution'], 4);
  assert.equal(m.counts['offenses.sex_trafficking'], 1);
  assert.equal(m.counts['arrestees.sex_trafficking'], 0, 'no arrest is zero, not missing');
  const agencies = JSON.parse(cogency(['query', 'nibrs.offenses.prostitution', '--place', 'VT', '--period', '2024', '--by', 'agency', '--format', 'json'], env).out);
  assert.ok(agencies.rows.length > 0);
  // Vermont 40A 2024: four agencies with 1 each under a state total of 4; every agency is listed (zeros published).
  for (const r of agencies.rows) assert.ok((r.suppressed && r.value === null) || r.value === 0, 'agency counts below 10 are withheld');
  assert.ok(agencies.rows.filter((r: { suppressed: boolean }) => r.suppressed).length >= 5, 'the four small counts and a zero are withheld together');
});
