// Importers: every legislation format in data/law into one LawDocument model.
// Format comes from manifest.json (`format`, a prose note) when reading a corpus, else from sniffing the content.
import { access, readFile, readdir, realpath, stat } from 'node:fs/promises';
import { constants as fsConstants } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { basename, dirname, extname, isAbsolute, join, relative, sep } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parse as parseCsv } from 'csv-parse/sync';
import { emptyDocument, LawInputError, type LawDocument, type LawFormat, type LawVersion, type Sponsor } from './model.ts';
import { ordinal, truncateWords } from '../model/text.ts';
import { DEFAULT_MAX_BYTES } from './source.ts';


export interface ReadOptions {
  /** Format hint (e.g. from manifest.json); sniffed when absent. */
  format?: LawFormat;
  maxBytes?: number;
  /** Manifest record, merged into the document's metadata when given. */
  manifest?: ManifestRecord;
}

export interface ManifestRecord {
  id: string;
  jurisdiction?: string;
  kind?: string;
  doc_id?: string;
  session?: string;
  year?: string;
  title?: string;
  sponsor?: string;
  status?: string;
  source_url?: string;
  format?: string;
  file: string;
  split?: string;
}

// ---------------------------------------------------------------- bytes → text

function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function looksBinary(buf: Buffer): boolean {
  const n = Math.min(buf.length, 8192);
  let ctrl = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i]!;
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) ctrl++;
  }
  return n > 0 && ctrl / n > 0.05;
}

/** Decode strict UTF-8; invalid bytes are an error naming the line. */
export function decodeUtf8(buf: Buffer, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf).replace(/^\uFEFF/, '');
  } catch {
    // find the first bad byte for a useful message
    const lossy = new TextDecoder('utf-8').decode(buf);
    const bad = lossy.indexOf('\uFFFD');
    const line = bad >= 0 ? lineOfOffset(lossy, bad) : undefined;
    throw new LawInputError(file, 'invalid UTF-8 byte sequence', line !== undefined ? { line } : {});
  }
}

// ---------------------------------------------------------------- format detection

