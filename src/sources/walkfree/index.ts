// Walk Free Global Slavery Index 2023 (official .xlsx, read directly) and the GEMS 2022
// forced-labour-by-sector transcription. Formats: shared/data/stats/FORMATS.md §7.
import { isUtf8 } from 'node:buffer';
import { readSheet } from 'read-excel-file/node';
import { InputError } from '../errors.ts';
import { confine } from '../confine.ts';
import { MAX_COMPRESSION_RATIO, SIZE_CAPS, readCapped } from '../limits.ts';
import { listZip, readZipEntry } from '../nibrs/zip.ts';
import { matchCountryName } from '../../model/places.ts';
import type { Importer, SourceSpec } from '../importer.ts';
import type { Stage } from '../../store/store.ts';
import { FIXTURE_CAVEAT, checkStated, isFixtureData, specIfPresent } from '../stats-common/util.ts';
import { GEMS_SECTOR_MEASURE, GSI_COLUMNS } from './measures.ts';
import { GEMS_FILE, GSI_CAVEATS, GSI_FILE, WALKFREE_SOURCE, WORLD } from './source.ts';

export const GSI_SHEET = 'GSI 2023 summary data';
/** The header is on spreadsheet row 3 (rows 1–2 are blank, source line and group labels). */
export const GSI_HEADER_ROW = 3;
/** The sheet's columns A–Q, in order. */
export const GSI_EXPECTED = [
  'Country', 'Population', 'Region', GSI_COLUMNS[1]!.header, GSI_COLUMNS[2]!.header, ...GSI_COLUMNS.slice(3).map((c) => c.header),
];
const GSI_REGIONS = new Set(['Africa', 'Americas', 'Arab States', 'Asia and the Pacific', 'Europe and Central Asia']);
/** Walk Free spellings the ISO English names do not cover. */
const GSI_NAMES: Record<string, string> = { 'Lao PDR': 'Lao People\'s Democratic Republic', 'Viet Nam': 'Vietnam' };
/** Official GEMS 2022 total for forced labour exploitation in the private economy (millions). */
const GEMS_PRIVATE_ECONOMY_MILLIONS = 17.3;
const GEMS_SECTORS = ['Agriculture', 'Mining and quarrying', 'Manufacturing', 'Construction', 'Services', 'Other'];
/**
 * What the complete files hold (MANIFEST.md): the GSI sheet has 180 country rows; the GEMS
 * transcription's six sectors sum to 15.7 million.
 */
export const WALKFREE_STATED = { gsiCountryRows: 180, gemsSumTenthsOfMillions: 157 };

export const walkfreeImporter: Importer = {
  ...WALKFREE_SOURCE,

  async discover(dataDir) {
    const specs: SourceSpec[] = [];
    specs.push(
      ...specIfPresent(
        dataDir,
        {
          id: 'walkfree.gsi2023',
          family: 'walkfree',
          publisher: 'Walk Free',
          title: 'Global Slavery Index 2023, country data (official workbook, sheet “GSI 2023 summary data”)',
          // Official download (verify): the GSI page links the workbook. Copied byte-for-byte from
          // github.com/modern-slavery-open-lib/make-labour-satellite objects/raw/ @ 0523fb5b.
          url: 'https://www.walkfree.org/global-slavery-index/downloads/',
          license: 'Walk Free terms: free to use with attribution (“Walk Free 2023, Global Slavery Index 2023”).',
          format: 'xlsx',
        },
        [GSI_FILE],
      ),
    );
    specs.push(
      ...specIfPresent(
        dataDir,
        {
          id: 'ilo.gems2022.sector',
          family: 'walkfree',
          publisher: 'ILO, Walk Free & IOM (transcribed by the make-labour-satellite authors)',
          title: 'Global Estimates of Modern Slavery 2022: forced labour by sector (transcription)',
          url: 'https://www.ilo.org/global/topics/forced-labour/publications/WCMS_854733',
          license: 'Transcription in a repository licensed MPL-2.0; the figures are ILO/Walk Free/IOM’s — cite the report.',
          format: 'xlsx',
        },
        [GEMS_FILE],
      ),
    );
    return specs;
  },

  async load(spec, stage, dataDir) {
    const path = await confine(dataDir, spec.files[0]!);
    const fixture = isFixtureData(dataDir);
    if (fixture) stage.caveat({ sourceId: stage.source.id, measure: null, place: null, period: null, text: FIXTURE_CAVEAT });
    if (spec.description.id === 'walkfree.gsi2023') {
      const rows = await loadGsi(path, stage);
      if (!fixture) checkStated(GSI_FILE, 'Country', 'country rows in the GSI sheet', WALKFREE_STATED.gsiCountryRows, rows);
    } else {
      const tenths = await loadGems(path, stage);
      if (!fixture) checkStated(GEMS_FILE, 'Forced labour', 'sum of the sectors (tenths of millions)', WALKFREE_STATED.gemsSumTenthsOfMillions, tenths);
    }
  },
};

