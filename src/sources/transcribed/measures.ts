// Measures read from the hand transcriptions in stats/transcribed/. Every value keeps the type of
// page it was read on (its grade); see grade.ts. Named series are mapped from the files' own
// wording; every other stated figure is kept under a "stated figures" measure, never dropped.
import type { MeasureDef } from '../../model/types.ts';

const TRANSCRIBED =
  ' Transcribed by hand from stored copies of public pages (stats/transcribed/); each value carries the page it was read on, ' +
  'a short verbatim excerpt and its grade (official publication, official mirror or secondary quote).';

const none = { aggregation: 'none' } as const;

export const FEDERAL_MEASURES: MeasureDef[] = [
  {
    id: 'us.federal_ht.referred',
    label: 'People referred to U.S. attorneys for human-trafficking offenses (BJS)',
    definition:
      'Persons referred to U.S. attorneys for investigation of a human-trafficking offense, federal fiscal year (October–September), as ' +
      'reported by the Bureau of Justice Statistics (Human Trafficking Data Collection Activities). BJS counts as human trafficking ' +
      'peonage, slavery, forced labor and sex trafficking together with sexual exploitation of children and transportation for illegal ' +
      'sex activity — far broader than sex and labor trafficking alone.' + TRANSCRIBED,
    unit: 'persons', valueType: 'count', ...none, periodKind: 'fiscal_year', topic: 'trafficking_all_forms', family: 'us_federal',
  },
  {
    id: 'us.federal_ht.prosecuted',
    label: 'People prosecuted for human-trafficking offenses in U.S. district courts (BJS)',
    definition:
      'Persons prosecuted (charged) for a human-trafficking offense in U.S. district court, federal fiscal year, as reported by BJS, ' +
      'with the broad BJS definition of human trafficking (see us.federal_ht.referred).' + TRANSCRIBED,
    unit: 'persons', valueType: 'count', ...none, periodKind: 'fiscal_year', topic: 'trafficking_all_forms', family: 'us_federal',
  },
  {
    id: 'us.federal_ht.convicted',
    label: 'People convicted of federal human-trafficking offenses (BJS)',
    definition:
      'Persons convicted of a federal human-trafficking offense, federal fiscal year, as reported by BJS with its broad definition. ' +
      'BJS editions differ in their sources: FY2020 (658, HTDCA 2022) and FY2022 (1,118, HTDCA 2024) should not be joined into a ' +
      'trend without checking definitions.' + TRANSCRIBED,
    unit: 'persons', valueType: 'count', ...none, periodKind: 'fiscal_year', topic: 'trafficking_all_forms', family: 'us_federal',
  },
  {
    id: 'us.federal_ht.convicted_doj',
    label: 'Traffickers convicted in Department of Justice cases (TIP Report U.S. narrative)',
    definition:
      'Traffickers convicted in federal cases brought by the Department of Justice, as printed in the U.S. chapter of the TIP Report ' +
      '(and, for FY2020, a DOJ press release) — sex and labor trafficking under the trafficking statutes only, a narrower count than ' +
      'BJS. Mostly read from news and NGO pages quoting the report; the year type is not always stated.' + TRANSCRIBED,
    unit: 'persons', valueType: 'count', ...none, periodKind: 'fiscal_year', topic: 'trafficking_all_forms', family: 'us_federal',
  },
  {
    id: 'us.federal_ht.new_cases_hti',
    label: 'New federal criminal human-trafficking cases (Human Trafficking Institute)',
    definition:
      'New federal criminal human-trafficking cases filed in the calendar year, as counted by the Human Trafficking Institute’s ' +
      'Federal Human Trafficking Report (a private research organisation; cases under the trafficking statutes). Editions revise ' +
      'earlier years: the later edition leads where two disagree.' + TRANSCRIBED,
    unit: 'cases', valueType: 'count', ...none, periodKind: 'data_year', topic: 'trafficking_all_forms', family: 'us_federal',
  },
  {
    id: 'us.ucr_ht.arrests_commercial_sex',
    label: 'Arrests for human trafficking, commercial sex acts (FBI UCR, as reported by BJS)',
    definition:
      'Arrests for human trafficking — commercial sex acts (sex trafficking) reported to the FBI UCR human-trafficking collection by ' +
      'participating agencies in the calendar year, as BJS reports them (Human Trafficking Data Collection Activities). Only ' +
      'participating states are counted (37 in 2015, 45 in 2019).' + TRANSCRIBED,
    unit: 'arrests', valueType: 'count', ...none, periodKind: 'data_year', topic: 'sex_trafficking', family: 'us_federal',
  },
  {
    id: 'us.ucr_ht.arrests_involuntary_servitude',
    label: 'Arrests for human trafficking, involuntary servitude (FBI UCR, as reported by BJS)',
    definition:
      'Arrests for human trafficking — involuntary servitude (labor trafficking) reported to the FBI UCR human-trafficking collection ' +
      'by participating agencies in the calendar year, as BJS reports them. Only participating states are counted (37 in 2015, 45 in 2019).' + TRANSCRIBED,
    unit: 'arrests', valueType: 'count', ...none, periodKind: 'data_year', topic: 'labor_trafficking', family: 'us_federal',
  },
  {
    id: 'us.federal_ht.stated_figure',
    label: 'Other stated figures on U.S. federal human-trafficking cases',
    definition:
      'Every other figure the transcribed pages state about federal human-trafficking cases (shares, demographics, DHS and HTI totals, ' +
      'spans of years), one value per statistic as worded by its source: dimension `statistic` names it and `unit` gives its unit. ' +
      'A span of years is stored at its last year with the span in `span`. Not a series: statistics differ in definition.' + TRANSCRIBED,
    unit: 'as stated (see the unit dimension)', valueType: 'count', ...none, periodKind: 'data_year', topic: 'trafficking_all_forms', family: 'us_federal',
    dimensions: ['statistic', 'unit', 'span', 'year_type'],
  },
];

