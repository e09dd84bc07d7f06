// Number and label formatting shared by charts and tables.
const nf = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

export function formatValue(v: number | null, unit?: string): string {
  if (v === null) return '';
  if (unit === 'usd') return `$${nf.format(v)}`;
  return nf.format(v);
}

export function dimLabel(dim: string): string {
  return dim.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

export const PERIOD_KIND_LABEL: Record<string, string> = {
  report_year: 'report year',
  data_year: 'data year',
  fiscal_year: 'fiscal year',
  reference_year: 'reference year',
};

/** Topic labels: trafficking and prostitution are always named apart. */
export const TOPIC_LABEL: Record<string, string> = {
  sex_trafficking: 'Sex trafficking',
  labor_trafficking: 'Labor trafficking',
  trafficking_all_forms: 'Trafficking (all forms)',
  prostitution_selling: 'Prostitution (selling)',
  prostitution_promoting: 'Promoting prostitution',
  prostitution_buying: 'Purchasing prostitution',
  prostitution_all_forms: 'Prostitution and commercialized vice (all forms)',
  anti_trafficking_policy: 'Anti-trafficking policy',
  funding: 'Funding',
  context: 'Context',
};

// One implementation for the server and the explorer: bill sessions, labels, quotes.
export { ordinal, truncateWords } from '../../src/model/text.ts';
