// Baseline for bench/nibrs-bench.ts: the same selection and aggregation as `cogency ingest nibrs`
// (and bench/nibrs-pandas.py), done by DuckDB's own parallel CSV reader (read_csv) on the same
// folders, one state-year bundle at a time, in an in-memory DuckDB using every core: each table's
// needed columns loaded once with read_csv, then covered offenses (40A–C, 64A–B) and incidents by
// agency; arrestees by agency × race × ethnicity × sex × age × arrest type; victims via
// NIBRS_VICTIM_OFFENSE; all arrestees by race × ethnicity × sex × age; incidents per agency;
// Group B count; coverage from the agencies table. It validates nothing beyond what read_csv
// refuses by itself and writes no store: a lower bound on what a DuckDB-based importer would cost.
// Prints one JSON line: seconds, peak RSS, bundles, incidents.
//
//   node --import tsx bench/nibrs-duckdb.ts DATA_DIR
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: nibrs-duckdb.ts DATA_DIR');
const root = join(dataDir, 'stats/fbi-nibrs-extract');
const t0 = performance.now();
const db = await DuckDBInstance.create(':memory:');
const c = await db.connect();
const sq = (s: string) => `'${s.replace(/'/g, "''")}'`;
const COVERED = "('40A', '40B', '40C', '64A', '64B')";
let bundles = 0;
let incidents = 0;
await c.run('CREATE TABLE results (bundle VARCHAR, what VARCHAR, k VARCHAR, n BIGINT)');
for (const name of readdirSync(root).sort()) {
  const d = join(root, name);
  if (name.startsWith('_') || !statSync(d).isDirectory()) continue;
  const csv = (table: string, cols: string) => `(SELECT ${cols} FROM read_csv(${sq(join(d, `${table}.csv`))}))`;
  const load = (t: string, table: string, cols: string) => c.run(`CREATE OR REPLACE TEMP TABLE ${t} AS ${csv(table, cols)}`);
  await load('ag', 'agencies', 'agency_id, ori, state_abbr, population, nibrs_participated');
  await load('race', 'REF_RACE', 'race_id, race_desc');
  await load('eth', 'NIBRS_ETHNICITY', 'ethnicity_id, ethnicity_name');
  await load('age', 'NIBRS_AGE', 'age_id, age_code');
  await load('atype', 'NIBRS_ARREST_TYPE', 'arrest_type_id, arrest_type_name');
  await load('vtype', 'NIBRS_VICTIM_TYPE', 'victim_type_id, victim_type_name');
  await load('inc', 'NIBRS_incident', 'agency_id, incident_id');
  await load('off', 'NIBRS_OFFENSE', 'offense_id, incident_id, offense_code');
  await load('arr', 'NIBRS_ARRESTEE', 'arrestee_id, incident_id, offense_code, age_id, sex_code, race_id, ethnicity_id, arrest_type_id');
  await load('vo', 'NIBRS_VICTIM_OFFENSE', 'victim_id, offense_id');
  await load('vic', 'NIBRS_VICTIM', 'victim_id, incident_id, victim_type_id, age_id, sex_code, race_id, ethnicity_id');
  await load('gb', 'NIBRS_ARRESTEE_GROUPB', 'groupb_arrestee_id');
  const b = sq(name);
  await c.run(`CREATE OR REPLACE TEMP TABLE inc_ag AS SELECT inc.incident_id, ag.ori FROM inc JOIN ag USING (agency_id)`);
  await c.run(`CREATE OR REPLACE TEMP TABLE o AS SELECT off.offense_id, off.incident_id, off.offense_code, inc_ag.ori FROM off JOIN inc_ag USING (incident_id) WHERE off.offense_code IN ${COVERED}`);
  const people = (x: string) => `${x} LEFT JOIN race USING (race_id) LEFT JOIN eth USING (ethnicity_id) LEFT JOIN age USING (age_id)`;
  await c.run(`INSERT INTO results
    SELECT ${b}, 'incidents_by_agency', ori, count(*) FROM inc_ag GROUP BY ori
    UNION ALL SELECT ${b}, 'offenses', ori || '|' || offense_code, count(*) FROM o GROUP BY ALL
    UNION ALL SELECT ${b}, 'incidents', ori || '|' || offense_code, count(DISTINCT incident_id) FROM o GROUP BY ALL
    UNION ALL SELECT ${b}, 'arrestees_all', concat_ws('|', race_desc, ethnicity_name, age_code, sex_code), count(*) FROM ${people('arr')} GROUP BY ALL
    UNION ALL SELECT ${b}, 'arrestees', concat_ws('|', ori, offense_code, race_desc, ethnicity_name, sex_code, age_code, arrest_type_name), count(*)
      FROM ${people('(SELECT arr.*, inc_ag.ori FROM arr JOIN inc_ag USING (incident_id) WHERE offense_code IN ' + COVERED + ')')} LEFT JOIN atype USING (arrest_type_id) GROUP BY ALL
    UNION ALL SELECT ${b}, 'victims', concat_ws('|', ori, offense_code, victim_type_name, race_desc, ethnicity_name, sex_code, age_code), count(*)
      FROM ${people('(SELECT DISTINCT vo.victim_id, o.offense_code FROM vo JOIN o USING (offense_id)) v JOIN vic USING (victim_id) JOIN inc_ag USING (incident_id)')}
      LEFT JOIN vtype USING (victim_type_id) GROUP BY ALL
    UNION ALL SELECT ${b}, 'coverage', 'agencies|reporting|population',
      count(*) + 1000000 * count(*) FILTER (WHERE nibrs_participated IN ('Y', 't', 'true')) FROM ag
    UNION ALL SELECT ${b}, 'population', NULL, sum(population) FILTER (WHERE nibrs_participated IN ('Y', 't', 'true')) FROM ag
    UNION ALL SELECT ${b}, 'rows', 'incidents|offenses|arrestees|groupb', (SELECT count(*) FROM inc) + (SELECT count(*) FROM off) + (SELECT count(*) FROM arr) + (SELECT count(*) FROM gb)`);
  incidents += Number((await c.runAndReadAll('SELECT count(*) AS n FROM inc')).getRowObjectsJS()[0]!.n);
  bundles++;
}
const [threads] = (await c.runAndReadAll("SELECT current_setting('threads') AS t")).getRowObjectsJS();
c.closeSync();
console.log(
  JSON.stringify({
    seconds: (performance.now() - t0) / 1000,
    maxRssKb: process.resourceUsage().maxRSS,
    bundles,
    incidents,
    threads: Number(threads?.t),
  }),
);
