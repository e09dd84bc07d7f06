// The law corpus in the store: every text of a law directory, its metadata and the analyzer's findings, loaded as one
// source version (`law`) through Store.loadSource, so a reload is atomic: readers see the old corpus until the swap.
//
// Tables (each with a leading source_id column, see Stage.factTable):
//   bills       id, jurisdiction, identifier, session, year, title, status, kind (bill|statute|other), source_url,
//               citation, sha256 (of the file), format, file, analyzed_at
//   bill_texts  bill_id, version, text                     (the analyzed version: the latest with text)
//   findings    bill_id, kind, effect, impact, confidence, section, cues (JSON array), spans (JSON [{start,end,text}])
import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { extname, join, relative, sep } from 'node:path';
import type { DuckDBAppender } from '@duckdb/node-api';
import type { LoadResult, Stage, Store } from '../store/store.ts';
import type { SourceMeta } from '../model/types.ts';
import { analyzeText } from './analyze.ts';
import { referenceIndex } from './structure.ts';
import { manifestFile, readLawFileAll, readManifest, type ManifestRecord } from './import.ts';
import { datasetEntries, isDatasetFolder, readLegiscanDocuments, type DatasetEntries } from './legiscan-dataset.ts';
import { analysisText, LawInputError, type LawDocument } from './model.ts';
import { LAW_DESCRIPTION } from './source.ts';


export const LAW_TABLES = {
  bills:
    'id VARCHAR, jurisdiction VARCHAR, identifier VARCHAR, session VARCHAR, year INTEGER, title VARCHAR, status VARCHAR, kind VARCHAR, source_url VARCHAR, citation VARCHAR, sha256 VARCHAR, format VARCHAR, file VARCHAR, analyzed_at TIMESTAMP',
  bill_texts: 'bill_id VARCHAR, version VARCHAR, text VARCHAR',
  findings: 'bill_id VARCHAR, kind VARCHAR, effect VARCHAR, impact VARCHAR, confidence DOUBLE, section VARCHAR, cues VARCHAR, spans VARCHAR',
} as const;

const TEXT_EXT = new Set(['.md', '.txt', '.xml', '.json', '.pdf', '.html', '.htm', '.csv']);

export interface LawFileEntry {
  /** absolute path */
  path: string;
  manifest?: ManifestRecord;
  /** a LegiScan session dataset: a ZIP archive or an unpacked folder (bill/, vote/, people/, text/), read whole */
  dataset?: 'zip' | 'folder';
}

/**
 * The inputs of a law directory: the manifest's records when there is one, else every text-like file (sorted); and,
 * either way, every LegiScan session dataset under it (a .zip, or a folder holding bill/ with JSON payloads). Gold
 * labels and raw format samples (gold/, formats/ at the top) are not inputs.
 */
export async function lawFiles(lawDir: string): Promise<LawFileEntry[]> {
  const manifest = await readManifest(lawDir);
  const out: LawFileEntry[] = manifest ? await Promise.all(manifest.map(async (m) => ({ path: await manifestFile(lawDir, m), manifest: m }))) : [];
  const listed = new Set(out.map((f) => f.path));
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        if (dir === lawDir && (e.name === 'gold' || e.name === 'formats')) continue;
        if (await isDatasetFolder(p)) out.push({ path: p, dataset: 'folder' });
        else await walk(p);
      } else if (!e.isFile() || listed.has(p)) continue;
      else if (extname(e.name).toLowerCase() === '.zip') out.push({ path: p, dataset: 'zip' });
      else if (!manifest && TEXT_EXT.has(extname(e.name).toLowerCase()) && !/^(README|MANIFEST|FACTS)\b/i.test(e.name)) out.push({ path: p });
    }
  };
  await walk(lawDir);
  return out;
}

