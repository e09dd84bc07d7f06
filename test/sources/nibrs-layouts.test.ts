// NIBRS extract layouts besides 2016+ and copies lacking table groups (src/sources/nibrs/layouts.ts):
// truth tests on the real Louisiana 2012–2019 and D.C. 2022 (partial) folders against the figures
// in shared/data/stats/MANIFEST.md ("Added in turn 2"), and unit tests on tiny bundles written here.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Store } from '../../src/store/store.ts';
import { ingest } from '../../src/sources/ingest.ts';
import { query } from '../../src/analysis/query.ts';
import { InputError } from '../../src/sources/errors.ts';
import { DATA, NIBRS, tempData } from './nibrs/helpers.ts';

const HAVE_LA = existsSync(join(NIBRS, 'LA-2012', 'cde_agencies.csv')) && existsSync(join(NIBRS, 'DC-2022-partial', 'NIBRS_OFFENSE.csv'));
const SKIP_LA = HAVE_LA ? false : `real Louisiana/D.C. NIBRS folders not found under ${NIBRS} (set COGENCY_DATA to the shared data directory)`;

async function total(store: Store, measure: string, place: string, year: number): Promise<number | null> {
  const r = await query(store, { measure, place, from: year, to: year });
  assert.equal(r.rows.length, 1, `${measure} ${place} ${year}: one row`);
  return r.rows[0]!.value;
}

// MANIFEST.md, turn 2, the Louisiana table: year → incidents, offenses, 40A, 40B, 40C, 64A, 64B, arrestees, 40A arrestees.
const LOUISIANA: [number, number, number, number, number, number, number, number, number, number][] = [
  [2012, 36868, 41454, 38, 28, 0, 0, 0, 9873, 9],
  [2013, 37127, 42669, 23, 19, 0, 0, 0, 12174, 14],
  [2014, 37487, 43507, 12, 12, 0, 0, 0, 9733, 4],
  [2016, 44740, 52255, 101, 26, 0, 0, 0, 12975, 18],
  [2017, 48298, 56630, 92, 40, 0, 0, 0, 13888, 19],
  [2018, 50095, 58508, 45, 19, 0, 0, 0, 16962, 21],
  [2019, 46750, 54335, 36, 15, 0, 0, 0, 17284, 25],
];

