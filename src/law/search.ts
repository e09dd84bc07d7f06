// Full-text search over bill texts: an in-process inverted index (term → documents with term frequency), ranked
// with BM25, built from the store once per store generation. A few MB of legislation index in well under a second
// and answer in milliseconds; DuckDB's fts extension is not available offline, and ILIKE scans every text per query.
//
// Query language: words are ANDed; "quoted phrases" must occur as written (whitespace-insensitive); a trailing `*`
// (or the last word of the query while typing, when it has 3+ letters) matches as a prefix. Case-insensitive.

export interface SearchDoc {
  id: string;
  title: string;
  text: string;
}

export interface Highlighted {
  /** excerpt of the text */
  text: string;
  /** [start, end) of each hit inside `text` */
  highlights: [number, number][];
  /** offset of `text` in the full bill text */
  offset: number;
}

export interface SearchHit {
  id: string;
  score: number;
  /** up to `snippets` excerpts with the hits marked */
  snippets: Highlighted[];
  /** hits in the title, when any */
  title?: Highlighted;
}

interface Posting {
  doc: number;
  tf: number;
}

const WORD = /[\p{L}\p{N}]+/gu;
const MAX_TERMS = 12;
const MAX_PREFIX_EXPANSION = 200;

function tokens(s: string): string[] {
  return (s.toLowerCase().match(WORD) ?? []) as string[];
}

export interface ParsedQuery {
  terms: { term: string; prefix: boolean }[];
  phrases: string[][];
}

export function parseQuery(q: string): ParsedQuery {
  const phrases: string[][] = [];
  const rest = q.replace(/"([^"]*)"/g, (_m, p: string) => {
    const t = tokens(p);
    if (t.length) phrases.push(t);
    return ' ';
  });
  const terms: { term: string; prefix: boolean }[] = [];
  const raw = rest.trim().split(/\s+/).filter(Boolean);
  raw.forEach((w, i) => {
    const star = w.endsWith('*');
    const toks = tokens(w);
    toks.forEach((t, k) => {
      const last = k === toks.length - 1;
      terms.push({ term: t, prefix: last && (star || (i === raw.length - 1 && !/\s$/.test(q) && t.length >= 3 && !q.trimEnd().endsWith('"'))) });
    });
  });
  for (const p of phrases) for (const t of p) terms.push({ term: t, prefix: false });
  // dedupe, cap
  const seen = new Set<string>();
  return {
    terms: terms.filter((t) => (seen.has(`${t.term}|${t.prefix}`) ? false : (seen.add(`${t.term}|${t.prefix}`), true))).slice(0, MAX_TERMS),
    phrases: phrases.slice(0, 4),
  };
}

export class SearchIndex {
  private readonly docs: SearchDoc[];
  private readonly byId: Map<string, SearchDoc>;
  private readonly postings = new Map<string, Posting[]>();
  private readonly sortedTerms: string[];
  private readonly lengths: Float64Array;
  private readonly avgLen: number;

