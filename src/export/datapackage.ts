// The store as a Frictionless Data Package: datapackage.json (table schemas with types and
// descriptions, sources, licenses, citations, caveats) and every table as CSV and as Parquet.
// Reproducible: rows are written in a total order and nothing depends on the clock, so the same
// store gives byte-identical files. Observations pass the same disclosure control as the API: below
// state level the package holds the protected tables' cells (the same cells the API publishes),
// never the store's rows; the state rows carry the breakdowns summed over the agencies.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { listValue } from '@duckdb/node-api';
import { disclosureRule, sourceProtections, subStateSources, UNNAMED_SUFFIX, withheldReason } from '../analysis/disclosure.ts';
import type { Store } from '../store/store.ts';
import { analysisTables } from './analysis-tables.ts';

/** Table Schema field types used here. */
export type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'datetime' | 'array' | 'object';

export interface Field {
  name: string;
  type: FieldType;
  description: string;
  format?: string;
  constraints?: { required?: boolean; unique?: boolean };
}

export interface TableDef {
  name: string;
  title: string;
  description: string;
  fields: Field[];
  primaryKey?: string[];
  foreignKeys?: { fields: string[]; reference: { resource: string; fields: string[] } }[];
  /** SELECT producing the rows, in a total order. */
  select: string;
  /** A source-specific table the SELECT reads: the resource is left out until that source is loaded. */
  requires?: string;
}

const f = (name: string, type: FieldType, description: string, extra: Partial<Field> = {}): Field => ({ name, type, description, ...extra });

/** Counts below state level: the store's rows that never go out as they are. */
const SUB_STATE_COUNT = "(p.kind = 'agency' AND m.value_type = 'count' AND m.aggregation = 'sum')";

