// Structure layer: one document model for every format. Reads the normalized text of a law document into
// sections (number + heading), sentences, and the STATUS of every character:
//   new        new matter in an amending bill (New York CAPITALS; text a bill adds)
//   deleted    matter the text strikes ([brackets] in bills, "by striking …", a repealed section)
//   unchanged  existing law quoted as context in an amending bill (lower case in a caps-notation bill)
//   current    operative text of a statute or a bill that marks nothing
//   set-aside  history notes, session-law citations, editor's notes and commentary: never a provision
// Definitions ("'X' means …") are recognised so that a word defined is not read as a provision on its own.
// A document whose format was not recognised is read as plain text, and the model says so (`plainText`).
// Pure: no I/O.
import type { LawDocument } from './model.ts';
import { normalize, type Normalized } from './normalize.ts';
import { truncateWords } from '../model/text.ts';

export type SpanStatus = 'new' | 'deleted' | 'unchanged' | 'current' | 'set-aside';

export interface Sentence {
  start: number;
  end: number;
}
export interface Heading {
  pos: number;
  text: string;
}
export interface Section {
  /** section number as written ("230.00", "22-2701", "3", "9A.88.030"); '' when the heading has none */
  number: string;
  heading: string;
  start: number;
  end: number;
}

export interface DocModel {
  normalized: Normalized;
  /** normalized text (the analyzer's coordinates) */
  text: string;
  headings: Heading[];
  sections: Section[];
  sentences: Sentence[];
  /** 1 where the text strikes the character (old law to be omitted) */
  deleted: Uint8Array;
  /** 1 inside history notes, citations of session laws, editor's notes, commentary */
  setAside: Uint8Array;
  /** New York style: new matter in CAPITALS */
  caps: boolean;
  /** caps-notation amending bill: lower-case text that is not deleted is unchanged existing law */
  capsAmend: boolean;
  /** true when the format was not recognised and the text was read as plain prose */
  plainText: boolean;
  /** sentence indices that define a term ("'sexual conduct' means …") */
  definitions: Set<number>;
}

// ------------------------------------------------------------- sentences

