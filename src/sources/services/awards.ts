// Domestic award records: USAspending.gov "Custom Award Data" downloads of assistance prime
// award transactions (one row per award action, the publisher's documented column names, many
// more columns than read here). Rows are kept for anti-trafficking programs only, with the
// population the program serves; every amount is the transaction's federal_action_obligation.
import { readFile, stat } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { InputError } from '../errors.ts';
import { matchCountryCode, US_STATES } from '../../model/places.ts';
import type { Population } from './hsds.ts';

export const AWARD_COLUMNS =
  'transaction_key VARCHAR, award_key VARCHAR, program_number VARCHAR, program_title VARCHAR, fiscal_year INTEGER, country VARCHAR, state VARCHAR, ' +
  'amount DOUBLE, awarding_agency VARCHAR, recipient VARCHAR, population VARCHAR, locator VARCHAR';

export const AWARD_REQUIRED = [
  'assistance_transaction_unique_key', 'assistance_award_unique_key', 'federal_action_obligation', 'action_date_fiscal_year', 'awarding_agency_name',
  'recipient_name', 'primary_place_of_performance_country_code', 'primary_place_of_performance_state_name', 'cfda_number', 'cfda_title',
];

/**
 * Assistance Listings (CFDA) that fund services for trafficking victims, with whom they serve.
 * Programs not listed here are not anti-trafficking awards and are skipped.
 */
export const TRAFFICKING_PROGRAMS: Record<string, { title: string; population: Population }> = {
  '16.320': { title: 'Services for Trafficking Victims (DOJ Office for Victims of Crime)', population: 'trafficking_unspecified' },
  '93.598': { title: 'Services to Victims of a Severe Form of Trafficking (HHS)', population: 'trafficking_unspecified' },
};

export interface AwardRow {
  line: number;
  transactionKey: string;
  awardKey: string;
  programNumber: string;
  programTitle: string;
  fiscalYear: number;
  country: string;
  state: string | null;
  amount: number;
  awardingAgency: string;
  recipient: string;
  population: Population;
}

const STATE_BY_NAME = new Map(US_STATES.map(([usps, , name]) => [name.toUpperCase(), usps]));

export async function readAwardFile(path: string, rel: string, onSkip: (reason: string) => void = () => {}): Promise<AwardRow[]> {
  const size = (await stat(path)).size;
  if (size > 256 * 1024 * 1024) throw new InputError(rel, null, null, `file is ${size} bytes; split the download`);
  const text = await readFile(path, 'utf8');
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { info: true, bom: true, skip_empty_lines: true }) as unknown as typeof records;
  } catch (e) {
    const err = e as { lines?: number; message: string };
    throw new InputError(rel, err.lines ?? null, null, err.message);
  }
  const header = records[0]?.record ?? [];
  for (const col of AWARD_REQUIRED) if (!header.includes(col)) throw new InputError(rel, 1, col, `USAspending column "${col}" is missing; download assistance prime transactions`);
  const ix = new Map(header.map((h, i) => [h, i]));
  const out: AwardRow[] = [];
  const keys = new Set<string>();
  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    const get = (k: string) => (record[ix.get(k)!] ?? '').trim();
    const program = get('cfda_number');
    const known = TRAFFICKING_PROGRAMS[program];
    if (!known) {
      onSkip(`assistance listing ${program || '(none)'} is not an anti-trafficking program`);
      continue;
    }
    const key = get('assistance_transaction_unique_key');
    if (!key) throw new InputError(rel, line, 'assistance_transaction_unique_key', 'missing');
    if (keys.has(key)) throw new InputError(rel, line, 'assistance_transaction_unique_key', `transaction ${key} appears twice`);
    keys.add(key);
    const rawAmount = get('federal_action_obligation');
    if (!/^-?\d+(\.\d+)?$/.test(rawAmount)) throw new InputError(rel, line, 'federal_action_obligation', `"${rawAmount}" is not an amount in dollars`);
    const fy = get('action_date_fiscal_year');
    if (!/^\d{4}$/.test(fy)) throw new InputError(rel, line, 'action_date_fiscal_year', `"${fy}" is not a fiscal year`);
    const countryCode = get('primary_place_of_performance_country_code');
    const country = matchCountryCode(countryCode);
    if (!country) throw new InputError(rel, line, 'primary_place_of_performance_country_code', `unknown country code "${countryCode}"`);
    const stateName = get('primary_place_of_performance_state_name');
    let state: string | null = null;
    if (country.id === 'USA' && stateName) {
      state = STATE_BY_NAME.get(stateName.toUpperCase()) ?? null;
      if (!state) throw new InputError(rel, line, 'primary_place_of_performance_state_name', `unknown state "${stateName}"`);
    }
    out.push({
      line, transactionKey: key, awardKey: get('assistance_award_unique_key'), programNumber: program, programTitle: get('cfda_title') || known.title,
      fiscalYear: Number(fy), country: country.id, state, amount: Number(rawAmount), awardingAgency: get('awarding_agency_name'), recipient: get('recipient_name'),
      population: known.population,
    });
  }
  return out;
}
