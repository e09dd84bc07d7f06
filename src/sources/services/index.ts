// Service directories into the Open Referral HSDS model: the IOM Nigeria provider map (a real
// directory of services for trafficking victims), the Truckers Against Trafficking hotline list,
// and any HSDS data package. Neither real directory states terms of use, so their contact fields
// (phone, e-mail, web, social media, street address, exact coordinates) are not stored or
// republished: each entry links the reader to the publisher instead.
import { readdir, readFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import countries from 'i18n-iso-countries';
import { InputError } from '../errors.ts';
import { isUsState, matchCountryCode } from '../../model/places.ts';
import type { Importer, SourceSpec } from '../importer.ts';
import type { Stage } from '../../store/store.ts';
import { HSDS_TABLES, readHsdsPackage, type HsdsDirectory } from './hsds.ts';
import { AWARD_COLUMNS, readAwardFile } from './awards.ts';
import { AWARDS_DIR, IOM_FILE, SERVICES_DIR, SERVICES_SOURCE, TAT_FILE } from './source.ts';

/** The Open Referral sample is fictional ("Example City"): a format reference, never loaded as a directory. */
export const FICTIONAL_PACKAGES = ['openreferral-hsds-1.1-sample'];
const MAX_BYTES = 8 * 1024 * 1024;

const WITHHELD_TERMS = 'No licence or terms of use stated by the publisher: contact fields (phone, e-mail, web, social media, street address, exact location) are not republished.';

/** IOM map states → ISO 3166-2:NG. */
const NG_STATES: Record<string, string> = { 'Lagos State.': 'NG-LA', 'Delta State.': 'NG-DE', 'FCT.': 'NG-FC', 'Ogun State.': 'NG-OG', 'Edo State.': 'NG-ED' };
const IOM_CATEGORIES: Record<string, string> = {
  Empowerment: 'Economic empowerment', 'Psychosocial support': 'Psychosocial support', 'Psycho-social support': 'Psychosocial support',
  'Family tracing': 'Family tracing', Health: 'Health', Legal: 'Legal', Shelter: 'Shelter',
};

async function readJson(path: string, rel: string): Promise<unknown> {
  const size = (await stat(path)).size;
  if (size > MAX_BYTES) throw new InputError(rel, null, null, `file is ${size} bytes; at most ${MAX_BYTES} are read`);
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    throw new InputError(rel, null, null, `not JSON: ${(e as Error).message}`);
  }
}

export async function readIomNigeria(path: string, rel = IOM_FILE): Promise<HsdsDirectory> {
  const doc = (await readJson(path, rel)) as { type?: string; features?: { properties?: Record<string, unknown> }[] };
  if (doc.type !== 'FeatureCollection' || !Array.isArray(doc.features)) throw new InputError(rel, null, 'type', 'expected a GeoJSON FeatureCollection');
  const dir: HsdsDirectory = {
    id: 'iom-nigeria', title: 'Service providers for victims of trafficking and other vulnerable groups (IOM Nigeria map)', terms: WITHHELD_TERMS,
    contactsRepublishable: false, coverage: { places: ['NGA', ...new Set(Object.values(NG_STATES))], populations: ['trafficking_unspecified'] },
    organizations: [], services: [], locations: [], phones: [], serviceAreas: [],
  };
  const ids = new Set<string>();
  doc.features.forEach((f, i) => {
    const row = `features[${i}]`;
    const p = f.properties ?? {};
    const id = String(p.PROVIDER_ID ?? '');
    const name = typeof p.NAME === 'string' ? p.NAME.trim() : '';
    if (!/^\d+$/.test(id)) throw new InputError(rel, null, `${row}.PROVIDER_ID`, `"${id}" is not a provider id`);
    if (ids.has(id)) throw new InputError(rel, null, `${row}.PROVIDER_ID`, `provider ${id} appears twice`);
    ids.add(id);
    if (!name) throw new InputError(rel, null, `${row}.NAME`, 'provider has no name');
    const region = NG_STATES[String(p.STATE ?? '')];
    if (!region) throw new InputError(rel, null, `${row}.STATE`, `unknown state "${String(p.STATE)}"; expected one of ${Object.keys(NG_STATES).join(', ')}`);
    const list = Array.isArray(p.SERVICE) ? (p.SERVICE as unknown[]).map(String) : [];
    const categories = [...new Set(list.map((s) => {
      const c = IOM_CATEGORIES[s.trim()];
      if (!c) throw new InputError(rel, null, `${row}.SERVICE`, `unknown service "${s}"`);
      return c;
    }))];
    const orgId = `iom-ng-${id}`;
    dir.organizations.push({ id: orgId, name, url: null });
    // The map lists the organisation's services as one entry: one HSDS service per provider.
    dir.services.push({ id: `${orgId}-svc`, organizationId: orgId, name: `${name}: services for victims of trafficking`, categories, population: 'trafficking_unspecified' });
    dir.locations.push({ id: `${orgId}-loc`, organizationId: orgId, country: 'NGA', region, latitude: null, longitude: null });
    dir.phones.push({ organizationId: orgId, serviceId: null, number: null });
    dir.serviceAreas.push({ serviceId: `${orgId}-svc`, country: 'NGA', region, description: String(p.STATE).replace(/\.$/, '') });
  });
  return dir;
}

