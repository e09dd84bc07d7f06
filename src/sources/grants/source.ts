// What the descriptor and the importer both state about the source (id, title, files, caveats),
// apart from the importer's code: reading the descriptor loads no parser (see ../descriptors.ts).
import type { MeasureDef } from '../../model/types.ts';

export const GRANTS_DIR = 'stats/funding-us-anti-tip-grants';
export const HK_FILE = `${GRANTS_DIR}/heiss_kelley_us_anti_tip_grants_2001-2014.csv`;
export const FY2002_FILE = `${GRANTS_DIR}/us_gov_anti_tip_projects_fy2002.csv`;
export const FY2003_FILE = `${GRANTS_DIR}/us_gov_anti_tip_projects_fy2003.csv`;

/** Year from which the source lists cover far less (FORMATS.md §6): amounts drop from ≈$91M to ≈$19–23M. */
export const RECORDING_BREAK_YEAR = 2011;

export const BREAK_CAVEAT =
  'Break in recording after 2010: the project lists behind this file cover far less from 2011 (sums fall from about $91 million in 2010 to $19–23 million a year in 2011–2014). The drop reflects a change in what was listed, not in spending; do not present 2003–2014 as one trend.';

export const GRANTS_MEASURES: MeasureDef[] = [
  {
    id: 'grants.us_anti_tip.amount',
    label: 'U.S. anti-trafficking project funding abroad (USD, Kelley/Heiss coding)',
    definition:
      'U.S. dollars awarded to anti-trafficking projects abroad by the U.S. government (State Department G/TIP, USAID, DOL, ' +
      'DOJ and others), as listed in the State Department’s annual project lists and coded by Kelley & Heiss, by recipient ' +
      'country (or region for regional projects) and grant year. Nominal dollars, not adjusted for inflation. Projects without ' +
      'a stated amount are stored as missing. Dimension recipient_type (IGO, NGO, NPO, Government, …; "not stated" where blank). ' +
      'The period is the grant year (fiscal year of the award).',
    unit: 'USD',
    valueType: 'amount',
    aggregation: 'sum',
    periodKind: 'fiscal_year',
    topic: 'funding',
    family: 'grants',
    dimensions: ['recipient_type'],
  },
  {
    id: 'grants.us_anti_tip.projects',
    label: 'U.S. anti-trafficking projects abroad (count, Kelley/Heiss coding)',
    definition:
      'Number of U.S. government anti-trafficking projects abroad listed for the country (or region) and grant year, as coded by ' +
      'Kelley & Heiss. Dimension recipient_type. The period is the grant year.',
    unit: 'projects',
    valueType: 'count',
    aggregation: 'sum',
    periodKind: 'fiscal_year',
    topic: 'funding',
    family: 'grants',
    dimensions: ['recipient_type'],
  },
  {
    id: 'grants.state_dept_list.projects',
    label: 'Projects in the State Department anti-trafficking project lists, FY2002–FY2003',
    definition:
      'Number of projects in the U.S. Government Anti-Trafficking in Persons Projects lists published by the State Department ' +
      'for FY2002 and FY2003, by the list’s region (dimension region) — the lists are not split reliably by country (many rows name ' +
      'several countries). The period is the fiscal year.',
    unit: 'projects',
    valueType: 'count',
    aggregation: 'sum',
    periodKind: 'fiscal_year',
    topic: 'funding',
    family: 'grants',
    dimensions: ['region'],
  },
  {
    id: 'grants.state_dept_list.amount',
    label: 'Funding in the State Department anti-trafficking project list, FY2003 (USD)',
    definition:
      'U.S. dollars stated for each project in the FY2003 State Department project list (free text such as "$407,450" parsed to ' +
      'a number; text that states no single amount is stored as missing), by the list’s region (dimension region). FY2002 has no amounts.',
    unit: 'USD',
    valueType: 'amount',
    aggregation: 'sum',
    periodKind: 'fiscal_year',
    topic: 'funding',
    family: 'grants',
    dimensions: ['region'],
  },
];

export const GRANTS_CAVEATS = [
  'International funding only: U.S. domestic anti-trafficking grants (DOJ OVC/BJA, HHS) are not in these files.',
  'Amounts are nominal U.S. dollars as listed, not disbursements and not adjusted for inflation.',
  'Projects are coded to a country or, for regional and global projects, to a region; regional amounts are not split among countries, so country totals understate what reached each country.',
];

export const GRANTS_SOURCE = {
  id: 'grants',
  title: 'U.S. anti-trafficking grants abroad 2001–2014 and State Department project lists FY2002–FY2003',
  expects: `${HK_FILE}, ${FY2002_FILE}, ${FY2003_FILE}`,
} as const;
