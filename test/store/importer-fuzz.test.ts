// Fuzzing the CSV reader and the TIP importer with damaged files: every outcome is a load or an
// InputError naming the file, and after an InputError the previous version is still served.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { readCsv } from '../../src/sources/csv.ts';
import { InputError } from '../../src/sources/errors.ts';
import { ingest } from '../../src/sources/ingest.ts';
import { Store } from '../../src/store/store.ts';
import { FIXTURE_DATA, TIP_INDEX, TIP_TIERS, fixtureCopy, tempDir } from '../helpers.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const TIERS = readFileSync(join(FIXTURE_DATA, TIP_TIERS));
const INDEX = readFileSync(join(FIXTURE_DATA, TIP_INDEX));

/** A damaged copy of a good file: bytes flipped, cut, inserted (quotes, commas, newlines, bad UTF-8), rows duplicated. */
const damaged = (good: Buffer) =>
  fc
    .array(
      fc.oneof(
        fc.record({ op: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
        fc.record({ op: fc.constant('cut' as const), at: fc.nat() }),
        fc.record({
          op: fc.constant('insert' as const),
          at: fc.nat(),
          text: fc.oneof(fc.constantFrom('"', ',', '\n', '\r\n', '""', 'NA', '\uFEFF', 'Tier 9', '-1', '99999', '\u00e9'), fc.string({ maxLength: 8 })),
        }),
        fc.record({ op: fc.constant('bytes' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 4 }) }),
        fc.record({ op: fc.constant('dupline' as const), at: fc.nat() }),
      ),
      { minLength: 1, maxLength: 4 },
    )
    .map((ops) => {
      let b = Buffer.from(good);
      for (const o of ops) {
        const at = b.length ? o.at % (b.length + 1) : 0;
        if (o.op === 'flip' && b.length) b[at % b.length] = o.byte;
        else if (o.op === 'cut') b = b.subarray(0, at);
        else if (o.op === 'insert') b = Buffer.concat([b.subarray(0, at), Buffer.from(o.text), b.subarray(at)]);
        else if (o.op === 'bytes') b = Buffer.concat([b.subarray(0, at), Buffer.from(o.bytes), b.subarray(at)]);
        else if (o.op === 'dupline') {
          const lines = b.toString('latin1').split('\n');
          const i = lines.length ? o.at % lines.length : 0;
          lines.splice(i, 0, lines[i] ?? '');
          b = Buffer.from(lines.join('\n'), 'latin1');
        }
      }
      return b;
    });

test('readCsv: any damaged file parses or fails with an InputError naming the file', async () => {
  const dir = tempDir();
  const path = join(dir, 'f.csv');
  let failed = 0;
  await fc.assert(
    fc.asyncProperty(damaged(TIERS), async (buf) => {
      writeFileSync(path, buf);
      try {
        const csv = await readCsv(path, 'f.csv', ['countryname', 'iso', 'year', 'ccode', 'tier']);
        for (const r of csv.rows) assert.ok(Number.isInteger(r.line) && r.line >= 2);
      } catch (e) {
        assert.ok(e instanceof InputError, `not an InputError: ${String(e)}`);
        assert.match(e.message, /^f\.csv/);
        failed++;
      }
    }),
    { numRuns: RUNS * 3 },
  );
  assert.ok(failed > 0, 'some damage was detected');
});

test('TIP importer: a damaged file loads whole or is rejected with the previous version kept', async () => {
  const data = fixtureCopy();
  const store = await Store.open(':memory:');
  await ingest(store, data, ['tip']);
  const snapshot = async () => store.all('SELECT source_id, count(*) AS n, sum(value) AS s, count(DISTINCT citation_id) AS c FROM observations GROUP BY 1 ORDER BY 1');
  const outcome = { loaded: 0, rejected: 0 };
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(TIP_TIERS, TIP_INDEX).chain((which) => fc.tuple(fc.constant(which), damaged(which === TIP_TIERS ? TIERS : INDEX))),
      fc.boolean(),
      async ([which, bad], both) => {
      // Start each run from the good files.
      writeFileSync(join(data, TIP_TIERS), TIERS);
      writeFileSync(join(data, TIP_INDEX), INDEX);
      await ingest(store, data, ['tip']);
      const before = await snapshot();
      writeFileSync(join(data, which), bad);
      if (both) writeFileSync(join(data, which === TIP_TIERS ? TIP_INDEX : TIP_TIERS), which === TIP_TIERS ? INDEX : TIERS);
      // A refusal is reported (never thrown): the other sources go on, the refused one keeps its previous version.
      const report = await ingest(store, data, ['tip'], {}, { keepGoing: true });
      if (report.refused.length === 0) {
        outcome.loaded++;
        const [src] = await store.all('SELECT count(*) AS n FROM sources');
        assert.ok(Number(src!.n) >= 1);
      } else {
        for (const r of report.refused) {
          assert.ok(r.error instanceof InputError, `not an InputError: ${String(r.error)}`);
          assert.ok(r.reason.includes(which.split('/').pop()!), r.reason);
        }
        assert.deepEqual(await snapshot(), before, 'the previous version is still served');
        outcome.rejected++;
      }
      },
    ),
    { numRuns: RUNS },
  );
  assert.ok(outcome.rejected > 0, JSON.stringify(outcome));
  process.stdout.write(`# tip importer fuzz: ${JSON.stringify(outcome)}\n`);
  store.close();
});
