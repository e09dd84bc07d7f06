// Places: countries (ISO 3166-1 alpha-3, names from i18n-iso-countries) and U.S. states
// (USPS code as id, FIPS kept). Agencies (ORI) are added by the importers that know them.
import { createRequire } from 'node:module';
import countries from 'i18n-iso-countries';
import type { Place } from './types.ts';

const require = createRequire(import.meta.url);
countries.registerLocale(require('i18n-iso-countries/langs/en.json'));

/**
 * Codes some publishers use that ISO 3166-1 does not assign. Kosovo has no ISO code; XKX is
 * the user-assigned code used by the EU, IMF and World Bank, so every source maps onto it.
 */
const ALIASES: Record<string, { id: string; name: string; note: string }> = {
  KOS: { id: 'XKX', name: 'Kosovo', note: 'Kosovo has no ISO 3166-1 code; stored as XKX (user-assigned code used by the EU and IMF).' },
  XKX: { id: 'XKX', name: 'Kosovo', note: 'Kosovo has no ISO 3166-1 code; XKX is a user-assigned code.' },
};

export interface CountryMatch {
  id: string;
  name: string;
  note: string | null;
}

/** Resolve an alpha-3 code (or known alias) to a country; null when it cannot be matched. */
export function matchCountryCode(code: string): CountryMatch | null {
  const c = code.trim().toUpperCase();
  const alias = ALIASES[c];
  if (alias) return { id: alias.id, name: alias.name, note: alias.note };
  if (/^[A-Z]{3}$/.test(c) && countries.isValid(c)) return { id: c, name: countries.getName(c, 'en') ?? c, note: null };
  return null;
}

/** Spellings used by research datasets that the ISO name list does not know. */
const NAME_ALIASES: Record<string, string> = {
  'st. lucia': 'LCA', 'saint lucia': 'LCA', 'cape verde': 'CPV', 'cabo verde': 'CPV', 'marshall is': 'MHL',
  'marshall islands': 'MHL', macau: 'MAC', macao: 'MAC', 'hong kong': 'HKG', burma: 'MMR', kosovo: 'XKX',
  'ivory coast': 'CIV', "cote d'ivoire": 'CIV', 'south korea': 'KOR', 'north korea': 'PRK', 'korea, south': 'KOR',
  'korea, north': 'PRK', 'kyrgyz republic': 'KGZ', 'republic of the congo': 'COG', 'democratic republic of the congo': 'COD',
  'czech rep': 'CZE', 'czech republic': 'CZE', 'the bahamas': 'BHS', 'the gambia': 'GMB', 'east timor': 'TLS',
  curacao: 'CUW', 'sint maarten': 'SXM', 'micronesia': 'FSM', 'laos': 'LAO', 'russia': 'RUS', 'syria': 'SYR',
  'vietnam': 'VNM', 'taiwan': 'TWN', 'brunei': 'BRN', 'moldova': 'MDA', 'macedonia': 'MKD', 'swaziland': 'SWZ',
};

/**
 * Resolve a country by name: the package's English names first, then known dataset spellings,
 * also after splitting run-together words ("CapeVerde", "MarshallIs").
 */
export function matchCountryName(name: string): CountryMatch | null {
  const candidates = [name.trim(), name.trim().replace(/([a-z])([A-Z])/g, '$1 $2').replace(/\.(?=\S)/g, '. ')];
  for (const c of candidates) {
    const code = countries.getAlpha3Code(c, 'en') ?? NAME_ALIASES[c.toLowerCase().replace(/\s+/g, ' ')];
    if (code) return matchCountryCode(code);
  }
  return null;
}

/** ISO numeric (as used by world-atlas) → alpha-3. */
export function numericToAlpha3(numeric: string): string | undefined {
  return countries.numericToAlpha3(numeric);
}

export function countryName(id: string): string {
  return matchCountryCode(id)?.name ?? id;
}

