// Data Package resources for the analyses (hidden-population estimates, …). Each reads a table
// only its source creates, so it is listed with `requires` and left out until that source loads.
import { fileURLToPath } from 'node:url';
import type { Field, FieldType, TableDef } from './datapackage.ts';
import { FUNNEL_FILE } from '../analysis/funnel.ts';
import { ESTIMATED_VICTIMS, FUNDING_MEASURE, IDENTIFIED_VICTIMS } from '../analysis/funding.ts';
import { MSE_STUDIES } from '../methods/mse/studies.ts';
import { SUPPRESSION_THRESHOLD } from '../analysis/disclosure.ts';

const f = (name: string, type: FieldType, description: string): Field => ({ name, type, description });

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

export function analysisTables(): TableDef[] {
  return [
    {
      name: 'funnel_stages',
      title: 'Enforcement funnel: stage declarations',
      description:
        'Each stage of each enforcement funnel with the measure it reads (values are in the observations table), its unit, period kind and cohort rule. ' +
        'Sex trafficking, labor trafficking, child exploitation and prostitution are separate funnels. A ratio between two stages is meaningful only when unit and period kind match and neither is a stock; even then the counts are of events in the same year, not a cohort.',
      primaryKey: ['funnel', 'level', 'stage_order', 'measure', 'filter'],
      fields: [
        f('funnel', 'string', 'funnel id'),
        f('funnel_title', 'string', 'what the funnel follows'),
        f('topic', 'string', 'one topic per funnel (sex_trafficking, labor_trafficking, child_exploitation, prostitution_selling, …)'),
        f('level', 'string', 'state, national or global'),
        f('stage_order', 'integer', 'position of the stage in the funnel'),
        f('stage', 'string', 'stage key (referral, prosecution, conviction, offense, arrest, …)'),
        f('stage_label', 'string', 'what the series counts'),
        f('measure', 'string', 'measure id in the measures/observations tables'),
        f('filter', 'string', 'dimension=value the series is restricted to, if any'),
        f('unit', 'string', 'person, defendant-case, case, offense, incident, arrest or conviction'),
        f('period_kind', 'string', 'fiscal, calendar or reporting-year'),
        f('cohort_rule', 'string', 'event-year (counted in the year of the event), cohort, or stock (a count on one day)'),
        f('publisher', 'string', 'who counts it'),
        f('note', 'string', 'what to know before comparing'),
      ],
      select: `SELECT funnel, funnel_title, topic, level, CAST(stage_order AS INTEGER) AS stage_order, stage, stage_label, measure, coalesce(filter, '') AS filter, unit, period_kind, cohort_rule, publisher, note
               FROM read_csv(${sqlString(fileURLToPath(FUNNEL_FILE))}, header = true, all_varchar = true) ORDER BY funnel, level, stage_order, measure, filter`,
    },
    {
      name: 'funding_against_need',
      title: 'U.S. anti-trafficking grants abroad per estimated victim and per identified victim',
      description:
        'U.S. anti-trafficking project funding abroad by recipient country and grant year (nominal USD, Kelley/Heiss coding) beside the Walk Free GSI 2023 estimate of people in modern slavery for the reference year 2021. ' +
        'usd_per_estimated_victim divides grant-year dollars by the 2021 estimate: year_gap says how far apart the two years are. Regional projects are not split among countries. From 2011 the project lists cover far less (recording break).',
      primaryKey: ['country', 'grant_year'],
      fields: [
        f('country', 'string', 'recipient country (ISO 3166-1 alpha-3)'),
        f('grant_year', 'integer', 'grant (fiscal) year'),
        f('amount_usd', 'number', 'sum of project amounts stated that year (nominal USD)'),
        f('projects', 'integer', 'projects listed that year (with or without an amount)'),
        f('estimated_victims', 'number', 'people in modern slavery, Walk Free GSI estimate'),
        f('denominator_year', 'integer', 'the year the estimate describes'),
        f('year_gap', 'integer', 'grant_year − denominator_year'),
        f('usd_per_estimated_victim', 'number', 'amount_usd / estimated_victims'),
        f('after_recording_break', 'boolean', 'grant year 2011 or later (lists cover far less)'),
        f('identified_victims', 'number', 'victims the country itself identified (TIP law-enforcement data), latest year held; empty when there is none'),
        f('identified_victims_year', 'integer', 'the year that figure describes'),
        f('identified_victims_status', 'string', 'value; "no figure" (loaded, not for this country); "no country figure in the record" (held worldwide and by region only); "not loaded" — never zero'),
        f('usd_per_identified_victim', 'number', 'amount_usd / identified_victims, where the country figure exists'),
      ],
      select: `WITH g AS (SELECT o.place, o.period AS grant_year, sum(o.value) AS amount, count(*) AS projects
                         FROM observations o JOIN places p ON p.id = o.place WHERE o.measure = ${sqlString(FUNDING_MEASURE)} AND p.kind = 'country' GROUP BY o.place, o.period),
                    w AS (SELECT place, max(period) AS denominator_year, arg_max(value, period) AS estimated_victims FROM observations WHERE measure = ${sqlString(ESTIMATED_VICTIMS)} GROUP BY place),
                    iv AS (SELECT o.place, max(o.period) AS iv_year, arg_max(o.value, o.period) AS identified
                           FROM observations o JOIN places p ON p.id = o.place WHERE o.measure = ${sqlString(IDENTIFIED_VICTIMS)} AND p.kind = 'country' GROUP BY o.place)
               SELECT g.place AS country, g.grant_year, g.amount AS amount_usd, g.projects, w.estimated_victims, w.denominator_year, g.grant_year - w.denominator_year AS year_gap,
                      CASE WHEN w.estimated_victims > 0 THEN round(g.amount / w.estimated_victims, 2) END AS usd_per_estimated_victim, g.grant_year >= 2011 AS after_recording_break,
                      iv.identified AS identified_victims, iv.iv_year AS identified_victims_year,
                      CASE WHEN NOT EXISTS (SELECT 1 FROM measures WHERE id = ${sqlString(IDENTIFIED_VICTIMS)}) THEN 'not loaded'
                           WHEN NOT EXISTS (SELECT 1 FROM iv) THEN 'no country figure in the record'
                           WHEN iv.identified IS NULL THEN 'no figure' ELSE 'value' END AS identified_victims_status,
                      CASE WHEN iv.identified > 0 THEN round(g.amount / iv.identified, 2) END AS usd_per_identified_victim
               FROM g LEFT JOIN w ON w.place = g.place LEFT JOIN iv ON iv.place = g.place ORDER BY country, grant_year`,
    },
    {
      name: 'service_directory_services',
      title: 'Services in loaded directories (Open Referral HSDS model)',
      description:
        'One row per service with the directory, organization, population served (sex workers, sex-trafficking victims, labor-trafficking victims, or trafficking of a kind not stated) and service area. Contact fields are not included: the loaded directories state no terms that allow republishing them.',
      requires: 'hsds_services',
      primaryKey: ['directory', 'service_id', 'area_country', 'area_region'],
      fields: [
        f('directory', 'string', 'directory id'),
        f('service_id', 'string', 'service id'),
        f('organization', 'string', 'organization name'),
        f('service', 'string', 'service name'),
        f('categories', 'string', 'kinds of help (JSON array)'),
        f('population', 'string', 'who the service is for'),
        f('area_country', 'string', 'service area: country (ISO3)'),
        f('area_region', 'string', 'service area: state or region code'),
      ],
      select: `SELECT s.directory, s.id AS service_id, o.name AS organization, s.name AS service, s.categories, s.population, a.country AS area_country, coalesce(a.region, '') AS area_region
               FROM hsds_services s JOIN hsds_organizations o ON o.id = s.organization_id AND o.directory = s.directory
               LEFT JOIN hsds_service_areas a ON a.service_id = s.id AND a.directory = s.directory ORDER BY s.directory, s.id, area_country, area_region`,
    },
    {
      name: 'mse_overlap',
      title: 'List-overlap counts for multiple systems estimation',
      description:
        'Identified (potential or presumed) trafficking victims by the combination of lists they appear on, per study (SparseMSE 2.0.1 data sets). Aggregated counts, no individual records.',
      requires: 'mse_overlap',
      primaryKey: ['study', 'history'],
      foreignKeys: [{ fields: ['source_id'], reference: { resource: 'sources', fields: ['id'] } }],
      fields: [
        f('source_id', 'string', 'the source'),
        f('study', 'string', 'study / data set id, e.g. UKdat_5'),
        f('lists', 'string', 'the lists in column order (JSON array)'),
        f('history', 'string', 'capture history: one 0/1 digit per list, in the order of lists'),
        f('count', 'integer', 'cases with that capture history; empty where withheld (1–9 cases in a study below state level)'),
        f('withheld', 'boolean', 'the count is withheld by disclosure control'),
        f('line', 'integer', 'line in the source file (header = 1)'),
      ],
      // Sub-state studies (New Orleans, the western U.S. site) have at least two small cells each, so withholding every
      // 1–9 cell leaves none recoverable from the observed total (checked in the tests).
      select: `SELECT source_id, study, lists, history,
                      CASE WHEN study IN (${MSE_STUDIES.filter((s) => s.subState).map((s) => sqlString(s.id)).join(', ')}) AND count BETWEEN 1 AND ${SUPPRESSION_THRESHOLD - 1} THEN NULL ELSE count END AS count,
                      study IN (${MSE_STUDIES.filter((s) => s.subState).map((s) => sqlString(s.id)).join(', ')}) AND count BETWEEN 1 AND ${SUPPRESSION_THRESHOLD - 1} AS withheld, line
               FROM mse_overlap ORDER BY study, history`,
    },
    {
      name: 'mse_estimates',
      title: 'Hidden-population estimates (multiple systems estimation)',
      description:
        'Estimated total population (observed + never listed) per study: Poisson log-linear model with two-list effects chosen stepwise as in SparseMSE; BCa bootstrap intervals repeating the model selection (1,000 resamples, seed 1234). ' +
        'The observed count is beside every estimate. A figure is annual only where period_kind is single-year. Read the published critiques of the method (Cogency MSE page) before use.',
      requires: 'mse_estimates',
      primaryKey: ['study'],
      foreignKeys: [{ fields: ['source_id'], reference: { resource: 'sources', fields: ['id'] } }],
      fields: [
        f('source_id', 'string', 'the source of the overlap counts'),
        f('study', 'string', 'study / data set id'),
        f('title', 'string', 'what the lists count, where and when'),
        f('place', 'string', 'ISO3 country'),
        f('population', 'string', 'who is counted (sex and labour trafficking are not separated unless stated)'),
        f('period_label', 'string', 'how to read the figure in time; "not an annual figure" unless the lists cover one year'),
        f('period_kind', 'string', 'single-year or not-stated'),
        f('lists', 'string', 'the lists (JSON array)'),
        f('observed', 'integer', 'cases on at least one list'),
        f('estimate', 'number', 'estimated total: observed + never listed'),
        f('dark_figure', 'number', 'estimated number never listed, exp(intercept)'),
        f('ci95_low', 'number', '95% interval, lower end'),
        f('ci95_high', 'number', '95% interval, upper end'),
        f('ci95_method', 'string', 'how the interval was made'),
        f('ci95_at_edge', 'boolean', 'an end of the interval lies at the edge of the bootstrap distribution: not reliable'),
        f('ci80_low', 'number', '80% interval, lower end'),
        f('ci80_high', 'number', '80% interval, upper end'),
        f('main_effects_estimate', 'number', 'the estimate of the main-effects model, for comparison'),
        f('two_list_effects', 'string', 'two-list effects chosen, in the order added (JSON array)'),
        f('non_overlapping_effects', 'string', 'chosen effects between lists with no case in common, fitted as −∞ (JSON array)'),
        f('replicates', 'integer', 'bootstrap resamples'),
        f('seed', 'integer', 'random seed of the bootstrap'),
        f('published_estimate', 'number', 'the figure the study published, where its model is known'),
        f('published_citation', 'string', 'where it was published'),
        f('published_comparisons', 'string', 'other published figures beside ours (JSON array): reproductions of a known model with the difference, and published ranges whose model is not known here (comparison only, insideRange)'),
        f('citation_id', 'string', 'citation of the overlap table'),
      ],
      select: 'SELECT source_id, study, title, place, population, period_label, period_kind, lists, observed, estimate, dark_figure, ci95_low, ci95_high, ci95_method, ci95_at_edge, ci80_low, ci80_high, main_effects_estimate, two_list_effects, non_overlapping_effects, replicates, seed, published_estimate, published_citation, published_comparisons, citation_id FROM mse_estimates ORDER BY study',
    },
  ];
}