/** Every file behind the inputs (a dataset folder's files listed one by one), for checksums and change detection. */
export async function lawInputPaths(entries: LawFileEntry[]): Promise<string[]> {
  const out: string[] = [];
  for (const f of entries) {
    if (f.dataset !== 'folder') out.push(f.path);
    else {
      const walk = async (dir: string): Promise<void> => {
        const list = await readdir(dir, { withFileTypes: true });
        list.sort((a, b) => a.name.localeCompare(b.name));
        for (const e of list) {
          if (e.isDirectory()) await walk(join(dir, e.name));
          else if (e.isFile()) out.push(join(dir, e.name));
        }
      };
      await walk(f.path);
    }
  }
  return out;
}

function appendValues(a: DuckDBAppender, row: (string | number | null)[]): void {
  for (const v of row) {
    if (v === null) a.appendNull();
    else if (typeof v === 'number') a.appendDouble(v);
    else a.appendVarchar(v);
  }
}

/**
 * Fill a stage with the law corpus under `lawDir`. Files that cannot be read are rejected with the reason (never
 * dropped silently); documents without text are stored as bills without text or findings.
 */
export async function fillLaw(stage: Stage, lawDir: string, relTo: string = lawDir): Promise<void> {
  const files = await lawFiles(lawDir);
  // the corpus's section numbers resolve what a text cites (same index as the evaluation uses)
  const references = referenceIndex(files.flatMap((f) => (f.manifest ? [f.manifest] : [])));
  const tBills = await stage.factTable('bills', LAW_TABLES.bills);
  const tTexts = await stage.factTable('bill_texts', LAW_TABLES.bill_texts);
  const tFind = await stage.factTable('findings', LAW_TABLES.findings);
  const c = stage.connection;
  const aBills = await c.createAppender(tBills, 'main', 'temp');
  const aTexts = await c.createAppender(tTexts, 'main', 'temp');
  const aFind = await c.createAppender(tFind, 'main', 'temp');
  const src = stage.source.id;
  const now = new Date().toISOString().replace('T', ' ').replace('Z', '');
  const seen = new Set<string>();
  const rejectFile = (rel: string, e: unknown): void => {
    const err = e instanceof LawInputError ? e : null;
    stage.reject({ file: rel, line: err?.line ?? 0, field: err?.field ?? '', reason: e instanceof Error ? e.message : String(e) });
    stage.rowsRead++;
  };
  const storeDoc = (doc: LawDocument, rel: string, sha: string, manifest: ManifestRecord | undefined): void => {
    stage.rowsRead++;
    if (seen.has(doc.id)) {
      stage.reject({ file: rel, line: 0, field: 'id', reason: `duplicate document id "${doc.id}"` });
      return;
    }
    seen.add(doc.id);
    const version = doc.versions.findLast((v) => v.text.trim() !== '');
    const sourceUrl = version?.sourceUrl ?? doc.versions.findLast((v) => v.sourceUrl)?.sourceUrl ?? manifest?.source_url ?? null;
    aBills.appendVarchar(src);
    appendValues(aBills, [doc.id, doc.jurisdiction, doc.identifier, doc.session]);
    if (doc.year === null) aBills.appendNull();
    else aBills.appendInteger(doc.year);
    appendValues(aBills, [doc.title, doc.status, doc.kind, sourceUrl, doc.citation, sha, doc.format, rel]);
    aBills.appendVarchar(now);
    aBills.endRow();
    stage.rowsStored++;
    const text = analysisText(doc);
    if (!version || text.trim() === '') {
      stage.skip('document carries metadata only (no text to analyze)');
      return;
    }
    aTexts.appendVarchar(src);
    appendValues(aTexts, [doc.id, version.label, text]);
    aTexts.endRow();
    for (const fi of analyzeText(doc, text, { references }).findings) {
      aFind.appendVarchar(src);
      appendValues(aFind, [doc.id, fi.kind, fi.effect, fi.impact, fi.confidence, fi.section, JSON.stringify(fi.cues), JSON.stringify(fi.spans)]);
      aFind.endRow();
    }
  };
  // progress counts files, and each payload of a dataset (a session dataset holds hundreds of bills)
  const listings = new Map<LawFileEntry, DatasetEntries | Error>();
  for (const f of files)
    if (f.dataset) listings.set(f, await datasetEntries(f.path).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e)))));
  const units = (f: LawFileEntry): number => {
    const l = listings.get(f);
    return l && !(l instanceof Error) ? Math.max(1, l.payloads.length) : 1;
  };
  const total = files.reduce((n, f) => n + units(f), 0);
  let done = 0;
  try {
    for (const f of files) {
      const rel = relative(relTo, f.path);
      if (f.dataset) {
        // a dataset lands whole or not at all: any bad payload rejects all of it, naming the payload
        const listing = listings.get(f)!;
        let docs: LawDocument[];
        try {
          if (listing instanceof Error) throw listing;
          const from = done;
          docs = (await readLegiscanDocuments(f.path, (d) => stage.onProgress(from + d, total), listing)).docs;
        } catch (e) {
          rejectFile(rel, e);
          stage.onProgress((done += units(f)), total);
          continue;
        }
        const sha = await datasetSha(f, listing as DatasetEntries);
        const base = relative(lawDir, f.path).split(sep).join('/').replace(/\.zip$/i, '');
        for (const doc of docs) {
          doc.id = `${base}/${doc.id}`;
          storeDoc(doc, rel, sha, undefined);
        }
        done += units(f);
        continue;
      }
      let docs: LawDocument[];
      let sha: string;
      try {
        const bytes = await readFile(f.path);
        sha = createHash('sha256').update(bytes).digest('hex');
        docs = await readLawFileAll(f.path, f.manifest ? { manifest: f.manifest } : {});
      } catch (e) {
        rejectFile(rel, e);
        stage.onProgress(++done, total);
        continue;
      }
      for (const doc of docs) {
        if (!f.manifest && docs.length === 1) doc.id = relative(lawDir, f.path).replace(/\.[^.]+$/, '');
        storeDoc(doc, rel, sha, f.manifest);
      }
      stage.onProgress(++done, total);
    }
  } finally {
    for (const a of [aBills, aTexts, aFind]) a.closeSync();
  }
}

