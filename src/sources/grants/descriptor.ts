// U.S. anti-trafficking grants abroad (Heiss & Kelley coding; State Department project lists): see ../descriptor.ts.
import { MiB, STANDARD_CITATION, entryOf, exactPath, githubRaw, type SourceDescriptor } from '../descriptor.ts';
import { BREAK_CAVEAT, FY2002_FILE, FY2003_FILE, GRANTS_CAVEATS, GRANTS_MEASURES, GRANTS_SOURCE, HK_FILE } from './source.ts';

const JK = ['andrewheiss/jk_misc', '1749d1b6a0c0c2fdf0222257e3afdde60bdd4118'] as const;

export const grantsDescriptor: SourceDescriptor = {
  id: GRANTS_SOURCE.id,
  title: GRANTS_SOURCE.title,
  publisher: 'U.S. Department of State project lists, coded by Kelley & Heiss',
  entry: entryOf(import.meta.url),
  loadImporter: async () => (await import('./index.ts')).grantsImporter,
  claims: [HK_FILE, FY2002_FILE, FY2003_FILE].map((f) => ({ pattern: exactPath(f), format: 'csv' as const, maxBytes: 32 * MiB })),
  measures: [
    {
      measures: GRANTS_MEASURES.slice(0, 2),
      universe: 'U.S. government anti-trafficking projects abroad listed 2001–2014, by recipient country or region and grant year.',
      counts: 'Nominal U.S. dollars awarded and the number of projects, by recipient type.',
      excludes: 'Domestic U.S. grants; disbursements; inflation; the split of regional projects among countries.',
      caveats: [...GRANTS_CAVEATS, BREAK_CAVEAT],
    },
    {
      measures: GRANTS_MEASURES.slice(2),
      universe: 'Projects in the State Department’s FY2002 and FY2003 lists.',
      counts: 'Projects (and FY2003 amounts) as parsed from the lists, by country or region.',
      excludes: 'Other fiscal years; domestic grants.',
      caveats: GRANTS_CAVEATS,
    },
  ],
  caveats: ['International funding only; nominal dollars as listed.'],
  citation: STANDARD_CITATION,
  families: [{ id: 'grants', label: 'U.S. anti-trafficking funding abroad', geography: 'country' }],
  defaultViews: [{ measure: 'grants.us_anti_tip.amount', chart: 'map' }],
  fetch: [
    { path: HK_FILE, url: githubRaw(...JK, 'data/funding_clean.csv'), sha256: '7b50afd0a8750c0640a3f216d55ae9a205f4a7743af1e24ed96e56fb2a7a6932', bytes: 383411 },
    {
      path: FY2002_FILE,
      url: githubRaw(...JK, 'funding_analysis/clean_data/state_2002.csv'),
      sha256: '264e232709b69d87696c132be796255a7498a6765ee7af90fa4ab2cfa36edcd1',
      bytes: 109401,
      official: 'http://2001-2009.state.gov/g/tip/rls/rpt/17858.htm (HTML; unverified)',
    },
    { path: FY2003_FILE, url: githubRaw(...JK, 'funding_analysis/clean_data/state_2003.csv'), sha256: 'bf6fa82a77e55526ddbc1d676f03cb94fc0b6d87d95ff78c1b568b2e651f0ef6', bytes: 129498 },
  ],
  fixtures: ['fixtures/data/stats/funding-us-anti-tip-grants/'],
};
