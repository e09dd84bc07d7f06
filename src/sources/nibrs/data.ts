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
  /**
   * Id of the pre-2021 age code "AG" ("Age in Years"), whose group comes from the row's age_num;
   * such rows are keyed by the synthetic ids of ageInYearsId() instead. Null in 2021+ tables.
   */
  ageInYearsId: number | null;
  arrestTypeFile: string;
  victimTypeFile: string;
}

/** Sex is coded inline (no lookup table in any release): M, F, U, and X for non-person victims. */
export const SEX: Record<string, string> = { M: 'Male', F: 'Female', U: 'Unknown', X: 'Not applicable (not a person)' };
export const SEX_CODES = Object.keys(SEX);

/** Largest lookup id allArresteeKey can hold (official ids go to 104). */
export const MAX_KEY_ID = 254;

/**
 * Key of one all-arrestee cell (a small integer, for fast Map updates); ids are the bundle's own
 * (−1 = not stated, each at most MAX_KEY_ID); sex is an index into ['', ...SEX_CODES].
 */
export function allArresteeKey(race: number, eth: number, age: number, sex: number): number {
  return (((race + 1) * 256 + (eth + 1)) * 256 + (age + 1)) * 8 + sex;
}

export function splitAllArresteeKey(k: number): { race: number; eth: number; age: number; sex: number } {
  return { sex: k % 8, age: (Math.floor(k / 8) % 256) - 1, eth: (Math.floor(k / 2048) % 256) - 1, race: Math.floor(k / 524288) - 1 };
}

/**
 * A 2^20-bit pre-filter for sets of row ids: a clear bit proves the id is not in the set, so the
 * bulk rows skip the Map lookup (NIBRS ids above 2^31 are slow Map keys in V8).
 */
export class IdFilter {
  private readonly bits = new Int32Array(1 << 15);
  // (id >>> 0) & 0xfffff equals id % 2^20 for ids below 2^53, without a floating-point modulo.
  add(id: number): void {
    const h = (id >>> 0) & 0xfffff;
    this.bits[h >>> 5]! |= 1 << (h & 31);
  }
  mayHave(id: number): boolean {
    const h = (id >>> 0) & 0xfffff;
    return (this.bits[h >>> 5]! & (1 << (h & 31))) !== 0;
  }
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

/** Age groups of ageBucket, in order; AGE_IN_YEARS_BASE + index is a synthetic age id for "AG" rows. */
export const AGE_BUCKETS = ['Under 18', '18-24', '25-34', '35-44', '45-54', '55-64', '65 and over'];
export const AGE_IN_YEARS_BASE = MAX_KEY_ID - AGE_BUCKETS.length;

/** Synthetic age id (a decoder key) of an age in years. */
export function ageInYearsId(years: number): number {
  return AGE_IN_YEARS_BASE + AGE_BUCKETS.indexOf(ageBucket(years));
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
