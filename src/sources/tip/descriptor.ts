// The TIP Report tiers (Heiss & Kelley) and the Cho 3P policy index: see ../descriptor.ts.
import { STANDARD_CITATION, entryOf, githubRaw, type SourceDescriptor } from '../descriptor.ts';
import { SIZE_CAPS } from '../limits.ts';
import { INDEX_CAVEATS, TIER_CAVEATS, TIP_SOURCE } from './source.ts';
import { TIP_MEASURES } from './measures.ts';

const REPO = 'andrewheiss/From-the-Trenches-Anti-TIP-NGOs-and-US';
const COMMIT = '475c15bab196e3584d3c089234efb53e5bf1c7b7';

export const tipDescriptor: SourceDescriptor = {
  id: TIP_SOURCE.id,
  title: TIP_SOURCE.title,
  publisher: 'U.S. Department of State (tier placements), coded by Heiss & Kelley from Seo-Young Cho’s data; 3P index by Cho, Dreher & Neumayer',
  entry: entryOf(import.meta.url),
  loadImporter: async () => (await import('./index.ts')).tipImporter,
  claims: [
    { pattern: /^stats\/us-state-tip-report\/heiss_kelley_tip_tiers_1999-2015\.csv$/, format: 'csv', maxBytes: SIZE_CAPS.csv },
    { pattern: /^stats\/us-state-tip-report\/heiss_kelley_cho_3p_policy_index_tiers_1999-2015\.csv$/, format: 'csv', maxBytes: SIZE_CAPS.csv },
  ],
  measures: [
    {
      measures: TIP_MEASURES.filter((m) => m.id === 'tip.tier'),
      universe: 'Governments rated in each Trafficking in Persons Report, report years 2001–2015 (79 rated in 2001, 186 in 2015); the United States is not in this file.',
      counts: 'The tier the State Department placed each government in: its assessment of government efforts against trafficking.',
      excludes: 'How much trafficking occurs; automatic downgrades are not flagged; Special Case and not-ranked years are not told apart.',
      caveats: TIER_CAVEATS,
    },
    {
      measures: TIP_MEASURES.filter((m) => m.id !== 'tip.tier'),
      universe: 'Countries scored by the 3P Anti-trafficking Policy Index, calendar years 2000–2013.',
      counts: 'Scores for prosecution, prevention and protection policy (1–5 each) and their total (3–15).',
      excludes: 'Outcomes (how policy works in practice) and any count of victims or cases.',
      caveats: INDEX_CAVEATS,
    },
  ],
  caveats: ['A third-party compilation of the TIP Reports, not an official State Department file; the official reports are HTML and PDF only.'],
  citation: STANDARD_CITATION,
  families: [{ id: 'tip', label: 'TIP Report (U.S. State Department)', geography: 'country' }],
  defaultViews: [{ measure: 'tip.tier', chart: 'map' }, { measure: 'tip.policy_index.total', chart: 'line', place: 'GBR' }],
  fetch: [
    {
      path: 'stats/us-state-tip-report/heiss_kelley_tip_tiers_1999-2015.csv',
      url: githubRaw(REPO, COMMIT, 'data/tip_tiers_orig.csv'),
      sha256: '65909a7bd4053b8947a3b54c9c2d7619d0af708189e4fe5c1ac02ba770a8af75',
      bytes: 121833,
      official: 'https://www.state.gov/trafficking-in-persons-report/ (HTML/PDF only; unverified)',
    },
    {
      path: 'stats/us-state-tip-report/heiss_kelley_cho_3p_policy_index_tiers_1999-2015.csv',
      url: githubRaw(REPO, COMMIT, 'data/policy_index.csv'),
      bytes: 208663,
    },
  ],
  fixtures: ['fixtures/data/stats/us-state-tip-report/'],
};
