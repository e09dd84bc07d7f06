import { Store } from '/work/main/src/store/store.ts';
const store = await Store.open(process.argv[2]!);
for (const t of ['measures', 'places', 'sources', 'caveats', 'citations', 'observations']) console.log(t, (await store.all(`SELECT count(*) n FROM ${t}`))[0]!.n);
for (const sql of ['SELECT * FROM measures ORDER BY id', 'SELECT id, kind, name, parent, path FROM places ORDER BY id', 'SELECT source_id, measure, place, period, text FROM caveats ORDER BY rowid', 'SELECT id, family, importer, publisher, title, url, license, retrieved, sha256 FROM sources']) {
  const t = performance.now(); await store.all(sql); console.log((performance.now() - t).toFixed(1), sql.slice(0, 50));
}
store.close();
