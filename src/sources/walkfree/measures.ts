import type { MeasureDef } from '../../model/types.ts';

const GSI =
  'Walk Free, Global Slavery Index 2023. “Modern slavery” here is forced labour plus forced marriage (ILO/Walk Free/IOM ' +
  'definitions); it is not a count of human trafficking cases or of sex work.';

const est = (id: string, label: string, definition: string, unit: string, aggregation: 'sum' | 'none'): MeasureDef => ({
  id,
  label,
  definition: `${definition} ${GSI} Modelled estimate for 2021 (the reference year of the Global Estimates of Modern Slavery 2022); the period is that reference year.`,
  unit,
  valueType: 'estimate',
  aggregation,
  periodKind: 'reference_year',
  topic: 'context',
  family: 'walkfree',
  dimensions: ['region'],
});

const score = (id: string, label: string, what: string): MeasureDef => ({
  id,
  label,
  definition: `${what} ${GSI} Period: the GSI edition year (2023), scoring conditions and government action up to 2022.`,
  unit: 'score (0–100)',
  valueType: 'score',
  aggregation: 'none',
  periodKind: 'report_year',
  topic: id.includes('government_response') ? 'anti_trafficking_policy' : 'context',
  family: 'walkfree',
  dimensions: ['region'],
});

/** Sheet column (exact header text) → measure. */
export const GSI_COLUMNS: { header: string; measure: MeasureDef; min: number; max: number }[] = [
  { header: 'Population', min: 0, max: 2e9, measure: est('walkfree.gsi.population', 'Population used by the GSI', 'Population of the country as used by Walk Free to turn prevalence into numbers.', 'people', 'sum') },
  {
    header: 'Estimated prevalence of modern slavery per 1,000 population',
    min: 0,
    max: 1000,
    measure: est('walkfree.gsi.prevalence_per_1000', 'Prevalence of modern slavery per 1,000 people (GSI)', 'Estimated number of people in modern slavery per 1,000 population on a given day.', 'per 1,000 population', 'none'),
  },
  {
    header: 'Estimated number of people in modern slavery',
    min: 0,
    max: 1e9,
    measure: est('walkfree.gsi.estimated_number', 'People in modern slavery, estimated number (GSI)', 'Estimated number of people in modern slavery on a given day (rounded by Walk Free).', 'people', 'sum'),
  },
  { header: 'Governance issues', min: 0, max: 100, measure: score('walkfree.gsi.vulnerability.governance_issues', 'Vulnerability: governance issues (GSI)', 'Vulnerability to modern slavery, governance issues dimension (higher = more vulnerable).') },
  { header: 'Lack of basic needs', min: 0, max: 100, measure: score('walkfree.gsi.vulnerability.lack_of_basic_needs', 'Vulnerability: lack of basic needs (GSI)', 'Vulnerability to modern slavery, lack of basic needs dimension (higher = more vulnerable).') },
  { header: 'Inequality', min: 0, max: 100, measure: score('walkfree.gsi.vulnerability.inequality', 'Vulnerability: inequality (GSI)', 'Vulnerability to modern slavery, inequality dimension (higher = more vulnerable).') },
  { header: 'Disenfranchised groups', min: 0, max: 100, measure: score('walkfree.gsi.vulnerability.disenfranchised_groups', 'Vulnerability: disenfranchised groups (GSI)', 'Vulnerability to modern slavery, disenfranchised groups dimension (higher = more vulnerable).') },
  { header: 'Effects of conflict', min: 0, max: 100, measure: score('walkfree.gsi.vulnerability.effects_of_conflict', 'Vulnerability: effects of conflict (GSI)', 'Vulnerability to modern slavery, effects of conflict dimension (higher = more vulnerable).') },
  { header: 'Total Vulnerability score (%)', min: 0, max: 100, measure: score('walkfree.gsi.vulnerability.total', 'Vulnerability to modern slavery, total (GSI)', 'Overall vulnerability score in percent (higher = more vulnerable).') },
  {
    header: 'Survivors of slavery are identified and supported to exit and remain out of modern slavery (%)',
    min: -100,
    max: 100,
    measure: score('walkfree.gsi.government_response.survivors_supported', 'Government response: survivors identified and supported (GSI)', 'Government response milestone 1, percent of indicators met (higher = stronger response).'),
  },
  {
    header: 'Criminal justice mechanisms function effectively to prevent modern slavery (%)',
    min: -100,
    max: 100,
    measure: score('walkfree.gsi.government_response.criminal_justice', 'Government response: criminal justice (GSI)', 'Government response milestone 2, percent of indicators met (higher = stronger response).'),
  },
  {
    header: 'Coordination occurs at the national and regional level and across borders, and governments are held to account for their response (%)',
    min: -100,
    max: 100,
    measure: score('walkfree.gsi.government_response.coordination', 'Government response: coordination and accountability (GSI)', 'Government response milestone 3, percent of indicators met (higher = stronger response).'),
  },
  {
    header: 'Risk factors, such as attitudes, social systems, and institutions that enable modern slavery are addressed (%)',
    min: -100,
    max: 100,
    measure: score('walkfree.gsi.government_response.risk_factors', 'Government response: risk factors addressed (GSI)', 'Government response milestone 4, percent of indicators met (higher = stronger response).'),
  },
  {
    header: 'Government and business stop sourcing goods and services produced by forced labour (%)',
    min: -100,
    max: 100,
    measure: score('walkfree.gsi.government_response.supply_chains', 'Government response: supply chains (GSI)', 'Government response milestone 5, percent of indicators met (higher = stronger response).'),
  },
  { header: 'Government response total (%)', min: -100, max: 100, measure: score('walkfree.gsi.government_response.total', 'Government response, total (GSI)', 'Overall government response score in percent (higher = stronger response).') },
];

export const GEMS_SECTOR_MEASURE: MeasureDef = {
  id: 'ilo.gems.forced_labour_by_sector',
  label: 'People in forced labour by sector, world (Global Estimates of Modern Slavery 2022, transcription)',
  definition:
    'Estimated number of people in forced labour exploitation in the private economy on a given day in 2021, by economic ' +
    'sector (dimension sector), worldwide, from ILO, Walk Free & IOM, Global Estimates of Modern Slavery (2022), as transcribed ' +
    'into a spreadsheet by third parties in millions rounded to 0.1 and stored here as people. Forced commercial sexual ' +
    'exploitation (6.3 million) and state-imposed forced labour (3.9 million) are not in this table. The period is the reference year.',
  unit: 'people',
  valueType: 'estimate',
  aggregation: 'sum',
  periodKind: 'reference_year',
  topic: 'context',
  family: 'walkfree',
  dimensions: ['sector'],
};
