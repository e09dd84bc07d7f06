// /analyses/funding — U.S. anti-trafficking grants abroad against need (per estimated victim, with
// the denominator's source and year), TIP tier beside; services in the loaded directories by
// population served ("none known" distinct from 0); domestic award dollars where loaded.
import { clear, el } from '../../dom.ts';
import type { Denominator, FundingReport, ServicesReport } from '../../../../src/model/funding.ts';
import { POPULATION_LABELS, SERVICE_POPULATIONS } from '../../../../src/model/funding.ts';
import { SERVICES_URL, fundingUrl } from '../../../../src/model/page-requests.ts';
import { gatheredAnswer } from '../../api.ts';

const usd = (v: number | null) => (v === null ? '—' : `$${Math.round(v).toLocaleString('en-US')}`);
const cents = (v: number | null) => (v === null ? '—' : `$${v.toFixed(2)}`);

async function getJson<T>(url: string): Promise<T> {
  const gathered = await gatheredAnswer<T>(url);
  if (gathered !== undefined) return gathered;
  const res = await fetch(url, { headers: { accept: 'application/json' } });
  const body = (await res.json()) as T & { detail?: string };
  if (!res.ok) throw new Error(body.detail ?? res.statusText);
  return body;
}

export async function render(root: HTMLElement, params: Record<string, string>): Promise<void> {
  const [funding, services] = await Promise.all([getJson<FundingReport>(fundingUrl(params)), getJson<ServicesReport>(SERVICES_URL)]);
  clear(root).append(
    el('p', { class: 'law-crumbs' }, [el('a', { href: '/analyses' }, 'Analyses'), ' › Funding against need']),
    el('h1', {}, 'Funding against need'),
    el('p', { class: 'lede' }, `U.S. anti-trafficking project funding abroad, grant years ${funding.from}–${funding.to}, beside each country’s estimated number of people in modern slavery and its TIP tier. Every per-victim figure names its denominator and the year that denominator describes.`),
    params.place ? countryDetail(funding) : countryTable(funding),
    params.place ? '' : worldwideTable(funding),
    el('ul', { class: 'caveats' }, funding.notes.map((t) => el('li', {}, t))),
    el('h2', { id: 'services' }, 'Services'),
    servicesTable(services),
    services.awards.length ? awardsTable(services) : '',
    el('ul', { class: 'caveats' }, services.notes.map((t) => el('li', {}, t))),
    el('h2', {}, 'Sources'),
    el('ul', { class: 'citations' }, [
      ...funding.sources.map((s) => el('li', {}, [`${s.publisher}: ${s.title}. Retrieved ${s.retrieved}, sha256 `, el('code', {}, s.sha256.slice(0, 12)), '. ', el('a', { href: s.url, rel: 'noreferrer noopener' }, 'source')])),
      ...services.directories.map((d) => el('li', {}, `${d.title} — terms: ${d.terms}`)),
    ]),
  );
}

