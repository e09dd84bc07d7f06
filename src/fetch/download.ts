// Downloading one file: resumable over HTTP Range, with size and checksum checks, and errors that
// say what to do. Bytes land in `<dest>.part` and are renamed into place only when complete and
// verified, so `cogency ingest` never sees half a file.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { get as httpGet, type IncomingMessage } from 'node:http';
import { get as httpsGet } from 'node:https';

export class FetchError extends Error {
  constructor(
    readonly url: string,
    message: string,
    /** True when running again may succeed (network, server error, incomplete download). */
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'FetchError';
  }
}

export interface DownloadOptions {
  sha256?: string | undefined;
  bytes?: number | undefined;
  /** Called with bytes so far and the total when known. */
  onProgress?: (done: number, total: number | null) => void;
  timeoutMs?: number;
}

export interface DownloadResult {
  path: string;
  bytes: number;
  sha256: string;
  resumed: boolean;
}

const OFFLINE_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ENETUNREACH', 'EHOSTUNREACH', 'ECONNRESET', 'ETIMEDOUT']);

function request(url: string, headers: Record<string, string>, timeoutMs: number, redirects = 5): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const get = url.startsWith('https:') ? httpsGet : httpGet;
    const req = get(url, { headers: { 'user-agent': 'cogency-fetch', ...headers } }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume();
        if (redirects === 0) return reject(new FetchError(url, `too many redirects fetching ${url}`, false));
        return resolve(request(new URL(res.headers.location, url).toString(), headers, timeoutMs, redirects - 1));
      }
      resolve(res);
    });
    req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })));
    req.on('error', (e: NodeJS.ErrnoException) => {
      const host = (() => {
        try {
          return new URL(url).host;
        } catch {
          return url;
        }
      })();
      if (e.code && OFFLINE_CODES.has(e.code)) {
        reject(new FetchError(url, `cannot reach ${host} (${e.code}): this computer seems to be offline or the server is down; connect and run \`cogency fetch\` again (partial downloads resume)`, true));
      } else reject(new FetchError(url, `request to ${host} failed: ${e.message}`, true));
    });
  });
}

async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

/** Download `url` to `dest`; resume from `<dest>.part` where the server honours Range. */
export async function download(url: string, dest: string, opts: DownloadOptions = {}): Promise<DownloadResult> {
  mkdirSync(dirname(dest), { recursive: true });
  const part = `${dest}.part`;
  let have = existsSync(part) ? statSync(part).size : 0;
  if (opts.bytes !== undefined && have > opts.bytes) {
    rmSync(part);
    have = 0;
  }
  const res = await request(url, have > 0 ? { range: `bytes=${have}-` } : {}, opts.timeoutMs ?? 30000);
  const status = res.statusCode ?? 0;
  let resumed = false;
  let total: number | null = null;
  if (status === 206 && have > 0) {
    const m = /bytes (\d+)-\d+\/(\d+|\*)/.exec(String(res.headers['content-range'] ?? ''));
    if (!m || Number(m[1]) !== have) {
      res.resume();
      rmSync(part, { force: true });
      throw new FetchError(url, `the server resumed at the wrong offset (${res.headers['content-range'] ?? 'no Content-Range'}); the partial file was removed, run again`, true);
    }
    resumed = true;
    total = m[2] === '*' ? null : Number(m[2]);
  } else if (status === 416 && have > 0 && opts.bytes === have) {
    // Range not satisfiable because the partial file is already complete.
    res.resume();
    total = have;
    resumed = true;
  } else if (status === 200) {
    have = 0;
    const len = res.headers['content-length'];
    total = len !== undefined ? Number(len) : null;
  } else {
    res.resume();
    const retry = status >= 500 || status === 429;
    throw new FetchError(url, `the server answered HTTP ${status} ${res.statusMessage ?? ''} for ${url}${retry ? '; try again later' : ''}`.trim(), retry);
  }
  if (opts.bytes !== undefined && total !== null && total !== opts.bytes) {
    res.resume();
    throw new FetchError(url, `the server offers ${total} bytes but ${opts.bytes} are expected; the file at ${url} has changed — check it before use`, false);
  }
  if (status !== 416) {
    let cut = false;
    await new Promise<void>((resolve, reject) => {
      const out = createWriteStream(part, { flags: resumed ? 'a' : 'w' });
      let done = have;
      res.on('data', (chunk: Buffer) => {
        done += chunk.length;
        opts.onProgress?.(done, total);
      });
      // A connection dropped mid-body: keep what arrived (flushed to .part) so the next run resumes.
      const stop = () => {
        cut = true;
        res.unpipe(out);
        out.end();
      };
      res.on('aborted', stop);
      res.on('error', stop);
      out.on('error', (e) => reject(new FetchError(url, `cannot write ${part}: ${e.message}`, false)));
      out.on('finish', resolve);
      res.pipe(out);
    });
    if (cut) {
      const got = statSync(part).size;
      throw new FetchError(url, `download incomplete: the connection closed after ${got} bytes${total !== null ? ` of ${total}` : ''}; run \`cogency fetch\` again to resume`, true);
    }
  }
  const got = statSync(part).size;
  const expected = total ?? opts.bytes ?? null;
  if (expected !== null && got !== expected) {
    throw new FetchError(url, `download incomplete: received ${got} of ${expected} bytes; run \`cogency fetch\` again to resume`, true);
  }
  const sha = await sha256File(part);
  if (opts.sha256 && sha !== opts.sha256) {
    rmSync(part, { force: true });
    throw new FetchError(url, `checksum mismatch for ${url}: got sha256 ${sha}, expected ${opts.sha256}; the file was discarded`, false);
  }
  renameSync(part, dest);
  return { path: dest, bytes: got, sha256: sha, resumed };
}
