import { Store } from '/work/main/src/store/store.ts';
import { NATIONAL_PANELS } from '/work/main/src/analysis/national.ts';
import { listValue } from '@duckdb/node-api';
const store = await Store.open(process.argv[2]!);
const ms = NATIONAL_PANELS.flatMap((p) => p.series.map((s) => s.measure));
const r = await store.all('SELECT measure, count(*) n FROM observations WHERE measure IN (SELECT unnest(?::VARCHAR[])) GROUP BY measure ORDER BY n DESC', [listValue(ms)]);
console.log(r.slice(0, 8), r.reduce((a, x) => a + Number(x.n), 0));
for (let i = 0; i < 3; i++) {
let t = performance.now(); await store.all('SELECT measure, source_id, place, period, dims, value, value_text, citation_id, flags FROM observations WHERE measure IN (SELECT unnest(?::VARCHAR[])) ORDER BY rowid', [listValue(ms)]); console.log('IN', (performance.now() - t).toFixed(1));
t = performance.now(); await store.all('SELECT count(*) FROM (SELECT measure, source_id, place, period, dims, value, value_text, citation_id, flags FROM observations WHERE measure IN (SELECT unnest(?::VARCHAR[])) ORDER BY rowid)', [listValue(ms)]); console.log('IN count only', (performance.now() - t).toFixed(1));
t = performance.now(); await store.all('SELECT measure, source_id, place, period, dims, value, value_text, citation_id, flags FROM observations WHERE list_contains(?::VARCHAR[], measure) ORDER BY rowid', [listValue(ms)]); console.log('list_contains', (performance.now() - t).toFixed(1));
}
store.close();