  constructor(docs: SearchDoc[]) {
    this.docs = docs;
    this.byId = new Map(docs.map((d) => [d.id, d]));
    this.lengths = new Float64Array(docs.length);
    let total = 0;
    docs.forEach((d, i) => {
      const counts = new Map<string, number>();
      let n = 0;
      // title words count three times (a title hit is a strong signal)
      for (const t of tokens(d.title)) counts.set(t, (counts.get(t) ?? 0) + 3);
      const lower = d.text.toLowerCase();
      WORD.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = WORD.exec(lower))) {
        counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
        n++;
      }
      for (const [t, tf] of counts) {
        let p = this.postings.get(t);
        if (!p) this.postings.set(t, (p = []));
        p.push({ doc: i, tf });
      }
      this.lengths[i] = n;
      total += n;
    });
    this.avgLen = docs.length ? total / docs.length : 1;
    this.sortedTerms = [...this.postings.keys()].sort();
  }

  get size(): number {
    return this.docs.length;
  }

  private expand(term: string, prefix: boolean): string[] {
    if (!prefix) return this.postings.has(term) ? [term] : [];
    // binary search for the first term >= prefix
    let lo = 0;
    let hi = this.sortedTerms.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sortedTerms[mid]! < term) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < this.sortedTerms.length && out.length < MAX_PREFIX_EXPANSION; i++) {
      const t = this.sortedTerms[i]!;
      if (!t.startsWith(term)) break;
      out.push(t);
    }
    return out;
  }

  /** All matching documents, best first (ids and scores); snippets via `highlight`. */
  search(q: string, opts: { limit?: number; allow?: Set<string> } = {}): { id: string; score: number; terms: string[] }[] {
    const pq = parseQuery(q);
    if (pq.terms.length === 0) return [];
    const N = this.docs.length;
    const k1 = 1.2;
    const b = 0.75;
    let scores: Map<number, number> | null = null;
    const matched: string[] = [];
    for (const { term, prefix } of pq.terms) {
      const expanded = this.expand(term, prefix);
      const s = new Map<number, number>();
      for (const t of expanded) {
        matched.push(t);
        const p = this.postings.get(t)!;
        const idf = Math.log(1 + (N - p.length + 0.5) / (p.length + 0.5));
        for (const { doc, tf } of p) {
          if (scores && !scores.has(doc)) continue;
          const len = this.lengths[doc]!;
          const w = (idf * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * len) / this.avgLen));
          s.set(doc, Math.max(s.get(doc) ?? 0, w));
        }
      }
      if (scores) {
        const next = new Map<number, number>();
        for (const [d, v] of s) next.set(d, scores.get(d)! + v);
        scores = next;
      } else scores = s;
      if (scores.size === 0) return [];
    }
    let out = [...scores!].map(([doc, score]) => ({ doc, score }));
    if (opts.allow) out = out.filter((x) => opts.allow!.has(this.docs[x.doc]!.id));
    if (pq.phrases.length) {
      const res = pq.phrases.map((p) => phraseRe(p));
      out = out.filter((x) => res.every((re) => re.test(this.docs[x.doc]!.text) || re.test(this.docs[x.doc]!.title)));
    }
    out.sort((x, y) => y.score - x.score || (this.docs[x.doc]!.id < this.docs[y.doc]!.id ? -1 : 1));
    if (opts.limit !== undefined) out = out.slice(0, opts.limit);
    return out.map((x) => ({ id: this.docs[x.doc]!.id, score: Math.round(x.score * 1000) / 1000, terms: matched }));
  }

  doc(id: string): SearchDoc | undefined {
    return this.byId.get(id);
  }

  /** Search plus excerpts with the hits marked. */
  query(q: string, opts: { limit?: number; offset?: number; allow?: Set<string>; snippets?: number } = {}): { total: number; hits: SearchHit[] } {
    const all = this.search(q, opts.allow ? { allow: opts.allow } : {});
    const page = all.slice(opts.offset ?? 0, (opts.offset ?? 0) + (opts.limit ?? 20));
    const pq = parseQuery(q);
    const hits = page.map((h) => {
      const d = this.byId.get(h.id)!;
      const re = highlightRe(pq, h.terms);
      const hit: SearchHit = { id: h.id, score: h.score, snippets: snippets(d.text, re, opts.snippets ?? 3) };
      const t = snippets(d.title, re, 1, 1000)[0];
      if (t && t.highlights.length) hit.title = t;
      return hit;
    });
    return { total: all.length, hits };
  }
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function phraseRe(words: string[]): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])${words.map(escapeRe).join('[^\\p{L}\\p{N}]+')}(?![\\p{L}\\p{N}])`, 'iu');
}

/** One regex marking phrases and the matched (expanded) terms as whole words. */
function highlightRe(pq: ParsedQuery, matched: string[]): RegExp {
  const alts = [
    ...pq.phrases.map((p) => p.map(escapeRe).join('[^\\p{L}\\p{N}]+')),
    ...[...new Set(matched)].sort((a, b) => b.length - a.length).slice(0, 60).map(escapeRe),
  ];
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alts.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
}

/** How far a snippet's edge moves to reach a word boundary. */
const WORD_REACH = 60;

/** Up to n excerpts (~`width` chars) around hits, merged when close, with highlight ranges. */
export function snippets(text: string, re: RegExp, n: number, width = 180): Highlighted[] {
  re.lastIndex = 0;
  const hits: [number, number][] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) && hits.length < 400) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    hits.push([m.index, m.index + m[0].length]);
  }
  const out: Highlighted[] = [];
  let i = 0;
  while (i < hits.length && out.length < n) {
    const [s] = hits[i]!;
    let from = Math.max(0, s - Math.floor(width / 3));
    // Start and end at word boundaries (any whitespace), reaching up to WORD_REACH characters for one;
    // only a token longer than that (a URL) is cut inside.
    if (from > 0) {
      const before = text.slice(Math.max(0, from - WORD_REACH), from + 1).search(/\s\S*$/);
      if (before >= 0) from = Math.max(0, from - WORD_REACH) + before + 1;
      else if (from <= WORD_REACH) from = 0;
    }
    let to = Math.min(text.length, from + width);
    if (to < text.length) {
      const after = text.slice(to, to + WORD_REACH).search(/\s/);
      if (after >= 0) to += after;
      else if (text.length - to <= WORD_REACH) to = text.length;
    }
    const hl: [number, number][] = [];
    while (i < hits.length && hits[i]![0] < to) {
      const [a, bEnd] = hits[i]!;
      hl.push([a - from, Math.min(bEnd, to) - from]);
      i++;
    }
    out.push({ text: text.slice(from, to).replace(/\s/g, ' '), highlights: hl, offset: from });
  }
  return out;
}
