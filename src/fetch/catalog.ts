// Where each source's files come from, and where `cogency ingest` expects them under the data
// directory. Two kinds of address:
//  - `url`: what `cogency fetch` downloads. Where the publisher serves the exact file the importer
//    reads, that is the publisher's URL; where it does not (a CDE download behind a web app, an API
//    that answers JSON, a third-party coding), it is the pinned copy documented in
//    shared/data/stats/MANIFEST.md (repository + commit), whose bytes — and so sha256 — are known.
//  - `official`: the publisher's page or URL pattern (FORMATS.md §11), for people; marked unverified.
// Every URL here is UNVERIFIED unless stated: no network was available when this was written.
import { NATIONAL_CATALOG } from './catalog-national.ts';

export interface FetchFile {
  /** Path under the data directory, exactly where the importer looks. */
  path: string;
  url: string;
  /** Expected sha256 of the bytes, when known (pinned copies); checked after download. */
  sha256?: string;
  /** Expected size in bytes, when known. */
  bytes?: number;
  /** The publisher's own location (unverified), shown by `cogency fetch --list`. */
  official?: string;
}

export interface FetchSource {
  /** Importer id (`cogency ingest <id>`). */
  id: string;
  files: FetchFile[];
}

const gh = (repo: string, commit: string, path: string) => `https://raw.githubusercontent.com/${repo}/${commit}/${path.split('/').map(encodeURIComponent).join('/')}`;

const ACS_REPO = 'gabrieljohndusing/NCNW-Project-Datasets';
const ACS_COMMIT = '8b63f3f1b5b344ba3bc8e00534c2de9bbd120fa1';
const ACS_BASE = 'data-sets/census/bystate/acs-acs1-profile';

