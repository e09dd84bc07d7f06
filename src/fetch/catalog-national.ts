// `cogency fetch` entries for the FBI files of the national record (MANIFEST.md, "Added in turn 2"):
// NIBRS state-year extracts, the CDE national series, CIUS Table 69 and the 2015 Human Trafficking
// master file. Same rules as ./catalog.ts: where the publisher serves the exact file the importer
// reads, its URL; otherwise the pinned copy named in MANIFEST.md (repository + commit), whose sha256
// is known (computed from the byte-for-byte copies in shared/data). Publisher URLs are UNVERIFIED:
// no network was available when this was written.
import type { FetchFile, FetchSource } from './catalog.ts';

const gh = (repo: string, commit: string, path: string) => `https://raw.githubusercontent.com/${repo}/${commit}/${path.split('/').map(encodeURIComponent).join('/')}`;

/**
 * The Crime Data Explorer's NIBRS state-year zips (`<ST>-<YEAR>.zip`). Bucket addresses as used by
 * public download scripts (one for data years before 2016, one from 2016); UNVERIFIED. The zip is
 * the official, complete extract, so no table subset and no pinned checksum: the importer checks it.
 */
export const NIBRS_BUCKET_BEFORE_2016 = 'https://s3-us-gov-west-1.amazonaws.com/cg-d3f0433b-a53e-4934-8b94-c678aa2cbaf3';
export const NIBRS_BUCKET_FROM_2016 = 'https://s3-us-gov-west-1.amazonaws.com/cg-d4b776d0-d898-4153-90c8-8336f86bdfec';

export function nibrsExtract(state: string, year: number): FetchFile {
  const st = state.toUpperCase();
  if (!/^[A-Z]{2}$/.test(st) || !Number.isInteger(year) || year < 1991) throw new Error(`not a NIBRS state-year: ${state}-${year}`);
  return {
    path: `stats/fbi-nibrs-extract/${st}-${year}.zip`,
    url: `${year < 2016 ? NIBRS_BUCKET_BEFORE_2016 : NIBRS_BUCKET_FROM_2016}/${st}-${year}.zip`,
    official: 'https://cde.ucr.cjis.gov → Documents & Downloads → NIBRS data by state (unverified)',
  };
}

/** The state-years MANIFEST.md describes (Louisiana 2012–2019 without 2015, D.C. 2022, Vermont 2024). */
export const NIBRS_STATE_YEARS: [string, number][] = [
  ['LA', 2012], ['LA', 2013], ['LA', 2014], ['LA', 2016], ['LA', 2017], ['LA', 2018], ['LA', 2019], ['DC', 2022], ['VT', 2024],
];

const CDE_PAGE = 'https://cde.ucr.cjis.gov → Documents & Downloads (unverified)';
const SH3 = ['sh3laughs/Ending-Human-Trafficking-Project', '268a0cff9aa9643b879ba0faf52ad04d75639c77'] as const;
const CFB_REPO = ['codeforboston/clean-slate-data', '49298c4f948a5eceba9a24876198dcb4453f15eb'] as const;
const CIUS_DIR = 'stats/fbi-ucr-summary/cius-table69-arrests-by-state';

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

export const NATIONAL_CATALOG: FetchSource[] = [
  { id: 'nibrs', files: NIBRS_STATE_YEARS.map(([st, y]) => nibrsExtract(st, y)) },
  {
    id: 'fbi-cde',
    files: [
      {
        path: 'stats/fbi-ucr-summary/cde_api_arrests_national_reported_2012-2022.json',
        url: gh('briansoonwookwon/5200_Project', 'a5a8887cb3381c172389933a88cb4c6ea1d79319', 'data/Dheeraj_data/national_arrests.json'),
        sha256: 'fc2653c556c11f16ea5fc4e46adea48ad346d8fe448bb8a14114c0fafe83070d',
        bytes: 15111,
        official: 'https://api.usa.gov/crime/fbi/cde (api.data.gov key; "All Arrest by Offense"; unverified)',
      },
      {
        path: 'stats/fbi-ucr-summary/cde_asr_arrests_national_adult_1994-2016.csv',
        url: gh('Crawford92/crime_stats', 'fd3f091440ec1e6efbf4f2851ae4e0d11d86a59d', 'arrests_national_adults.csv'),
        sha256: 'ef576e60654179bb5d889ca21287c476cfeb8f6793a59b4c7e562aebca5321b5',
        bytes: 161868,
        official: CDE_PAGE,
      },
      {
        path: 'stats/fbi-ucr-summary/cde_estimated_crimes_by_state_1979-2023.csv',
        url: gh('suprithakulkarni3113-rgb/Crime_Dataanalysis_Stats', '2938a601c682dde98cc464dc8aaecc0e71f7ae39', 'estimated_crimes_1979_2023.csv'),
        sha256: '754a8a74860e6a26bc22fcc8291bf93c493f3c5b1c8e629402ab631e49450979',
        bytes: 205013,
        official: CDE_PAGE,
      },
      {
        path: 'stats/fbi-ucr-summary/cde_ucr_participation_by_state_1960-2021.csv',
        url: gh('Crawford92/crime_stats', 'fd3f091440ec1e6efbf4f2851ae4e0d11d86a59d', 'ucr_participation_1960_2021.csv'),
        sha256: '73a549a59894432a41fccf46ebc9691a32e8fe3f01de6cb76cb2910e1ec22ff9',
        bytes: 169617,
        official: CDE_PAGE,
      },
    ],
  },
  {
    id: 'fbi-cius',
    files: [
      ...CIUS_XLS.map(([y, sha256, bytes]) => ({
        path: `${CIUS_DIR}/cius_${y}_arrests_by_state.xls`,
        url: gh(...CFB_REPO, `data/fbi/raw/${y}_FBI_aggregate_crime_data.xls`),
        sha256,
        bytes,
        official: `https://ucr.fbi.gov/crime-in-the-u.s/${y}/crime-in-the-u.s.-${y}/tables/table-${y === 2016 ? 22 : 69} (unverified)`,
      })),
      ...CIUS_CSV.map(([y, sha256, bytes]) => ({ path: `${CIUS_DIR}/cius_${y}_arrests_by_state_csv-export.csv`, url: gh(...SH3, `Data/Crime/allCrimes_${y}.csv`), sha256, bytes })),
    ],
  },
  {
    id: 'fbi-ht-master',
    files: [
      {
        path: 'stats/fbi-ucr-human-trafficking/fbi_ht_master_file_2015_fixed_width.txt',
        url: gh(...SH3, 'Data/Crime/Unused trafficking crime data/traffickingCrimes_2015.txt'),
        sha256: '9481e5a62f5bcda2c4d0b45a912459bf90bcb69a4792257e9536b9ede5556996',
        bytes: 3332136,
        official: 'https://cde.ucr.cjis.gov → Documents & Downloads → Human Trafficking (master file; unverified)',
      },
    ],
  },
];
