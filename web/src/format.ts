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
import { truncateWords } from '../../src/model/text.ts';
export { ordinal, truncateWords } from '../../src/model/text.ts';

/**
 * Short labels that tell series apart, where the names do not fit: the words every name shares at its start and at its end
 * are dropped ("Arrests, all ages (FBI)" / "Arrests, under 18 (FBI)" → "all ages" / "under 18"),
 * then each is cut at a word boundary. A name with nothing of its own left keeps its full text.
 */
export function distinctiveLabels(names: string[], max: number): string[] {
  // Names that fit are clearer whole ("Sex trafficking", not "Sex").
  if (names.length < 2 || names.every((n) => n.length <= max)) return names.map((n) => truncateWords(n, max));
  const words = names.map((n) => n.split(/\s+/).filter(Boolean));
  const shortest = Math.min(...words.map((w) => w.length));
  let head = 0;
  while (head < shortest && words.every((w) => w[head] === words[0]![head])) head++;
  let tail = 0;
  while (tail < shortest - head && words.every((w) => w[w.length - 1 - tail] === words[0]![words[0]!.length - 1 - tail])) tail++;
  const norm = (word: string) => word.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
  const middles = words.map((w) => w.slice(head, w.length - tail));
  const sets = middles.map((m) => new Set(m.map(norm)));
  const trim = (text: string) => text.replace(/^[\s,;:.–—-]+|[\s,;:.–—-]+$/g, '');
  return middles.map((m, i) => {
    // Within what is left, words every other name also has say nothing about this one.
    const own = trim(m.filter((word) => !sets.every((set, j) => j === i || set.has(norm(word)))).join(' '));
    return truncateWords(own || trim(m.join(' ')) || names[i]!, max);
  });
}