type Cell = string | number | boolean | null | object;

/**
 * An .xlsx is a zip: before the workbook is parsed, its central directory must declare no more
 * than SIZE_CAPS.xlsxUncompressed in all and no entry compressed beyond MAX_COMPRESSION_RATIO, and
 * every entry is inflated once under those limits with its CRC checked (a lying directory or a
 * damaged entry is refused here, in milliseconds, instead of inside the spreadsheet parser).
 */
async function checkXlsxArchive(path: string, file: string): Promise<void> {
  const entries = await listZip(path, file);
  let total = 0;
  for (const e of entries) {
    total += e.size;
    if (total > SIZE_CAPS.xlsxUncompressed) throw new InputError(file, null, null, `the workbook unpacks to more than ${SIZE_CAPS.xlsxUncompressed >> 20} MiB; refused`);
    if (e.size > 0 && (e.compressedSize === 0 || e.size / e.compressedSize > MAX_COMPRESSION_RATIO)) {
      throw new InputError(file, null, e.name, `entry ${e.name} is compressed ${e.compressedSize ? Math.round(e.size / e.compressedSize) : '∞'}:1, above the ${MAX_COMPRESSION_RATIO}:1 limit (a zip bomb?); refused`);
    }
  }
  for (const e of entries) {
    if (e.name.endsWith('/')) continue;
    const chunks: Buffer[] = [];
    for await (const chunk of readZipEntry(path, e, file)) chunks.push(chunk);
    // The parser decodes XML leniently (a bad byte becomes U+FFFD): the parts must be valid UTF-8.
    if (/\.(xml|rels)$/i.test(e.name) && !isUtf8(Buffer.concat(chunks))) throw new InputError(file, null, e.name, `part ${e.name} of the workbook is not valid UTF-8; refused`);
  }
}

async function readXlsxSheet(path: string, file: string, sheet: string | number): Promise<Cell[][]> {
  const buf = await readCapped(path, file, SIZE_CAPS.xlsx);
  if (buf.length === 0) throw new InputError(file, null, null, 'file is empty');
  // An .xlsx is a zip archive: "PK\x03\x04". Anything else (a CSV saved under the name, an HTML error page) is refused here.
  if (buf.length < 4 || buf.readUInt32LE(0) !== 0x04034b50) throw new InputError(file, null, null, 'not an .xlsx workbook (no zip signature); the download may have failed');
  await checkXlsxArchive(path, file);
  try {
    return (await readSheet(buf, sheet)) as Cell[][];
  } catch (e) {
    const err = e as Error & { code?: string };
    if (err.name === 'SheetNotFoundError') throw new InputError(file, null, 'sheet', `no sheet named "${String(sheet)}"`);
    throw new InputError(file, null, null, `the workbook cannot be read (${err.code ?? err.message}); the file may be truncated or damaged`);
  }
}

