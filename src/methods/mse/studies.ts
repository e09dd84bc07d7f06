// The published multiple-systems-estimation studies whose list-overlap counts are in the shared
// data (SparseMSE 2.0.1 data sets), what each published, and the published critiques of the
// method. Content, cited. A published point figure is tied to a table only where its model is known
// and it is reproduced (tests, ±1); published ranges whose model is not known here are shown beside
// the estimate for comparison only, and what could not be found is said in searchNote.

export const SPARSEMSE_DIR = 'stats/mse-hidden-population/sparsemse-2.0.1';

export interface PublishedFigure {
  estimate: number;
  /** The published interval or range, as published. */
  interval: string | null;
  model: string;
  citation: string;
  url: string;
}

export interface MseStudy {
  id: string;
  file: string;
  title: string;
  place: string;
  /** What the period of the lists is, in words. */
  period: string;
  /**
   * single-year: the lists cover one year, so the estimate is for that year. Anything else is
   * never labelled annual: the page and API say "total over the lists' period".
   */
  periodKind: 'single-year' | 'not-stated';
  /** Below state level (a metro area, a site): overlap cells of 1–9 cases are withheld in every output. */
  subState: boolean;
  population: string;
  listsDescription: string;
  citation: string;
  url: string;
  /** The figure the study published, where its model is known and the figure was checked here. */
  published: PublishedFigure | null;
  /**
   * Other published figures for the same data, shown beside ours: independent reproductions whose
   * model is known (checked within ±1 in the tests) and published ranges whose model is not known
   * here (shown, never used as a check).
   */
  comparisons: PublishedComparison[];
  /** Why no published point is checked against this table (what was looked for and not found); empty where one is. */
  searchNote: string;
  note: string;
}

/** Which of Cogency's figures a published one is set beside. */
export type ComparedFigure = 'stepwise' | 'main-effects';

export interface PublishedComparison {
  /** What the published figure is, in words. */
  label: string;
  /** A point estimate, as published (null for a range only). */
  point: number | null;
  /** A published range or interval, as published (null when none). */
  low: number | null;
  high: number | null;
  /** Cogency's figure it is set beside. */
  compareWith: ComparedFigure;
  /**
   * The model behind the figure is known and is the one Cogency fits, so the point must be
   * reproduced within ±1 (an integration test checks it). False: shown for comparison only.
   */
  modelKnown: boolean;
  citation: string;
  url: string;
}

const SPARSEMSE = 'Chan, L., Silverman, B. W. & Vincent, K. SparseMSE 2.0.1 (R package, CRAN, GPL ≥ 2), data set';
const HOME_OFFICE =
  'Silverman, B. W. (2014). Modern slavery: an application of multiple systems estimation. Home Office, London (published 29 November 2014)';
const HOME_OFFICE_URL = 'https://www.gov.uk/government/publications/modern-slavery-an-application-of-multiple-systems-estimation';

const BINETTE_STEORTS =
  'Binette, O. & Steorts, R. C. (2021). On the reliability of multiple systems estimation for the quantification of modern slavery. arXiv:2112.01594';
/** Their analysis code, where the published ranges they compare against are listed (analyses/real_data/real_data_analysis.Rmd). */
const BINETTE_STEORTS_CODE = 'https://github.com/OlivierBinette/MSETools';
const compiledRange = (place: string, low: number, high: number): PublishedComparison => ({
  label: `published range for ${place}, as compiled by Binette & Steorts for their comparison of estimators (the model behind it is not known here)`,
  point: null,
  low,
  high,
  compareWith: 'stepwise',
  modelKnown: false,
  citation: `${BINETTE_STEORTS}; the range as listed in their analysis code (MSETools, analyses/real_data/real_data_analysis.Rmd, "published_estimates")`,
  url: BINETTE_STEORTS_CODE,
});
const NOT_FOUND = (what: string) =>
  `${what} could not be read in the material searched for this page (stored copies of the papers' opening pages, the SparseMSE package's code and manual pages, and Binette & Steorts' replication code), so no published point estimate is checked against this table.`;

