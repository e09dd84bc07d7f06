// Data Package resources for the analyses (hidden-population estimates, …). Each reads a table
// only its source creates, so it is listed with `requires` and left out until that source loads.
import type { Field, FieldType, TableDef } from './datapackage.ts';

const f = (name: string, type: FieldType, description: string): Field => ({ name, type, description });

export function analysisTables(): TableDef[] {
  return [
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
        f('count', 'integer', 'cases with that capture history'),
        f('line', 'integer', 'line in the source file (header = 1)'),
      ],
      select: 'SELECT source_id, study, lists, history, count, line FROM mse_overlap ORDER BY study, history',
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
        f('citation_id', 'string', 'citation of the overlap table'),
      ],
      select: 'SELECT source_id, study, title, place, population, period_label, period_kind, lists, observed, estimate, dark_figure, ci95_low, ci95_high, ci95_method, ci95_at_edge, ci80_low, ci80_high, main_effects_estimate, two_list_effects, non_overlapping_effects, replicates, seed, published_estimate, published_citation, citation_id FROM mse_estimates ORDER BY study',
    },
  ];
}
