import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../../src/law/analyze.ts';
import { readLawFile } from '../../src/law/import.ts';
import { LawInputError } from '../../src/law/model.ts';

let dir = '';
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'cogency-law-bad-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

async function rejects(name: string, content: string | Buffer, re: RegExp): Promise<LawInputError> {
  const p = join(dir, name);
  writeFileSync(p, content);
  const t0 = Date.now();
  let err: unknown;
  try {
    analyze(await readLawFile(p));
  } catch (e) {
    err = e;
  }
  assert.ok(err instanceof LawInputError, `${name}: expected LawInputError, got ${String(err)}`);
  assert.ok(err.message.includes(p), `message names the file: ${err.message}`);
  assert.match(err.message, re);
  assert.ok(Date.now() - t0 < 10_000, 'bounded time');
  return err;
}

/** Minimal one-page PDF without any text (content stream is empty). */
function blankPdf(): Buffer {
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>',
    '<< /Length 0 >>\nstream\n\nendstream',
  ];
  let body = '%PDF-1.4\n';
  const offs: number[] = [];
  objs.forEach((o, i) => {
    offs.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
  for (const o of offs) body += `${String(o).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

test('empty file', async () => {
  await rejects('empty.txt', '', /empty file/);
  await rejects('blank.md', '   \n\n  ', /empty file/);
});

test('binary garbage', async () => {
  const b = Buffer.alloc(4096);
  for (let i = 0; i < b.length; i++) b[i] = (i * 7919) % 256;
  await rejects('garbage.bin', b, /binary data/);
});

test('invalid UTF-8 names the line', async () => {
  const e = await rejects('bad.txt', Buffer.concat([Buffer.from('line one\nline two\nbad \xff here', 'latin1')]), /invalid UTF-8/);
  assert.equal(e.line, 3);
});

test('malformed JSON and XML name the line', async () => {
  const j = await rejects('bad.json', '{\n  "bill": {\n    "bill_id": 1,\n  oops\n}', /malformed JSON/);
  assert.ok(j.line !== undefined && j.line >= 3, `line ${j.line}`);
  const x = await rejects('bad.xml', '<?xml version="1.0"?>\n<section containing-doc="D.C. Code">\n<num>1</num>\n<text>open\n</section>', /malformed XML/);
  assert.ok(x.line !== undefined && x.line >= 3);
});

test('LegiScan ERROR payload and text without doc', async () => {
  await rejects('err.json', '{"status":"ERROR","alert":{"message":"Invalid API key"}}', /Invalid API key/);
  await rejects('nodoc.json', '{"status":"OK","text":{"doc_id":5,"bill_id":3,"mime":"application/pdf"}}', /no doc/);
});

test('PDF with no text layer', async () => {
  await rejects('scan.pdf', blankPdf(), /no text/);
  const b64 = blankPdf().toString('base64');
  await rejects('scan.json', JSON.stringify({ status: 'OK', text: { doc_id: 1, bill_id: 2, mime: 'application/pdf', doc: b64 } }), /no text/);
});

test('50 MB file is refused quickly with a clear message', async () => {
  const p = join(dir, 'big.txt');
  writeFileSync(p, Buffer.alloc(50 * 1024 * 1024, 'a prostitution statute text. '));
  const t0 = Date.now();
  await assert.rejects(readLawFile(p), (e: unknown) => e instanceof LawInputError && /too large/.test(e.message) && e.message.includes(p));
  assert.ok(Date.now() - t0 < 2000);
});

test('metadata-only LegiScan bill: clear "no text"', async () => {
  await rejects('bill.json', JSON.stringify({ status: 'OK', bill: { bill_id: 1, state: 'AK', bill_number: 'HB1', texts: [] } }), /no text/);
});

test('manifest paths are confined to the data root; a missing file is a refusal that names it', async () => {
  const { mkdirSync, symlinkSync } = await import('node:fs');
  const { readLawCorpus } = await import('../../src/law/import.ts');
  const root = join(dir, 'confined');
  mkdirSync(join(root, 'texts'), { recursive: true });
  writeFileSync(join(root, 'texts', 'ok.txt'), 'A person who patronizes a prostitute is guilty of a misdemeanor.');
  writeFileSync(join(dir, 'outside.txt'), 'secret text outside the data root');
  symlinkSync(join(dir, 'outside.txt'), join(root, 'texts', 'link.txt'));
  const corpusWith = async (file: unknown): Promise<string> => {
    writeFileSync(join(root, 'manifest.json'), JSON.stringify([{ id: 'ok', file: 'texts/ok.txt' }, { id: 'bad', file }]));
    try {
      for await (const d of readLawCorpus(root)) void d;
    } catch (e) {
      assert.ok(e instanceof LawInputError, String(e));
      assert.ok(e.message.includes(join(root, 'manifest.json')), e.message);
      return e.message;
    }
    return 'accepted';
  };
  assert.match(await corpusWith('../outside.txt'), /"\.\.\/outside\.txt" climbs out/);
  assert.match(await corpusWith(join(dir, 'outside.txt')), /absolute path/);
  assert.match(await corpusWith('texts/link.txt'), /resolves outside the data root/);
  assert.match(await corpusWith('texts/missing.txt'), /record "bad": file "texts\/missing\.txt" does not exist/);
  assert.match(await corpusWith(42), /field \[1\]\.file/);
  assert.equal(await corpusWith('texts/ok.txt'), 'accepted');
});