function tables(threshold: number): TableDef[] {
  const SUPPRESSION_THRESHOLD = threshold;
  return [
    {
      name: 'sources',
      title: 'Sources',
      description: 'Each official file loaded, with its provenance: publisher, URL, retrieval date, checksum and load counts.',
      primaryKey: ['id'],
      fields: [
        f('id', 'string', 'source id, e.g. tip.tiers', { constraints: { required: true, unique: true } }),
        f('family', 'string', 'source family (tip, nibrs, …)'),
        f('publisher', 'string', 'who publishes the file'),
        f('title', 'string', 'title of the file or table'),
        f('url', 'string', 'where the file was retrieved from', { format: 'uri' }),
        f('license', 'string', 'license or terms of use as stated by the publisher'),
        f('retrieved', 'string', 'date the file was retrieved (YYYY-MM-DD)'),
        f('sha256', 'string', 'SHA-256 checksum of the file(s) loaded'),
        f('format', 'string', 'file format'),
        f('version', 'string', 'version label (a checksum prefix unless the publisher versions the file)'),
        f('file', 'string', 'path of the file under the data directory'),
        f('bytes', 'integer', 'size of the file in bytes'),
        f('loaded_at', 'datetime', 'when this version was loaded into the store (UTC)'),
        f('rows_read', 'integer', 'rows read from the file'),
        f('rows_stored', 'integer', 'values stored from the file'),
        f('rows_rejected', 'integer', 'rows rejected, with reasons in the rejections table'),
      ],
      select: `SELECT id, family, publisher, title, url, license, retrieved, sha256, format, version, file, bytes,
                      date_trunc('second', loaded_at) AS loaded_at, rows_read, rows_stored, rows_rejected
               FROM sources ORDER BY id`,
    },
    {
      name: 'measures',
      title: 'Measures',
      description:
        'What each value measures. Trafficking measures and prostitution (sex-work) measures are different topics and must never be summed together.',
      primaryKey: ['id'],
      foreignKeys: [{ fields: ['source_id'], reference: { resource: 'sources', fields: ['id'] } }],
      fields: [
        f('id', 'string', 'measure id, e.g. tip.tier', { constraints: { required: true, unique: true } }),
        f('source_id', 'string', 'the source the measure comes from'),
        f('label', 'string', 'short label'),
        f('definition', 'string', 'what is counted or rated, in the publisher’s terms'),
        f('unit', 'string', 'unit of the value'),
        f('value_type', 'string', 'count, rate, score or category'),
        f('aggregation', 'string', 'how values combine: sum (counts) or none (cell by cell)'),
        f('period_kind', 'string', 'what the period means (data year, report year, …)'),
        f('topic', 'string', 'sex trafficking, labor trafficking, prostitution, … (kept apart)'),
        f('family', 'string', 'source family'),
        f('categories', 'array', 'the categories a categorical value can take (JSON array)'),
        f('dimensions', 'array', 'dimensions the values are broken down by (JSON array)'),
      ],
      select: 'SELECT * FROM measures ORDER BY id',
    },
    {
      name: 'places',
      title: 'Places',
      description: 'Countries (ISO 3166-1 alpha-3), U.S. states (postal codes) and agencies (ORI), with their parents.',
      primaryKey: ['id'],
      fields: [
        f('id', 'string', 'ISO3 country, U.S. state code or agency ORI', { constraints: { required: true, unique: true } }),
        f('kind', 'string', 'country, state, agency, …'),
        f('name', 'string', 'name'),
        f('parent', 'string', 'the place this one lies in'),
        f('path', 'string', 'path from the top, e.g. /USA/VT'),
      ],
      // Plus the stand-ins for a state's only agency where naming it would give a small count away.
      select: `SELECT id, kind, name, parent, path FROM places
               UNION ALL
               SELECT DISTINCT e.place, 'agency', 'One agency in ' || s.id || ' (name withheld)', s.id, s.path || '/' || e.place
               FROM temp.export_protected e JOIN places s ON s.kind = 'state' AND e.place = s.id || '${UNNAMED_SUFFIX}'
               ORDER BY id`,
    },
    {
      name: 'citations',
      title: 'Citations',
      description: 'Where in the source file each value comes from (table, row, line).',
      primaryKey: ['id'],
      foreignKeys: [{ fields: ['source_id'], reference: { resource: 'sources', fields: ['id'] } }],
      fields: [
        f('id', 'string', 'citation id', { constraints: { required: true, unique: true } }),
        f('source_id', 'string', 'the source file'),
        f('locator', 'string', 'table, row or line in the source file'),
      ],
      select: 'SELECT id, source_id, locator FROM citations ORDER BY id, source_id, locator',
    },
    {
      name: 'observations',
      title: 'Observations',
      description:
        `Every value with its citation. Below state level only protected tables are published: each agency's total (dims {}) ` +
        `and, for a measure with a single breakdown, each agency × category; counts from 1 to ${SUPPRESSION_THRESHOLD - 1} are withheld, ` +
        'and so are the other cells that would let them be worked out (value empty, value_text "suppressed", suppressed true; ' +
        'the reason is in the caveats). State rows flagged state_sum_of_agency_rows carry every breakdown summed over the agencies. ' +
        'Sum one level at a time: agency totals, agency categories and state rows of one measure overlap.',
      foreignKeys: [
        { fields: ['source_id'], reference: { resource: 'sources', fields: ['id'] } },
        { fields: ['measure'], reference: { resource: 'measures', fields: ['id'] } },
        { fields: ['place'], reference: { resource: 'places', fields: ['id'] } },
        { fields: ['citation_id'], reference: { resource: 'citations', fields: ['id'] } },
      ],
      fields: [
        f('source_id', 'string', 'the source file'),
        f('measure', 'string', 'measure id (see measures)'),
        f('place', 'string', 'place id (see places)'),
        f('period', 'integer', 'year; its meaning is the measure’s period_kind'),
        f('dims', 'object', 'breakdown of the value, e.g. {"sex":"F"} (JSON object; {} for a total)'),
        f('value', 'number', 'numeric value (empty for categorical values and withheld counts)'),
        f('value_text', 'string', 'categorical value, or "suppressed" for a withheld count'),
        f('citation_id', 'string', 'citation id (see citations); empty for a withheld count'),
        f('flags', 'array', 'publisher notes on the value, e.g. partial reporting (JSON array)'),
        f('suppressed', 'boolean', 'true when the value was withheld by disclosure control'),
      ],
      select: `SELECT o.source_id, o.measure, o.place, o.period, o.dims,
                      CASE WHEN o.sup THEN NULL ELSE o.value END AS value,
                      CASE WHEN o.sup THEN 'suppressed' ELSE o.value_text END AS value_text,
                      o.citation_id, o.flags, o.sup AS suppressed
               FROM (SELECT o.source_id, o.measure, o.place, o.period, o.dims, o.value, o.value_text, o.citation_id, o.flags, false AS sup
                     FROM observations o LEFT JOIN measures m ON m.id = o.measure LEFT JOIN places p ON p.id = o.place
                     WHERE NOT coalesce(${SUB_STATE_COUNT}, false)
                     UNION ALL
                     SELECT o.source_id, o.measure, p.parent, o.period, o.dims, sum(o.value), NULL, min(o.citation_id), '["state_sum_of_agency_rows"]', false
                     FROM observations o JOIN measures m ON m.id = o.measure JOIN places p ON p.id = o.place
                     WHERE ${SUB_STATE_COUNT}
                     GROUP BY o.source_id, o.measure, p.parent, o.period, o.dims
                     UNION ALL
                     SELECT source_id, measure, place, period, dims, value, NULL, citation_id, flags, suppressed FROM temp.export_protected) o
               ORDER BY o.source_id, o.measure, o.place, o.period, o.dims, o.citation_id, o.value, o.value_text, o.flags`,
    },
    {
      name: 'caveats',
      title: 'Caveats',
      description: 'What a reader must know about a source, a measure, a place or a period before using the values.',
      foreignKeys: [{ fields: ['source_id'], reference: { resource: 'sources', fields: ['id'] } }],
      fields: [
        f('source_id', 'string', 'the source'),
        f('measure', 'string', 'the measure it concerns (empty: the whole source)'),
        f('place', 'string', 'the place it concerns (empty: every place)'),
        f('period', 'integer', 'the period it concerns (empty: every period)'),
        f('text', 'string', 'the caveat'),
      ],
      select: 'SELECT source_id, measure, place, period, text FROM caveats ORDER BY source_id, measure, place, period, text',
    },
    {
      name: 'rejections',
      title: 'Rejected rows',
      description: 'Rows of source files that were not loaded, with the reason.',
      foreignKeys: [{ fields: ['source_id'], reference: { resource: 'sources', fields: ['id'] } }],
      fields: [
        f('source_id', 'string', 'the source'),
        f('file', 'string', 'the file'),
        f('line', 'integer', 'line in the file (header = 1)'),
        f('field', 'string', 'the field at fault'),
        f('reason', 'string', 'why the row was rejected'),
      ],
      select: 'SELECT source_id, file, line, field, reason FROM rejections ORDER BY source_id, file, line, field, reason',
    },
    ...analysisTables(),
  ];
}