export function splitSentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  const re = /(?:[.;:](?=\s+[("A-Z§\d[])|\n\n|\n(?=\s*(?:\(?[a-z0-9]{1,4}[.)]|#|§|Sec(?:tion|\.)\s)))/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const end = m.index + m[0].length;
    pushCapped(out, last, end);
    last = end;
  }
  pushCapped(out, last, text.length);
  return out;
}
function pushCapped(out: Sentence[], s: number, e: number): void {
  const CAP = 1500;
  while (e - s > CAP) {
    out.push({ start: s, end: s + CAP });
    s += CAP - 200; // overlap so phrases on the cut are not lost
  }
  if (e > s) out.push({ start: s, end: e });
}

// ------------------------------------------------------------- headings and sections

const HEADING = /^(?:#{1,6} .+|\*\*§[^*]+\*\*|§+\s*[\dA-Z][\w.-]*\.?.{0,120}|(?:Section|SECTION|Sec\.)\s+[\dA-Z][\w.-]*\.?.{0,120}|RCW [\w.]+|\d{1,3}[A-Z]?(?:[.-]\d+[A-Z]?)+\.?(?: .{0,120})?|(?:PART|Part|ARTICLE|Article|CHAPTER|Chapter) [\dA-Z]+.{0,80})$/;
const LEAD_HEADING = /^(?:§+\s*[\w.-]+\.?|(?:Section|Sec\.)\s+[\w.-]+\.?|\d{1,3}[A-Z]?(?:[.-]\d+[A-Z]?)+\.)/;
export function findHeadings(text: string): Heading[] {
  const out: Heading[] = [];
  let pos = 0;
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (t && t.length < 300 && HEADING.test(t)) {
      out.push({ pos, text: truncateWords(t.replace(/^#+\s*/, '').replace(/\*\*/g, ''), 120) });
    } else if (t && HEADING.test(t.slice(0, 140).replace(/\.\s.*$/, '.'))) {
      // heading that starts a paragraph ("§ 2. Section 230.00 … is amended …", "566.223. 1. Any …")
      const m = LEAD_HEADING.exec(t);
      if (m) out.push({ pos, text: m[0] });
    }
    pos += line.length + 1;
  }
  return out;
}
export function headingIndex(hs: Heading[], pos: number): number {
  let lo = 0;
  let hi = hs.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (hs[mid]!.pos <= pos) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}
export function headingAt(hs: Heading[], pos: number, fallback: string): string {
  const best = headingIndex(hs, pos);
  return best >= 0 ? hs[best]!.text : fallback;
}
const SECTION_NUMBER = /(?:§+|Section|SECTION|Sec\.|RCW)\s*([\dA-Z][\w.-]*?)\.?(?=\s|$)|^(\d{1,3}[A-Z]?(?:[.-]\d+[A-Z]?)+)/;
function sectionsOf(hs: Heading[], length: number): Section[] {
  return hs.map((h, i) => {
    const m = SECTION_NUMBER.exec(h.text);
    return { number: m ? (m[1] ?? m[2] ?? '') : '', heading: h.text, start: h.pos, end: i + 1 < hs.length ? hs[i + 1]!.pos : length };
  });
}

// ------------------------------------------------------------- notation: deleted / new matter

const AMENDING = /is amended to read|are amended to read|is repealed and one new section|in lieu thereof/i;
function markDeleted(doc: LawDocument, text: string): Uint8Array {
  const deleted = new Uint8Array(text.length);
  const isBill = doc.kind === 'bill' || AMENDING.test(text.slice(0, 20000));
  if (isBill) {
    // [ ... ] deleted matter; ignore short editorial brackets like [Empty] or [Source]
    let open = -1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 91 /* [ */) open = i;
      else if (c === 93 /* ] */ && open >= 0) {
        const inner = text.slice(open + 1, i);
        if (!/^(?:Empty|Source|wa-law\.org|\s*\d{4} c \d+.*|[A-Za-z ]{0,3})$/.test(inner) && text[i + 1] !== '(') deleted.fill(1, open, i + 1);
        open = -1;
      } else if (c === 10 && open >= 0 && i - open > 4000) open = -1;
    }
  }
  // "by striking X and inserting Y": X is deleted
  for (const m of text.matchAll(/by striking (?:the (?:phrase|word|words|figure|number)s? )?([“"][^”"]{1,400}[”"])/g)) {
    const s = m.index + m[0].length - m[1]!.length;
    deleted.fill(1, s, s + m[1]!.length);
  }
  return deleted;
}

// ------------------------------------------------------------- set-aside matter

// A paragraph that is only a list of session-law citations ("2021, Sp. Sess. I, c. 188.", "[ 2020 c 331 s 4; …]",
// "Laws 1979, ch. 12, § 3", "P.L. 2005, c. 77", "History: 1977 PA 20"): a year, and no word but citation vocabulary.
const CITATION_WORDS = new Set(
  ('c cc ch chs chap s ss sec secs eff ex sp sess spec special session i ii iii iv v pa p a l laws acts act stat code supp reg no ' +
    'art pub effective amended added repealed renumbered am en rep orig formerly as in of the and by to from rev rsmo sl hb sb lb ' +
    'history source credits derivation jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july ' +
    'august september october november december r st pl').split(' '),
);
function citationOnly(t: string): boolean {
  if (t.length > 600 || !HAS_YEAR.test(t)) return false;
  for (const w of t.toLowerCase().split(/[^a-z]+/)) if (w && !CITATION_WORDS.has(w)) return false;
  return true;
}
const HAS_YEAR = /\b(?:1[89]|20)\d\d\b/;
// Headed notes: Washington "Effective date—2020 c 331 …", "Finding—…: See note following RCW …"; editor's notes,
// commentary, annotations, case notes — in any state's wording.
const NOTE_LEAD = /^\s*(?:(?:Effective dates?|Finding|Findings|Intent|Purpose|Severability|Application|Applicability|Construction|Short title|Savings?|Contingent effective date|Expiration date|Retroactive application|Conflict with federal requirements|Captions not law|Part headings not law|Rules of court)(?:[—–-][^\n]{0,80})?[—–]|(?:Editor'?s'? notes?|Editorial notes?|Compiler'?s'? notes?|Reviser'?s'? notes?|Revisor'?s'? notes?|Commentary|Official comments?|Comments?|Annotations?|Case notes|Notes of decisions|Cross[- ]references?|Research references|Law review|History|Historical (?:and statutory )?notes?|Amendment notes|Effect of amendments|Prior law|Legislative history|Source|Credits)\s*[:.—–-])/i;
const SEE_NOTE = /^\s*[^\n]{0,120}\bSee (?:notes?|RCW|section|§)[^\n]{0,80}(?:following|\.)\s*$/i;

function markSetAside(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  let pos = 0;
  for (const para of text.split(/\n/)) {
    const t = para.trim();
    if (t) {
      if (citationOnly(t) || NOTE_LEAD.test(t) || SEE_NOTE.test(t)) out.fill(1, pos, pos + para.length);
    }
    pos += para.length + 1;
  }
  return out;
}

// ------------------------------------------------------------- definitions

const DEFINES = /^\W*(?:\(?[a-z0-9]{1,4}[.)]\s*)*(?:["“'‘][^"”'’]{1,80}["”'’]|[A-Z][\w -]{1,60}?)(?:,? as used in this [a-z]+,)? (?:means|shall mean|includes|has the meaning)\b/;

// ------------------------------------------------------------- the model

export function readStructure(doc: LawDocument, original: string): DocModel {
  const normalized = normalize(original, {
    ...(doc.format === 'mo-bill-pdf-text' ? { lineNumbers: true } : {}),
    // OCR splits words rather than joining them: no run-together repair
    ...(doc.meta?.ocr === true ? { repair: false } : {}),
  });
  const text = normalized.text;
  const headings = findHeadings(text);
  const sentences = splitSentences(text);
  const deleted = markDeleted(doc, text);
  if (doc.repealed) deleted.fill(1);
  // the explanation line ("Matter in ITALICS … is new") may sit in a page header the normalizer drops: read the original
  const caps = doc.format === 'ny-bill-md' || /Matter in (?:ITALICS|CAPITALS)|matter in brackets/i.test(original.slice(0, 30000));
  const capsAmend = caps && /amended to read|is (?:hereby )?REPEALED|(?:is|are) (?:hereby )?added/i.test(text);
  const definitions = new Set<number>();
  sentences.forEach((s, i) => {
    if (DEFINES.test(text.slice(s.start, Math.min(s.end, s.start + 200)))) definitions.add(i);
  });
  return {
    normalized,
    text,
    headings,
    sections: sectionsOf(headings, text.length),
    sentences,
    deleted,
    setAside: markSetAside(text),
    caps,
    capsAmend,
    plainText: doc.format === 'plain-text',
    definitions,
  };
}

const CAPS_WORD = /\b[A-Z][A-Z'-]*[A-Z]{3}\b/;
/** Status of a sentence: the status most of its characters carry (set-aside and deleted first). */
export function sentenceStatus(m: DocModel, s: Sentence): SpanStatus {
  let del = 0;
  let aside = 0;
  for (let i = s.start; i < s.end; i++) {
    del += m.deleted[i]!;
    aside += m.setAside[i]!;
  }
  const n = Math.max(1, s.end - s.start);
  if (aside / n > 0.5) return 'set-aside';
  if (del / n > 0.5) return 'deleted';
  if (m.capsAmend) return CAPS_WORD.test(m.text.slice(s.start, s.end)) ? 'new' : del > 0 ? 'new' : 'unchanged';
  return 'current';
}
/** Status of a span (evidence): deleted when most of it is struck, else the status of its sentence. */
export function spanStatus(m: DocModel, start: number, end: number, sentence: Sentence): SpanStatus {
  let del = 0;
  for (let i = start; i < end; i++) del += m.deleted[i]!;
  if (del / Math.max(1, end - start) >= 0.5 || m.deleted[end - 1] === 1) return 'deleted';
  const st = sentenceStatus(m, sentence);
  if (st === 'deleted') return 'current';
  if (m.caps) {
    const letters = m.text.slice(start, end).replace(/[^A-Za-z]/g, '');
    if (letters.length && letters.replace(/[^A-Z]/g, '').length / letters.length > 0.8) return 'new';
  }
  return st;
}
export function sectionAt(m: DocModel, pos: number): Section | undefined {
  const i = headingIndex(m.headings, pos);
  return i >= 0 ? m.sections[i] : undefined;
}

// ------------------------------------------------------------- cross-references

export interface Reference {
  /** normalized offsets of the citation */
  start: number;
  end: number;
  /** the cited section number as written ("18.2-346", "230.00") */
  number: string;
  /** the corpus text holding that section, when the corpus has it */
  target?: { id: string; title: string };
}
/** Section numbers of a corpus, per jurisdiction: "VA|18.2-346" → the text that holds it. */
export type ReferenceIndex = Map<string, { id: string; title: string }>;

const CITED = /(?:§§?|\bsections?|\bRCW)\s+(\d[\w.-]*[\w])/gi;
function normalNumber(n: string): string {
  return n.trim().replace(/^§+\s*/, '').replace(/\.$/, '').toLowerCase();
}

/** Index the section numbers a corpus holds (from manifest records: jurisdiction, doc_id, title). */
export function referenceIndex(records: { id: string; jurisdiction?: string; doc_id?: string; title?: string; kind?: string }[]): ReferenceIndex {
  const out: ReferenceIndex = new Map();
  for (const r of records)
    if (r.jurisdiction && r.doc_id && r.kind !== 'bill') out.set(`${r.jurisdiction}|${normalNumber(r.doc_id)}`, { id: r.id, title: r.title ?? '' });
  return out;
}

const LIST_MORE = /\s*(?:,\s*(?:or|and)?|or|and|through|to)\s*(\d[\w.-]*[\w])/y;
/** Every section number a citation names, lists included ("sections 710A.2, 725.2, or 725.3"). */
function citedNumbers(text: string): { number: string; start: number }[] {
  const out: { number: string; start: number }[] = [];
  for (const x of text.matchAll(CITED)) {
    out.push({ number: x[1]!, start: x.index + x[0].length - x[1]!.length });
    LIST_MORE.lastIndex = x.index + x[0].length;
    let more: RegExpExecArray | null;
    while ((more = LIST_MORE.exec(text))) out.push({ number: more[1]!, start: more.index + more[0].length - more[1]!.length });
  }
  return out;
}

const ownSections = new WeakMap<DocModel, Map<string, string>>();
/**
 * Titles of the sections a span cites, where they can be resolved: a section of the same text (its heading) or a
 * corpus text of the same jurisdiction (its title). A provision that attaches a consequence to "a violation of
 * § 18.2-346" is about what that section is about.
 */
export function citedTitles(m: DocModel, start: number, end: number, jurisdiction: string, index?: ReferenceIndex): string[] {
  let own = ownSections.get(m);
  if (!own) {
    own = new Map();
    for (const s of m.sections) if (s.number) own.set(normalNumber(s.number), s.heading);
    ownSections.set(m, own);
  }
  const out: string[] = [];
  for (const c of citedNumbers(m.text.slice(start, end))) {
    const n = normalNumber(c.number);
    const title = index?.get(`${jurisdiction}|${n}`)?.title ?? own.get(n);
    if (title && !out.includes(title)) out.push(title);
  }
  return out;
}

/** Sections a text cites, resolved to the corpus texts that hold them (same jurisdiction) where the index has them. */
export function findReferences(m: DocModel, jurisdiction: string, index?: ReferenceIndex): Reference[] {
  const out: Reference[] = [];
  for (const { number, start } of citedNumbers(m.text)) {
    const ref: Reference = { start, end: start + number.length, number };
    const target = index?.get(`${jurisdiction}|${normalNumber(number)}`);
    if (target) ref.target = target;
    out.push(ref);
  }
  return out;
}