export async function readTatHotlines(path: string, rel = TAT_FILE, skip: (reason: string) => void = () => {}): Promise<HsdsDirectory> {
  const doc = await readJson(path, rel);
  if (!Array.isArray(doc)) throw new InputError(rel, null, null, 'expected a JSON array of hotlines');
  const dir: HsdsDirectory = {
    id: 'tat-hotlines', title: 'Human trafficking hotlines (Truckers Against Trafficking)', terms: `${WITHHELD_TERMS} The publisher asks users to contact appdev@tatnonprofit.org.`,
    contactsRepublishable: false, coverage: { places: [], populations: ['trafficking_unspecified'] },
    organizations: [{ id: 'tat', name: 'Truckers Against Trafficking (list compiler)', url: null }], services: [], locations: [], phones: [], serviceAreas: [],
  };
  const places = new Set<string>();
  (doc as Record<string, unknown>[]).forEach((h, i) => {
    const row = `[${i}]`;
    const name = (h.name as Record<string, string> | undefined)?.['en-us'];
    if (!name) throw new InputError(rel, null, `${row}.name`, 'hotline has no English name');
    const type = String(h.hotlineType ?? '');
    if (type === 'emergency') return skip('general emergency number (911), not a trafficking service');
    const code = String(h.regionCode ?? '');
    let country: string;
    let region: string | null = null;
    let description = code;
    const custom = /^Custom region: (.+), New York$/.exec(code);
    if (custom) {
      country = 'USA';
      region = 'NY';
      description = `${custom[1]}, New York`;
    } else {
      const [c2, sub] = code.split('-');
      const c3 = c2 ? countries.alpha2ToAlpha3(c2) : undefined;
      const match = c3 ? matchCountryCode(c3) : null;
      if (!match) throw new InputError(rel, null, `${row}.regionCode`, `unknown country code "${code}"`);
      country = match.id;
      if (sub !== undefined) {
        if (country !== 'USA' || !isUsState(sub)) throw new InputError(rel, null, `${row}.regionCode`, `unknown region "${code}"`);
        region = sub;
      }
    }
    places.add(region ?? country);
    const id = `tat-${i}`;
    dir.services.push({ id, organizationId: 'tat', name, categories: ['Hotline'], population: 'trafficking_unspecified' });
    dir.phones.push({ organizationId: 'tat', serviceId: id, number: null });
    dir.serviceAreas.push({ serviceId: id, country, region, description });
  });
  dir.coverage.places = [...places];
  return dir;
}

async function storeDirectory(stage: Stage, d: HsdsDirectory): Promise<void> {
  const c = stage.connection;
  const apps = Object.fromEntries(
    await Promise.all(Object.entries(HSDS_TABLES).map(async ([name, cols]) => [name, await c.createAppender(await stage.factTable(name, cols), 'main', 'temp')] as const)),
  );
  const src = stage.source.id;
  const put = (table: keyof typeof HSDS_TABLES, values: (string | number | boolean | null)[]) => {
    const a = apps[table]!;
    a.appendVarchar(src);
    for (const v of values) {
      if (v === null) a.appendNull();
      else if (typeof v === 'boolean') a.appendBoolean(v);
      else if (typeof v === 'number') a.appendDouble(v);
      else a.appendVarchar(v);
    }
    a.endRow();
  };
  try {
    put('hsds_directories', [d.id, d.title, d.terms, d.contactsRepublishable, JSON.stringify(d.coverage.places), JSON.stringify(d.coverage.populations)]);
    for (const o of d.organizations) put('hsds_organizations', [d.id, o.id, o.name, o.url]);
    for (const s of d.services) {
      put('hsds_services', [d.id, s.id, s.organizationId, s.name, JSON.stringify(s.categories), s.population]);
      stage.rowsRead++;
      stage.rowsStored++;
    }
    for (const l of d.locations) put('hsds_locations', [d.id, l.id, l.organizationId, l.country, l.region, l.latitude, l.longitude]);
    for (const p of d.phones) put('hsds_phones', [d.id, p.organizationId, p.serviceId, p.number]);
    for (const a of d.serviceAreas) put('hsds_service_areas', [d.id, a.serviceId, a.country, a.region, a.description]);
  } finally {
    for (const a of Object.values(apps)) a.closeSync();
  }
  stage.caveat({ sourceId: src, measure: null, place: null, period: null, text: `${d.title}: ${d.terms}` });
}

