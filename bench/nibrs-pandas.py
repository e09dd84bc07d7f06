#!/usr/bin/python3
"""Baseline for bench/nibrs-bench.ts: the same selection and aggregation as `cogency ingest nibrs`,
done with pandas (Debian python3-pandas) on the same CSVs, one state-year bundle at a time:
covered offenses (40A-C, 64A-B) and incidents by agency; arrestees by agency x race x ethnicity x
sex x age x arrest type; victims via NIBRS_VICTIM_OFFENSE; all arrestees by race x ethnicity x
sex x age; incidents per agency; Group B count; coverage from the agencies table.
Prints one JSON line: seconds, peak RSS, bundles, incidents."""
import json, os, resource, sys, time
import pandas as pd

COVERED = ['40A', '40B', '40C', '64A', '64B']
root = os.path.join(sys.argv[1], 'stats', 'fbi-nibrs-extract')
t0 = time.perf_counter()
bundles = 0
incidents = 0
results = []
for name in sorted(os.listdir(root)):
    d = os.path.join(root, name)
    if not os.path.isdir(d) or name.startswith('_'):
        continue
    f = lambda t: os.path.join(d, t + '.csv')
    ag = pd.read_csv(f('agencies'), usecols=['agency_id', 'ori', 'state_abbr', 'population', 'nibrs_participated'])
    race = pd.read_csv(f('REF_RACE'), usecols=['race_id', 'race_desc'])
    eth = pd.read_csv(f('NIBRS_ETHNICITY'), usecols=['ethnicity_id', 'ethnicity_name'])
    age = pd.read_csv(f('NIBRS_AGE'), usecols=['age_id', 'age_code'], dtype={'age_code': str}, keep_default_na=False)
    atype = pd.read_csv(f('NIBRS_ARREST_TYPE'), usecols=['arrest_type_id', 'arrest_type_name'])
    vtype = pd.read_csv(f('NIBRS_VICTIM_TYPE'), usecols=['victim_type_id', 'victim_type_name'])
    inc = pd.read_csv(f('NIBRS_incident'), usecols=['agency_id', 'incident_id'])
    off = pd.read_csv(f('NIBRS_OFFENSE'), usecols=['offense_id', 'incident_id', 'offense_code'])
    arr = pd.read_csv(f('NIBRS_ARRESTEE'), usecols=['arrestee_id', 'incident_id', 'offense_code', 'age_id', 'sex_code', 'race_id', 'ethnicity_id', 'arrest_type_id'])
    vo = pd.read_csv(f('NIBRS_VICTIM_OFFENSE'), usecols=['victim_id', 'offense_id'])
    vic = pd.read_csv(f('NIBRS_VICTIM'), usecols=['victim_id', 'incident_id', 'victim_type_id', 'age_id', 'sex_code', 'race_id', 'ethnicity_id'])
    groupb = len(pd.read_csv(f('NIBRS_ARRESTEE_GROUPB'), usecols=['groupb_arrestee_id']))

    inc_ag = inc.merge(ag[['agency_id', 'ori']], on='agency_id')
    incidents_by_agency = inc_ag.groupby('ori').size()
    o = off[off.offense_code.isin(COVERED)].merge(inc_ag, on='incident_id')
    offenses = o.groupby(['ori', 'offense_code']).size()
    incs = o.groupby(['ori', 'offense_code']).incident_id.nunique()
    people = lambda x: x.merge(race, on='race_id', how='left').merge(eth, on='ethnicity_id', how='left').merge(age, on='age_id', how='left')
    arrestees_all = people(arr).groupby(['race_desc', 'ethnicity_name', 'age_code', 'sex_code'], dropna=False).size()
    a = people(arr[arr.offense_code.isin(COVERED)].merge(inc_ag, on='incident_id')).merge(atype, on='arrest_type_id', how='left')
    arrestees = a.groupby(['ori', 'offense_code', 'race_desc', 'ethnicity_name', 'sex_code', 'age_code', 'arrest_type_name'], dropna=False).size()
    v = vo.merge(o[['offense_id', 'offense_code']], on='offense_id').drop_duplicates(['victim_id', 'offense_code'])
    v = people(v.merge(vic, on='victim_id').merge(inc_ag, on='incident_id')).merge(vtype, on='victim_type_id', how='left')
    victims = v.groupby(['ori', 'offense_code', 'victim_type_name', 'race_desc', 'ethnicity_name', 'sex_code', 'age_code'], dropna=False).size()
    rep = ag[ag.nibrs_participated.isin(['Y', 't', True])]
    coverage = (len(ag), len(rep), int(rep.population.sum()), len(inc), len(off), len(arr), groupb)
    results.append((offenses, incs, arrestees, victims, arrestees_all, incidents_by_agency, coverage))
    bundles += 1
    incidents += len(inc)
print(json.dumps({
    'seconds': time.perf_counter() - t0,
    'maxRssKb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    'bundles': bundles,
    'incidents': incidents,
    'pandas': pd.__version__,
}))