/** Spreadsheet column letter for a 0-based index. */
export function colLetter(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

async function loadGsi(path: string, stage: Stage): Promise<number> {
  const file = GSI_FILE;
  const rows = await readXlsxSheet(path, file, GSI_SHEET);
  const src = stage.source.id;
  const header = (rows[GSI_HEADER_ROW - 1] ?? []).map((c) => (typeof c === 'string' ? c.trim() : c));
  const bad = GSI_EXPECTED.findIndex((h, i) => header[i] !== h);
  if (bad >= 0 || header.length < GSI_EXPECTED.length) {
    const i = bad >= 0 ? bad : header.length;
    throw new InputError(file, GSI_HEADER_ROW, 'header', `sheet "${GSI_SHEET}" cell ${colLetter(i)}${GSI_HEADER_ROW} is ${JSON.stringify(header[i] ?? null)}, expected "${GSI_EXPECTED[i]}"`);
  }
  const colOf = new Map(GSI_EXPECTED.map((h, i) => [h, i]));
  for (const c of GSI_COLUMNS) stage.measure(c.measure);
  for (const text of GSI_CAVEATS) stage.caveat({ sourceId: src, measure: null, place: null, period: null, text });
  const data = rows.slice(GSI_HEADER_ROW);
  const seen = new Map<string, number>();
  let countryRows = 0;
  let matched = 0;
  data.forEach((row, k) => {
    const line = GSI_HEADER_ROW + 1 + k;
    stage.rowsRead++;
    if (row.every((c) => c === null || c === '')) {
      stage.skip('empty row');
      return;
    }
    countryRows++;
    const name = row[0];
    if (typeof name !== 'string' || !name.trim()) throw new InputError(file, line, 'Country', `cell A${line} has no country name`);
    // The sheet's key is the country name as written, checked before matching (an unmatched row repeated is refused too).
    const rawKey = `name:${name.trim()}`;
    if (seen.has(rawKey)) throw new InputError(file, line, 'Country', `"${name}" appears twice (also row ${seen.get(rawKey)})`);
    seen.set(rawKey, line);
    const region = row[2];
    if (typeof region !== 'string' || !GSI_REGIONS.has(region.trim())) {
      throw new InputError(file, line, 'Region', `unknown region ${JSON.stringify(region)} in cell C${line}; expected one of ${[...GSI_REGIONS].join(', ')}`);
    }
    const match = matchCountryName(GSI_NAMES[name.trim()] ?? name.trim());
    if (!match) {
      stage.reject({ file, line, field: 'Country', reason: `country "${name}" (cell A${line}) matches no ISO 3166-1 country` });
      return;
    }
    if (seen.has(match.id)) throw new InputError(file, line, 'Country', `"${name}" is ${match.id} again (also row ${seen.get(match.id)})`);
    matched++;
    seen.set(match.id, line);
    const flags = match.name !== name.trim() ? [`matched_by_name:${name.trim()}`] : [];
    for (const c of GSI_COLUMNS) {
      const i = colOf.get(c.header)!;
      const v = row[i] ?? null;
      const cell = `${colLetter(i)}${line}`;
      if (v === null || v === '') {
        stage.skip(`blank ${c.measure.valueType === 'score' ? 'score (country not assessed)' : c.header}`);
        continue;
      }
      if (typeof v !== 'number' || !Number.isFinite(v)) throw new InputError(file, line, c.header, `cell ${cell} is ${JSON.stringify(v)}, not a number`);
      if (v < c.min || v > c.max) throw new InputError(file, line, c.header, `cell ${cell} value ${v} is outside ${c.min}–${c.max}`);
      const cellFlags = v < 0 ? [...flags, 'negative_score'] : flags;
      const citationId = `${src}:${cell}`;
      stage.citation({ id: citationId, sourceId: src, locator: `${file}, sheet "${GSI_SHEET}", cell ${cell} (row ${line}, ${name.trim()})` });
      const period = c.measure.periodKind === 'reference_year' ? 2021 : 2023;
      stage.observation({ measure: c.measure.id, place: match.id, period, dims: { region: region.trim() }, value: v, valueText: null, citationId, flags: cellFlags });
    }
  });
  if (matched === 0) throw new InputError(file, null, 'Country', `sheet "${GSI_SHEET}" has no country rows; the file may be truncated`);
  return countryRows;
}

async function loadGems(path: string, stage: Stage): Promise<number> {
  const file = GEMS_FILE;
  const rows = await readXlsxSheet(path, file, 1);
  const src = stage.source.id;
  const header = rows[0] ?? [];
  if (header[0] !== 'Sector' || header[1] !== 'Forced labour') {
    throw new InputError(file, 1, 'header', `cells A1:B1 are ${JSON.stringify(header.slice(0, 2))}, expected ["Sector","Forced labour"]`);
  }
  stage.measure(GEMS_SECTOR_MEASURE);
  stage.place(WORLD);
  let total = 0;
  const seen = new Set<string>();
  rows.slice(1).forEach((row, k) => {
    const line = k + 2;
    stage.rowsRead++;
    const sector = typeof row[0] === 'string' ? row[0].trim() : row[0];
    if (typeof sector !== 'string' || !GEMS_SECTORS.includes(sector)) {
      throw new InputError(file, line, 'Sector', `unknown sector ${JSON.stringify(row[0])} in cell A${line}; expected one of ${GEMS_SECTORS.join(', ')}`);
    }
    if (seen.has(sector)) throw new InputError(file, line, 'Sector', `sector "${sector}" appears twice`);
    seen.add(sector);
    const v = row[1];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 50) throw new InputError(file, line, 'Forced labour', `cell B${line} is ${JSON.stringify(v)}, not a number of millions`);
    total += v;
    const citationId = `${src}:B${line}`;
    stage.citation({ id: citationId, sourceId: src, locator: `${file}, sheet 1, cell B${line} (${sector}, millions)` });
    stage.observation({ measure: GEMS_SECTOR_MEASURE.id, place: WORLD.id, period: 2021, dims: { sector }, value: Math.round(v * 1e6), valueText: null, citationId, flags: ['millions_rounded_to_0.1'] });
  });
  if (seen.size !== GEMS_SECTORS.length) throw new InputError(file, null, 'Sector', `expected ${GEMS_SECTORS.length} sectors, found ${seen.size}; the file may be truncated`);
  stage.caveat({
    sourceId: src,
    measure: null,
    place: null,
    period: null,
    text:
      `This transcription’s sectors sum to ${total.toFixed(1)} million, but the report gives ${GEMS_PRIVATE_ECONOMY_MILLIONS} million in forced labour exploitation in the private economy; ` +
      'check the report (ILO, Walk Free & IOM 2022, WCMS_854733) before using the sector split, and do not present the sum as the total.',
  });
  stage.caveat({ sourceId: src, measure: null, place: null, period: null, text: 'Forced labour in the private economy excludes forced commercial sexual exploitation (6.3 million) and state-imposed forced labour (3.9 million); it is not a count of trafficking.' });
  return Math.round(total * 10);
}
