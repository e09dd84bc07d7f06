// What the TIP descriptor and importer both state about the source (its id, title, files and
// caveats), kept apart from the importer's code so that reading the descriptor loads no parser.

export const TIP_DIR = 'stats/us-state-tip-report';
export const TIERS_FILE = 'heiss_kelley_tip_tiers_1999-2015.csv';
export const INDEX_FILE = 'heiss_kelley_cho_3p_policy_index_tiers_1999-2015.csv';

export const TIP_SOURCE = {
  id: 'tip',
  title: 'Trafficking in Persons Report tiers and the 3P policy index',
  expects: `${TIP_DIR}/${TIERS_FILE}, ${TIP_DIR}/${INDEX_FILE}`,
} as const;

export const TIER_CAVEATS = [
  'The period is the TIP Report year: the report published in year Y rates each government on roughly April of Y-1 to March of Y.',
  'Tier placements are the U.S. State Department’s assessment of government efforts against trafficking, not a measure of how much trafficking occurs.',
  'Coded by Heiss & Kelley (Duke University) from Seo-Young Cho’s tier data; a third-party compilation of the reports, not an official State Department file.',
  'Special Case and not-ranked country-years are both blank in the file (the upstream codes 555 and 666 were turned into missing values), so “Special Case/not ranked” covers both.',
  'The United States is not in this file; the State Department has ranked it since the 2010 report.',
  'The file has no flag for automatic downgrades from the Tier 2 Watch List to Tier 3.',
  'Spot checks against the reports are advised: for example the file shows Libya at Tier 3 for 2011–2015, while the 2011 report may have designated Libya a Special Case.',
];

export const INDEX_CAVEATS = [
  'The 3P Anti-trafficking Policy Index (Cho, Dreher & Neumayer) scores prosecution, prevention and protection policies from 1 (no compliance) to 5 (full compliance) each; the total runs from 3 to 15.',
  'Scores cover 2000–2013 in this file; a single stray 2014 value is kept but should not be read as a series.',
  'A third-party research index built mainly from the TIP Reports and other UN and NGO reports; it rates policy on paper, not outcomes.',
];