export const CATALOG: FetchSource[] = [
  {
    id: 'tip',
    files: [
      {
        path: 'stats/us-state-tip-report/heiss_kelley_tip_tiers_1999-2015.csv',
        url: gh('andrewheiss/From-the-Trenches-Anti-TIP-NGOs-and-US', '475c15bab196e3584d3c089234efb53e5bf1c7b7', 'data/tip_tiers_orig.csv'),
        sha256: '65909a7bd4053b8947a3b54c9c2d7619d0af708189e4fe5c1ac02ba770a8af75',
        bytes: 121833,
        official: 'https://www.state.gov/trafficking-in-persons-report/ (HTML/PDF only; unverified)',
      },
      {
        path: 'stats/us-state-tip-report/heiss_kelley_cho_3p_policy_index_tiers_1999-2015.csv',
        url: gh('andrewheiss/From-the-Trenches-Anti-TIP-NGOs-and-US', '475c15bab196e3584d3c089234efb53e5bf1c7b7', 'data/policy_index.csv'),
        bytes: 208663,
      },
    ],
  },
  {
    id: 'fbi-ht',
    files: [
      {
        path: 'stats/fbi-ucr-human-trafficking/cde_human_trafficking_agency_2013-2020.csv',
        url: gh('bakeralexan/human_trafficking_interactive_charts', '39fb0b11c617f4ed270c7bef092d35964b8d970e', 'Resources/HT_2013-2020.csv'),
        sha256: '3d34ab9757b4802541cbab6e53687b8f9d7f801f1b8583ee05c4837e750bf13d',
        bytes: 781847,
        // Unverified: the CDE serves its downloads through a web app; no stable file URL is known.
        official: 'https://cde.ucr.cjis.gov → Documents & Downloads → Human Trafficking (unverified)',
      },
    ],
  },
  {
    id: 'fbi-ucr',
    files: [
      {
        path: 'stats/fbi-ucr-summary/cde_arrests_national_1995-2016.csv',
        url: gh('oibra/info201-group-project', 'b8bc9ac1e5e5f13015c03065e53cd41680cd4f8e', 'arrests_national.csv'),
        sha256: '0ee370e9b4479c849c9ad0bf27e9dd911b86215ee4af7c4f4bb82d9bca51efda',
        bytes: 5446,
        official: 'https://cde.ucr.cjis.gov → Documents & Downloads → Arrest data (unverified)',
      },
      {
        path: 'stats/fbi-ucr-summary/cde_asr_arrests_national_juvenile_1994-2016.csv',
        url: gh('captainkeemo/Juvenile-Criminal-Behavior', 'd65f6d2e87ca18737fee0edf970e2f2665cb0483', 'arrests_national_juvenile.csv'),
        sha256: '2f27e1e6ffae7639dc14e2543c86c26aa4b509f56ca65b70996af45a110895b2',
        bytes: 99723,
      },
      {
        path: 'stats/fbi-ucr-summary/cde_estimated_crimes_by_state_1995-2016.csv',
        url: gh('oibra/info201-group-project', 'b8bc9ac1e5e5f13015c03065e53cd41680cd4f8e', 'data/estimated_crimes.csv'),
        sha256: '51aa3e5b77cda2f22a9896f30321b8da4e5866f521a75ef8388ecf6940195be1',
        bytes: 76540,
      },
    ],
  },
  {
    id: 'census',
    files: [
      {
        path: 'stats/census-population/pep-state-totals/NST-EST2023-ALLDATA.csv',
        // Census's own file (URL pattern from FORMATS.md §11, unverified). The copy in shared/ came from a
        // repository, so its checksum is not asserted for the official download; the size is checked.
        url: 'https://www2.census.gov/programs-surveys/popest/datasets/2020-2023/state/totals/NST-EST2023-ALLDATA.csv',
      },
      {
        path: 'stats/census-population/pep-state-totals/nst-est2019-alldata_modified.csv',
        // The importer reads the Vintage 2019 layout with or without DIVISION/NAME; this is the pinned
        // copy (columns removed). Official (unverified):
        // https://www2.census.gov/programs-surveys/popest/datasets/2010-2019/national/totals/nst-est2019-alldata.csv
        url: gh('nalonal/nst-est2019-alldata', 'e4c81d8098bdba19e14ade0175b0f75552728cb6', 'nst-est2019-alldata.csv'),
        sha256: 'cd47a7854ed7e1ba08596d4f62ad69b5f87a5542289f8a647e7516895dd0c667',
        bytes: 67271,
      },
      // ACS DP05: the Census API answers JSON (https://api.census.gov/data/<year>/acs/acs1/profile?get=group(DP05)&for=state:*,
      // unverified); the importer reads the CSV pulls documented in MANIFEST, fetched from their pinned copy.
      ...[2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018].flatMap((y) => [
        { path: `stats/census-population/acs1-dp05-by-state/acs1_dp05_states_${y}.csv`, url: gh(ACS_REPO, ACS_COMMIT, `${ACS_BASE}/data/${y}/acs-acs1-profile-${y}-GROUP_DP05_DATA.csv`) },
        { path: `stats/census-population/acs1-dp05-by-state/acs1_dp05_legend_${y}.csv`, url: gh(ACS_REPO, ACS_COMMIT, `${ACS_BASE}/legend-csv/acs-acs1-profile-${y}-GROUP_DP05_LEGEND.csv`) },
      ]),
    ],
  },
  {
    id: 'walkfree',
    files: [
      {
        path: 'stats/walkfree-ilo-global-estimates/2023-Global-Slavery-Index-Data.xlsx',
        url: gh('modern-slavery-open-lib/make-labour-satellite', '0523fb5b5d087c82aaa6d83fa108c6d4c9e5f22f', 'objects/raw/2023-Global-Slavery-Index-Data.xlsx'),
        sha256: '36862bf1e2ee857f828eba30f9f587f8855ed97e825e8dbd3de93669f745098f',
        bytes: 796959,
        official: 'https://www.walkfree.org/global-slavery-index/downloads/ (unverified)',
      },
      {
        path: 'stats/walkfree-ilo-global-estimates/GEMS_2022_forced_labour_by_sector.xlsx',
        url: gh('modern-slavery-open-lib/make-labour-satellite', '0523fb5b5d087c82aaa6d83fa108c6d4c9e5f22f', 'objects/raw/GEMS.xlsx'),
        sha256: '2b4749581c32911b8ae7e2963e369354c4208017ddfd532b7ec833db0fbc64d4',
        bytes: 4877,
        official: 'https://www.ilo.org/global/topics/forced-labour/publications/WCMS_854733 (report PDF; unverified)',
      },
    ],
  },
  {
    id: 'grants',
    files: [
      {
        path: 'stats/funding-us-anti-tip-grants/heiss_kelley_us_anti_tip_grants_2001-2014.csv',
        url: gh('andrewheiss/jk_misc', '1749d1b6a0c0c2fdf0222257e3afdde60bdd4118', 'data/funding_clean.csv'),
        sha256: '7b50afd0a8750c0640a3f216d55ae9a205f4a7743af1e24ed96e56fb2a7a6932',
        bytes: 383411,
      },
      {
        path: 'stats/funding-us-anti-tip-grants/us_gov_anti_tip_projects_fy2002.csv',
        url: gh('andrewheiss/jk_misc', '1749d1b6a0c0c2fdf0222257e3afdde60bdd4118', 'funding_analysis/clean_data/state_2002.csv'),
        sha256: '264e232709b69d87696c132be796255a7498a6765ee7af90fa4ab2cfa36edcd1',
        bytes: 109401,
        official: 'http://2001-2009.state.gov/g/tip/rls/rpt/17858.htm (HTML; unverified)',
      },
      {
        path: 'stats/funding-us-anti-tip-grants/us_gov_anti_tip_projects_fy2003.csv',
        url: gh('andrewheiss/jk_misc', '1749d1b6a0c0c2fdf0222257e3afdde60bdd4118', 'funding_analysis/clean_data/state_2003.csv'),
        sha256: 'bf6fa82a77e55526ddbc1d676f03cb94fc0b6d87d95ff78c1b568b2e651f0ef6',
        bytes: 129498,
      },
    ],
  },
  ...NATIONAL_CATALOG,
];