export const MSE_STUDIES: MseStudy[] = [
  {
    id: 'UKdat_5',
    file: 'UKdat_5.derived.csv',
    title: 'United Kingdom 2013 — potential victims of trafficking, five lists (police forces and NCA merged)',
    place: 'GBR',
    period: '2013 (National Crime Agency strategic assessment 2013)',
    periodKind: 'single-year',
    subState: false,
    population: 'potential victims of human trafficking (sex and labour exploitation together; the lists do not separate them)',
    listsDescription: 'LA local authorities; NG non-government organisations; PFNCA police forces and National Crime Agency; GO government organisations; GP general public',
    citation: `${SPARSEMSE} UKdat_5; ${HOME_OFFICE}`,
    url: HOME_OFFICE_URL,
    published: {
      estimate: 11313,
      interval: '10,000 to 13,000 (as published, rounded)',
      model: 'stepwise selection of two-list effects on the five lists, as reproduced here',
      citation: HOME_OFFICE,
      url: HOME_OFFICE_URL,
    },
    comparisons: [
      {
        label: 'SparseMSE stepwise estimate (p < 0.02) for the UK 2013 data, as printed by Binette & Steorts’ MSETools (their UK figures are those of this five-list table), with its bootstrap interval',
        point: 11312.99, low: 9232.646, high: 15042.869, compareWith: 'stepwise', modelKnown: true,
        citation: `${BINETTE_STEORTS}; MSETools README, estimates(sparsemse(UK))`, url: BINETTE_STEORTS_CODE,
      },
      {
        label: 'independence (main-effects) model for the same data, same source, with its interval',
        point: 13444.13, low: 12004.03, high: 15160.33, compareWith: 'main-effects', modelKnown: true,
        citation: `${BINETTE_STEORTS}; MSETools README, estimates(independence(UK))`, url: BINETTE_STEORTS_CODE,
      },
    ],
    searchNote: '',
    note: 'The Home Office figure is the one behind the Modern Slavery Act 2015 strategy; the published text rounds the interval.',
  },
  {
    id: 'UKdat',
    file: 'UKdat.derived.csv',
    title: 'United Kingdom 2013 — potential victims of trafficking, six lists',
    place: 'GBR',
    period: '2013 (National Crime Agency strategic assessment 2013)',
    periodKind: 'single-year',
    subState: false,
    population: 'potential victims of human trafficking (sex and labour exploitation together)',
    listsDescription: 'LA local authorities; NG non-government organisations; PF police forces; GO government organisations; GP general public; NCA National Crime Agency',
    citation: `${SPARSEMSE} UKdat; ${HOME_OFFICE}`,
    url: HOME_OFFICE_URL,
    published: null,
    comparisons: [
      {
        label: 'Home Office published range for the same cases (the published estimate was made by stepwise selection; its point figure is reproduced here from the five-list table)',
        point: null, low: 10000, high: 13000, compareWith: 'stepwise', modelKnown: false,
        citation: `${HOME_OFFICE}; the range as restated in Silverman (2020), summary`, url: HOME_OFFICE_URL,
      },
    ],
    searchNote: 'Silverman (2020, summary) says the published estimate “was obtained by a stepwise multiple systems method based on six lists”; the point figure 11,313 is reproduced here from the five-list table (police forces and NCA merged), and this six-list table gives a different figure under the same method, so it is compared with the published range only.',
    note: 'The same cases as the five-list table with police forces and the NCA kept apart.',
  },
  {
    id: 'Ned',
    file: 'Ned.derived.csv',
    title: 'Netherlands — presumed victims of trafficking, six lists',
    place: 'NLD',
    period: 'not stated in the package documentation (see Silverman 2020, Table 2)',
    periodKind: 'not-stated',
    subState: false,
    population: 'presumed victims of human trafficking registered in the Netherlands',
    listsDescription: 'six registration sources labelled I, K, O, P, R, Z',
    citation: `${SPARSEMSE} Ned; Silverman, B. W. (2020). Multiple-systems analysis for the quantification of modern slavery: classical and Bayesian approaches. J. R. Statist. Soc. A 183(3), 691–736`,
    url: 'https://doi.org/10.1111/rssa.12505',
    published: null,
    comparisons: [compiledRange('the Netherlands', 42000, 58000)],
    searchNote: NOT_FOUND('The estimates of Silverman (2020) and of Chan, Silverman & Vincent (2021) for the Netherlands data, and the models behind them,'),
    note: 'Two pairs of lists share no case; the stepwise model fits them as non-overlapping (their histories removed).',
  },
  {
    id: 'Ned_5',
    file: 'Ned_5.derived.csv',
    title: 'Netherlands — presumed victims of trafficking, five lists (I and O merged)',
    place: 'NLD',
    period: 'not stated in the package documentation',
    periodKind: 'not-stated',
    subState: false,
    population: 'presumed victims of human trafficking registered in the Netherlands',
    listsDescription: 'IO (the two smallest lists merged), K, P, R, Z',
    citation: `${SPARSEMSE} Ned_5`,
    url: 'https://cran.r-project.org/package=SparseMSE',
    published: null,
    comparisons: [compiledRange('the Netherlands (six lists; this is the five-list version)', 42000, 58000)],
    searchNote: NOT_FOUND('A published estimate for this five-list version and its model'),
    note: '',
  },
  {
    id: 'NewOrl',
    file: 'NewOrl.derived.csv',
    title: 'Greater New Orleans — victims of human trafficking, eight lists',
    place: 'USA',
    period: 'not stated in the package documentation (see Bales, Murphy & Silverman 2020)',
    periodKind: 'not-stated',
    subState: true,
    population: 'victims of human trafficking (sex and labour together) known to local non-profits and law enforcement in the New Orleans–Metairie area',
    listsDescription: 'eight agencies, labelled A–H for confidentiality',
    citation: `${SPARSEMSE} NewOrl; Bales, K., Murphy, L. T. & Silverman, B. W. (2020). How many trafficked people are there in Greater New Orleans? Lessons in measurement. Journal of Human Trafficking 6, 375–387`,
    url: 'https://doi.org/10.1080/23322705.2019.1634936',
    published: null,
    comparisons: [compiledRange('Greater New Orleans', 650, 1700)],
    searchNote: NOT_FOUND('The estimate of Bales, Murphy & Silverman (2020) and of Chan, Silverman & Vincent (2021) for the New Orleans data, and the models behind them,'),
    note: 'Eight small lists; most combinations are empty, which is exactly the sparse case the method was built for.',
  },
  {
    id: 'NewOrl_5',
    file: 'NewOrl_5.derived.csv',
    title: 'Greater New Orleans — victims of human trafficking, five lists (B, E, F, G merged)',
    place: 'USA',
    period: 'not stated in the package documentation',
    periodKind: 'not-stated',
    subState: true,
    population: 'victims of human trafficking known to local agencies in the New Orleans–Metairie area',
    listsDescription: 'A, BEFG (four smallest lists merged), C, D, H',
    citation: `${SPARSEMSE} NewOrl_5`,
    url: 'https://cran.r-project.org/package=SparseMSE',
    published: null,
    comparisons: [compiledRange('Greater New Orleans (eight lists; this is the five-list version)', 650, 1700)],
    searchNote: NOT_FOUND('A published estimate for this five-list version and its model'),
    note: '',
  },
  {
    id: 'Western',
    file: 'Western.derived.csv',
    title: 'A U.S. western site — victims of sex trafficking, five lists',
    place: 'USA',
    period: 'not stated in the package documentation (see Farrell et al. 2019)',
    periodKind: 'not-stated',
    subState: true,
    population: 'victims related to sex trafficking (this table is sex trafficking only)',
    listsDescription: 'five sources labelled A–E for confidentiality',
    citation: `${SPARSEMSE} Western; Farrell, A., Dank, M., Kfafian, M., Lockwood, S., Pfeffer, R., Hughes, A. & Vincent, K. (2019). Capturing human trafficking victimization through crime reporting. National Institute of Justice, grant 2015-VF-GX-0105`,
    url: 'https://www.ncjrs.gov/pdffiles1/nij/grants/252520.pdf',
    published: null,
    comparisons: [compiledRange('the U.S. western site', 1600, 3600)],
    searchNote: NOT_FOUND('The estimate of Farrell et al. (2019, NIJ 252520) for the western site and that of Chan, Silverman & Vincent (2021) for this table, and the models behind them,'),
    note: '',
  },
];

