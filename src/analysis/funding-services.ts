// Services against need: services listed in the loaded directories (Open Referral HSDS model)
// per place and per population served, "none known" where no loaded directory covers the place
// and population (distinct from a directory that covers them and lists none), per million
// residents where a population figure is loaded; and domestic anti-trafficking award dollars by
// place of performance and fiscal year where award records are loaded.
import type { Store } from '../store/store.ts';
import { SERVICE_POPULATIONS, type ServicePlaceRow, type ServicePopulation, type ServicesReport } from '../model/funding.ts';

export { POPULATION_LABELS, SERVICE_POPULATIONS, type ServicePlaceRow, type ServicePopulation, type ServicesReport } from '../model/funding.ts';

async function hasTable(store: Store, name: string): Promise<boolean> {
  const r = await store.all("SELECT count(*) AS n FROM information_schema.tables WHERE table_name = ? AND table_schema = 'main'", [name]);
  return Number(r[0]?.n ?? 0) > 0;
}

const NG_REGION_NAMES: Record<string, string> = { 'NG-LA': 'Lagos', 'NG-DE': 'Delta', 'NG-FC': 'Federal Capital Territory', 'NG-OG': 'Ogun', 'NG-ED': 'Edo' };

export async function servicesAgainstNeed(store: Store): Promise<ServicesReport> {
  const notes = [
    'Counts are services listed in the loaded directories, not all services that exist. "none known" means no loaded directory covers that place and population; 0 means a directory covers them and lists none.',
    'Services for sex workers, for sex-trafficking victims and for labor-trafficking victims are counted apart; a directory that does not say which kind of trafficking a service is for is counted as "kind not stated", never split.',
    'Contact fields are republished only where the directory’s publisher states terms that allow it; the loaded real directories state none, so none are shown.',
    'Per identified victim: not computed — no place-level counts of identified victims are loaded.',
  ];
  const report: ServicesReport = { directories: [], places: [], awards: [], notes };
  if (await hasTable(store, 'hsds_directories')) {
    const dirs = await store.all(
      `SELECT d.source_id, d.directory, d.title, d.terms, d.contacts_republishable, d.coverage_places, d.coverage_populations,
              (SELECT count(*) FROM hsds_services s WHERE s.source_id = d.source_id AND s.directory = d.directory) AS n
       FROM hsds_directories d ORDER BY d.directory`,
    );
    report.directories = dirs.map((d) => ({
      id: String(d.directory), sourceId: String(d.source_id), title: String(d.title), terms: String(d.terms), contactsRepublishable: Boolean(d.contacts_republishable),
      places: JSON.parse(String(d.coverage_places)) as string[], populations: JSON.parse(String(d.coverage_populations)) as string[], services: Number(d.n),
    }));
    const areas = await store.all(
      `SELECT a.country, a.region, s.population, count(DISTINCT s.id) AS n, list(DISTINCT s.directory ORDER BY s.directory) AS dirs
       FROM hsds_service_areas a JOIN hsds_services s ON s.id = a.service_id AND s.directory = a.directory AND s.source_id = a.source_id
       GROUP BY GROUPING SETS ((a.country, s.population), (a.country, a.region, s.population))
       ORDER BY a.country, a.region NULLS FIRST, s.population`,
    );
    const names = new Map((await store.all('SELECT id, name FROM places')).map((p) => [String(p.id), String(p.name)]));
    const rows = new Map<string, ServicePlaceRow>();
    const rowFor = (place: string) => {
      let r = rows.get(place);
      if (!r) {
        r = {
          place, placeName: names.get(place) ?? NG_REGION_NAMES[place] ?? place,
          counts: Object.fromEntries(SERVICE_POPULATIONS.map((p) => [p, 'none known'])) as ServicePlaceRow['counts'],
          directories: [], population: null, perMillion: null, perIdentifiedVictim: null,
        };
        rows.set(place, r);
      }
      return r;
    };
    // Coverage first: a directory that covers a place and population makes its absence a zero.
    for (const d of report.directories) {
      for (const place of d.places) {
        const r = rowFor(place);
        r.directories.push(d.id);
        for (const p of d.populations) if (r.counts[p as ServicePopulation] === 'none known') r.counts[p as ServicePopulation] = 0;
      }
    }
    for (const a of areas) {
      const place = a.region === null ? String(a.country) : String(a.region);
      if (a.region === null && a.country === null) continue;
      const r = rowFor(place);
      const pop = String(a.population) as ServicePopulation;
      const prev = r.counts[pop];
      r.counts[pop] = (prev === 'none known' ? 0 : prev) + Number(a.n);
      for (const d of a.dirs as unknown as string[]) if (!r.directories.includes(String(d))) r.directories.push(String(d));
    }
    // Residents: Walk Free's population for countries, Census for U.S. states (latest year loaded).
    const pops = await store.all(
      `SELECT place, measure, period, value FROM (
         SELECT o.place, o.measure, o.period, sum(o.value) AS value, row_number() OVER (PARTITION BY o.place ORDER BY o.period DESC, o.measure) AS k
         FROM observations o WHERE o.measure IN ('walkfree.gsi.population', 'census.population') AND (o.measure = 'walkfree.gsi.population' OR o.dims = '{}') GROUP BY o.place, o.measure, o.period)
       WHERE k = 1`,
    );
    const popOf = new Map(pops.map((p) => [String(p.place), { value: Number(p.value), year: Number(p.period), measure: String(p.measure) }]));
    for (const r of rows.values()) {
      const p = popOf.get(r.place) ?? null;
      r.population = p;
      const total = SERVICE_POPULATIONS.reduce((s, k) => s + (typeof r.counts[k] === 'number' ? (r.counts[k] as number) : 0), 0);
      r.perMillion = p && p.value > 0 && total > 0 ? Math.round((total / p.value) * 1e6 * 100) / 100 : null;
    }
    report.places = [...rows.values()].sort((a, b) => a.place.localeCompare(b.place));
    if (report.places.some((r) => r.place === 'NGA'))
      notes.push('Nigeria: the IOM map covers five states (Lagos, Delta, FCT, Ogun, Edo), so a per-million figure for the whole country understates those states’ density and overstates the rest.');
  }
  if (await hasTable(store, 'award_records')) {
    const rows = await store.all(
      `SELECT coalesce(state, country) AS place, fiscal_year, program_number, min(program_title) AS title, population, sum(amount) AS amount, count(*) AS n
       FROM award_records GROUP BY ALL ORDER BY place, fiscal_year, program_number`,
    );
    report.awards = rows.map((r) => ({
      place: String(r.place), fiscalYear: Number(r.fiscal_year), programNumber: String(r.program_number), programTitle: String(r.title), population: String(r.population),
      amount: Number(r.amount), transactions: Number(r.n),
    }));
    notes.push('Domestic awards: federal action obligations (deobligations included, so a year can be negative) by place of performance and federal fiscal year, for the listed anti-trafficking assistance programs only.');
  }
  return report;
}