describe('NIBRS Louisiana 2012–2019 and D.C. 2022 partial (real folders)', { skip: SKIP_LA }, () => {
  let store: Store;
  before(async () => {
    store = await Store.open(':memory:');
    const report = await ingest(store, DATA, ['nibrs']);
    const ids = report.results.map((r) => r.sourceId);
    for (const id of ['nibrs.LA.2012', 'nibrs.LA.2013', 'nibrs.LA.2014', 'nibrs.LA.2016', 'nibrs.LA.2017', 'nibrs.LA.2018', 'nibrs.LA.2019', 'nibrs.DC.2022']) {
      assert.ok(ids.includes(id), `${id} discovered and loaded`);
    }
  });
  after(() => store.close());

  for (const [year, incidents, offenses, p40a, p40b, p40c, h64a, h64b, arrestees, arr40a] of LOUISIANA) {
    it(`reproduces the Louisiana ${year} counts of the MANIFEST`, async () => {
      assert.equal(await total(store, 'nibrs.context.incidents_all', 'LA', year), incidents);
      assert.equal(await total(store, 'nibrs.context.offenses_all', 'LA', year), offenses);
      assert.equal(await total(store, 'nibrs.offenses.prostitution', 'LA', year), p40a);
      assert.equal(await total(store, 'nibrs.offenses.promoting_prostitution', 'LA', year), p40b);
      assert.equal(await total(store, 'nibrs.offenses.purchasing_prostitution', 'LA', year), p40c);
      assert.equal(await total(store, 'nibrs.offenses.sex_trafficking', 'LA', year), h64a);
      assert.equal(await total(store, 'nibrs.offenses.labor_trafficking', 'LA', year), h64b);
      assert.equal(await total(store, 'nibrs.context.arrestees_all', 'LA', year), arrestees);
      assert.equal(await total(store, 'nibrs.arrestees.prostitution', 'LA', year), arr40a);
    });
  }

  it('attributes offenses to agencies: 74 of the 101 offenses of 2016 by Bossier, 24 of the 38 of 2012 by Bossier City PD', async () => {
    const byName = async (year: number, name: string) => {
      const [r] = await store.all(
        `SELECT count(*) AS n FROM nibrs_offenses o JOIN nibrs_agencies a ON a.ori = o.ori AND a.year = o.year AND a.state = o.state
         WHERE o.state = 'LA' AND o.year = ? AND o.offense_code = '40A' AND a.name = ?`,
        [year, name],
      );
      return Number(r!.n);
    };
    assert.equal(await byName(2016, 'Bossier'), 74);
    assert.equal(await byName(2012, 'Bossier City Police Department'), 24);
  });

  it('counts agencies with incidents from the oldest layout (33 in 2012) and each repeated 2016 agency once (35)', async () => {
    const withIncidents = async (year: number) => {
      const [r] = await store.all("SELECT count(*) AS n FROM nibrs_agencies WHERE state = 'LA' AND year = ? AND incidents_all > 0", [year]);
      return Number(r!.n);
    };
    assert.equal(await withIncidents(2012), 33);
    assert.equal(await withIncidents(2016), 35);
    assert.equal(await total(store, 'nibrs.context.agencies_in_file', 'LA', 2016), 35);
  });

  it('states the absent tables in the source title and caveats, and never shows victim counts as zero', async () => {
    const [src] = await store.all("SELECT title FROM sources WHERE id = 'nibrs.LA.2012'");
    assert.match(String(src!.title), /PARTIAL copy: victim tables, Group B arrestee table absent/);
    const cav = await store.all("SELECT text FROM caveats WHERE source_id = 'nibrs.LA.2012'");
    assert.ok(cav.some((c) => /victim tables .* absent from this copy/.test(String(c.text))), 'victim caveat');
    const victims = await query(store, { measure: 'nibrs.victims.prostitution', place: 'LA', from: 2012, to: 2019 });
    assert.equal(victims.rows.length, 0);
  });

  it('D.C. 2022 partial: offense and arrestee counts for the District only, the missing incident table stated', async () => {
    assert.equal(await total(store, 'nibrs.context.offenses_all', 'DC', 2022), 70389);
    assert.equal(await total(store, 'nibrs.offenses.prostitution', 'DC', 2022), 1);
    assert.equal(await total(store, 'nibrs.offenses.purchasing_prostitution', 'DC', 2022), 13);
    assert.equal(await total(store, 'nibrs.offenses.promoting_prostitution', 'DC', 2022), 0);
    assert.equal(await total(store, 'nibrs.offenses.sex_trafficking', 'DC', 2022), 0);
    assert.equal(await total(store, 'nibrs.offenses.labor_trafficking', 'DC', 2022), 0);
    assert.equal(await total(store, 'nibrs.context.arrestees_all', 'DC', 2022), 11069);
    assert.equal(await total(store, 'nibrs.arrestees.prostitution', 'DC', 2022), 2);
    assert.equal(await total(store, 'nibrs.arrestees.purchasing_prostitution', 'DC', 2022), 12);
    const [src] = await store.all("SELECT title FROM sources WHERE id = 'nibrs.DC.2022'");
    assert.match(String(src!.title), /PARTIAL copy: .*incident table absent/);
    const cav = await store.all("SELECT text FROM caveats WHERE source_id = 'nibrs.DC.2022'");
    assert.ok(cav.some((c) => /cannot be tied to an agency or a date/.test(String(c.text))));
    // Nothing below the District: every covered observation is at place DC.
    const [sub] = await store.all("SELECT count(*) AS n FROM observations WHERE source_id = 'nibrs.DC.2022' AND place <> 'DC'");
    assert.equal(Number(sub!.n), 0);
    const [inc] = await store.all("SELECT incidents_all FROM nibrs_coverage WHERE state = 'DC'");
    assert.equal(inc!.incidents_all, null);
  });
});

// --- tiny bundles written here (not copies of official files) ---------------------------------