function countryTable(r: FundingReport): HTMLElement {
  return el('table', { class: 'data', id: 'funding-countries' }, [
    el('caption', {}, 'Recipient countries by total funding (select one for its years)'),
    el('thead', {}, el('tr', {}, ['Country', 'Funding (nominal USD)', 'People in modern slavery (estimate, year)', 'Funding per estimated victim', 'Victims identified (country figure)', 'Years'].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, r.countries.map((c) => el('tr', {}, [
      el('th', { scope: 'row' }, el('a', { href: `/analyses/funding?place=${c.country}` }, `${c.name} (${c.country})`)),
      el('td', { class: 'num' }, usd(c.totalAmount)),
      el('td', { class: 'num' }, c.estimatedVictims.status === 'value' ? `${c.estimatedVictims.value!.toLocaleString('en-US')} (${c.estimatedVictims.year})` : c.estimatedVictims.status),
      el('td', { class: 'num' }, cents(c.totalPerEstimatedVictim)),
      denominatorCell(c.identifiedVictims),
      el('td', {}, `${c.years[0]?.year ?? ''}–${c.years[c.years.length - 1]?.year ?? ''}`),
    ]))),
  ]);
}

/** A denominator's value with its year, or why there is none (never a zero). */
function denominatorCell(d: Denominator): HTMLElement {
  return d.status === 'value' ? el('td', { class: 'num' }, `${d.value!.toLocaleString('en-US')} (${d.year})`) : el('td', { class: 'none-known' }, d.status);
}

function worldwideTable(r: FundingReport): HTMLElement | string {
  if (r.worldwide.length === 0) return '';
  return el('table', { class: 'data', id: 'funding-worldwide' }, [
    el('caption', {}, 'Worldwide: all U.S. project funding abroad (country, regional and global projects) per victim identified by all governments, for the years both figures are held'),
    el('thead', {}, el('tr', {}, ['Year', 'Funding (nominal USD)', 'Victims identified worldwide', 'Source of that figure', 'Per identified victim', 'Notes'].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, r.worldwide.map((w) => el('tr', {}, [
      el('th', { scope: 'row' }, String(w.year)),
      el('td', { class: 'num' }, usd(w.amount)),
      el('td', { class: 'num' }, w.identifiedVictims === null ? '—' : w.identifiedVictims.toLocaleString('en-US')),
      el('td', {}, `${w.identifiedVictimsSource}${w.identifiedVictimsFlags.length ? ` [${w.identifiedVictimsFlags.filter((f) => /^(grade|report_edition):/.test(f)).join(', ')}]` : ''}`),
      el('td', { class: 'num' }, cents(w.perIdentifiedVictim)),
      el('td', {}, w.flags.includes('after_recording_break') ? 'after the 2011 recording break' : ''),
    ]))),
  ]);
}

function countryDetail(r: FundingReport): HTMLElement {
  const c = r.countries[0];
  if (!c) return el('p', {}, 'No grants to this country in these years.');
  const d = c.estimatedVictims;
  return el('section', { id: 'funding-country' }, [
    el('h2', {}, c.name),
    el('p', {}, d.status === 'value' ? `Denominator: ${d.label}, ${d.value!.toLocaleString('en-US')} for ${d.year} (${d.source}).` : `Denominator: ${d.label} — ${d.status}.`),
    el('p', { class: 'identified' }, `Victims identified (TIP law-enforcement data): ${c.identifiedVictims.status === 'value' ? `${c.identifiedVictims.value!.toLocaleString('en-US')} for ${c.identifiedVictims.year}` : c.identifiedVictims.status}. Prosecutions: ${c.prosecutions.status === 'value' ? `${c.prosecutions.value!.toLocaleString('en-US')} for ${c.prosecutions.year}` : c.prosecutions.status}.`),
    el('table', { class: 'data' }, [
      el('thead', {}, el('tr', {}, ['Grant year', 'Funding', 'Projects', 'TIP tier (report year)', `Per estimated victim (÷ ${d.year ?? '—'} estimate)`, 'Years apart', 'Per identified victim', 'Notes'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, c.years.map((y) => el('tr', {}, [
        el('th', { scope: 'row' }, String(y.year)),
        el('td', { class: 'num' }, usd(y.amount)),
        el('td', { class: 'num' }, `${y.projects}${y.projectsWithoutAmount ? ` (${y.projectsWithoutAmount} without amount)` : ''}`),
        el('td', {}, y.tier ? `${y.tier} (${y.tierReportYear})` : '—'),
        el('td', { class: 'num' }, cents(y.perEstimatedVictim)),
        el('td', { class: 'num' }, d.year === null ? '—' : String(d.year - y.year)),
        el('td', { class: y.perIdentifiedVictim === null && c.identifiedVictims.status !== 'value' ? 'none-known' : 'num' }, y.perIdentifiedVictim !== null ? cents(y.perIdentifiedVictim) : c.identifiedVictims.status === 'value' ? '—' : c.identifiedVictims.status),
        el('td', {}, y.flags.includes('after_recording_break') ? 'after the 2011 recording break' : ''),
      ]))),
    ]),
  ]);
}

function servicesTable(s: ServicesReport): HTMLElement {
  if (s.places.length === 0) return el('p', {}, 'No service directory is loaded: services are none known everywhere.');
  return el('table', { class: 'data', id: 'services-table' }, [
    el('caption', {}, 'Services listed per place, by who they are for'),
    el('thead', {}, el('tr', {}, ['Place', ...SERVICE_POPULATIONS.map((p) => POPULATION_LABELS[p]), 'Per million residents', 'Directories'].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, s.places.map((p) => el('tr', {}, [
      el('th', { scope: 'row' }, `${p.placeName} (${p.place})`),
      ...SERVICE_POPULATIONS.map((k) => el('td', { class: typeof p.counts[k] === 'number' ? 'num' : 'none-known' }, String(p.counts[k]))),
      el('td', { class: 'num' }, p.perMillion === null ? '—' : `${p.perMillion} (population ${p.population?.year})`),
      el('td', {}, p.directories.join(', ')),
    ]))),
  ]);
}

function awardsTable(s: ServicesReport): HTMLElement {
  return el('table', { class: 'data', id: 'awards-table' }, [
    el('caption', {}, 'Domestic anti-trafficking awards by place of performance (federal action obligations)'),
    el('thead', {}, el('tr', {}, ['Place', 'Fiscal year', 'Program', 'Who it serves', 'Amount', 'Transactions'].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, s.awards.map((a) => el('tr', {}, [
      el('th', { scope: 'row' }, a.place), el('td', {}, String(a.fiscalYear)), el('td', {}, `${a.programNumber} ${a.programTitle}`), el('td', {}, a.population),
      el('td', { class: 'num' }, usd(a.amount)), el('td', { class: 'num' }, String(a.transactions)),
    ]))),
  ]);
}
