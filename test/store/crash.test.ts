// kill -9 during `cogency ingest`: a reader that was open all along, and a fresh one, both see one
// whole version afterwards: the previous one, or the new one if the kill came after the publish.
// (bench/crash-ingest.ts runs this at scale on the real data; this is the small CI version.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Store } from '../../src/store/store.ts';
import { collectGarbage, listVersions } from '../../src/store/versions.ts';
import { REPO, TIP_TIERS, fixtureCopy, tempDir } from '../helpers.ts';

const KILLS = Number(process.env.CRASH_KILLS ?? 4);

test(`kill -9 at ${KILLS} points of an ingest: the previous version is served every time`, async () => {
  const db = join(tempDir(), 'db.duckdb');
  const dataA = fixtureCopy();
  const dataB = fixtureCopy();
  const lines = readFileSync(join(dataB, TIP_TIERS), 'utf8').replace(/\n+$/, '').split('\n');
  writeFileSync(join(dataB, TIP_TIERS), lines.slice(0, -1).join('\n') + '\n');
  const env = { ...process.env, COGENCY_DB: db };
  const ingest = (data: string) => spawnSync(process.execPath, [join(REPO, 'bin', 'cogency.js'), 'ingest', 'tip', '--data', data], { cwd: REPO, env, encoding: 'utf8' });
  const digest = async (store: Store) =>
    JSON.stringify(await store.all("SELECT s.sha256, count(o.value) AS n, sum(o.value) AS total FROM sources s LEFT JOIN observations o ON o.source_id = s.id WHERE s.id = 'tip.tiers' GROUP BY 1"));

  assert.equal(ingest(dataB).status, 0);
  const reader = await Store.open(db);
  const versionB = await digest(reader);
  const t0 = Date.now();
  assert.equal(ingest(dataA).status, 0);
  const full = Date.now() - t0;
  await reader.reload();
  const versionA = await digest(reader);
  assert.notEqual(versionA, versionB);

  let current = versionA;
  const outcomes = { previous: 0, next: 0 };
  for (let i = 0; i < KILLS; i++) {
    const next = current === versionA ? versionB : versionA;
    const child = spawn(process.execPath, [join(REPO, 'bin', 'cogency.js'), 'ingest', 'tip', '--data', next === versionA ? dataA : dataB], { cwd: REPO, env, stdio: 'ignore' });
    const exited = new Promise((r) => child.on('exit', r));
    // Spread over the ingest's duration, process start included.
    const at = Math.round(((i + 0.5) / KILLS) * full);
    await new Promise((r) => setTimeout(r, at));
    child.kill('SIGKILL');
    await exited;
    await reader.reload();
    const seen = await digest(reader);
    const fresh = await Store.open(db);
    assert.equal(await digest(fresh), seen, 'a fresh reader and the long-lived one agree');
    fresh.close();
    assert.ok(seen === current || seen === next, `run ${i + 1} (kill at ${at} ms): a whole version, got ${seen}`);
    if (seen === current) outcomes.previous++;
    else {
      outcomes.next++;
      current = next;
    }
  }
  reader.close();
  // What killed writers left behind is collected by the next writer.
  assert.equal(ingest(current === versionA ? dataB : dataA).status, 0);
  await collectGarbage(db);
  assert.equal(listVersions(db).length, 1);
  process.stdout.write(`# crash: ${KILLS} kills over ${full} ms: ${JSON.stringify(outcomes)}\n`);
});
