// FBI Crime in the United States, Table 69 arrests by state 2013–2021: see ../descriptor.ts.
import { MiB, STANDARD_CITATION, entryOf, githubRaw, type FetchFile, type SourceDescriptor } from '../descriptor.ts';
import { SIZE_CAPS } from '../limits.ts';
import { FBI_FAMILY } from '../fbi-ht/descriptor.ts';
import { CIUS_DIR, CIUS_SOURCE, csvFile, tableNumber, xlsFile } from './source.ts';
import { CIUS_MEASURES } from './measures.ts';

const SH3 = ['sh3laughs/Ending-Human-Trafficking-Project', '268a0cff9aa9643b879ba0faf52ad04d75639c77'] as const;
const CFB = ['codeforboston/clean-slate-data', '49298c4f948a5eceba9a24876198dcb4453f15eb'] as const;

/** [year, sha256, bytes] of the official workbooks and of the CSV exports (shared/data copies). */
const CIUS_XLS: [number, string, number][] = [
  [2014, '2828007bb12fdd0a37419694b9df5b31f6caf56df8bfae6c344ba4630be9ce1a', 76288],
  [2015, '49a884e038be05e4cebfa4f368459c86c12384a55090bba2a9a09ba4bf946acd', 91136],
  [2016, '63c28b5e297b4d95a61f607f5c1af62892ed6c1a063a9c222a5a3b94b2dc19e0', 62976],
  [2017, 'a12ed197ba33262aad0e9c0b6a173ad75594b095537f2ac433a61795a8c20b92', 62976],
  [2018, '19ddc21592998eec171e460bed5f8e99382e3eea8802bfef660874c1d54506da', 81408],
];
const CIUS_CSV: [number, string, number][] = [
  [2013, 'ded9dc75162fe44307566de349608fbdaa3396afc4434a689fe233786d77638e', 16290],
  [2014, '30c8a2edad1adc4ba41507275ede4b3f0a7a73b1edcbdfd5e23c7f9a131263e3', 16258],
  [2015, '577f46c2b07f44d9b675eede41cb60c7f17f479d90dfcb1d9bca0d0105b77b0d', 19805],
  [2016, '048dcbc85c21f56ac763e9b1f9de14311b4c6b65df5430d75d9b4e995a43e8a3', 16324],
  [2017, '6dc95b5cef8a936cce51fa1e61215665f6d4a1d75f336f5a9122c603e09c4d43', 16221],
  [2018, 'f64365da07c46a529190daa5a0a03e039f0406678fe905f0ae31067ddfd249c0', 15916],
  [2019, 'b0c1ddab26c22e9463f4bb564bd6cc97c3d0536ca8937c0542c4429855aceede', 15893],
  [2020, '337933c36a3d97a4bee1855d1e3fa05fa6939dcf438eef7270e328b89ab393c9', 15405],
  [2021, 'ee6cec426d51bd91341e57ed23b37f94a74cdf83bc4bb46281ccfb7a18ae713d', 14825],
];

const FETCH: FetchFile[] = [
  ...CIUS_XLS.map(([y, sha256, bytes]) => ({
    path: xlsFile(y),
    url: githubRaw(...CFB, `data/fbi/raw/${y}_FBI_aggregate_crime_data.xls`),
    sha256,
    bytes,
    official: `https://ucr.fbi.gov/crime-in-the-u.s/${y}/crime-in-the-u.s.-${y}/tables/table-${tableNumber(y)} (unverified)`,
  })),
  ...CIUS_CSV.map(([y, sha256, bytes]) => ({ path: csvFile(y), url: githubRaw(...SH3, `Data/Crime/allCrimes_${y}.csv`), sha256, bytes })),
];

const dir = CIUS_DIR.replace(/[.-]/g, '\\$&');

export const ciusDescriptor: SourceDescriptor = {
  id: CIUS_SOURCE.id,
  title: CIUS_SOURCE.title,
  publisher: 'Federal Bureau of Investigation, Crime in the United States (official .xls; CSV exports as stated secondary copies)',
  entry: entryOf(import.meta.url),
  loadImporter: async () => (await import('./index.ts')).ciusImporter,
  claims: [
    { pattern: new RegExp(`^${dir}/cius_\\d{4}_arrests_by_state\\.xls$`), format: 'xls', maxBytes: 4 * MiB },
    { pattern: new RegExp(`^${dir}/cius_\\d{4}_arrests_by_state_csv-export\\.csv$`), format: 'csv', maxBytes: SIZE_CAPS.csv },
  ],
  measures: [
    {
      measures: CIUS_MEASURES,
      universe: 'Agencies counted in Table 69’s “Number of agencies” for each state and year, 2013–2021, and the population they cover.',
      counts: 'Arrests by state: prostitution and commercialized vice (all ages and under 18) and all offenses, with the agencies and population behind them.',
      excludes: 'Human trafficking (no column in Table 69 of these years); agencies that did not report; arrests by role (selling, promoting, buying).',
      caveats: [
        '“Prostitution and commercialized vice” lumps together people who sell sex, promoters and buyers; it is not a count of trafficking.',
        '2021 was the first year the FBI accepted only NIBRS data: many large agencies did not report, so 2021 arrests collapse for many states — a coverage break, not a fall in arrests.',
      ],
    },
  ],
  caveats: ['The official workbook leads where present; the CSV exports (title rows and footnote texts dropped) are compared with it, or used as stated secondary copies for years without one. In 2016 the table is numbered 22.'],
  citation: STANDARD_CITATION,
  families: [FBI_FAMILY],
  defaultViews: [{ measure: 'fbi.cius69.prostitution_arrests', chart: 'map' }],
  fetch: FETCH,
  fixtures: ['fixtures/data/stats/fbi-ucr-summary/cius-table69-arrests-by-state/'],
};