export function findStudy(id: string): MseStudy | undefined {
  return MSE_STUDIES.find((s) => s.id === id);
}

export interface Critique {
  claim: string;
  citation: string;
  url: string;
}

/** Published critiques and limits of multiple systems estimation for trafficking, shown beside every estimate. */
export const MSE_CRITIQUES: Critique[] = [
  {
    claim:
      'With lists this sparse, including only the two-list effects that reach statistical significance overstates how reliable the estimate is, and if the assumed-absent effects are in fact present the procedure is unsound; the authors conclude MSE is not a suitable method for counting potential victims of modern slavery in the UK.',
    citation:
      'Whitehead, J., Jackson, J., Balch, A. & Francis, B. (2021). On the unreliability of multiple systems estimation for estimating the number of potential victims of modern slavery in the UK. Journal of Human Trafficking 7(1), 1–13',
    url: 'https://doi.org/10.1080/23322705.2019.1660952',
  },
  {
    claim:
      'A small proportion of the possible models give rather different answers, and other model-fitting approaches may choose one of them: the estimate depends on how the interactions between lists are modelled.',
    citation: 'Silverman, B. W. (2020). Multiple-systems analysis for the quantification of modern slavery: classical and Bayesian approaches. J. R. Statist. Soc. A 183(3), 691–736',
    url: 'https://doi.org/10.1111/rssa.12505',
  },
  {
    claim:
      'When pairs of lists share no case, the usual maximum likelihood estimate may not exist or may not be identifiable, and information criteria (AIC, BIC) can mislead; existence must be checked before fitting and intervals should account for model selection.',
    citation:
      'Chan, L., Silverman, B. W. & Vincent, K. (2021). Multiple systems estimation for sparse capture data: inferential challenges when there are nonoverlapping lists. Journal of the American Statistical Association 116(535), 1297–1306',
    url: 'https://doi.org/10.1080/01621459.2019.1708748',
  },
  {
    claim:
      'Estimates for modern slavery data change materially when a list is left out or when lists are combined, so the choice and grouping of lists is itself a modelling decision.',
    citation:
      'Sharifi Far, S., King, R. et al. (published online 2020). Multiple systems estimation for modern slavery: robustness of list omission and combination. Crime & Delinquency',
    url: 'https://doi.org/10.1177/0011128720951429',
  },
  {
    claim:
      'The model assumes a closed population over the lists’ period, that every case is matched correctly across lists, that all lists count the same kind of case, and that dependence between lists is captured by the two-list effects included. Lists of "potential" or "presumed" victims mix definitions; the estimate is of people who could have been listed, not a prevalence survey.',
    citation: 'Method assumptions, as set out in the sources above',
    url: 'https://doi.org/10.1111/rssa.12505',
  },
];