const LOOKUPS_2012: Record<string, string> = {
  'nibrs_offense_type.csv': 'offense_type_id,offense_code,offense_name,crime_against,ct_flag,hc_flag,hc_code,offense_category_name\n16,40A,Prostitution,Society,N,N,,Prostitution Offenses\n45,13B,Simple Assault,Person,N,N,,Assault Offenses\n',
  'ref_race.csv': 'race_id,race_code,race_desc,sort_order,start_year,end_year,notes\n1,W,White,10,,,\n2,B,Black or African American,20,,,\n',
  'nibrs_ethnicity.csv': 'ethnicity_id,ethnicity_code,ethnicity_name\n1,H,Hispanic or Latino\n2,N,Not Hispanic or Latino\n',
  'nibrs_age.csv': 'age_id,age_code,age_name\n4,00,Unknown\n5,AG,Age in Years\n',
  'nibrs_arrest_type.csv': 'arrest_type_id,arrest_type_code,arrest_type_name\n3,T,Taken into Custody\n',
  'nibrs_victim_type.csv': 'victim_type_id,victim_type_code,victim_type_name\n8,S,Society/Public\n',
};
const AGENCIES_2012 = 'agency_id,ori,agency_name,agency_type_name,state_abbr,population\n1,XX0000100,Alpha Police Department,City,LA,1000\n2,XX0000200,Beta Sheriff,County,LA,5000\n';
const PARTICIPATION_2012 = 'year,state_abbr,agency_id,agency_ori,agency_population,nibrs_participated\n2012,LA,1,XX0000100,1100,1\n2012,LA,2,XX0000200,5200,0\n';
const INCIDENTS_2012 = 'agency_id,incident_id,nibrs_month_id,incident_number,ff_line_number\n1,100,1,A1,\n1,101,1,A2,\n2,200,2,B1,\n';
const OFFENSES_2012 = 'offense_id,incident_id,offense_type_id,attempt_complete_flag,ff_line_number\n1000,100,16,C,\n1001,101,45,C,\n1002,200,16,C,\n';
const ARRESTEES_2012 = 'arrestee_id,incident_id,arrestee_seq_num,offense_type_id,age_id,age_num,sex_code,race_id,ethnicity_id,arrest_type_id\n5000,100,1,16,5,35,F,2,2,3\n5001,101,1,45,4,,M,1,1,3\n';

/** A 2012-layout folder (lower-case names, no data_year, cde_agencies + agency_participation); `edits` replace files (null = leave out). */
function oldBundle(folder: string, edits: Record<string, string | null> = {}): void {
  mkdirSync(folder, { recursive: true });
  const files: Record<string, string> = {
    ...LOOKUPS_2012,
    'cde_agencies.csv': AGENCIES_2012,
    'agency_participation.csv': PARTICIPATION_2012,
    'nibrs_incident.csv': INCIDENTS_2012,
    'nibrs_offense.csv': OFFENSES_2012,
    'nibrs_arrestee.csv': ARRESTEES_2012,
  };
  for (const [name, text] of Object.entries({ ...files, ...edits })) if (text !== null) writeFileSync(join(folder, name), text);
}

async function ingestError(dir: string): Promise<InputError> {
  const store = await Store.open(':memory:');
  try {
    await ingest(store, dir, ['nibrs']);
  } catch (e) {
    assert.ok(e instanceof InputError, `expected an InputError, got ${String(e)}`);
    return e;
  } finally {
    store.close();
  }
  assert.fail('the bundle was accepted');
}