export const servicesImporter: Importer = {
  ...SERVICES_SOURCE,

  async discover(dataDir) {
    const specs: SourceSpec[] = [];
    const one = (id: string, title: string, publisher: string, url: string, license: string, rel: string, format: string) => {
      if (existsSync(join(dataDir, rel))) specs.push({ description: { id, family: 'services', publisher, title, url, license, format }, files: [join(dataDir, rel)] });
    };
    one('services.iom_nigeria', 'Service providers for victims of trafficking and other vulnerable groups, Nigeria (IOM map application)', 'International Organization for Migration (map application built by TRAC Development Hub)',
      'https://github.com/TRAC-DEV/Trac-Development-Hub-service-providers-for-victims-of-trafficking-and-other-vulnerable-groups', 'None stated (no licence file); contact fields not republished', IOM_FILE, 'geojson');
    one('services.tat_hotlines', 'Human trafficking hotlines (v1.0.0)', 'Truckers Against Trafficking', 'https://github.com/tatnonprofit/human-trafficking-hotlines',
      'None stated; the publisher asks users to contact it; contact fields not republished', TAT_FILE, 'json');
    const root = join(dataDir, SERVICES_DIR);
    for (const name of existsSync(root) ? (await readdir(root)).sort() : []) {
      if (FICTIONAL_PACKAGES.includes(name) || !existsSync(join(root, name, 'datapackage.json'))) continue;
      specs.push({ description: { id: `services.hsds.${name}`, family: 'services', publisher: 'as stated in the package', title: `HSDS directory ${name}`, url: '', license: 'as stated in datapackage.json', format: 'hsds' }, files: [join(root, name, 'datapackage.json')] });
    }
    const awards = join(dataDir, AWARDS_DIR);
    const awardFiles = existsSync(awards) ? (await readdir(awards)).filter((f) => f.endsWith('.csv')).sort().map((f) => join(awards, f)) : [];
    if (awardFiles.length)
      specs.push({ description: { id: 'awards.usaspending', family: 'awards', publisher: 'U.S. Department of the Treasury, USAspending.gov', title: 'Federal assistance award transactions (USAspending download)', url: 'https://www.usaspending.gov/download_center/custom_award_data', license: 'U.S. government work (public domain)', format: 'csv' }, files: awardFiles });
    return specs;
  },

  async load(spec, stage, dataDir) {
    const id = spec.description.id;
    const rel = (p: string) => p.slice(join(dataDir, '/').length);
    if (id === 'services.iom_nigeria') return storeDirectory(stage, await readIomNigeria(spec.files[0]!));
    if (id === 'services.tat_hotlines') return storeDirectory(stage, await readTatHotlines(spec.files[0]!, TAT_FILE, (r) => stage.skip(r)));
    if (id.startsWith('services.hsds.')) {
      const dir = spec.files[0]!.replace(/\/datapackage\.json$/, '');
      return storeDirectory(stage, await readHsdsPackage(dir, rel(dir), { id: id.slice('services.hsds.'.length), population: () => 'trafficking_unspecified', country: 'USA' }));
    }
    const table = await stage.factTable('award_records', AWARD_COLUMNS);
    const a = await stage.connection.createAppender(table, 'main', 'temp');
    try {
      for (const f of spec.files) {
        for (const r of await readAwardFile(f, rel(f), (reason) => stage.skip(reason))) {
          stage.rowsRead++;
          a.appendVarchar(stage.source.id);
          for (const v of [r.transactionKey, r.awardKey, r.programNumber, r.programTitle]) a.appendVarchar(v);
          a.appendInteger(r.fiscalYear);
          for (const v of [r.country, r.state]) {
            if (v === null) a.appendNull();
            else a.appendVarchar(v);
          }
          a.appendDouble(r.amount);
          a.appendVarchar(r.awardingAgency);
          a.appendVarchar(r.recipient);
          a.appendVarchar(r.population);
          a.appendVarchar(`${rel(f)}:${r.line}`);
          a.endRow();
          stage.rowsStored++;
        }
      }
    } finally {
      a.closeSync();
    }
  },
};
