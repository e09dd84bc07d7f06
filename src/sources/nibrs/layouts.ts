// The NIBRS extract layouts the importer accepts besides the 2016+ one, and the table subsets a
// copy of an official extract may hold. Format: shared/data/stats/MANIFEST.md ("Added in turn 2",
// Louisiana and D.C.) and FORMATS.md §1.
//
// Layout eras, detected from the tables themselves:
//  - 'cde-2012' (CDE downloads of 2012–2014 data): lower-case file names, NO data_year column in the
//    data tables (the year is the folder's), `cde_agencies.csv` (agency attributes, not per year)
//    plus `agency_participation.csv` (per-year participation and population) instead of agencies.csv.
//  - 'yearly' (2016+): agencies.csv with data_year, data_year in every data table (upper- or
//    lower-case headers, offense_type_id or offense_code: handled by the reader).
//
// Table subsets: the official zip is always complete and read strictly. A folder may be a copy
// that leaves out whole table groups for size; each absent group is stated in the source title and
// as a caveat, and the measures it would give are simply absent (never shown as zero).
import { InputError } from '../errors.ts';
import { isUsState } from '../../model/places.ts';
import type { Bundle } from './bundle.ts';
import { readLookup } from './lookups.ts';

export type Layout = 'cde-2012' | 'yearly';

/** A folder named `XX-YYYY-partial` is a copy its maker states to be incomplete. */
export const PARTIAL_FOLDER = /-partial$/i;

/** Groups of tables a copied folder may omit, each as a whole; the reason says what is lost. */
export const OPTIONAL_GROUPS: readonly { tables: readonly string[]; name: string; loses: string; needsPartialName?: boolean }[] = [
  { tables: ['nibrs_victim', 'nibrs_victim_offense'], name: 'victim tables (NIBRS_VICTIM, NIBRS_VICTIM_OFFENSE)', loses: 'victim counts are not available' },
  { tables: ['nibrs_arrestee_groupb'], name: 'Group B arrestee table (NIBRS_ARRESTEE_GROUPB)', loses: 'the all-offense Group B arrestee total is not available (prostitution and trafficking are Group A, so no covered count is lost)' },
  {
    tables: ['nibrs_incident'],
    name: 'incident table (NIBRS_incident)',
    loses: 'offenses and arrestees cannot be tied to an agency or a date, so they are counted for the state as a whole only, and incidents of all offenses are not counted',
    needsPartialName: true,
  },
];

export interface TableSubset {
  /** Table keys absent from the bundle (only from OPTIONAL_GROUPS). */
  absent: string[];
  /** One sentence per absent group. */
  statements: string[];
}

/**
 * Which optional groups a bundle lacks, or an InputError: a zip must be complete, a group is all
 * or nothing, and the incident table may be absent only from a folder named `…-partial`.
 */
export function tableSubset(tables: ReadonlySet<string>, kind: 'zip' | 'folder', folderName: string, display: string, officialName: (k: string) => string): TableSubset {
  const out: TableSubset = { absent: [], statements: [] };
  const where = (k: string) => `${display}${kind === 'zip' ? ':' : '/'}${officialName(k)}`;
  for (const g of OPTIONAL_GROUPS) {
    const missing = g.tables.filter((t) => !tables.has(t));
    if (missing.length === 0) continue;
    if (kind === 'zip') throw new InputError(where(missing[0]!), null, null, `required table missing from the bundle (${missing.join(', ')}); an official NIBRS zip holds every table`);
    if (missing.length !== g.tables.length) {
      throw new InputError(where(missing[0]!), null, null, `required table missing from the bundle: the ${g.name} come together, and only part of them is here`);
    }
    if (g.needsPartialName && !PARTIAL_FOLDER.test(folderName)) {
      throw new InputError(where(missing[0]!), null, null, `required table missing from the bundle (${missing.join(', ')}); only a folder named <ST>-<YEAR>-partial may lack it`);
    }
    out.absent.push(...g.tables);
    out.statements.push(`the ${g.name} ${g.tables.length > 1 ? 'are' : 'is'} absent from this copy of the official extract: ${g.loses}`);
  }
  return out;
}

/** The layout of a bundle, from the agency table it holds. */
export function layoutOf(tables: ReadonlySet<string>): Layout | null {
  if (tables.has('agencies')) return 'yearly';
  if (tables.has('cde_agencies') && tables.has('agency_participation')) return 'cde-2012';
  return null;
}

