// A one-shot process (the CLI) reads only the years a question asks for; a server reads each
// measure whole once. Both must give the same answer to every question.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import fc from 'fast-check';
import { Store } from '../../src/store/store.ts';
import { listMeasures, query, type QueryParams } from '../../src/analysis/query.ts';
import { ingest } from '../../src/sources/ingest.ts';
import { FIXTURE_DATA, tempDir } from '../helpers.ts';

test('one-shot reads give the same answers as whole-measure reads (fixture data, random questions)', async () => {
  const path = join(tempDir(), 'store.duckdb');
  const writer = await Store.open(path);
  await ingest(writer, FIXTURE_DATA, []);
  writer.close();
  const server = await Store.open(path);
  const oneShot = await Store.open(path, { oneShot: true });
  assert.equal(oneShot.oneShot, true);
  assert.equal(server.oneShot, false);
  const measures = (await listMeasures(server)).map((m) => m.id);
  assert.ok(measures.length >= 5, `fixture measures: ${measures.length}`);
  const places = (await server.all("SELECT DISTINCT place FROM observations ORDER BY place LIMIT 60")).map((r) => String(r.place));
  const answer = async (store: Store, p: QueryParams) => {
    try {
      return JSON.stringify(await query(store, p));
    } catch (e) {
      return `error: ${(e as Error).message}`;
    }
  };
  let compared = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...measures),
      fc.option(fc.constantFrom(...places), { nil: undefined }),
      fc.option(fc.integer({ min: 1995, max: 2026 }), { nil: undefined }),
      fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined }),
      fc.constantFrom<string[]>([], ['state'], ['country'], ['period']),
      async (measure, place, from, span, by) => {
        const p: QueryParams = { measure, place, from, to: from !== undefined && span !== undefined ? from + span : undefined, by };
        // A fresh one-shot handle per question, as each CLI process is.
        const once = await Store.open(path, { oneShot: true });
        try {
          assert.equal(await answer(once, p), await answer(server, p), JSON.stringify(p));
        } finally {
          once.close();
        }
        compared++;
      },
    ),
    { numRuns: 60, seed: 18 },
  );
  assert.equal(compared, 60);
  oneShot.close();
  server.close();
});
