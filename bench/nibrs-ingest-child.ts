// Child process for bench/nibrs-bench.ts: `cogency ingest nibrs` through the library function
// (the CLI calls the same), into a fresh store file; prints one JSON line with time and peak RSS.
import { Store } from '../src/store/store.ts';
import { ingest } from '../src/sources/ingest.ts';

const [dataDir, dbPath] = process.argv.slice(2);
if (!dataDir || !dbPath) throw new Error('usage: nibrs-ingest-child.ts DATA_DIR DB_PATH');
const t0 = performance.now();
const store = await Store.open(dbPath);
const report = await ingest(store, dataDir, ['nibrs']);
const [counts] = await store.all("SELECT count(*) AS n, sum(value) FILTER (WHERE measure = 'nibrs.context.incidents_all') AS incidents FROM observations WHERE source_id LIKE 'nibrs.%'");
store.close();
const seconds = (performance.now() - t0) / 1000;
console.log(
  JSON.stringify({
    seconds,
    maxRssKb: process.resourceUsage().maxRSS,
    bundles: report.results.length,
    observations: Number(counts?.n ?? 0),
    incidents: Number(counts?.incidents ?? 0),
  }),
);
