// LegiScan session dataset: the weekly ZIP its dataset API serves for one state session, holding every getBill,
// getRollCall and getPerson payload (and, in some datasets, getBillText payloads) as one JSON file each, under
// "<ST>/<session>/{bill,vote,people,text}/" — or the same files unpacked into a folder. Read whole: texts decoded
// from their base64 documents and attached to their bills by bill_id, roll calls attached by bill_id, every bill
// analyzed. A damaged archive or a malformed payload refuses the whole dataset, naming the entry (a load lands whole
// or not at all).
import { lstat, readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { listZip, readZipEntry, type ZipEntry } from '../sources/nibrs/zip.ts';
import { InputError } from '../sources/errors.ts';
import { analyze, type Finding } from './analyze.ts';
import { decodeUtf8, parseJson, readLegiscanBill, readLegiscanText } from './import.ts';
import { analysisText, LawInputError, type LawDocument } from './model.ts';
import { MAX_DATASET_BYTES } from './source.ts';

/** Largest single JSON payload inside (a bill text with its base64 PDF can be several MB). */
export const MAX_ENTRY_BYTES = 64 * 1024 * 1024;
/** Deepest an unpacked dataset's files sit below its folder (<ST>/<session>/bill/x.json is 3 levels down). */
const MAX_DEPTH = 6;

export interface DatasetBill {
  doc: LawDocument;
  findings: Finding[];
  /** why the bill has no findings when it has no text at all */
  note?: string;
}
export interface DatasetReport {
  file: string;
  bills: DatasetBill[];
  people: number;
  rollCalls: number;
  /** text payloads decoded (attached to their bill, or analyzed alone when the bill is not in the dataset) */
  texts: number;
  /** entries that are not LegiScan payloads (README, CSV copies): listed, not read */
  ignored: string[];
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** One JSON payload of a dataset, archive entry or file, read on demand. */
interface Payload {
  name: string;
  where: string;
  read: () => Promise<string>;
}
/** The payloads of a dataset and the entries that are not payloads (README, CSV copies: listed, not read). */
export interface DatasetEntries {
  payloads: Payload[];
  ignored: string[];
}

function zipEntryText(zip: string, e: ZipEntry, where: string): () => Promise<string> {
  return async () => {
    if (e.size > MAX_ENTRY_BYTES) throw new LawInputError(where, `entry is ${e.size} bytes, over the ${MAX_ENTRY_BYTES}-byte cap`);
    const parts: Buffer[] = [];
    try {
      for await (const chunk of readZipEntry(zip, e, where)) parts.push(chunk);
    } catch (err) {
      if (err instanceof InputError) throw new LawInputError(where, err.reason);
      throw err;
    }
    return decodeUtf8(Buffer.concat(parts), where);
  };
}

async function zipEntries(zip: string): Promise<DatasetEntries> {
  const size = (await stat(zip)).size;
  if (size > MAX_DATASET_BYTES) throw new LawInputError(zip, `dataset is ${size} bytes, over the ${MAX_DATASET_BYTES}-byte cap`);
  let entries: ZipEntry[];
  try {
    entries = await listZip(zip, zip);
  } catch (err) {
    if (err instanceof InputError) throw new LawInputError(zip, `not a readable ZIP archive: ${err.reason}`);
    throw err;
  }
  const files = entries.filter((e) => !e.name.endsWith('/'));
  return {
    payloads: files.filter((e) => /\.json$/i.test(e.name)).map((e) => ({ name: e.name, where: `${zip}!${e.name}`, read: zipEntryText(zip, e, `${zip}!${e.name}`) })),
    ignored: files.filter((e) => !/\.json$/i.test(e.name)).map((e) => e.name),
  };
}

/**
 * The files of an unpacked dataset folder, sorted. Reads stay inside the folder: symbolic links are not followed
 * (a link is listed as ignored), and the folder's total size is capped like an archive's.
 */
async function folderEntries(dir: string): Promise<DatasetEntries> {
  const payloads: Payload[] = [];
  const ignored: string[] = [];
  let bytes = 0;
  const walk = async (d: string, depth: number): Promise<void> => {
    const list = await readdir(d, { withFileTypes: true });
    list.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of list) {
      const p = join(d, e.name);
      const name = relative(dir, p).split(sep).join('/');
      if (e.isDirectory() && depth < MAX_DEPTH) await walk(p, depth + 1);
      else if (e.isFile() && /\.json$/i.test(e.name)) {
        const size = (await lstat(p)).size;
        const where = `${dir}/${name}`;
        if (size > MAX_ENTRY_BYTES) throw new LawInputError(where, `file is ${size} bytes, over the ${MAX_ENTRY_BYTES}-byte cap`);
        bytes += size;
        if (bytes > MAX_DATASET_BYTES) throw new LawInputError(dir, `dataset folder is over the ${MAX_DATASET_BYTES}-byte cap`);
        payloads.push({ name, where, read: async () => decodeUtf8(await readFile(p), where) });
      } else ignored.push(name);
    }
  };
  await walk(dir, 0);
  return { payloads, ignored };
}

/** Is this folder an unpacked LegiScan session dataset: does it hold a bill/ folder with JSON payloads? */
export async function isDatasetFolder(dir: string): Promise<boolean> {
  const inner = await readdir(join(dir, 'bill'), { withFileTypes: true }).catch(() => []);
  return inner.some((e) => e.isFile() && /\.json$/i.test(e.name));
}

/** A dataset's payloads, from a ZIP archive or an unpacked folder. */
export async function datasetEntries(path: string): Promise<DatasetEntries> {
  return (await stat(path)).isDirectory() ? folderEntries(path) : zipEntries(path);
}

export interface DatasetDocuments {
  /** bills with their decoded texts and roll calls, then texts whose bill is not in the dataset */
  docs: LawDocument[];
  people: number;
  rollCalls: number;
  texts: number;
  ignored: string[];
}

/**
 * Read a whole LegiScan session dataset (ZIP or unpacked folder) into documents, not analyzed.
 * `onProgress(done, total)` is called after each payload.
 */
export async function readLegiscanDocuments(path: string, onProgress?: (done: number, total: number) => void, listed?: DatasetEntries): Promise<DatasetDocuments> {
  const { payloads, ignored } = listed ?? (await datasetEntries(path));
  if (payloads.length === 0) throw new LawInputError(path, 'no LegiScan JSON payloads in the dataset (expected bill/, vote/, people/ folders)');
  const bills = new Map<number, LawDocument>();
  const texts: { billId: number | undefined; doc: LawDocument }[] = [];
  const votes: { billId: number; vote: NonNullable<LawDocument['votes']>[number] }[] = [];
  let people = 0;
  let done = 0;
  for (const e of payloads) {
    const where = e.where;
    const j = parseJson(await e.read(), where);
    if (!isObj(j)) throw new LawInputError(where, 'expected a JSON object');
    if (j.status === 'ERROR') throw new LawInputError(where, `LegiScan ERROR payload${isObj(j.alert) ? `: ${String(j.alert.message)}` : ''}`);
    if (isObj(j.bill)) {
      const d = await readLegiscanBill(j, where);
      const id = Number(j.bill.bill_id);
      if (!Number.isFinite(id)) throw new LawInputError(where, 'bill has no bill_id', { field: 'bill.bill_id' });
      bills.set(id, d);
    } else if (isObj(j.text)) {
      const id = Number(j.text.bill_id);
      texts.push({ billId: Number.isFinite(id) ? id : undefined, doc: await readLegiscanText(j, where) });
    } else if (isObj(j.roll_call)) {
      const r = j.roll_call;
      const id = Number(r.bill_id);
      if (!Number.isFinite(id)) throw new LawInputError(where, 'roll call has no bill_id', { field: 'roll_call.bill_id' });
      votes.push({ billId: id, vote: { date: String(r.date ?? ''), description: String(r.desc ?? ''), yea: Number(r.yea) || 0, nay: Number(r.nay) || 0, passed: Number(r.passed) === 1, chamber: String(r.chamber ?? '') } });
    } else if (isObj(j.person)) people++;
    else throw new LawInputError(where, 'not a LegiScan bill, text, roll call or person payload', { field: Object.keys(j).join(',') || '(empty)' });
    onProgress?.(++done, payloads.length);
  }
  // attach decoded texts to their bills (replacing the metadata-only version of the same date and type when present)
  const alone: LawDocument[] = [];
  for (const t of texts) {
    const bill = t.billId !== undefined ? bills.get(t.billId) : undefined;
    const v = t.doc.versions[0];
    if (!bill || !v) {
      alone.push(t.doc);
      continue;
    }
    const same = bill.versions.findIndex((x) => x.text === '' && x.label === v.label && x.date === v.date);
    if (same >= 0) bill.versions[same] = v;
    else bill.versions.push(v);
  }
  // roll calls from vote/ replace the summary votes of the bill payload (same roll calls, with members' votes)
  const byBill = new Map<number, NonNullable<LawDocument['votes']>>();
  for (const v of votes) (byBill.get(v.billId) ?? byBill.set(v.billId, []).get(v.billId)!).push(v.vote);
  for (const [id, vs] of byBill) {
    const b = bills.get(id);
    if (b) b.votes = vs;
  }
  return { docs: [...bills.values(), ...alone], people, rollCalls: votes.length, texts: texts.length, ignored };
}

/**
 * Read and analyze a whole LegiScan session dataset (ZIP or unpacked folder). `onProgress(done, total)` is called
 * after each payload.
 */
export async function readLegiscanDataset(path: string, onProgress?: (done: number, total: number) => void): Promise<DatasetReport> {
  const r = await readLegiscanDocuments(path, onProgress);
  const bills: DatasetBill[] = r.docs.map((doc) =>
    analysisText(doc).trim() === '' ? { doc, findings: [], note: 'no text in the dataset (metadata only)' } : { doc, findings: analyze(doc) });
  return { file: path, bills, people: r.people, rollCalls: r.rollCalls, texts: r.texts, ignored: r.ignored };
}