export const HOTLINE_MEASURES: MeasureDef[] = [
  {
    id: 'hotline.cases',
    label: 'Human-trafficking cases identified by the National Human Trafficking Hotline',
    definition:
      'Cases (Polaris also says “situations”) of potential human trafficking that the National Human Trafficking Hotline learned of, ' +
      'sex and labor trafficking together. Polaris counts calendar years; the TIP Report’s U.S. chapter counts federal fiscal years ' +
      '(dimension-free here; such values carry the fiscal_year flag). A hotline case is a report of a possible situation, not a ' +
      'confirmed crime; counts follow how many people know of and call the hotline.' + TRANSCRIBED,
    unit: 'cases', valueType: 'count', ...none, periodKind: 'data_year', topic: 'trafficking_all_forms', family: 'hotline',
  },
  {
    id: 'hotline.sex_trafficking_situations',
    label: 'Sex-trafficking situations identified by the National Human Trafficking Hotline',
    definition:
      'Situations of potential sex trafficking identified through the hotline, calendar year, as published by Polaris, its ' +
      'operator. Not a count of victims or of crimes.' + TRANSCRIBED,
    unit: 'situations', valueType: 'count', ...none, periodKind: 'data_year', topic: 'sex_trafficking', family: 'hotline',
  },
  {
    id: 'hotline.contacts',
    label: 'Contacts to the National Human Trafficking Hotline',
    definition: 'Calls, texts, chats, e-mails and web reports received by the hotline in the calendar year (Polaris, quoted).' + TRANSCRIBED,
    unit: 'contacts', valueType: 'count', ...none, periodKind: 'data_year', topic: 'context', family: 'hotline',
  },
  {
    id: 'hotline.stated_figure',
    label: 'Other stated figures from the National Human Trafficking Hotline',
    definition:
      'Every other hotline figure the transcribed pages state (survivors, traffickers identified, referrals, multi-year totals, one ' +
      'state), one value per statistic as worded by its source; dimensions `statistic` and `unit`; a span of years is stored at its ' +
      'last year with the span in `span`.' + TRANSCRIBED,
    unit: 'as stated (see the unit dimension)', valueType: 'count', ...none, periodKind: 'data_year', topic: 'trafficking_all_forms', family: 'hotline',
    dimensions: ['statistic', 'unit', 'span', 'year_type'],
  },
];

const ILO =
  'ILO, Walk Free & IOM, Global Estimates of Modern Slavery: Forced Labour and Forced Marriage (September 2022), reference year 2021, ' +
  'for the whole world, in millions of people on a given day. Model-based estimates from 68 forced-labour and 75 forced-marriage ' +
  'household surveys; “modern slavery” is forced labour plus forced marriage, not a count of trafficking cases.';

const ilo = (id: string, label: string, what: string, topic: MeasureDef['topic']): MeasureDef => ({
  id: `ilo.global_estimates_2022.${id}`,
  label,
  definition: `${what} ${ILO}${TRANSCRIBED}`,
  unit: 'million persons', valueType: 'estimate', ...none, periodKind: 'reference_year', topic, family: 'ilo',
});

