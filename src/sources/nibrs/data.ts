// What the readers of a bundle produce (the streaming reader and the DuckDB fast path give the
// same), and the decoding helpers both use.

export type Era = 'offense_code' | 'offense_type_id';

export interface Person {
  id: number;
  incident: number;
  code: string;
  dims: Record<string, string>;
}

export interface BundleData {
  offensesAll: number;
  arresteesAll: number | null;
  incidentsAll: number;
  groupB: number | null;
  /** Offenses of the covered codes. */
  offenses: { offenseId: number; incident: number; code: string }[];
  arrestees: Person[];
  victims: Person[];
  /** Covered incidents → agency_id. */
  incidentAgency: Map<number, number>;
  incidentsByAgency: Map<number, number>;
  /** All Group A arrestees by allArresteeKey(race, ethnicity, age, sex). */
  allArrestees: Map<number, number>;
}

/** Decoders for the person dimensions, built from the bundle's own tables. */
export interface Decoders {
  race: Map<number, string>;
  ethnicity: Map<number, string>;
  age: Map<number, string>;
  arrestType: Map<number, string>;
  victimType: Map<number, string>;
  raceFile: string;
  ethnicityFile: string;
  ageFile: string;
  arrestTypeFile: string;
  victimTypeFile: string;
}

/** Sex is coded inline (no lookup table in any release): M, F, U, and X for non-person victims. */
export const SEX: Record<string, string> = { M: 'Male', F: 'Female', U: 'Unknown', X: 'Not applicable (not a person)' };
export const SEX_CODES = Object.keys(SEX);

/** Key of one all-arrestee cell; ids are the bundle's own (−1 = not stated); sex index into ['', ...SEX_CODES]. */
export function allArresteeKey(race: number, eth: number, age: number, sex: number): number {
  return (((race + 1) * 1000 + (eth + 1)) * 1000 + (age + 1)) * 10 + sex;
}

export function ageGroupOfCode(code: string): string | null {
  const c = code.trim().toUpperCase();
  if (c === 'NN' || c === 'NB' || c === 'BB') return 'Under 18';
  if (c === '00') return 'Unknown';
  if (c === 'NS') return 'Not specified';
  if (!/^\d{1,3}$/.test(c)) return null;
  const n = Number(c);
  if (n === 99) return '65 and over'; // "Over 98 Years Old"
  return ageBucket(n);
}

export function ageBucket(n: number): string {
  if (n < 18) return 'Under 18';
  if (n <= 24) return '18-24';
  if (n <= 34) return '25-34';
  if (n <= 44) return '35-44';
  if (n <= 54) return '45-54';
  if (n <= 64) return '55-64';
  return '65 and over';
}