/** An Open Definition license id for a publisher's free-text terms (the text is kept as the title). */
function licenseName(text: string): string {
  if (/\bCC0\b/i.test(text)) return 'CC0-1.0';
  if (/CC[- ]?BY[- ]?SA[- ]?4/i.test(text)) return 'CC-BY-SA-4.0';
  if (/CC[- ]?BY[- ]?4/i.test(text)) return 'CC-BY-4.0';
  if (/^public domain/i.test(text)) return 'other-pd';
  return 'notspecified';
}

async function hasTable(store: Store, name: string): Promise<boolean> {
  const r = await store.all("SELECT count(*) AS n FROM information_schema.tables WHERE table_name = ? AND table_schema = 'main'", [name]);
  return Number(r[0]?.n ?? 0) > 0;
}

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

async function sha256File(path: string): Promise<{ hash: string; bytes: number }> {
  const h = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    h.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { hash: h.digest('hex'), bytes };
}

export interface ExportedFile {
  /** Path relative to the package folder, e.g. data/observations.csv. */
  path: string;
  bytes: number;
  sha256: string;
}

export interface ExportResult {
  dir: string;
  descriptor: Record<string, unknown>;
  files: ExportedFile[];
}

export const DESCRIPTOR = 'datapackage.json';

/**
 * Write the package into `outDir` (created if needed): datapackage.json and data/ are replaced,
 * nothing else there is touched. All tables come from one snapshot of the store.
 */