describe('NIBRS oldest CDE layout and table subsets (tiny bundles written here)', () => {
  it('reads a 2012-layout folder: year from the folder, participation from agency_participation, age in years from age_num', async () => {
    const [dir, nibrs] = tempData();
    oldBundle(join(nibrs, 'LA-2012'));
    const store = await Store.open(':memory:');
    try {
      const report = await ingest(store, dir, ['nibrs']);
      assert.deepEqual(report.results.map((r) => [r.sourceId, r.status]), [['nibrs.LA.2012', 'loaded']]);
      assert.equal(await total(store, 'nibrs.offenses.prostitution', 'LA', 2012), 2);
      assert.equal(await total(store, 'nibrs.context.incidents_all', 'LA', 2012), 3);
      assert.equal(await total(store, 'nibrs.context.agencies_reporting', 'LA', 2012), 1);
      assert.equal(await total(store, 'nibrs.context.population_covered', 'LA', 2012), 1100);
      const [arr] = await store.all("SELECT race, sex, age_group FROM nibrs_arrestees WHERE offense_code = '40A'");
      assert.deepEqual([arr!.race, arr!.sex, arr!.age_group], ['Black or African American', 'Female', '35-44']);
      const all = await query(store, { measure: 'nibrs.context.arrestees_all', place: 'LA', from: 2012, to: 2012, by: ['age_group'] });
      assert.deepEqual(all.rows.map((r) => [r.dims.age_group, r.value]).sort(), [['35-44', 1], ['Unknown', 1]]);
    } finally {
      store.close();
    }
  });

  it('refuses a participation row for another year, naming file, line and field', async () => {
    const [dir, nibrs] = tempData();
    oldBundle(join(nibrs, 'LA-2012'), { 'agency_participation.csv': PARTICIPATION_2012.replace('2012,LA,2,', '2013,LA,2,') });
    const e = await ingestError(dir);
    assert.match(e.file, /LA-2012\/agency_participation\.csv$/);
    assert.equal(e.line, 3);
    assert.equal(e.field, 'year');
  });

  it('refuses age code "AG" without an age in years', async () => {
    const [dir, nibrs] = tempData();
    oldBundle(join(nibrs, 'LA-2012'), { 'nibrs_arrestee.csv': ARRESTEES_2012.replace('5,35,F', '5,NS,F') });
    const e = await ingestError(dir);
    assert.match(e.file, /nibrs_arrestee\.csv$/);
    assert.equal(e.line, 2);
    assert.equal(e.field, 'age_num');
  });

  it('refuses half a table group (victims without victim offenses)', async () => {
    const [dir, nibrs] = tempData();
    oldBundle(join(nibrs, 'LA-2012'), { 'NIBRS_VICTIM.csv': 'victim_id,incident_id,victim_type_id,age_id,sex_code,race_id,ethnicity_id\n' });
    const e = await ingestError(dir);
    assert.match(e.file, /NIBRS_VICTIM_OFFENSE\.csv$/);
    assert.match(e.reason, /come together/);
  });

  it('refuses a folder without the incident table unless it is named -partial, then counts for the state only', async () => {
    const [dir, nibrs] = tempData();
    oldBundle(join(nibrs, 'LA-2012'), { 'nibrs_incident.csv': null });
    const e = await ingestError(dir);
    assert.match(e.file, /NIBRS_incident\.csv$/);
    assert.match(e.reason, /-partial/);

    const [dir2, nibrs2] = tempData();
    oldBundle(join(nibrs2, 'LA-2012-partial'), { 'nibrs_incident.csv': null });
    const store = await Store.open(':memory:');
    try {
      await ingest(store, dir2, ['nibrs']);
      assert.equal(await total(store, 'nibrs.offenses.prostitution', 'LA', 2012), 2);
      const [sub] = await store.all("SELECT count(*) AS n FROM observations WHERE source_id = 'nibrs.LA.2012' AND place <> 'LA'");
      assert.equal(Number(sub!.n), 0);
    } finally {
      store.close();
    }
  });

  it('prefers a complete folder over a -partial one of the same state-year', async () => {
    const [dir, nibrs] = tempData();
    oldBundle(join(nibrs, 'LA-2012'));
    oldBundle(join(nibrs, 'LA-2012-partial'), { 'nibrs_incident.csv': null });
    const store = await Store.open(':memory:');
    try {
      const report = await ingest(store, dir, ['nibrs']);
      assert.equal(report.results.length, 1);
      const [src] = await store.all("SELECT file FROM sources WHERE id = 'nibrs.LA.2012'");
      assert.match(String(src!.file), /LA-2012$/);
    } finally {
      store.close();
    }
  });

  it('refuses repeated agency rows that differ in more than the summary participation flag', async () => {
    const [dir, nibrs] = tempData();
    const header = 'agency_id,ori,data_year,population,state_abbr,nibrs_participated,participated,pub_agency_name';
    const folder = join(nibrs, 'LA-2016');
    mkdirSync(folder, { recursive: true });
    for (const [name, text] of Object.entries(LOOKUPS_2012)) writeFileSync(join(folder, name.toUpperCase().replace('.CSV', '.csv')), text);
    writeFileSync(join(folder, 'agencies.csv'), `${header}\n1,XX0000100,2016,1000,LA,Y,Y,Alpha\n1,XX0000100,2016,1000,LA,Y,N,Alpha\n1,XX0000100,2016,2000,LA,Y,N,Alpha\n`);
    writeFileSync(join(folder, 'NIBRS_incident.csv'), 'data_year,agency_id,incident_id\n2016,1,100\n');
    writeFileSync(join(folder, 'NIBRS_OFFENSE.csv'), 'data_year,offense_id,incident_id,offense_type_id\n2016,1000,100,16\n');
    writeFileSync(join(folder, 'NIBRS_ARRESTEE.csv'), 'data_year,arrestee_id,incident_id,offense_type_id,age_id,age_num,sex_code,race_id,ethnicity_id,arrest_type_id\n');
    const e = await ingestError(dir);
    assert.match(e.file, /agencies\.csv$/);
    assert.equal(e.line, 4);
    assert.equal(e.field, 'agency_id');
  });
});