/** sha256 of a dataset: of the archive, or over a folder's payloads (name and content, in order). */
async function datasetSha(f: LawFileEntry, listing: DatasetEntries): Promise<string> {
  if (f.dataset === 'zip') return createHash('sha256').update(await readFile(f.path)).digest('hex');
  const h = createHash('sha256');
  for (const p of listing.payloads) h.update(`${p.name}\n`).update(await p.read()).update('\n');
  return h.digest('hex');
}

/** Provenance of the law corpus as one source (id `law`), checksummed over every file it reads. */
export async function lawSourceMeta(lawDir: string, relTo: string = lawDir): Promise<SourceMeta> {
  const files = await lawInputPaths(await lawFiles(lawDir));
  const manifestPath = join(lawDir, 'manifest.json');
  const all = (await readManifest(lawDir)) ? [manifestPath, ...files] : files;
  const parts: string[] = [];
  let bytes = 0;
  for (const p of all) {
    const b = await readFile(p).catch(() => null);
    if (!b) continue;
    bytes += b.length;
    parts.push(`${relative(relTo, p)}  ${createHash('sha256').update(b).digest('hex')}`);
  }
  const sha256 = createHash('sha256').update(parts.sort().join('\n')).digest('hex');
  return {
    ...LAW_DESCRIPTION,
    retrieved: new Date().toISOString().slice(0, 10),
    sha256,
    version: sha256.slice(0, 12),
    file: relative(relTo, lawDir) || '.',
    bytes,
  };
}

/** Load (or reload) the law corpus under `lawDir` into the store as one atomic source version. */
export async function ingestLaw(store: Store, lawDir: string): Promise<LoadResult> {
  const meta = await lawSourceMeta(lawDir);
  return store.loadSource(meta, (stage) => fillLaw(stage, lawDir));
}