export interface OldAgency {
  ori: string;
  name: string;
  type: string;
  population: number;
  participated: boolean;
}

export interface OldAgencies {
  state: string;
  agencyById: Map<number, OldAgency>;
  reporting: number;
  popCovered: number;
  partField: string;
}

function zeroOne(v: string, file: string, line: number, field: string): boolean {
  if (v === '1') return true;
  if (v === '0' || v === '') return false;
  throw new InputError(file, line, field, `"${v}" is not 0 or 1`);
}

/**
 * Agencies of a 'cde-2012' bundle: attributes from cde_agencies.csv (one row per agency, not per
 * year), participation and the year's population from agency_participation.csv, whose `year` must
 * be the folder's. An agency with no participation row did not participate that year.
 */
export async function readOldAgencies(bundle: Bundle, year: number): Promise<OldAgencies> {
  const ag = await readLookup(bundle, 'cde_agencies', ['agency_id', 'ori', 'agency_name', 'agency_type_name', 'state_abbr', 'population'], 'agencies');
  const part = await readLookup(bundle, 'agency_participation', ['year', 'state_abbr', 'agency_id', 'agency_ori', 'agency_population', 'nibrs_participated'], 'agency participation');
  const agencyById = new Map<number, OldAgency>();
  let state = '';
  const sameState = (st: string, file: string, line: number) => {
    if (!isUsState(st)) throw new InputError(file, line, 'state_abbr', `"${st}" is not a U.S. state code`);
    if (state && st !== state) throw new InputError(file, line, 'state_abbr', `state ${st} differs from ${state} in earlier rows: a bundle holds one state-year`);
    state = st;
  };
  for (const r of ag.rows) {
    sameState(r.get('state_abbr').toUpperCase(), ag.file, r.line);
    const id = Number(r.get('agency_id'));
    if (!/^\d+$/.test(r.get('agency_id'))) throw new InputError(ag.file, r.line, 'agency_id', `"${r.get('agency_id')}" is not a numeric id`);
    if (agencyById.has(id)) throw new InputError(ag.file, r.line, 'agency_id', `duplicate agency_id ${id}`);
    const ori = r.get('ori');
    if (!/^[A-Z0-9]{9}$/i.test(ori)) throw new InputError(ag.file, r.line, 'ori', `"${ori}" is not a 9-character ORI`);
    agencyById.set(id, { ori: ori.toUpperCase(), name: r.get('agency_name') || ori, type: r.get('agency_type_name'), population: 0, participated: false });
  }
  if (agencyById.size === 0) throw new InputError(ag.file, null, null, 'the agencies table has no rows');
  let reporting = 0;
  let popCovered = 0;
  const seen = new Set<number>();
  for (const r of part.rows) {
    if (r.get('year') !== String(year)) throw new InputError(part.file, r.line, 'year', `"${r.get('year')}" differs from the bundle's year ${year} (folder name)`);
    sameState(r.get('state_abbr').toUpperCase(), part.file, r.line);
    const id = Number(r.get('agency_id'));
    const a = agencyById.get(id);
    if (!a) throw new InputError(part.file, r.line, 'agency_id', `unknown agency_id ${r.get('agency_id')}: not in ${ag.file}`);
    if (seen.has(id)) throw new InputError(part.file, r.line, 'agency_id', `agency_id ${id} appears twice`);
    seen.add(id);
    if (r.get('agency_ori').toUpperCase() !== a.ori) throw new InputError(part.file, r.line, 'agency_ori', `"${r.get('agency_ori')}" differs from the ORI ${a.ori} of agency_id ${id} in ${ag.file}`);
    const popText = r.get('agency_population');
    if (!/^\d*$/.test(popText)) throw new InputError(part.file, r.line, 'agency_population', `"${popText}" is not a population`);
    a.population = popText === '' ? 0 : Number(popText);
    a.participated = zeroOne(r.get('nibrs_participated'), part.file, r.line, 'nibrs_participated');
    if (a.participated) {
      reporting++;
      popCovered += a.population;
    }
  }
  return { state, agencyById, reporting, popCovered, partField: 'nibrs_participated (agency_participation.csv)' };
}
