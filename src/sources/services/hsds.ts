// The Open Referral Human Services Data Specification (HSDS 1.1) subset Cogency keeps:
// organization, service, location, phone, service area — plus the population each service is
// for, so services for sex workers, for sex-trafficking and for labor-trafficking victims are
// always filtered apart. Contact fields are kept only where the publisher's terms allow it.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { InputError } from '../errors.ts';

/** Who a service is for. "trafficking_unspecified" when the directory does not say which kind. */
export const POPULATIONS = ['sex_workers', 'sex_trafficking', 'labor_trafficking', 'trafficking_unspecified'] as const;
export type Population = (typeof POPULATIONS)[number];

export interface HsdsDirectory {
  id: string;
  title: string;
  /** The publisher's terms as found; decides whether contact fields may be republished. */
  terms: string;
  contactsRepublishable: boolean;
  /** Places the directory sets out to cover (ISO3 or ISO 3166-2 / USPS region codes) and the populations it lists services for. */
  coverage: { places: string[]; populations: Population[] };
  organizations: { id: string; name: string; url: string | null }[];
  services: { id: string; organizationId: string; name: string; categories: string[]; population: Population }[];
  locations: { id: string; organizationId: string; country: string; region: string | null; latitude: number | null; longitude: number | null }[];
  phones: { organizationId: string; serviceId: string | null; number: string | null }[];
  serviceAreas: { serviceId: string; country: string; region: string | null; description: string }[];
}

export const HSDS_TABLES = {
  hsds_directories: 'directory VARCHAR, title VARCHAR, terms VARCHAR, contacts_republishable BOOLEAN, coverage_places VARCHAR, coverage_populations VARCHAR',
  hsds_organizations: 'directory VARCHAR, id VARCHAR, name VARCHAR, url VARCHAR',
  hsds_services: 'directory VARCHAR, id VARCHAR, organization_id VARCHAR, name VARCHAR, categories VARCHAR, population VARCHAR',
  hsds_locations: 'directory VARCHAR, id VARCHAR, organization_id VARCHAR, country VARCHAR, region VARCHAR, latitude DOUBLE, longitude DOUBLE',
  hsds_phones: 'directory VARCHAR, organization_id VARCHAR, service_id VARCHAR, number VARCHAR',
  hsds_service_areas: 'directory VARCHAR, service_id VARCHAR, country VARCHAR, region VARCHAR, description VARCHAR',
} as const;

/**
 * Read an HSDS 1.1 data package (datapackage.json + CSVs). Only the five tables above are used;
 * each must exist with the HSDS column names it needs. `population` classifies each service.
 */
export async function readHsdsPackage(dir: string, rel: string, opts: { id: string; population: (service: Record<string, string>) => Population; country: string }): Promise<HsdsDirectory> {
  const pkgText = await readFile(join(dir, 'datapackage.json'), 'utf8').catch(() => {
    throw new InputError(`${rel}/datapackage.json`, null, null, 'missing: an HSDS package is described by its datapackage.json');
  });
  let pkg: { title?: string; name?: string; license?: string | { name?: string; type?: string }; licenses?: { name?: string; title?: string }[]; resources?: { name?: string; path?: string }[] };
  try {
    pkg = JSON.parse(pkgText) as typeof pkg;
  } catch (e) {
    throw new InputError(`${rel}/datapackage.json`, null, null, `not JSON: ${(e as Error).message}`);
  }
  const license =
    typeof pkg.license === 'string' ? pkg.license : pkg.license ? `${pkg.license.type ?? ''} ${pkg.license.name ?? ''}`.trim() : (pkg.licenses?.map((l) => l.name ?? l.title).join(', ') ?? '');
  const read = async (name: string, required: string[]) => {
    // HSDS 1.1 names resources in the singular (organization) and files in the plural (organizations.csv).
    const singular = name.replace(/ies$/, 'y').replace(/s$/, '');
    const res = pkg.resources?.find((r) => r.name === name || r.name === singular || r.path === `${name}.csv`);
    const path = res?.path ?? `${name}.csv`;
    if (path.includes('..') || path.startsWith('/')) throw new InputError(`${rel}/datapackage.json`, null, name, `resource path "${path}" leaves the package folder`);
    const text = await readFile(join(dir, path), 'utf8').catch(() => {
      throw new InputError(`${rel}/${path}`, null, null, `missing: the HSDS table ${name} is required`);
    });
    const rows = parse(text, { columns: true, bom: true, skip_empty_lines: true }) as Record<string, string>[];
    const header = (parse(text, { to_line: 1, bom: true }) as string[][])[0] ?? [];
    for (const col of required) if (!header.includes(col)) throw new InputError(`${rel}/${path}`, 1, col, `HSDS column "${col}" is missing`);
    return rows.map((r, i) => ({ row: r, line: i + 2, file: `${rel}/${path}` }));
  };
  const orgs = await read('organizations', ['id', 'name']);
  const services = await read('services', ['id', 'organization_id', 'name']);
  const locations = await read('locations', ['id', 'organization_id']);
  const phones = await read('phones', ['id', 'number']);
  const areas = await read('service_areas', ['id', 'service_id', 'service_area']);
  const addresses = await read('physical_addresses', ['location_id', 'state_province', 'country']).catch(() => []);
  const orgIds = new Set(orgs.map((o) => o.row.id));
  for (const s of services) if (!orgIds.has(s.row.organization_id!)) throw new InputError(s.file, s.line, 'organization_id', `no organization "${s.row.organization_id}"`);
  const contacts = /CC[- ]?BY|CC0|public domain|ODbL|open government/i.test(license);
  const addrOf = new Map(addresses.map((a) => [a.row.location_id!, a.row]));
  const svc = services.map((s) => ({ id: s.row.id!, organizationId: s.row.organization_id!, name: s.row.name!, categories: [] as string[], population: opts.population(s.row) }));
  return {
    id: opts.id,
    title: pkg.title ?? pkg.name ?? opts.id,
    terms: license || 'none stated',
    contactsRepublishable: contacts,
    coverage: { places: [opts.country], populations: [...new Set(svc.map((s) => s.population))] },
    organizations: orgs.map((o) => ({ id: o.row.id!, name: o.row.name!, url: contacts ? o.row.url || null : null })),
    services: svc,
    locations: locations.map((l) => {
      const a = addrOf.get(l.row.id!);
      return { id: l.row.id!, organizationId: l.row.organization_id!, country: opts.country, region: a?.state_province || null, latitude: null, longitude: null };
    }),
    phones: phones.map((p) => ({ organizationId: p.row.organization_id ?? '', serviceId: p.row.service_id || null, number: contacts ? p.row.number || null : null })),
    serviceAreas: areas.map((a) => ({ serviceId: a.row.service_id!, country: opts.country, region: null, description: a.row.service_area ?? '' })),
  };
}
