// The hand-made Walk Free / GEMS fixture workbooks (invented values in the official layouts).
// `node --import tsx test/sources/walkfree-fixtures.ts` rewrites them under fixtures/.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GSI_EXPECTED } from '../../src/sources/walkfree/index.ts';
import { xlsx } from './stats-common.ts';

export function gsiRows(): (string | number | null)[][] {
  const blank = Array<null>(17).fill(null);
  const row = (name: string, region: string, vals: (number | null)[]) => [name, vals[0]!, region, ...vals.slice(1)];
  return [
    blank,
    ['Source: Walk Free 2023, Global Slavery Index 2023. Available from: https://www.walkfree.org/global-slavery-index/', null, null, 'PREVALENCE', null, 'VULNERABILITY', null, null, null, null, null, 'GOVERNMENT RESPONSE', null, null, null, null, null],
    [...GSI_EXPECTED],
    row('Viet Nam', 'Asia and the Pacific', [97000000, 4.5, 436500, 40, 30, 35, 45, 10, 37.5, 50, 45, 60, 40, 10, 44.2]),
    row('Lao PDR', 'Asia and the Pacific', [7300000, 6.2, 45000, 55, 50, 45, 50, 5, 48.1, -4.545454502105713, 30, 40, 35, 0, 22.6]),
    row('Atlantis', 'Europe and Central Asia', [1000, 1.0, 1, 1, 1, 1, 1, 1, 1, null, null, null, null, null, null]),
    row('Norway', 'Europe and Central Asia', [5400000, 0.5, 2700, 5, 3, 10, 12, 1, 6.3, 70, 75, 80, 60, 40, 67.5]),
    row('Kosovo', 'Europe and Central Asia', [1900000, null, null, 35, 25, 30, 40, 20, 31.2, null, null, null, null, null, null]),
  ];
}

export const GEMS_ROWS: (string | number)[][] = [
  ['Sector', 'Forced labour'], ['Agriculture', 2.1], ['Mining and quarrying', 0.2], ['Manufacturing', 3.2], ['Construction', 2.8], ['Services', 5.5], ['Other', 1.9],
];

export function writeWalkfreeFixtures(dataDir: string, rows = gsiRows(), gems: (string | number | null)[][] = GEMS_ROWS): void {
  const dir = join(dataDir, 'stats', 'walkfree-ilo-global-estimates');
  writeFileSync(join(dir, '2023-Global-Slavery-Index-Data.xlsx'), xlsx([{ name: 'CONTENTS', rows: [['Contents']] }, { name: 'GSI 2023 summary data', rows }]));
  writeFileSync(join(dir, 'GEMS_2022_forced_labour_by_sector.xlsx'), xlsx([{ name: 'Sheet1', rows: gems }]));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeWalkfreeFixtures(join(fileURLToPath(new URL('../..', import.meta.url)), 'fixtures', 'data'));
}
