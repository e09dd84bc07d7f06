// Crash safety: SIGKILL `cogency ingest` (bin/cogency.js) at random points, N times; after each
// kill the store must open and serve one complete version of every source: the previous one, or
// the new one if the kill came after the publish; never a mix, never a lost source. Checked twice
// per run: by a fresh reader (a new process would see this) and by a long-lived reader that was
// open all along and follows the pointer (what a running `cogency serve` sees). After the runs,
// the versions folder must hold no more than the current version once garbage is collected.
//
//   node --import tsx bench/crash-ingest.ts [--runs 30] [--data ../shared/data] [--sources tip] [--base DB] [--seed N]
//
// --base: a store file with other sources already loaded (copied, never changed), so the check
// also covers sources the ingest does not touch. The sources reloaded alternate between two
// versions of their files (the real files, and the same files without their last row).
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Store } from '../src/store/store.ts';
import { collectGarbage, listVersions, versionsDir } from '../src/store/versions.ts';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '30' },
    data: { type: 'string', default: process.env.COGENCY_DATA ?? '../shared/data' },
    sources: { type: 'string', default: 'tip' },
    base: { type: 'string' },
    seed: { type: 'string', default: String(Date.now() % 100000) },
  },
});
const RUNS = Number(args.runs);
const sources = args.sources!.split(',');
const REPO = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'cogency-crash-'));
let seed = Number(args.seed);
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

// Two versions of the data: A (as found) and B (every CSV without its last row).
const dataA = join(work, 'data-a');
const dataB = join(work, 'data-b');
cpSync(join(resolve(args.data!), 'stats'), join(dataA, 'stats'), { recursive: true });
cpSync(join(resolve(args.data!), 'stats'), join(dataB, 'stats'), { recursive: true });
const walk = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]));
for (const f of walk(dataB).filter((p) => p.endsWith('.csv'))) {
  const text = readFileSync(f, 'utf8').replace(/\n+$/, '');
  const lines = text.split('\n');
  if (lines.length > 3) {
    writeFileSync(f, lines.slice(0, -1).join('\n') + '\n');
  }
}

const db = join(work, 'store.duckdb');
if (args.base) copyFileSync(resolve(args.base), db);

/** What a reader sees of every source: its version and a digest of all its rows. */
async function fingerprint(open: Store | null = null): Promise<Map<string, string>> {
  const store = open ?? (await Store.open(db));
  try {
    const rows = await store.all(`
      SELECT s.id, s.sha256, s.rows_stored,
             (SELECT count(*) FROM observations o WHERE o.source_id = s.id) AS n,
             (SELECT md5(coalesce(string_agg(concat_ws('|', measure, place, period, dims, value, value_text, citation_id, flags), '\n'
                      ORDER BY measure, place, period, dims, citation_id), '')) FROM observations o WHERE o.source_id = s.id) AS obs,
             (SELECT count(*) FROM citations c WHERE c.source_id = s.id) AS cites,
             (SELECT count(*) FROM measures m WHERE m.source_id = s.id) AS measures
      FROM sources s ORDER BY s.id`);
    return new Map(rows.map((r) => [String(r.id), `${String(r.sha256)} stored=${r.rows_stored} n=${r.n} cites=${r.cites} measures=${r.measures} obs=${r.obs}`]));
  } finally {
    if (!open) store.close();
  }
}

function ingest(data: string, killAfterMs: number | null): Promise<{ ms: number; killed: boolean; code: number | null }> {
  return new Promise((res, rej) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [join(REPO, 'bin', 'cogency.js'), 'ingest', ...sources, '--data', data, '--db', db], {
      cwd: work,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    let killed = false;
    const timer = killAfterMs === null ? null : setTimeout(() => {
      killed = child.kill('SIGKILL');
    }, killAfterMs);
    child.on('error', rej);
    child.on('exit', (code) => {
      if (timer) clearTimeout(timer);
      if (!killed && code !== 0) rej(new Error(`ingest failed (${code}): ${err}`));
      else res({ ms: performance.now() - t0, killed, code });
    });
  });
}

