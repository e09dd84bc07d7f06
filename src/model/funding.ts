// Funding and services answers as the API returns them: shared by the server and the explorer (no Node imports).

export interface Denominator {
  measure: string;
  label: string;
  value: number | null;
  year: number | null;
  source: string | null;
  /** grant year − denominator year (negative: the denominator describes a later year). */
  yearGap: number | null;
  /**
   * 'no figure': loaded, but not for this place. 'no country figure in the record': the loaded source
   * holds the measure above country level only (worldwide, regions). Neither is zero.
   */
  status: 'value' | 'not loaded' | 'no figure' | 'no country figure in the record';
}

export interface FundingYear {
  year: number;
  amount: number | null;
  projects: number;
  /** Projects listed without an amount that year. */
  projectsWithoutAmount: number;
  tier: string | null;
  tierReportYear: number | null;
  perEstimatedVictim: number | null;
  perIdentifiedVictim: number | null;
  flags: string[];
}

export interface FundingCountry {
  country: string;
  name: string;
  years: FundingYear[];
  estimatedVictims: Denominator;
  prevalencePer1000: Denominator;
  identifiedVictims: Denominator;
  prosecutions: Denominator;
  totalAmount: number;
  totalPerEstimatedVictim: number | null;
}

/** One fiscal year worldwide: all U.S. project funding abroad against the victims all governments reported identifying. */
export interface FundingWorldYear {
  year: number;
  amount: number | null;
  projects: number;
  projectsWithoutAmount: number;
  identifiedVictims: number | null;
  identifiedVictimsSource: string;
  /** The figure's own flags: source grade, report edition. */
  identifiedVictimsFlags: string[];
  perIdentifiedVictim: number | null;
  flags: string[];
}

export interface FundingReport {
  from: number;
  to: number;
  countries: FundingCountry[];
  /** Years with both a worldwide victims-identified figure and grant data. */
  worldwide: FundingWorldYear[];
  notes: string[];
  sources: { id: string; title: string; publisher: string; url: string; retrieved: string; sha256: string }[];
}

export const SERVICE_POPULATIONS = ['sex_workers', 'sex_trafficking', 'labor_trafficking', 'trafficking_unspecified'] as const;
export type ServicePopulation = (typeof SERVICE_POPULATIONS)[number];
export const POPULATION_LABELS: Record<ServicePopulation, string> = {
  sex_workers: 'Services for sex workers',
  sex_trafficking: 'Services for victims of sex trafficking',
  labor_trafficking: 'Services for victims of labor trafficking',
  trafficking_unspecified: 'Services for trafficking victims (kind not stated by the directory)',
};

export interface ServicePlaceRow {
  place: string;
  placeName: string;
  /** A count, or "none known" when no loaded directory covers this place and population. */
  counts: Record<ServicePopulation, number | 'none known'>;
  directories: string[];
  population: { value: number; year: number; measure: string } | null;
  perMillion: number | null;
  /** Needs identified-victim counts for the place; null until such a source is loaded. */
  perIdentifiedVictim: null;
}

export interface ServicesReport {
  directories: { id: string; sourceId: string; title: string; terms: string; contactsRepublishable: boolean; places: string[]; populations: string[]; services: number }[];
  places: ServicePlaceRow[];
  awards: { place: string; fiscalYear: number; programNumber: string; programTitle: string; population: string; amount: number; transactions: number }[];
  notes: string[];
}
