// Pull current LegiScan session datasets with an API key: getDatasetList for a state, then getDataset for each
// session still in progress (prior = 0) whose dataset_hash changed since the last pull. Each ZIP is checked
// (base64 decoded, every entry's CRC checked and every payload read whole by readLegiscanDataset) before it
// replaces the previous copy under <data>/law/legiscan/, so a bad download never replaces a good one.
// The key is read from LEGISCAN_API_KEY; it is sent only to the API host and never written or printed.
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readLegiscanDataset, type DatasetReport } from './legiscan-dataset.ts';
import { LawInputError } from './model.ts';
import { LEGISCAN_API } from './source.ts';

/** A dataset response holds the base64 ZIP: allow for real session sizes with headroom. */
const MAX_RESPONSE_BYTES = 256 * 1024 * 1024;

export interface PullOptions {
  key: string;
  /** two-letter state code */
  state: string;
  /** law data directory (datasets go to <lawDir>/legiscan/) */
  lawDir: string;
  /** API base URL (tests point it at a local server) */
  base?: string;
  fetchImpl?: typeof fetch;
  onProgress?: (message: string) => void;
}
export interface PulledSession {
  sessionId: number;
  name: string;
  file: string;
  /** false when the dataset_hash was unchanged and nothing was downloaded */
  downloaded: boolean;
  report?: DatasetReport;
}

interface DatasetListItem {
  session_id: number;
  session_name?: string;
  prior?: number;
  dataset_hash?: string;
  access_key?: string;
}

async function call(opts: PullOptions, params: Record<string, string>): Promise<Record<string, unknown>> {
  const url = new URL(opts.base ?? LEGISCAN_API);
  url.searchParams.set('key', opts.key);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  const shown = `${url.origin}${url.pathname}?op=${params.op}`; // never show the key
  const res = await (opts.fetchImpl ?? fetch)(url, { headers: { accept: 'application/json' } });
  if (!res.ok) throw new LawInputError(shown, `HTTP ${res.status}`);
  const len = Number(res.headers.get('content-length') ?? 0);
  if (len > MAX_RESPONSE_BYTES) throw new LawInputError(shown, `response of ${len} bytes is over the cap`);
  const text = await res.text();
  if (text.length > MAX_RESPONSE_BYTES) throw new LawInputError(shown, 'response over the cap');
  let j: unknown;
  try {
    j = JSON.parse(text);
  } catch {
    throw new LawInputError(shown, 'response is not JSON');
  }
  if (typeof j !== 'object' || j === null) throw new LawInputError(shown, 'response is not a JSON object');
  const o = j as Record<string, unknown>;
  if (o.status !== 'OK') {
    const alert = o.alert as { message?: unknown } | undefined;
    throw new LawInputError(shown, `LegiScan says ${String(o.status)}${alert?.message ? `: ${String(alert.message)}` : ''}`);
  }
  return o;
}

/** Pull every current session dataset of one state; returns what was downloaded and read. */
export async function pullCurrentSessions(opts: PullOptions): Promise<PulledSession[]> {
  if (!/^[A-Z]{2}$/.test(opts.state)) throw new LawInputError('--state', `expected a two-letter state code, got ${JSON.stringify(opts.state)}`);
  const list = await call(opts, { op: 'getDatasetList', state: opts.state });
  const items = Array.isArray(list.datasetlist) ? (list.datasetlist as DatasetListItem[]) : [];
  const current = items.filter((d) => Number.isInteger(d.session_id) && Number(d.prior ?? 0) === 0);
  const dir = join(opts.lawDir, 'legiscan');
  await mkdir(dir, { recursive: true });
  const out: PulledSession[] = [];
  for (const d of current) {
    const name = d.session_name ?? String(d.session_id);
    const file = join(dir, `${opts.state}-${d.session_id}.zip`);
    const hashFile = `${file}.hash`;
    const had = await readFile(hashFile, 'utf8').catch(() => '');
    if (d.dataset_hash && had.trim() === d.dataset_hash) {
      opts.onProgress?.(`${opts.state} ${name}: unchanged (dataset_hash ${d.dataset_hash})`);
      out.push({ sessionId: d.session_id, name, file, downloaded: false });
      continue;
    }
    opts.onProgress?.(`${opts.state} ${name}: downloading`);
    const r = await call(opts, { op: 'getDataset', id: String(d.session_id), ...(d.access_key ? { access_key: d.access_key } : {}) });
    const ds = r.dataset as { zip?: unknown } | undefined;
    if (!ds || typeof ds.zip !== 'string') throw new LawInputError(`getDataset ${d.session_id}`, 'response has no dataset.zip', { field: 'dataset.zip' });
    const bytes = Buffer.from(ds.zip, 'base64');
    const tmp = `${file}.part`;
    await writeFile(tmp, bytes);
    let report: DatasetReport;
    try {
      report = await readLegiscanDataset(tmp, (done, total) => {
        if (done === total) opts.onProgress?.(`${opts.state} ${name}: ${total} payloads read`);
      });
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
    await rename(tmp, file);
    if (d.dataset_hash) await writeFile(hashFile, d.dataset_hash + '\n');
    out.push({ sessionId: d.session_id, name, file, downloaded: true, report: { ...report, file } });
  }
  return out;
}