export async function exportDataPackage(store: Store, outDir: string): Promise<ExportResult> {
  const dir = resolve(outDir);
  // Everything is written into a staging folder first, then swapped into place (descriptor last):
  // a failed export (disk full, I/O error) leaves the previous package as it was.
  const staging = join(dir, `.staging-${process.pid}`);
  const old = join(dir, `.previous-${process.pid}`);
  try {
    await mkdir(join(staging, 'data'), { recursive: true });
    const result = await writePackage(store, staging);
    await rm(old, { recursive: true, force: true });
    if (existsSync(join(dir, 'data'))) await rename(join(dir, 'data'), old);
    await rename(join(staging, 'data'), join(dir, 'data'));
    await rename(join(staging, DESCRIPTOR), join(dir, DESCRIPTOR));
    return { ...result, dir };
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new ExportError(`could not write the data package to ${dir}: ${why}. The previous package there (if any) is unchanged.`, e);
  } finally {
    // Best effort: the folder itself may be what failed.
    await rm(staging, { recursive: true, force: true }).catch(() => undefined);
    await rm(old, { recursive: true, force: true }).catch(() => undefined);
  }
}

export class ExportError extends Error {
  constructor(
    message: string,
    override readonly cause: unknown,
  ) {
    super(message);
    this.name = 'ExportError';
  }
}

/** The protected sub-state cells, into temp.export_protected on the snapshot's connection. */
async function stageProtectedCells(snap: Store): Promise<void> {
  const rule = disclosureRule();
  const cols: Record<string, (string | number | boolean | null)[]> = { source_id: [], measure: [], place: [], period: [], dims: [], value: [], citation_id: [], flags: [], suppressed: [] };
  for (const prot of await sourceProtections(snap, await subStateSources(snap), rule)) {
    for (const f of prot.families) {
      const width = 1 + f.categories.length;
      f.units.forEach((u, r) => {
        for (let c = 0; c < width; c++) {
          const cell = f.cells[r * width + c]!;
          cols.source_id!.push(prot.sourceId);
          cols.measure!.push(f.measure);
          cols.place!.push(u.id);
          cols.period!.push(f.period);
          cols.dims!.push(c === 0 ? '{}' : JSON.stringify({ [f.dimension!]: f.categories[c - 1] }));
          cols.value!.push(cell.withheld ? null : cell.value);
          // One citation per row: the first of the cell's (all come from the same file).
          cols.citation_id!.push(cell.withheld ? null : (cell.citations[0] ?? null));
          cols.flags!.push(JSON.stringify(cell.flags));
          cols.suppressed!.push(cell.withheld);
        }
      });
    }
  }
  if (cols.source_id!.length === 0) {
    // An empty list cannot be typed by DuckDB: an empty table with the same columns.
    await snap.all(
      'CREATE OR REPLACE TEMP TABLE export_protected (source_id VARCHAR, measure VARCHAR, place VARCHAR, period INTEGER, dims VARCHAR, value DOUBLE, citation_id VARCHAR, flags VARCHAR, suppressed BOOLEAN)',
    );
    return;
  }
  await snap.all(
    `CREATE OR REPLACE TEMP TABLE export_protected AS
     SELECT unnest(?::VARCHAR[]) AS source_id, unnest(?::VARCHAR[]) AS measure, unnest(?::VARCHAR[]) AS place, unnest(?::INTEGER[]) AS period,
            unnest(?::VARCHAR[]) AS dims, unnest(?::DOUBLE[]) AS value, unnest(?::VARCHAR[]) AS citation_id, unnest(?::VARCHAR[]) AS flags,
            unnest(?::BOOLEAN[]) AS suppressed`,
    Object.values(cols).map((v) => listValue(v)),
  );
}