/** The 50 states, D.C. and Puerto Rico: USPS code, FIPS code, name. */
export const US_STATES: readonly [usps: string, fips: string, name: string][] = [
  ['AL', '01', 'Alabama'], ['AK', '02', 'Alaska'], ['AZ', '04', 'Arizona'], ['AR', '05', 'Arkansas'],
  ['CA', '06', 'California'], ['CO', '08', 'Colorado'], ['CT', '09', 'Connecticut'], ['DE', '10', 'Delaware'],
  ['DC', '11', 'District of Columbia'], ['FL', '12', 'Florida'], ['GA', '13', 'Georgia'], ['HI', '15', 'Hawaii'],
  ['ID', '16', 'Idaho'], ['IL', '17', 'Illinois'], ['IN', '18', 'Indiana'], ['IA', '19', 'Iowa'],
  ['KS', '20', 'Kansas'], ['KY', '21', 'Kentucky'], ['LA', '22', 'Louisiana'], ['ME', '23', 'Maine'],
  ['MD', '24', 'Maryland'], ['MA', '25', 'Massachusetts'], ['MI', '26', 'Michigan'], ['MN', '27', 'Minnesota'],
  ['MS', '28', 'Mississippi'], ['MO', '29', 'Missouri'], ['MT', '30', 'Montana'], ['NE', '31', 'Nebraska'],
  ['NV', '32', 'Nevada'], ['NH', '33', 'New Hampshire'], ['NJ', '34', 'New Jersey'], ['NM', '35', 'New Mexico'],
  ['NY', '36', 'New York'], ['NC', '37', 'North Carolina'], ['ND', '38', 'North Dakota'], ['OH', '39', 'Ohio'],
  ['OK', '40', 'Oklahoma'], ['OR', '41', 'Oregon'], ['PA', '42', 'Pennsylvania'], ['RI', '44', 'Rhode Island'],
  ['SC', '45', 'South Carolina'], ['SD', '46', 'South Dakota'], ['TN', '47', 'Tennessee'], ['TX', '48', 'Texas'],
  ['UT', '49', 'Utah'], ['VT', '50', 'Vermont'], ['VA', '51', 'Virginia'], ['WA', '53', 'Washington'],
  ['WV', '54', 'West Virginia'], ['WI', '55', 'Wisconsin'], ['WY', '56', 'Wyoming'], ['PR', '72', 'Puerto Rico'],
];

const BY_FIPS = new Map(US_STATES.map(([usps, fips]) => [fips, usps]));
const BY_USPS = new Map(US_STATES.map(([usps, , name]) => [usps, name]));

export function stateFromFips(fips: string): string | undefined {
  return BY_FIPS.get(fips.padStart(2, '0'));
}

export function isUsState(usps: string): boolean {
  return BY_USPS.has(usps.toUpperCase());
}

/** Places every store starts with: all ISO countries and the U.S. states. */
export function basePlaces(): Place[] {
  const out: Place[] = [];
  for (const code of Object.keys(countries.getAlpha3Codes())) {
    out.push({ id: code, kind: 'country', name: countries.getName(code, 'en') ?? code, parent: null });
  }
  out.push({ id: 'XKX', kind: 'country', name: 'Kosovo', parent: null });
  for (const [usps, , name] of US_STATES) out.push({ id: usps, kind: 'state', name, parent: 'USA' });
  return out;
}

/**
 * The one gazetteer. Every place a source mentions is a *claim* (id, kind, name, parent); the
 * place the store shows is the claim of the most authoritative claimant, by a stated rule that
 * does not depend on load order:
 *   1. the canonical registry (ISO 3166-1 countries, USPS/FIPS states; `basePlaces`) always wins;
 *   2. then publishers by NAME_AUTHORITY (an agency's name from the FBI's NIBRS agency table beats
 *      the UCR human-trafficking table, whose names carry unit suffixes);
 *   3. then the first claimant by source id (for NIBRS the earliest state-year), so adding a newer
 *      year never renames a place that is already known.
 */
export const REGISTRY_SOURCE = '';
export const NAME_AUTHORITY: readonly string[] = ['nibrs', 'fbi', 'census', 'walkfree', 'tip', 'grants', 'law'];

/** Rank of a claimant's family: 0 is the registry, lower wins. Unknown families rank last. */
export function claimRank(family: string | null): number {
  if (family === null) return 0;
  const i = NAME_AUTHORITY.indexOf(family);
  return i === -1 ? NAME_AUTHORITY.length + 1 : i + 1;
}
