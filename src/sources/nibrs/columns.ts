// Every column name the NIBRS tables Cogency reads have carried in the releases it knows (2012–2024,
// both header eras; FORMATS.md §1 and the headers of every bundle in shared/data). A header with a
// name outside this list is a renamed or damaged column and is refused, even if that column is not read.
import { InputError } from '../errors.ts';

const KNOWN: Record<string, string> = {
  agencies:
    'agency_id agency_status agency_type_name county_name covered_by_legacy_ori covered_flag data_year direct_contributor_flag division_code division_name dormant_flag dormant_year employee_rate female_civilian female_officer female_officer+female_civilian legacy_ori male_civilian male_officer male_officer+male_civilian mip_flag msa_name ncic_agency_name nibrs_cert_date nibrs_ct_start_date nibrs_leoka_start_date nibrs_multi_bias_start_date nibrs_off_eth_start_date nibrs_participated nibrs_start_date officer_rate ori parent_pop_group_code parent_pop_group_desc participated pe_reported_flag ped.female_civilian+ped.female_officer ped.male_officer+ped.male_civilian pop_sort_order population population_group_code population_group_desc population_group_id pub_agency_name pub_agency_unit publishable_flag region_code region_desc region_name reporting_type sai state_abbr state_id state_name state_postal_abbr submitting_agency_id submitting_agency_name suburban_area_flag summary_rape_def ucr_agency_name yearly_agency_id',
  nibrs_incident:
    'agency_id cargo_theft_flag cleared_except_date cleared_except_id data_home data_year ddocname did ff_line_number incident_date incident_hour incident_id incident_number incident_status nibrs_month_id orig_format report_date_flag submission_date',
  nibrs_offense: 'attempt_complete_flag data_year ff_line_number incident_id location_id method_entry_code num_premises_entered offense_code offense_id offense_type_id',
  nibrs_arrestee:
    'age_id age_num age_range_high_num age_range_low_num arrest_date arrest_num arrest_type_id arrestee_id arrestee_seq_num clearance_ind data_year ethnicity_id ff_line_number incident_id multiple_indicator offense_code offense_type_id race_id resident_code sex_code under_18_disposition_code',
  nibrs_victim:
    'activity_type_id age_code_range_high age_id age_num age_range_low_num assignment_type_id data_year ethnicity_id incident_id outside_agency_id race_id resident_status_code sex_code victim_id victim_seq_num victim_type_id',
  nibrs_victim_offense: 'data_year offense_id victim_id',
  nibrs_arrestee_groupb:
    'age_id age_num age_range_high_num age_range_low_num arrest_date arrest_type_id arrestee_seq_num data_year ethnicity_id groupb_arrestee_id offense_code race_id resident_code sex_code under_18_disposition_code',
  nibrs_offense_type: 'crime_against ct_flag hc_code hc_flag offense_category_name offense_code offense_group offense_name offense_type_id',
  ref_race: 'end_year notes race_code race_desc race_id sort_order start_year',
  nibrs_ethnicity: 'ethnicity_code ethnicity_id ethnicity_name hc_flag',
  nibrs_age: 'age_code age_id age_name',
  nibrs_arrest_type: 'arrest_type_code arrest_type_id arrest_type_name',
  nibrs_victim_type: 'victim_type_code victim_type_id victim_type_name',
};
const KNOWN_SETS = new Map(Object.entries(KNOWN).map(([k, v]) => [k, new Set(v.split(' '))]));

/** Columns R writes for unnamed ones (`0`, `...46`, `0...47`) and an empty name: kept, never read. */
const UNNAMED = /^(0|0?\.\.\.\d+)?$/;

/** Refuse a (lower-cased) header with a column this table has never had, or a name twice. */
export function checkColumns(table: string, header: string[], file: string): void {
  const known = KNOWN_SETS.get(table);
  if (!known) return;
  const seen = new Set<string>();
  for (const name of header) {
    if (!known.has(name) && !UNNAMED.test(name)) throw new InputError(file, 1, name, `unknown column "${name}" for ${table}: renamed or damaged header (known: ${[...known].join(', ')})`);
    if (!UNNAMED.test(name) && seen.has(name)) throw new InputError(file, 1, name, `column "${name}" appears twice in the header`);
    seen.add(name);
  }
}
