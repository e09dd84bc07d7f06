// Per-phase wall time of `cogency ingest nibrs` (checksums, importer fill, store swap) for profiling.
//   node --import tsx bench/nibrs-phases.ts DATA_DIR DB_PATH   (COGENCY_NIBRS_TIMING=1 for per-bundle detail)
import { Store } from '../src/store/store.ts';
import { describeFiles } from '../src/sources/importer.ts';
import { nibrsImporter } from '../src/sources/nibrs/index.ts';
const [dataDir, dbPath] = process.argv.slice(2) as [string, string];
const t0 = performance.now();
const store = await Store.open(dbPath);
const tot = { describe: 0, fill: 0, loadSourceRest: 0 };
const specs = await nibrsImporter.discover(dataDir);
const tDisc = performance.now() - t0;
for (const spec of specs) {
  let t = performance.now();
  const meta = await describeFiles(spec, dataDir);
  tot.describe += performance.now() - t;
  t = performance.now();
  let fill = 0;
  await store.loadSource(meta, async (stage) => { const f = performance.now(); await nibrsImporter.load(spec, stage, dataDir); fill += performance.now() - f; });
  tot.fill += fill;
  tot.loadSourceRest += performance.now() - t - fill;
}
store.close();
const total = performance.now() - t0;
console.log(JSON.stringify({ total: +(total/1000).toFixed(2), discoverAndOpen: +(tDisc/1000).toFixed(2), ...Object.fromEntries(Object.entries(tot).map(([k,v])=>[k, +(v/1000).toFixed(2)])), cpuS: +((process.cpuUsage().user + process.cpuUsage().system) / 1e6).toFixed(2), maxRssMB: Math.round(process.resourceUsage().maxRSS/1024) }));
