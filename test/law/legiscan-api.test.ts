// `cogency law fetch`: current session datasets pulled from a local stand-in for the LegiScan API.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pullCurrentSessions } from '../../src/law/legiscan-api.ts';
import { LawInputError } from '../../src/law/model.ts';
import { zip } from '../zip.ts';

let dir = '';
let server: Server;
let base = '';
const seen: string[] = [];
let datasetBody = '';

// hand-written payloads (fixture): one current session with one bill and its base64 text, one prior session
const HTML = '<pre>Section 1. Any person who patronizes a prostitute is guilty of a class A misdemeanor.</pre>';
const payloads: [string, Buffer][] = [
  ['ZZ/2031/bill/HB1.json', Buffer.from(JSON.stringify({ status: 'OK', bill: { bill_id: 1, state: 'ZZ', bill_number: 'HB1', title: 'Prostitution', session: { session_name: '2031 Regular Session' }, texts: [] } }))],
  ['ZZ/2031/text/1.json', Buffer.from(JSON.stringify({ status: 'OK', text: { doc_id: 1, bill_id: 1, type: 'Introduced', mime: 'text/html', doc: Buffer.from(HTML).toString('base64') } }))],
];

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cogency-legiscan-api-'));
  const z = join(dir, 'src.zip');
  zip(z, payloads);
  datasetBody = JSON.stringify({ status: 'OK', dataset: { session_id: 2169, zip: readFileSync(z).toString('base64') } });
  server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    seen.push(`${u.searchParams.get('op')} key=${u.searchParams.get('key')} id=${u.searchParams.get('id') ?? ''} access_key=${u.searchParams.get('access_key') ?? ''}`);
    res.setHeader('content-type', 'application/json');
    if (u.searchParams.get('key') !== 'k123') return res.end(JSON.stringify({ status: 'ERROR', alert: { message: 'Invalid API key' } }));
    if (u.searchParams.get('op') === 'getDatasetList')
      return res.end(JSON.stringify({ status: 'OK', datasetlist: [
        { session_id: 2169, session_name: '2031 Regular Session', prior: 0, dataset_hash: 'h1', access_key: 'ak1' },
        { session_id: 2122, session_name: '2030 Regular Session', prior: 1, dataset_hash: 'h0', access_key: 'ak0' },
      ] }));
    if (u.searchParams.get('op') === 'getDataset') return res.end(datasetBody);
    res.statusCode = 404;
    res.end('{}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const a = server.address();
  base = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}/`;
});
after(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

test('pulls current sessions only, reads each dataset whole, skips unchanged ones', async () => {
  const lawDir = join(dir, 'law');
  const r = await pullCurrentSessions({ key: 'k123', state: 'ZZ', lawDir, base });
  assert.equal(r.length, 1);
  assert.equal(r[0]!.sessionId, 2169);
  assert.ok(r[0]!.downloaded && existsSync(join(lawDir, 'legiscan', 'ZZ-2169.zip')));
  const bill = r[0]!.report!.bills.find((b) => b.doc.identifier === 'HB1')!;
  assert.ok(bill.findings.some((f) => f.kind === 'buyer_criminalization'), JSON.stringify(bill.findings.map((f) => f.kind)));
  assert.deepEqual(seen.slice(-2), ['getDatasetList key=k123 id= access_key=', 'getDataset key=k123 id=2169 access_key=ak1']);
  // same dataset_hash: nothing downloaded
  const again = await pullCurrentSessions({ key: 'k123', state: 'ZZ', lawDir, base });
  assert.equal(again[0]!.downloaded, false);
  assert.equal(seen.at(-1), 'getDatasetList key=k123 id= access_key=');
});

test('an API error or a damaged dataset is refused and never replaces the previous copy; the key is never shown', async () => {
  await assert.rejects(pullCurrentSessions({ key: 'wrong', state: 'ZZ', lawDir: join(dir, 'l2'), base }),
    (e: unknown) => e instanceof LawInputError && /Invalid API key/.test(e.message) && !e.message.includes('wrong'));
  datasetBody = JSON.stringify({ status: 'OK', dataset: { session_id: 2169, zip: Buffer.from('not a zip').toString('base64') } });
  const lawDir = join(dir, 'l3');
  await assert.rejects(pullCurrentSessions({ key: 'k123', state: 'ZZ', lawDir, base }), (e: unknown) => e instanceof LawInputError && /not a readable ZIP/.test(e.message));
  assert.ok(!existsSync(join(lawDir, 'legiscan', 'ZZ-2169.zip')) && !existsSync(join(lawDir, 'legiscan', 'ZZ-2169.zip.part')));
  await assert.rejects(pullCurrentSessions({ key: 'k123', state: 'zz1', lawDir, base }), /two-letter/);
});
