// Per-phase wall time of `cogency ingest nibrs` for profiling, as ingest() runs it: waiting for a
// bundle's checksums (computed by the reader pool), the importer's fill (waiting for the pool's read,
// then writing the stage), and the store's part of loadSource (staging tables, places, swap).
//   node --import tsx bench/nibrs-phases.ts DATA_DIR DB_PATH   (COGENCY_NIBRS_TIMING=1 for per-bundle detail)
import { Store } from '../src/store/store.ts';
import { describeFiles } from '../src/sources/importer.ts';
import { derivationOf } from '../src/sources/registry.ts';
import { makeNibrsImporter } from '../src/sources/nibrs/index.ts';

const [dataDir, dbPath] = process.argv.slice(2) as [string, string];
if (!dataDir || !dbPath) throw new Error('usage: nibrs-phases.ts DATA_DIR DB_PATH');
const t0 = performance.now();
const store = await Store.open(dbPath);
const imp = makeNibrsImporter();
const tot = { checksumWait: 0, fill: 0, store: 0 };
let tDisc = 0;
await store.write(async (writer) => {
  const specs = await imp.discover(dataDir);
  tDisc = performance.now() - t0;
  for (const spec of specs) {
    let t = performance.now();
    const meta = await (imp.describe ? imp.describe(spec, dataDir) : describeFiles(spec, dataDir));
    tot.checksumWait += performance.now() - t;
    t = performance.now();
    let fill = 0;
    await writer.loadSource(
      meta,
      async (stage) => {
        const f = performance.now();
        await imp.load(spec, stage, dataDir);
        fill += performance.now() - f;
      },
      () => {},
      { derivation: { ...(await derivationOf(imp)), inputs: meta.inputs } },
    );
    tot.fill += fill;
    tot.store += performance.now() - t - fill;
  }
  imp.finish?.();
});
store.close();
const total = performance.now() - t0;
const s = (ms: number) => +(ms / 1000).toFixed(2);
const cpu = process.cpuUsage();
console.log(
  JSON.stringify({
    total: s(total),
    discoverAndOpen: s(tDisc),
    ...Object.fromEntries(Object.entries(tot).map(([k, v]) => [k, s(v)])),
    cpuS: +((cpu.user + cpu.system) / 1e6).toFixed(2),
    maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