/** Map manifest.json's prose `format` note to a format id. */
export function formatFromManifestNote(note: string | undefined): LawFormat | undefined {
  if (!note) return undefined;
  if (/\*\*Bill ID/.test(note)) return 'ny-bill-md';
  if (/wa-law\.org/.test(note)) return 'wa-bill-md';
  if (/chunck/.test(note)) return 'usc-md';
  if (/section files \(YAML/.test(note)) return 'hi-md';
  if (/DC Council/.test(note) && /<document>/.test(note)) return 'dc-xml-law';
  if (/DC Council/.test(note) && /<section>/.test(note)) return 'dc-xml-code';
  if (/extracted from the introduced-version PDF|line numbers are embedded/i.test(note)) return 'mo-bill-pdf-text';
  if (/^Plain text/.test(note)) return 'statute-text';
  // web-page excerpts carry no markup: plain prose of unknown structure
  if (/^web page excerpt/i.test(note)) return 'plain-text';
  return undefined;
}

/** Guess the format from file name and content. */
export function sniffFormat(path: string, head: string): LawFormat {
  const ext = extname(path).toLowerCase();
  const t = head.trimStart();
  if (t.startsWith('%PDF')) return 'pdf';
  if (t.startsWith('{') || /^\[\s*[{["\]\d]/.test(t)) {
    if (/"bill"\s*:\s*\{/.test(head) && /"bill_id"/.test(head)) return 'legiscan-bill';
    if (/"text"\s*:\s*\{/.test(head) && /"doc_id"/.test(head)) return 'legiscan-text';
    if (/"person"\s*:\s*\{/.test(head)) return 'legiscan-person';
    if (/"roll_call"\s*:\s*\{/.test(head)) return 'legiscan-rollcall';
    if (/"datasetlist"\s*:/.test(head)) return 'legiscan-datasetlist';
    if (/"sections"\s*:/.test(head) && /"path"\s*:/.test(head)) return 'us-statutes-json';
    if (/"legislative_session"|"jurisdiction_name"|"openstates_url"|"from_organization"|"ocd-bill\//.test(head))
      return 'openstates-json';
    return 'openstates-json';
  }
  if (t.startsWith('<')) {
    if (/dc-library/.test(head) && /<document\b/.test(head)) return 'dc-xml-law';
    if (/dc-library/.test(head) || /<section\b[^>]*containing-doc/.test(head)) return 'dc-xml-code';
    if (/<html|<pre|<body|<p\b|<div/i.test(head)) return 'html';
    return 'dc-xml-code';
  }
  if (ext === '.csv' && /(^|,)identifier(,|$)/m.test(head.split('\n')[0] ?? '')) return 'openstates-csv';
  if (/\*\*Bill ID:\*\*/.test(head)) return 'ny-bill-md';
  if (/\[wa-law\.org\]/.test(head)) return 'wa-bill-md';
  if (/^#{1,4} .*(§|CHAPTER)/m.test(head) && /^# Title \d+/m.test(head)) return 'usc-md';
  if (/^\*\*§\s*\d/m.test(head)) return 'hi-md';
  if (/GENERAL ASSEMBLY|SENATE BILL NO\.|HOUSE BILL NO\./.test(head) && (head.match(/^\d{1,2} \S/gm)?.length ?? 0) >= 3) return 'mo-bill-pdf-text';
  if (ext === '.html' || ext === '.htm') return 'html';
  if (/(^|\n)\s*(Section|Sec\.|§)\s*\d/.test(head) || /\b(RCW|U\.S\.C\.|RSMo)\b/.test(head)) return 'statute-text';
  return 'plain-text';
}

// ---------------------------------------------------------------- helpers

function str(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return '';
}
function num(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
}
function yearOf(s: string): number | null {
  const m = /\b(1[89]\d\d|20\d\d)\b/.exec(s);
  return m ? Number(m[1]) : null;
}
function idFromPath(path: string): string {
  return basename(path).replace(/\.[^.]+$/, '');
}
function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const m = /position (\d+)/.exec(msg);
    const line = m ? lineOfOffset(text, Number(m[1])) : undefined;
    throw new LawInputError(file, `malformed JSON: ${msg}`, line !== undefined ? { line } : {});
  }
}

/** Strip HTML to text (for LegiScan HTML docs): keeps <pre> layout, turns block tags into newlines. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|h[1-6]|li|tr|pre)>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d)));
}

/** Extract the text layer of a PDF (unpdf = pdf.js serverless build, pure JS). */
export async function pdfToText(bytes: Uint8Array, file: string): Promise<string> {
  const { extractText, getDocumentProxy } = await import('unpdf');
  let text: string;
  try {
    const pdf = await getDocumentProxy(new Uint8Array(bytes));
    const r = await extractText(pdf, { mergePages: true });
    text = r.text;
  } catch (e) {
    throw new LawInputError(file, `unreadable PDF: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (text.trim() === '') throw new LawInputError(file, 'no text: the PDF has no text layer (scanned image?)');
  return text;
}

// ---------------------------------------------------------------- LegiScan

const LEGISCAN_STATUS: Record<number, string> = {
  0: 'N/A', 1: 'Introduced', 2: 'Engrossed', 3: 'Enrolled', 4: 'Passed', 5: 'Vetoed', 6: 'Failed',
  7: 'Override', 8: 'Chaptered', 9: 'Refer', 10: 'Report Pass', 11: 'Report DNP', 12: 'Draft',
};

async function legiscanTextVersion(t: Record<string, unknown>, file: string): Promise<LawVersion> {
  const mime = str(t.mime);
  let text = '';
  const doc = str(t.doc);
  if (doc) {
    const bytes = Buffer.from(doc, 'base64');
    if (/pdf/i.test(mime) || bytes.subarray(0, 5).toString('latin1') === '%PDF-') text = await pdfToText(bytes, file);
    // HTML without valid UTF-8 is read as windows-1252, the web's legacy default (older LegiScan texts, e.g. CA 2011)
    else if (/html/i.test(mime)) text = htmlToText(isUtf8(bytes) ? decodeUtf8(bytes, file) : new TextDecoder('windows-1252').decode(bytes));
    else if (/text/i.test(mime)) text = decodeUtf8(bytes, file);
    else throw new LawInputError(file, `unsupported document type ${mime || '(none)'}`, { field: 'text.mime' });
  }
  const v: LawVersion = { label: str(t.type) || 'text', text };
  if (str(t.date)) v.date = str(t.date);
  if (mime) v.mime = mime;
  const url = str(t.state_link) || str(t.url);
  if (url) v.sourceUrl = url;
  return v;
}

function legiscanSponsors(list: unknown): Sponsor[] {
  if (!Array.isArray(list)) return [];
  return list.filter(isObj).map((s) => {
    const sp: Sponsor = { name: str(s.name) };
    if (str(s.role)) sp.role = str(s.role);
    if (str(s.party)) sp.party = str(s.party);
    const t = num(s.sponsor_type_id);
    if (t === 1) sp.primary = true;
    else if (t === 2) sp.primary = false;
    return sp;
  });
}

export async function readLegiscanBill(j: Record<string, unknown>, file: string): Promise<LawDocument> {
  const b = j.bill;
  if (!isObj(b)) throw new LawInputError(file, 'LegiScan payload has no bill object', { field: 'bill' });
  const d = emptyDocument(file, 'legiscan-bill', `${str(b.state).toLowerCase()}-${str(b.bill_number)}`);
  const session = isObj(b.session) ? b.session : {};
  d.kind = 'bill';
  d.jurisdiction = str(b.state);
  d.identifier = str(b.bill_number);
  d.session = str(session.session_name) || str(session.session_title);
  d.year = num(session.year_start) ?? yearOf(str(b.status_date));
  d.title = str(b.title) || str(b.description);
  d.status = LEGISCAN_STATUS[num(b.status) ?? -1] ?? str(b.status);
  if (str(b.status_date)) d.dates.status = str(b.status_date);
  const hist = Array.isArray(b.history) ? b.history.filter(isObj) : [];
  if (hist[0] && str(hist[0].date)) d.dates.introduced = str(hist[0].date);
  d.sponsors = legiscanSponsors(b.sponsors);
  const texts = Array.isArray(b.texts) ? b.texts.filter(isObj) : [];
  for (const t of texts) d.versions.push(await legiscanTextVersion(t, file));
  d.votes = (Array.isArray(b.votes) ? b.votes.filter(isObj) : []).map((v) => ({
    date: str(v.date),
    description: str(v.desc),
    yea: num(v.yea) ?? 0,
    nay: num(v.nay) ?? 0,
    passed: num(v.passed) === 1,
    chamber: str(v.chamber),
  }));
  d.citation = `${d.jurisdiction} ${d.identifier} (${d.session})`.trim();
  d.meta = { bill_id: num(b.bill_id), url: str(b.url), state_link: str(b.state_link) };
  return d;
}

export async function readLegiscanText(j: Record<string, unknown>, file: string): Promise<LawDocument> {
  const t = j.text;
  if (!isObj(t)) throw new LawInputError(file, 'LegiScan payload has no text object', { field: 'text' });
  if (!('doc' in t)) throw new LawInputError(file, 'LegiScan text has no doc', { field: 'text.doc' });
  const d = emptyDocument(file, 'legiscan-text', `legiscan-text-${str(t.doc_id) || idFromPath(file)}`);
  d.kind = 'bill';
  d.versions.push(await legiscanTextVersion(t, file));
  if (str(t.date)) d.dates.text = str(t.date);
  d.year = yearOf(str(t.date));
  // Older CA <pre> texts carry the bill number in the text
  const m = /BILL NUMBER:\s*([A-Z]+\s*\d+)/.exec(d.versions[0]?.text ?? '');
  d.identifier = m ? m[1]!.replace(/\s+/g, ' ') : `doc ${str(t.doc_id)}`;
  d.citation = `LegiScan doc ${str(t.doc_id)} (bill ${str(t.bill_id)})`;
  d.meta = { doc_id: num(t.doc_id), bill_id: num(t.bill_id) };
  return d;
}

// ---------------------------------------------------------------- us-statutes JSON

function readUsStatutesJson(j: Record<string, unknown>, file: string): LawDocument {
  const sections = j.sections;
  if (!Array.isArray(sections)) throw new LawInputError(file, 'missing sections array', { field: 'sections' });
  const d = emptyDocument(file, 'us-statutes-json', idFromPath(file));
  d.kind = 'statute';
  const state = str(j.state);
  d.jurisdiction = STATE_CODES[state.toLowerCase().replace(/-/g, ' ')] ?? '';
  d.identifier = str(j.path);
  d.title = str(j.path).split('/').pop()?.replace(/^chapter-chapter-/, 'Chapter ').replace(/-/g, ' ') ?? '';
  const parts: string[] = [];
  const urls: string[] = [];
  sections.forEach((s, i) => {
    if (!isObj(s)) throw new LawInputError(file, 'section is not an object', { field: `sections[${i}]` });
    const head = [str(s.number), str(s.heading)].filter(Boolean).join(' ');
    const text = str(s.text);
    parts.push(text.startsWith(str(s.number)) || !head ? text : `${head}\n\n${text}`);
    if (str(s.source_url)) urls.push(str(s.source_url));
  });
  const v: LawVersion = { label: 'current', text: parts.join('\n\n') };
  if (urls[0]) v.sourceUrl = urls[0];
  d.versions.push(v);
  d.citation = `${state} ${d.identifier}`;
  d.meta = { sectionUrls: urls };
  return d;
}

const STATE_CODES: Record<string, string> = Object.fromEntries(
  (
    'alabama AL,alaska AK,arizona AZ,arkansas AR,california CA,colorado CO,connecticut CT,delaware DE,florida FL,' +
    'georgia GA,hawaii HI,idaho ID,illinois IL,indiana IN,iowa IA,kansas KS,kentucky KY,louisiana LA,maine ME,' +
    'maryland MD,massachusetts MA,michigan MI,minnesota MN,mississippi MS,missouri MO,montana MT,nebraska NE,' +
    'nevada NV,new hampshire NH,new jersey NJ,new mexico NM,new york NY,north carolina NC,north dakota ND,ohio OH,' +
    'oklahoma OK,oregon OR,pennsylvania PA,rhode island RI,south carolina SC,south dakota SD,tennessee TN,texas TX,' +
    'utah UT,vermont VT,virginia VA,washington WA,west virginia WV,wisconsin WI,wyoming WY,district of columbia DC'
  )
    .split(',')
    .map((p) => {
      const i = p.lastIndexOf(' ');
      return [p.slice(0, i), p.slice(i + 1)];
    }),
);

// ---------------------------------------------------------------- D.C. Council XML

type XNode = Record<string, unknown>;
const BLOCK = new Set(['para', 'text', 'heading', 'section', 'num', 'p', 'document', 'search-text', 'summary',
  'narrative', 'aftertext', 'reason', 'container', 'include', 'annotation', 'li', 'tr', 'table']);

function xmlParse(text: string, file: string): XNode[] {
  const v = XMLValidator.validate(text);
  if (v !== true) {
    throw new LawInputError(file, `malformed XML: ${v.err.msg}`, { line: v.err.line });
  }
  const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '@', trimValues: false,
    processEntities: true, htmlEntities: true });
  return parser.parse(text) as XNode[];
}

function tagOf(n: XNode): string | undefined {
  return Object.keys(n).find((k) => k !== ':@' && k !== '#text');
}

/** Render an ordered XML tree to text. Skips machine-only codify:* instructions and the annotations (kept apart). */
function renderXml(nodes: XNode[], out: string[], skip: (tag: string) => boolean): void {
  for (const n of nodes) {
    if ('#text' in n) {
      out.push(String(n['#text']).replace(/\s+/g, ' '));
      continue;
    }
    const tag = tagOf(n);
    if (!tag || tag.startsWith('?')) continue;
    const local = tag.replace(/^[a-z]+:/, '');
    if (skip(tag)) continue;
    const kids = n[tag];
    if (!Array.isArray(kids)) continue;
    const block = BLOCK.has(local);
    if (block) out.push('\n');
    renderXml(kids as XNode[], out, skip);
    if (local === 'num') out.push(' ');
    else if (block) out.push('\n');
  }
}

function findFirst(nodes: XNode[], tag: string): XNode | undefined {
  for (const n of nodes) {
    const t = tagOf(n);
    if (!t) continue;
    if (t === tag) return n;
    const kids = n[t];
    if (Array.isArray(kids)) {
      const r = findFirst(kids as XNode[], tag);
      if (r) return r;
    }
  }
  return undefined;
}
function textOf(n: XNode | undefined): string {
  if (!n) return '';
  const out: string[] = [];
  renderXml([n], out, () => false);
  return out.join('').replace(/\s+/g, ' ').trim();
}
function attr(n: XNode | undefined, name: string): string {
  const a = n?.[':@'];
  return isObj(a) ? str(a[`@${name}`]) : '';
}
function cleanBlocks(s: string): string {
  return s.replace(/[ \t]+\n/g, '\n').replace(/\n[ \t]+/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
}

function readDcXml(text: string, file: string): LawDocument {
  const tree = xmlParse(text, file);
  const rootNode = tree.find((n) => {
    const t = tagOf(n);
    return t !== undefined && !t.startsWith('?');
  });
  const root = rootNode ? tagOf(rootNode) : undefined;
  if (!rootNode || !root) throw new LawInputError(file, 'XML has no root element');
  const kids = (rootNode[root] as XNode[]) ?? [];
  if (root === 'document') {
    const d = emptyDocument(file, 'dc-xml-law', idFromPath(file));
    d.kind = 'bill';
    d.jurisdiction = 'DC';
    d.identifier = attr(rootNode, 'id') || textOf(findFirst(kids, 'num'));
    const headings = kids.filter((n) => tagOf(n) === 'heading');
    d.title = textOf(headings.find((h) => attr(h, 'type') === 'short') ?? headings[0]);
    const meta = findFirst(kids, 'meta');
    const metaKids = (meta?.meta as XNode[]) ?? [];
    const eff = textOf(findFirst(metaKids, 'effective'));
    if (eff) d.dates.effective = eff;
    const intro = textOf(findFirst(metaKids, 'introduced'));
    if (intro) d.dates.introduced = intro;
    d.year = yearOf(eff || intro);
    d.status = 'enacted';
    const cites = findFirst(metaKids, 'citations');
    const firstCite = cites ? ((cites.citations as XNode[]) ?? []).find((c) => tagOf(c) === 'citation') : undefined;
    d.citation = d.identifier;
    // Body: structured sections when present, else the OCR of the signed act in <search-text>.
    const out: string[] = [];
    const body = kids.filter((n) => tagOf(n) !== 'meta');
    renderXml(body, out, (t) => t.startsWith('codify:') || t === 'annotations');
    let bodyText = cleanBlocks(out.join(''));
    const summary = textOf(findFirst(metaKids, 'summary'));
    const narrative = textOf(findFirst(metaKids, 'narrative'));
    const search = textOf(findFirst(metaKids, 'search-text'));
    // stub-only sections (codified elsewhere) carry no text: fall back to the OCR of the signed act
    const structured = bodyText.replace(/[\d\s.§-]/g, '').length - d.title.length > 300;
    if (!structured && search) bodyText = cleanBlocks(`${bodyText}\n\n${search}`);
    const v: LawVersion = { label: 'enacted', text: bodyText };
    const url = attr(firstCite, 'url');
    if (url) v.sourceUrl = url;
    if (eff) v.date = eff;
    d.versions.push(v);
    d.meta = { summary, narrative, ocr: !structured && search !== '' };
    return d;
  }
  // Code section
  const d = emptyDocument(file, 'dc-xml-code', idFromPath(file));
  d.kind = 'statute';
  d.jurisdiction = 'DC';
  const numTxt = textOf(kids.find((n) => tagOf(n) === 'num'));
  d.identifier = numTxt || idFromPath(file);
  d.title = textOf(kids.find((n) => tagOf(n) === 'heading'));
  const reason = textOf(kids.find((n) => tagOf(n) === 'reason'));
  if (/repeal/i.test(reason)) {
    d.repealed = true;
    d.status = 'repealed';
  } else d.status = 'in force (2016 snapshot)';
  d.citation = `D.C. Code § ${d.identifier}`;
  const out: string[] = [`§ ${d.identifier}. `];
  renderXml(kids.filter((n) => tagOf(n) !== 'num'), out, (t) => t === 'annotations' || t.startsWith('codify:'));
  d.versions.push({ label: 'current', text: cleanBlocks(out.join('')) });
  const ann = kids.find((n) => tagOf(n) === 'annotations');
  if (ann) d.meta = { annotations: textOf(ann).slice(0, 20000) };
  return d;
}

// ---------------------------------------------------------------- markdown / plain-text formats

function mdField(text: string, name: string): string {
  const m = new RegExp(`^\\*\\*${name}:\\*\\*\\s*(.*)$`, 'm').exec(text);
  return m ? m[1]!.trim() : '';
}

function readNyBill(text: string, file: string): LawDocument {
  const d = emptyDocument(file, 'ny-bill-md', idFromPath(file));
  d.kind = 'bill';
  d.jurisdiction = 'NY';
  d.title = /^# (.*)$/m.exec(text)?.[1]?.trim() ?? '';
  d.identifier = mdField(text, 'Bill ID') || idFromPath(file);
  const session = mdField(text, 'Session');
  const y = Number(session);
  d.session = Number.isFinite(y) && y > 0 ? `${y - (y % 2 === 0 ? 1 : 0)}-${y + (y % 2 === 0 ? 0 : 1)}` : session;
  d.year = Number.isFinite(y) && y > 0 ? y : null;
  d.status = mdField(text, 'Status');
  const sp = mdField(text, 'Sponsor');
  if (sp) d.sponsors.push({ name: sp, primary: true });
  const pdf = /\((https?:[^)]+)\)/.exec(mdField(text, 'PDF'))?.[1];
  const v: LawVersion = { label: 'bill text', text };
  if (pdf) v.sourceUrl = pdf;
  d.versions.push(v);
  d.citation = `N.Y. ${d.identifier} (${d.session})`;
  return d;
}

function readMoBill(text: string, file: string): LawDocument {
  const d = emptyDocument(file, 'mo-bill-pdf-text', idFromPath(file));
  d.kind = 'bill';
  d.jurisdiction = 'MO';
  const bn = /(HOUSE|SENATE) BILL NO\. (\d+)/.exec(text);
  d.identifier = bn ? `${bn[1] === 'HOUSE' ? 'HB' : 'SB'}${bn[2]}` : idFromPath(file).replace(/_full_text$/, '');
  const ga = /(\d+)(?:ST|ND|RD|TH) GENERAL ASSEMBLY/.exec(text);
  const sess = /^(FIRST|SECOND) (REGULAR|EXTRAORDINARY) SESSION/m.exec(text);
  d.session = [ga ? `${ordinal(Number(ga[1]))} General Assembly` : '', sess ? `${sess[1]} ${sess[2]} Session`.toLowerCase() : '']
    .filter(Boolean)
    .join(', ');
  const by = /INTRODUCED BY (?:REPRESENTATIVE|SENATOR)S? ([A-Z .,'-]+?)\.?\n/.exec(text);
  if (by) d.sponsors.push({ name: by[1]!.trim(), primary: true });
  const title = /AN ACT\s*\n([\s\S]*?)\n\s*Be it enacted/.exec(text);
  d.title = title ? title[1]!.replace(/\s+/g, ' ').trim() : '';
  d.versions.push({ label: 'Introduced', text });
  d.citation = `Mo. ${d.identifier}${d.session ? ` (${d.session})` : ''}`;
  return d;
}

function readWaBill(text: string, file: string): LawDocument {
  const d = emptyDocument(file, 'wa-bill-md', idFromPath(file));
  d.kind = 'bill';
  d.jurisdiction = 'WA';
  const h1 = /^# (.*)$/m.exec(text)?.[1]?.trim() ?? '';
  const m = /^([A-Z]+ \d+)\s*-\s*(.*)$/.exec(h1);
  d.identifier = m ? m[1]! : idFromPath(file);
  d.title = m ? m[2]! : h1;
  const bien = /\/bill\/(\d{4}-\d{2})\//.exec(text);
  d.session = bien ? bien[1]! : '';
  d.year = d.session ? Number(d.session.slice(0, 4)) : null;
  const src = /\[Source\]\((https?:[^)]+)\)/.exec(text)?.[1];
  const v: LawVersion = { label: /Substitute/.test(text.slice(0, 400)) ? 'Substitute Bill' : 'bill text', text };
  if (src) v.sourceUrl = src;
  d.versions.push(v);
  d.citation = `Wash. ${d.identifier} (${d.session})`;
  return d;
}

function readUscMd(text: string, file: string): LawDocument {
  const d = emptyDocument(file, 'usc-md', idFromPath(file));
  d.kind = 'statute';
  d.jurisdiction = 'US';
  const title = /^# Title (\d+)/m.exec(text)?.[1] ?? '';
  const sec = /^#### §\s*([\dA-Za-z-]+)\.\s*(.*)$/mu.exec(text);
  d.identifier = `${title} U.S.C. ${sec?.[1] ?? idFromPath(file)}`;
  d.title = sec?.[2]?.trim() ?? '';
  d.status = 'in force';
  d.citation = d.identifier;
  d.versions.push({ label: 'current', text });
  return d;
}

function readHiMd(text: string, file: string): LawDocument {
  const d = emptyDocument(file, 'hi-md', idFromPath(file));
  d.kind = 'statute';
  d.jurisdiction = 'HI';
  const first = /^\*\*§\s*([\w.-]+?)(?:-\d+)?\s/m.exec(text);
  d.identifier = first ? `HRS ch. ${first[1]}` : idFromPath(file);
  d.title = /This chapter may be cited as the ([^.]+)\./.exec(text)?.[1] ?? '';
  d.citation = d.identifier;
  d.versions.push({ label: 'current', text });
  return d;
}

function readPlain(text: string, file: string, format: LawFormat): LawDocument {
  const d = emptyDocument(file, format, idFromPath(file));
  d.kind = format === 'statute-text' ? 'statute' : 'other';
  const firstLine = text.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
  // A plain text has no title field: its first line stands in, cut (at a word, marked) only when it is a whole page run together.
  d.title = truncateWords(firstLine, 200);
  d.identifier = idFromPath(file);
  d.citation = d.identifier;
  d.versions.push({ label: 'text', text });
  return d;
}

// ---------------------------------------------------------------- OpenStates

function openstatesBill(b: Record<string, unknown>, file: string, where: string): LawDocument {
  const d = emptyDocument(file, 'openstates-json', str(b.id) || `${idFromPath(file)}-${where}`);
  d.kind = 'bill';
  const jur = b.jurisdiction;
  const jurName = isObj(jur) ? str(jur.name) : str(b.jurisdiction_name);
  d.jurisdiction = STATE_CODES[jurName.toLowerCase()] ?? '';
  if (!d.jurisdiction && isObj(jur)) {
    const m = /state:([a-z]{2})/.exec(str(jur.id));
    if (m) d.jurisdiction = m[1]!.toUpperCase();
  }
  d.identifier = str(b.identifier);
  d.session = str(b.legislative_session) || str(b.session);
  d.year = yearOf(d.session);
  d.title = str(b.title);
  const actions = Array.isArray(b.actions) ? b.actions.filter(isObj) : [];
  const last = actions[actions.length - 1];
  d.status = str(b.latest_action_description) || (last ? str(last.description) : '');
  if (str(b.first_action_date)) d.dates.introduced = str(b.first_action_date);
  else if (actions[0]) d.dates.introduced = str(actions[0].date);
  if (str(b.latest_action_date)) d.dates.status = str(b.latest_action_date);
  else if (last) d.dates.status = str(last.date);
  const spons = Array.isArray(b.sponsors) ? b.sponsors : Array.isArray(b.sponsorships) ? b.sponsorships : [];
  d.sponsors = spons.filter(isObj).map((s) => {
    const sp: Sponsor = { name: str(s.name) };
    if (typeof s.primary === 'boolean') sp.primary = s.primary;
    if (str(s.classification)) sp.role = str(s.classification);
    return sp;
  });
  const versions = Array.isArray(b.versions) ? b.versions.filter(isObj) : [];
  for (const v of versions) {
    const links = Array.isArray(v.links) ? v.links.filter(isObj) : [];
    const lv: LawVersion = { label: str(v.note) || 'version', text: '' };
    if (str(v.date)) lv.date = str(v.date);
    if (links[0]) {
      lv.sourceUrl = str(links[0].url);
      if (str(links[0].media_type)) lv.mime = str(links[0].media_type);
    }
    d.versions.push(lv);
  }
  if (str(b.raw_text)) {
    const lv: LawVersion = { label: 'raw_text', text: str(b.raw_text) };
    if (str(b.raw_text_url)) lv.sourceUrl = str(b.raw_text_url);
    d.versions.push(lv);
  }
  d.citation = `${d.jurisdiction} ${d.identifier} (${d.session})`;
  const sources = Array.isArray(b.sources) ? b.sources.filter(isObj).map((s) => str(s.url)) : [];
  d.meta = { openstatesId: str(b.id), sources, subject: Array.isArray(b.subject) ? b.subject : [] };
  return d;
}

function readOpenstatesJson(j: unknown, file: string): LawDocument[] {
  const list = Array.isArray(j) ? j : isObj(j) && Array.isArray(j.results) ? j.results : isObj(j) ? [j] : null;
  if (!list) throw new LawInputError(file, 'not an OpenStates bill or list of bills');
  return list.map((b, i) => {
    if (!isObj(b) || !('identifier' in b))
      throw new LawInputError(file, 'OpenStates bill lacks identifier', { field: `[${i}].identifier` });
    return openstatesBill(b, file, String(i));
  });
}

function readOpenstatesCsv(text: string, file: string): LawDocument[] {
  let rows: Record<string, string>[];
  try {
    rows = parseCsv(text, { columns: true, skip_empty_lines: true, relax_column_count: false }) as Record<string, string>[];
  } catch (e) {
    const m = e as { lines?: number; message?: string };
    throw new LawInputError(file, `malformed CSV: ${m.message ?? String(e)}`, m.lines ? { line: m.lines } : {});
  }
  return rows.map((r, i) => {
    for (const f of ['id', 'identifier', 'title']) {
      if (!(f in r)) throw new LawInputError(file, `missing column ${f}`, { line: 1, field: f });
    }
    const d = emptyDocument(file, 'openstates-csv', r.id || `${idFromPath(file)}-${i}`);
    d.kind = 'bill';
    d.identifier = r.identifier ?? '';
    d.title = r.title ?? '';
    d.session = r.session_identifier ?? '';
    d.year = yearOf(d.session);
    const jm = /state:([a-z]{2})/.exec(r.jurisdiction ?? '');
    d.jurisdiction = jm ? jm[1]!.toUpperCase() : '';
    d.citation = `${d.jurisdiction} ${d.identifier} (${d.session})`;
    d.meta = { classification: r.classification ?? '', subject: r.subject ?? '', line: i + 2 };
    return d;
  });
}

// ---------------------------------------------------------------- entry points

/** Read every document a file holds (OpenStates bulk files hold many; every other format one). */
export async function readLawFileAll(path: string, opts: ReadOptions = {}): Promise<LawDocument[]> {
  let st;
  try {
    st = await stat(path);
  } catch {
    throw new LawInputError(path, 'file not found');
  }
  if (!st.isFile()) throw new LawInputError(path, 'not a regular file');
  const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  if (st.size > max)
    throw new LawInputError(path, `file too large (${(st.size / 1048576).toFixed(1)} MB > ${(max / 1048576).toFixed(0)} MB limit)`);
  if (st.size === 0) throw new LawInputError(path, 'empty file (no text)');
  const buf = await readFile(path);
  const isPdf = buf.subarray(0, 5).toString('latin1') === '%PDF-';
  let docs: LawDocument[];
  if (isPdf) {
    const d = emptyDocument(path, 'pdf', idFromPath(path));
    d.versions.push({ label: 'pdf', mime: 'application/pdf', text: await pdfToText(buf, path) });
    docs = [d];
  } else {
    if (looksBinary(buf)) throw new LawInputError(path, 'binary data, not a text document (no text)');
    const text = decodeUtf8(buf, path);
    if (text.trim() === '') throw new LawInputError(path, 'empty file (only whitespace, no text)');
    const format = opts.format ?? formatFromManifestNote(opts.manifest?.format) ?? sniffFormat(path, text.slice(0, 4096));
    docs = await parseAs(format, text, path);
  }
  if (opts.manifest) for (const d of docs) applyManifest(d, opts.manifest);
  return docs;
}

async function parseAs(format: LawFormat, text: string, path: string): Promise<LawDocument[]> {
  switch (format) {
    case 'legiscan-bill':
    case 'legiscan-text':
    case 'legiscan-person':
    case 'legiscan-rollcall':
    case 'legiscan-datasetlist':
    case 'us-statutes-json':
    case 'openstates-json': {
      const j = parseJson(text, path);
      if (isObj(j) && j.status === 'ERROR') {
        const alert = isObj(j.alert) ? str(j.alert.message) : '';
        throw new LawInputError(path, `LegiScan error response: ${alert || 'unknown'}`, { field: 'status' });
      }
      if (format === 'legiscan-bill') return [await readLegiscanBill(j as Record<string, unknown>, path)];
      if (format === 'legiscan-text') return [await readLegiscanText(j as Record<string, unknown>, path)];
      if (format === 'us-statutes-json') {
        if (!isObj(j)) throw new LawInputError(path, 'expected a JSON object');
        return [readUsStatutesJson(j, path)];
      }
      if (format === 'openstates-json') return readOpenstatesJson(j, path);
      // person / roll call / dataset list: metadata, no text
      const d = emptyDocument(path, format, idFromPath(path));
      d.meta = isObj(j) ? j : {};
      if (format === 'legiscan-rollcall' && isObj(j) && isObj(j.roll_call)) {
        const r = j.roll_call;
        d.votes = [{ date: str(r.date), description: str(r.desc), yea: num(r.yea) ?? 0, nay: num(r.nay) ?? 0,
          passed: num(r.passed) === 1, chamber: str(r.chamber) }];
      }
      if (format === 'legiscan-person' && isObj(j) && isObj(j.person)) d.sponsors = legiscanSponsors([j.person]);
      return [d];
    }
    case 'dc-xml-law':
    case 'dc-xml-code':
      return [readDcXml(text, path)];
    case 'ny-bill-md':
      return [readNyBill(text, path)];
    case 'mo-bill-pdf-text':
      return [readMoBill(text, path)];
    case 'wa-bill-md':
      return [readWaBill(text, path)];
    case 'usc-md':
      return [readUscMd(text, path)];
    case 'hi-md':
      return [readHiMd(text, path)];
    case 'openstates-csv':
      return readOpenstatesCsv(text, path);
    case 'html': {
      const d = readPlain(htmlToText(text), path, 'html');
      return [d];
    }
    case 'pdf':
      throw new LawInputError(path, 'declared PDF but the file does not start with %PDF-');
    case 'statute-text':
    case 'plain-text':
      return [readPlain(text, path, format)];
  }
}

function applyManifest(d: LawDocument, m: ManifestRecord): void {
  d.id = m.id;
  if (m.jurisdiction) d.jurisdiction = m.jurisdiction;
  if (m.kind === 'bill' || m.kind === 'statute') d.kind = m.kind;
  if (m.title && !d.title) d.title = m.title;
  if (m.doc_id && (!d.identifier || d.identifier === idFromPath(d.sourcePath))) d.identifier = m.doc_id;
  if (m.session && !d.session) d.session = m.session;
  if (m.status && !d.status) d.status = m.status;
  // "current as scraped (… 2026-02-15)" dates the snapshot, not the law: only a year the record starts with counts
  if (d.year === null && m.year && /^\s*\d{4}\b/.test(m.year)) d.year = yearOf(m.year);
  if (m.sponsor && d.sponsors.length === 0) d.sponsors.push({ name: m.sponsor });
  const v = d.versions[d.versions.length - 1];
  if (v && !v.sourceUrl && m.source_url) v.sourceUrl = m.source_url;
  if (!d.citation || d.citation === idFromPath(d.sourcePath)) d.citation = `${m.jurisdiction ?? ''} ${m.doc_id ?? m.id}`.trim();
}

/** Read one file into one document (the first, for bulk files). */
export async function readLawFile(path: string, opts: ReadOptions = {}): Promise<LawDocument> {
  const docs = await readLawFileAll(path, opts);
  const d = docs[0];
  if (!d) throw new LawInputError(path, 'no documents in file');
  return d;
}

export async function readManifest(lawDir: string): Promise<ManifestRecord[] | null> {
  let raw: string;
  try {
    raw = await readFile(join(lawDir, 'manifest.json'), 'utf8');
  } catch {
    return null;
  }
  const j = parseJson(raw, join(lawDir, 'manifest.json'));
  if (!Array.isArray(j)) throw new LawInputError(join(lawDir, 'manifest.json'), 'expected an array of records');
  const file = join(lawDir, 'manifest.json');
  j.forEach((r, i) => {
    if (!isObj(r)) throw new LawInputError(file, `record ${i + 1} is not an object`, { field: `[${i}]` });
    for (const f of ['id', 'file'] as const)
      if (typeof r[f] !== 'string' || r[f] === '') throw new LawInputError(file, `record ${i + 1} needs a non-empty string`, { field: `[${i}].${f}` });
  });
  return j as unknown as ManifestRecord[];
}

/**
 * The file a manifest record names, confined to the law data root: absolute paths, ".." segments and symlinks that
 * lead outside the root are refused, and a missing or unreadable file is a refusal that names it.
 */
export async function manifestFile(lawDir: string, m: ManifestRecord): Promise<string> {
  const manifest = join(lawDir, 'manifest.json');
  const where = `record ${JSON.stringify(m.id)}: file ${JSON.stringify(m.file)}`;
  if (isAbsolute(m.file) || /^[a-zA-Z]:/.test(m.file)) throw new LawInputError(manifest, `${where} is an absolute path; files must lie under the data root`, { field: 'file' });
  if (m.file.split(/[\\/]/).includes('..')) throw new LawInputError(manifest, `${where} climbs out with ".."; files must lie under the data root`, { field: 'file' });
  const root = await realpath(lawDir);
  const path = join(lawDir, m.file);
  let real: string;
  try {
    real = await realpath(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new LawInputError(manifest, `${where} ${code === 'ENOENT' ? 'does not exist' : `cannot be opened (${code ?? 'error'})`}`, { field: 'file' });
  }
  if (real !== root && !real.startsWith(root + sep)) throw new LawInputError(manifest, `${where} resolves outside the data root (symbolic link to ${real})`, { field: 'file' });
  try {
    await access(real, fsConstants.R_OK);
  } catch {
    throw new LawInputError(manifest, `${where} cannot be read (permission denied)`, { field: 'file' });
  }
  return path;
}

const TEXT_EXT = new Set(['.md', '.txt', '.xml', '.json', '.pdf', '.html', '.htm', '.csv']);

async function* walk(dir: string): AsyncGenerator<string> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else if (e.isFile() && TEXT_EXT.has(extname(e.name).toLowerCase()) && !/^(README|MANIFEST|FACTS)\b/i.test(e.name)) yield p;
  }
}

/**
 * Every text of a law directory. With manifest.json (the shared data/law layout) its records give file,
 * id and format; without it every text-like file under the directory is read, sniffing formats.
 */
export async function* readLawCorpus(lawDir: string): AsyncGenerator<LawDocument> {
  const manifest = await readManifest(lawDir);
  if (manifest) {
    for (const m of manifest) yield await readLawFile(await manifestFile(lawDir, m), { manifest: m });
    return;
  }
  for await (const p of walk(lawDir)) {
    if (basename(p) === 'manifest.json' && dirname(p) === lawDir) continue;
    for (const d of await readLawFileAll(p)) {
      if (d.id === idFromPath(p)) d.id = relative(lawDir, p).replace(/\.[^.]+$/, '');
      yield d;
    }
  }
}
