import { DuckDBInstance, listValue } from '@duckdb/node-api';
import { NATIONAL_PANELS } from '/work/main/src/analysis/national.ts';
import { realpathSync } from 'node:fs';
const inst = await DuckDBInstance.create(realpathSync(process.argv[2]!), { access_mode: 'READ_ONLY' });
const c = await inst.connect();
const ms = NATIONAL_PANELS.flatMap((p) => p.series.map((s) => s.measure));
const sel = 'SELECT measure, source_id, place, period, dims, value, value_text, citation_id, flags FROM observations WHERE measure IN (SELECT unnest(?::VARCHAR[])) ORDER BY rowid';
for (let i = 0; i < 4; i++) {
  let t = performance.now(); let r = await c.runAndReadAll(sel, [listValue(ms)]); const a = r.getRowObjectsJS(); const t1 = performance.now() - t;
  t = performance.now(); r = await c.runAndReadAll(sel, [listValue(ms)]); const cols = r.getColumnsJS(); const t2 = performance.now() - t;
  t = performance.now(); r = await c.runAndReadAll(`SELECT to_json(list(x)) AS j FROM (${sel}) x`, [listValue(ms)]); const j = JSON.parse(String(r.getRowsJS()[0]![0])); const t3 = performance.now() - t;
  t = performance.now(); r = await c.runAndReadAll(sel, [listValue(ms)]); const t4 = performance.now() - t;
  console.log(`rowObjectsJS ${t1.toFixed(1)}  columnsJS ${t2.toFixed(1)}  json ${t3.toFixed(1)} (${j.length})  run only ${t4.toFixed(1)}`, a.length, cols.length);
}
