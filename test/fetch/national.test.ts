// `cogency fetch` for the national FBI files (their source descriptors' fetch entries), against a local HTTP
// server on 127.0.0.1 — never the internet: each entry lands where its importer looks, checksums of
// the pinned copies match the real files, a NIBRS state-year zip downloads and ingests, and a file
// that is not the pinned one is refused.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fetchSources } from '../../src/fetch/fetch.ts';
import { CATALOG, type FetchSource } from '../../src/fetch/catalog.ts';
import { NIBRS_BUCKET_BEFORE_2016, NIBRS_BUCKET_FROM_2016, nibrsExtract } from '../../src/sources/nibrs/descriptor.ts';
import { Store } from '../../src/store/store.ts';
import { ingest } from '../../src/sources/ingest.ts';
import { findImporter } from '../../src/sources/registry.ts';
import { FIXTURE_DATA, REPO, SKIP_NO_DATA, sharedData, tempDir } from '../helpers.ts';
import { writeZip } from '../sources/nibrs/helpers.ts';

/** Serves `<root>/<path>` for /<root name>/<path>; roots are registered per test. */
const roots = new Map<string, string>();
const server: Server = createServer((req, res) => {
  const [, name, ...rest] = decodeURIComponent(req.url ?? '/').split('/');
  const root = roots.get(name ?? '');
  const file = root ? join(root, ...rest) : '';
  if (!root || !existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404).end();
    return;
  }
  const buf = readFileSync(file);
  res.writeHead(200, { 'content-length': buf.length }).end(buf);
});
const base = await new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as { port: number }).port}`)));
after(() => server.close());

const NATIONAL_IDS = ['nibrs', 'fbi-cde', 'fbi-cius', 'fbi-ht-master'];

test('the national entries are in the catalogue, one per importer, at the paths their importers discover', async () => {
  for (const id of NATIONAL_IDS) {
    assert.ok(CATALOG.some((c) => c.id === id && c.files.length > 0), `${id} in CATALOG`);
    assert.equal((await findImporter(id))?.id, id, `${id} is an importer`);
  }
  const zip = nibrsExtract('la', 2016);
  assert.equal(zip.path, 'stats/fbi-nibrs-extract/LA-2016.zip');
  assert.equal(zip.url, `${NIBRS_BUCKET_FROM_2016}/LA-2016.zip`);
  assert.equal(nibrsExtract('LA', 2014).url, `${NIBRS_BUCKET_BEFORE_2016}/LA-2014.zip`, 'data years before 2016 are in the older bucket');
  assert.throws(() => nibrsExtract('Louisiana', 2016));
});

test('a NIBRS state-year zip is fetched into the extract folder and ingested whole', async () => {
  // A zip of the hand-written DE-2023 bundle (fixtures/nibrs), served as the publisher would.
  const served = tempDir();
  const fixture = join(REPO, 'fixtures', 'nibrs', 'DE-2023');
  const tables = ['agencies.csv', 'NIBRS_incident.csv', 'NIBRS_OFFENSE.csv', 'NIBRS_ARRESTEE.csv', 'NIBRS_ARRESTEE_GROUPB.csv', 'NIBRS_VICTIM.csv', 'NIBRS_VICTIM_OFFENSE.csv',
    'NIBRS_OFFENSE_TYPE.csv', 'REF_RACE.csv', 'NIBRS_ETHNICITY.csv', 'NIBRS_AGE.csv', 'NIBRS_ARREST_TYPE.csv', 'NIBRS_VICTIM_TYPE.csv'];
  writeZip(join(served, 'DE-2023.zip'), tables.map((t) => join(fixture, t)));
  roots.set('cde', served);
  const entry = nibrsExtract('DE', 2023);
  const catalog: FetchSource[] = [{ id: 'nibrs', files: [{ ...entry, url: `${base}/cde/DE-2023.zip` }] }];
  const dir = tempDir();
  const report = await fetchSources({ dataDir: dir, catalog });
  assert.deepEqual(report.failed, []);
  assert.ok(existsSync(join(dir, 'stats/fbi-nibrs-extract/DE-2023.zip')));
  const store = await Store.open(':memory:');
  const ing = await ingest(store, dir, ['nibrs']);
  assert.deepEqual(ing.results.map((r) => [r.sourceId, r.status]), [['nibrs.DE.2023', 'loaded']]);
  store.close();
});

test('a file that is not the pinned copy is refused and nothing lands where ingest looks', async () => {
  // The hand-written fixture files are not the pinned real files: their checksums differ.
  roots.set('fixtures', FIXTURE_DATA);
  const dir = tempDir();
  const report = await fetchSources({ dataDir: dir, mirror: `${base}/fixtures`, sources: ['fbi-ht-master'] });
  assert.equal(report.failed.length, 1);
  assert.match(report.failed[0]!.error, /checksum mismatch|bytes but/);
  assert.ok(!existsSync(join(dir, 'stats/fbi-ucr-human-trafficking/fbi_ht_master_file_2015_fixed_width.txt')));
});

test('real files: every pinned checksum and size matches the copy in shared/data, and the fetched layout ingests', { skip: sharedData() ? false : SKIP_NO_DATA }, async () => {
  roots.set('shared', sharedData()!);
  const dir = tempDir();
  const report = await fetchSources({ dataDir: dir, mirror: `${base}/shared`, sources: ['fbi-cde', 'fbi-cius', 'fbi-ht-master'] });
  assert.deepEqual(report.failed, []);
  assert.equal(report.downloaded.length, 4 + 14 + 1);
  const store = await Store.open(':memory:');
  const ing = await ingest(store, dir, ['fbi-cius', 'fbi-ht-master']);
  assert.deepEqual(ing.results.map((r) => [r.sourceId, r.status, r.rowsRead]), [['fbi.cius69', 'loaded', 918], ['fbi.htmaster.2015', 'loaded', 22524]]);
  store.close();
});
