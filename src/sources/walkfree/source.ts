// What the descriptor and the importer both state about the source (id, title, files, caveats),
// apart from the importer's code: reading the descriptor loads no parser (see ../descriptors.ts).

export const WF_DIR = 'stats/walkfree-ilo-global-estimates';
export const GSI_FILE = `${WF_DIR}/2023-Global-Slavery-Index-Data.xlsx`;
export const GEMS_FILE = `${WF_DIR}/GEMS_2022_forced_labour_by_sector.xlsx`;
export const WORLD = { id: 'WLD', kind: 'region' as const, name: 'World', parent: null };

export const GSI_CAVEATS = [
  'Modern slavery in the GSI is forced labour plus forced marriage; it is not a count of trafficking cases and says nothing about consensual sex work.',
  'Prevalence and numbers are model-based estimates: national surveys in some countries, extrapolated to others by Walk Free’s risk model; Walk Free advises against comparing them with earlier editions (methods changed).',
  'Estimated numbers are rounded by Walk Free; the 160 countries with estimates sum to about 49.6 million, the Global Estimates of Modern Slavery 2022 world total.',
  'Government-response scores are blank for countries Walk Free did not assess; a blank is not a zero.',
  'Government-response milestone scores can be negative: Walk Free subtracts points for negative indicators (for example, laws that criminalise victims); such values are kept and flagged negative_score.',
  'Vulnerability scores are higher for more vulnerable countries; government-response scores are higher for stronger responses.',
  'Citation requested by Walk Free: “Walk Free 2023, Global Slavery Index 2023”, https://www.walkfree.org/global-slavery-index/.',
];

export const WALKFREE_SOURCE = {
  id: 'walkfree',
  title: 'Walk Free Global Slavery Index 2023 and GEMS 2022 forced labour by sector',
  expects: `${GSI_FILE}, ${GEMS_FILE}`,
} as const;
