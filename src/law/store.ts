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
import { extname, join, relative } from 'node:path';
import type { DuckDBAppender } from '@duckdb/node-api';
import type { LoadResult, Stage, Store } from '../store/store.ts';
import type { SourceMeta } from '../model/types.ts';
import { analyzeText } from './analyze.ts';
import { manifestFile, readLawFileAll, readManifest, type ManifestRecord } from './import.ts';
import { analysisText, LawInputError, type LawDocument } from './model.ts';

export const LAW_SOURCE_ID = 'law';

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
}

/** The files of a law directory: the manifest's records when there is one, else every text-like file (sorted). */
export async function lawFiles(lawDir: string): Promise<LawFileEntry[]> {
  const manifest = await readManifest(lawDir);
  if (manifest) return Promise.all(manifest.map(async (m) => ({ path: await manifestFile(lawDir, m), manifest: m })));
  const out: LawFileEntry[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      const p = join(dir, e.name);
      if (e.isDirectory()) {
        // gold labels and raw API samples are not texts of the corpus
        if (dir === lawDir && (e.name === 'gold' || e.name === 'formats')) continue;
        await walk(p);
      } else if (e.isFile() && TEXT_EXT.has(extname(e.name).toLowerCase()) && !/^(README|MANIFEST|FACTS)\b/i.test(e.name)) out.push({ path: p });
    }
  };
  await walk(lawDir);
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
  try {
    let done = 0;
    for (const f of files) {
      const rel = relative(relTo, f.path);
      let docs: LawDocument[];
      let sha: string;
      try {
        const bytes = await readFile(f.path);
        sha = createHash('sha256').update(bytes).digest('hex');
        docs = await readLawFileAll(f.path, f.manifest ? { manifest: f.manifest } : {});
      } catch (e) {
        const err = e instanceof LawInputError ? e : null;
        stage.reject({ file: rel, line: err?.line ?? 0, field: err?.field ?? '', reason: e instanceof Error ? e.message : String(e) });
        stage.rowsRead++;
        continue;
      }
      for (const doc of docs) {
        stage.rowsRead++;
        if (!f.manifest && docs.length === 1) doc.id = relative(lawDir, f.path).replace(/\.[^.]+$/, '');
        if (seen.has(doc.id)) {
          stage.reject({ file: rel, line: 0, field: 'id', reason: `duplicate document id "${doc.id}"` });
          continue;
        }
        seen.add(doc.id);
        const version = doc.versions.findLast((v) => v.text.trim() !== '');
        const sourceUrl = version?.sourceUrl ?? doc.versions.findLast((v) => v.sourceUrl)?.sourceUrl ?? f.manifest?.source_url ?? null;
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
          continue;
        }
        aTexts.appendVarchar(src);
        appendValues(aTexts, [doc.id, version.label, text]);
        aTexts.endRow();
        for (const fi of analyzeText(doc, text).findings) {
          aFind.appendVarchar(src);
          appendValues(aFind, [doc.id, fi.kind, fi.effect, fi.impact, fi.confidence, fi.section, JSON.stringify(fi.cues), JSON.stringify(fi.spans)]);
          aFind.endRow();
        }
      }
      stage.onProgress(++done, files.length);
    }
  } finally {
    for (const a of [aBills, aTexts, aFind]) a.closeSync();
  }
}

/** Provenance of the law corpus as one source (id `law`), checksummed over every file it reads. */
export async function lawSourceMeta(lawDir: string, relTo: string = lawDir): Promise<SourceMeta> {
  const files = (await lawFiles(lawDir)).map((f) => f.path);
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

export const LAW_DESCRIPTION = {
  id: LAW_SOURCE_ID,
  family: 'law',
  publisher: 'Legislatures and code publishers of each jurisdiction (see each bill’s source_url and citation)',
  title: 'Bills, enacted laws and statutes on trafficking and sex work, with provision analysis',
  url: 'https://github.com/',
  license: 'Legislative texts are public records; per-file provenance and licence notes in the corpus manifest.',
  format: 'law corpus (markdown, text, XML, JSON, PDF)',
} as const;

/** Load (or reload) the law corpus under `lawDir` into the store as one atomic source version. */
export async function ingestLaw(store: Store, lawDir: string): Promise<LoadResult> {
  const meta = await lawSourceMeta(lawDir);
  return store.loadSource(meta, (stage) => fillLaw(stage, lawDir));
}