// Reference versions, from clean complete loads: B then A (the store ends on A).
const t0 = await ingest(dataB, null);
const refB = await fingerprint();
const t1 = await ingest(dataA, null);
const refA = await fingerprint();
const full = Math.max(t0.ms, t1.ms);
const reloaded = [...refA.keys()].filter((k) => refA.get(k) !== refB.get(k));
console.log(`crash bench: ${RUNS} runs, sources ${sources.join(',')}, ${refA.size} sources in the store, ${reloaded.length} alternate between two versions (${reloaded.join(', ')})`);
console.log(`one complete ingest takes ${Math.round(t0.ms)}–${Math.round(t1.ms)} ms (process start included); kills land uniformly in [0, ${Math.round(full)}] ms; seed ${args.seed}`);
if (reloaded.length === 0) throw new Error('the two versions do not differ; nothing to test');

// The long-lived reader: opened before the kills, switched by reload() as `cogency serve` does on its pointer watch.
const served = await Store.open(db);
const sameMap = (a: Map<string, string>, b: Map<string, string>) => a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);
let servedMismatch = 0;
let current: 'A' | 'B' = 'A';
const tally = { previous: 0, next: 0, partial: 0, bad: 0, finished: 0 };
for (let i = 1; i <= RUNS; i++) {
  const target: 'A' | 'B' = current === 'A' ? 'B' : 'A';
  const prev = current === 'A' ? refA : refB;
  const next = target === 'A' ? refA : refB;
  const at = Math.round(random() * full);
  const r = await ingest(target === 'A' ? dataA : dataB, at);
  if (!r.killed) tally.finished++;
  const seen = await fingerprint();
  await served.reload();
  if (!sameMap(await fingerprint(served), seen)) {
    servedMismatch++;
    console.log('  the long-lived reader sees something else than a fresh reader');
  }
  const keys = new Set([...seen.keys(), ...prev.keys()]);
  const whole = [...keys].filter((k) => seen.get(k) !== undefined && (seen.get(k) === prev.get(k) || seen.get(k) === next.get(k)));
  const isNew = [...keys].filter((k) => seen.get(k) === next.get(k) && next.get(k) !== prev.get(k));
  let verdict: string;
  if (whole.length !== keys.size) {
    tally.bad++;
    verdict = 'A MIXED, DAMAGED OR MISSING SOURCE';
    for (const k of keys) if (!whole.includes(k)) console.log(`  ${k}: ${seen.get(k) ?? 'missing'}`);
  } else if (isNew.length === 0) {
    tally.previous++;
    verdict = 'serves the previous complete version';
  } else if (isNew.length === reloaded.length) {
    tally.next++;
    verdict = 'serves the new complete version (killed after the commit)';
    current = target;
  } else {
    // Each source is its own transaction: a kill between two sources leaves each one whole.
    tally.partial++;
    verdict = `${isNew.join(', ')} new, the rest previous: each source complete`;
    await ingest(current === 'A' ? dataA : dataB, null); // back to one known version
  }
  console.log(`run ${String(i).padStart(2)}: SIGKILL at ${String(at).padStart(5)} ms${r.killed ? '' : ' (ingest had already finished)'} → store opens; ${verdict}`);
}
served.close();
const leftBefore = readdirSync(versionsDir(db)).length;
await collectGarbage(db);
const leftAfter = listVersions(db).length + readdirSync(versionsDir(db)).filter((n) => n.startsWith('building-')).length;
console.log(
  `crash bench result: ${RUNS} kills; previous version served ${tally.previous}, new complete version ${tally.next}, ` +
    `per-source whole (some new, some previous) ${tally.partial}, mixed or damaged ${tally.bad}; ${tally.finished} ingests had finished before the kill; ` +
    `long-lived reader disagreed ${servedMismatch} times; files in the versions folder ${leftBefore} before garbage collection, ${leftAfter} after`,
);
rmSync(work, { recursive: true, force: true });
if (tally.bad > 0 || servedMismatch > 0 || leftAfter !== 1) process.exitCode = 1;