export const ILO_MEASURES: MeasureDef[] = [
  ilo('modern_slavery', 'People in modern slavery (ILO global estimate)', 'People in forced labour or forced marriage.', 'trafficking_all_forms'),
  ilo('forced_labour', 'People in forced labour (ILO global estimate)', 'People in forced labour of every kind: private economy, commercial sexual exploitation and state-imposed.', 'trafficking_all_forms'),
  ilo('forced_labour_private_economy', 'Forced labour exploitation in the private economy (ILO global estimate)', 'People in forced labour exploitation by private agents, excluding forced commercial sexual exploitation.', 'labor_trafficking'),
  ilo('forced_commercial_sexual_exploitation', 'Forced commercial sexual exploitation (ILO global estimate)', 'Adults in forced commercial sexual exploitation and children in commercial sexual exploitation. Not a measure of consensual sex work.', 'sex_trafficking'),
  ilo('state_imposed_forced_labour', 'State-imposed forced labour (ILO global estimate)', 'People in forced labour imposed by state authorities.', 'labor_trafficking'),
  ilo('children_in_forced_labour', 'Children in forced labour (ILO global estimate)', 'Children (under 18) in forced labour of every kind.', 'trafficking_all_forms'),
  ilo('forced_marriage', 'People in forced marriage (ILO global estimate)', 'People living in a marriage they were forced into.', 'context'),
  {
    ...ilo('stated_figure', 'Other stated figures from the ILO 2022 global estimates', 'Shares, the change since 2016, regional figures and survey counts, one value per statistic as worded by its source; dimensions `statistic` and `unit`.', 'trafficking_all_forms'),
    unit: 'as stated (see the unit dimension)',
    dimensions: ['statistic', 'unit'],
  },
];

const LE =
  'as printed in the TIP Report’s “Global Law Enforcement Data” table: figures governments reported to the State Department for ' +
  'the data year (the report edition is the following year or later). Editions revise earlier years: where two sources of the same grade ' +
  'disagree, the later edition leads. Mostly read from pages quoting the report.';

const le = (id: string, label: string, what: string, unit: string, topic: MeasureDef['topic']): MeasureDef => ({
  id: `tip.law_enforcement.${id}`,
  label,
  definition: `${what} ${LE}${TRANSCRIBED}`,
  unit, valueType: 'count', ...none, periodKind: 'data_year', topic, family: 'tip',
});

export const LAW_ENFORCEMENT_FIELDS = [
  ['prosecutions', le('prosecutions', 'Trafficking prosecutions worldwide (TIP Report)', 'Prosecutions for human trafficking worldwide or in a State Department region (sex and labor together),', 'prosecutions', 'trafficking_all_forms')],
  ['prosecutions_labor', le('prosecutions_labor', 'Labor-trafficking prosecutions worldwide (TIP Report)', 'Prosecutions for labor trafficking (the figure the report prints in parentheses),', 'prosecutions', 'labor_trafficking')],
  ['convictions', le('convictions', 'Trafficking convictions worldwide (TIP Report)', 'Convictions for human trafficking worldwide or in a region (sex and labor together),', 'convictions', 'trafficking_all_forms')],
  ['convictions_labor', le('convictions_labor', 'Labor-trafficking convictions worldwide (TIP Report)', 'Convictions for labor trafficking (in parentheses in the report),', 'convictions', 'labor_trafficking')],
  ['victims_identified', le('victims_identified', 'Trafficking victims identified worldwide (TIP Report)', 'Victims of trafficking identified by governments,', 'persons', 'trafficking_all_forms')],
  ['victims_identified_labor', le('victims_identified_labor', 'Labor-trafficking victims identified worldwide (TIP Report)', 'Victims of labor trafficking identified (in parentheses in the report),', 'persons', 'labor_trafficking')],
  ['new_or_amended_legislation', le('new_or_amended_legislation', 'New or amended anti-trafficking laws worldwide (TIP Report)', 'New or amended anti-trafficking laws,', 'laws', 'anti_trafficking_policy')],
] as const;

export const TIER_COUNT_MEASURE: MeasureDef = {
  id: 'tip.tier_count_stated',
  label: 'Countries per TIP tier, as stated in sources',
  definition:
    'The number of countries on a tier (or assessed, or on the Special Watch List) as a read source states it — the TIP Report ' +
    'itself, the CIA World Factbook or a news report — by report year, worldwide. Dimension `category`: the tier or count as ' +
    'worded. Each value carries check: whether it equals the number of placements transcribed for that year (MATCH) or the list ' +
    'is only partly transcribed (partial).' + TRANSCRIBED,
  unit: 'countries', valueType: 'count', ...none, periodKind: 'report_year', topic: 'anti_trafficking_policy', family: 'tip',
  dimensions: ['category'],
};
