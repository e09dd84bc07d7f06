// All rubric rules, one data module per kind.
import type { RuleSpec } from './types.ts';
import prostitution_penalty_increase from './prostitution_penalty_increase.ts';
import loitering_for_prostitution from './loitering_for_prostitution.ts';
import prostitution_free_zone from './prostitution_free_zone.ts';
import mandatory_sentencing from './mandatory_sentencing.ts';
import buyer_criminalization from './buyer_criminalization.ts';
import third_party_broadening from './third_party_broadening.ts';
import trafficking_definition_broadened from './trafficking_definition_broadened.ts';
import online_platform_liability from './online_platform_liability.ts';
import massage_business_targeting from './massage_business_targeting.ts';
import awareness_campaign from './awareness_campaign.ts';
import funding_condition_anti_prostitution from './funding_condition_anti_prostitution.ts';
import immigration_penalty from './immigration_penalty.ts';
import decriminalization from './decriminalization.ts';
import vacatur_record_relief from './vacatur_record_relief.ts';
import restitution from './restitution.ts';
import victim_non_criminalization from './victim_non_criminalization.ts';
import screening_and_services from './screening_and_services.ts';
import mandated_diversion from './mandated_diversion.ts';
import reporting_immunity from './reporting_immunity.ts';
import police_misconduct_ban from './police_misconduct_ban.ts';
import labor_trafficking_focus from './labor_trafficking_focus.ts';
import data_and_accountability from './data_and_accountability.ts';
import immigration_relief from './immigration_relief.ts';

export const RULES: readonly RuleSpec[] = [
  prostitution_penalty_increase, loitering_for_prostitution, prostitution_free_zone, mandatory_sentencing,
  buyer_criminalization, third_party_broadening, trafficking_definition_broadened, online_platform_liability,
  massage_business_targeting, awareness_campaign, funding_condition_anti_prostitution, immigration_penalty,
  decriminalization, vacatur_record_relief, restitution, victim_non_criminalization, screening_and_services,
  mandated_diversion, reporting_immunity, police_misconduct_ban, labor_trafficking_focus, data_and_accountability,
  immigration_relief,
];
export * from './types.ts';