/** Folder of the observations as Hive-partitioned Parquet, under data/. */
export const PARTITIONED_OBSERVATIONS = 'data/observations-by-source-year';

/**
 * The observations table again as Parquet partitioned by source and year in the Hive layout
 * (source_id=…/period=…/data_0.parquet), so DuckDB, Spark or Trino read the folder unchanged and
 * skip the partitions a query does not touch. Same rows as observations.parquet; the two
 * partition columns live in the folder names. One thread so the files are the same every time.
 */
async function writePartitionedObservations(snap: Store, dir: string, observations: TableDef, files: ExportedFile[]): Promise<Record<string, unknown> | null> {
  const target = join(dir, PARTITIONED_OBSERVATIONS);
  const [{ threads }] = (await snap.all("SELECT current_setting('threads') AS threads")) as [{ threads: unknown }];
  await snap.all('SET threads = 1');
  try {
    await snap.all(`COPY (${observations.select}) TO ${sqlString(target)} (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (source_id, period))`);
  } finally {
    await snap.all(`SET threads = ${Number(threads)}`);
  }
  const paths: string[] = [];
  const walk = async (folder: string): Promise<void> => {
    for (const e of (await readdir(folder, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (e.isDirectory()) await walk(join(folder, e.name));
      else paths.push(relative(dir, join(folder, e.name)).split(sep).join('/'));
    }
  };
  if (existsSync(target)) await walk(target);
  if (paths.length === 0) return null; // no observations: a resource needs at least one file
  let bytes = 0;
  for (const rel of paths) {
    const f = await sha256File(join(dir, rel));
    files.push({ path: rel, bytes: f.bytes, sha256: f.hash });
    bytes += f.bytes;
  }
  return {
    name: 'observations-partitioned',
    title: 'Observations (Parquet, partitioned by source and year)',
    description:
      `The observations table as Hive-partitioned Parquet under ${PARTITIONED_OBSERVATIONS}/source_id=…/period=…/: the same rows as ` +
      "observations.parquet, the partition columns in the folder names. Read the folder unchanged with DuckDB (read_parquet('…/**/*.parquet', " +
      'hive_partitioning = true)), Spark (spark.read.parquet) or Trino (a Hive table partitioned by source_id, period).',
    path: paths,
    profile: 'data-resource',
    format: 'parquet',
    mediatype: 'application/vnd.apache.parquet',
    bytes,
    schema: { fields: observations.fields, missingValues: [''] },
  };
}

async function writePackage(store: Store, dir: string): Promise<ExportResult> {
  const rule = disclosureRule();
  const SUPPRESSION_THRESHOLD = rule.threshold;
  const defs = tables(rule.threshold);
  // One connection: the protected cells are staged in a temp table, and the Parquet writer sets threads.
  return store.read(async (snap) => {
    await stageProtectedCells(snap);
    const files: ExportedFile[] = [];
    const resources: Record<string, unknown>[] = [];
    for (const t of defs) {
      if (t.requires && !(await hasTable(snap, t.requires))) continue;
      const schema = {
        fields: t.fields,
        missingValues: [''],
        ...(t.primaryKey ? { primaryKey: t.primaryKey } : {}),
        ...(t.foreignKeys ? { foreignKeys: t.foreignKeys } : {}),
      };
      for (const kind of ['csv', 'parquet'] as const) {
        const rel = `data/${t.name}.${kind}`;
        const target = join(dir, rel);
        const options =
          kind === 'csv'
            ? "FORMAT csv, HEADER true, DELIMITER ',', QUOTE '\"', NULLSTR '', TIMESTAMPFORMAT '%Y-%m-%dT%H:%M:%SZ'"
            : 'FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880';
        await snap.all(`COPY (${t.select}) TO ${sqlString(target)} (${options})`);
        const { hash, bytes } = await sha256File(target);
        files.push({ path: rel, bytes, sha256: hash });
        resources.push({
          name: kind === 'csv' ? t.name : `${t.name}-parquet`,
          title: kind === 'csv' ? t.title : `${t.title} (Parquet)`,
          description: t.description,
          path: rel,
          profile: kind === 'csv' ? 'tabular-data-resource' : 'data-resource',
          format: kind,
          mediatype: kind === 'csv' ? 'text/csv' : 'application/vnd.apache.parquet',
          ...(kind === 'csv' ? { encoding: 'utf-8', dialect: { delimiter: ',', header: true, quoteChar: '"', doubleQuote: true } } : {}),
          bytes,
          hash: `sha256:${hash}`,
          schema,
        });
      }
    }
    const partitioned = await writePartitionedObservations(snap, dir, defs.find((t) => t.name === 'observations')!, files);
    if (partitioned) resources.push(partitioned);
    const sources = await snap.all('SELECT id, publisher, title, url, license, retrieved, sha256, version, loaded_at FROM sources ORDER BY id');
    const caveats = await snap.all(
      'SELECT source_id, text FROM caveats WHERE measure IS NULL AND place IS NULL AND period IS NULL GROUP BY source_id, text ORDER BY source_id, min(rowid)',
    );
    const licenseTexts = [...new Set(sources.map((s) => String(s.license)))].sort();
    const created = sources.reduce<Date | null>((a, s) => {
      const d = s.loaded_at as Date;
      return !a || d > a ? d : a;
    }, null);
    const version = createHash('sha256')
      .update(sources.map((s) => `${String(s.id)}:${String(s.sha256)}`).join('\n'))
      .digest('hex')
      .slice(0, 12);
    const descriptor: Record<string, unknown> = {
      profile: 'data-package',
      name: 'cogency',
      title: 'Cogency: the official record on trafficking and sex-work policy',
      description:
        'Official statistics on human trafficking and sex-work policy as loaded into Cogency, each value with its citation (publisher, file, ' +
        'row, retrieval date, checksum) and its caveats. Sex trafficking, labor trafficking and consensual sex work are different topics: ' +
        `never sum measures across topics. Counts below ${SUPPRESSION_THRESHOLD} for places below state level are withheld.`,
      version: `0.0.0+${version}`,
      ...(created ? { created: created.toISOString().replace(/\.\d{3}Z$/, 'Z') } : {}),
      keywords: ['human trafficking', 'sex work', 'TIP Report', 'crime statistics', 'open data'],
      licenses: licenseTexts.map((text) => ({ name: licenseName(text), title: text })),
      sources: sources.map((s) => ({
        title: `${String(s.publisher)}: ${String(s.title)}`,
        path: String(s.url),
        id: String(s.id),
        license: String(s.license),
        retrieved: String(s.retrieved),
        sha256: String(s.sha256),
        version: String(s.version),
      })),
      citations: sources.map(
        (s) => `${String(s.publisher)}, “${String(s.title)}”, ${String(s.url)}, retrieved ${String(s.retrieved)}, sha256 ${String(s.sha256)}`,
      ),
      caveats: [
        'Trafficking measures and prostitution (sex-work) measures are separate; an arrest for prostitution is not a trafficking case.',
        `Counts below ${SUPPRESSION_THRESHOLD} for places below state level are withheld to protect the people counted, with the cells that would reveal them: ${withheldReason(rule)}.`,
        ...caveats.map((c) => `${String(c.source_id)}: ${String(c.text)}`),
      ],
      resources,
    };
    const json = JSON.stringify(descriptor, null, 2) + '\n';
    await writeFile(join(dir, DESCRIPTOR), json);
    files.unshift({ path: DESCRIPTOR, bytes: Buffer.byteLength(json), sha256: createHash('sha256').update(json).digest('hex') });
    return { dir, descriptor, files };
  }, { session: true });
}
