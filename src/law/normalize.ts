// Normalization with a map back to the original text. The analyzer matches on `text`; every span it
// reports is converted with `toOriginal` so that `original.slice(start, end)` is the evidence.
//
// Steps: drop page headers / PDF line numbers; drop the repeated body of Justia-derived statutes (a block that is
// the run-together copy of the following blocks) and repeated note blocks; de-hyphenate words split across
// lines; collapse horizontal whitespace; re-insert spaces lost by PDF extraction when a long token splits
// cleanly into words that the same document uses elsewhere.

export interface Normalized {
  original: string;
  text: string;
  /** map[i] = offset in `original` of normalized char i (inserted chars map to the next original char). */
  map: Int32Array;
}

export interface NormalizeOptions {
  /** Strip numbers 1–99 at line starts (PDF line numbering). Auto-detected when undefined. */
  lineNumbers?: boolean;
  /** Re-insert lost spaces in run-together words. Auto (on when long letter runs occur) when undefined; off for OCR. */
  repair?: boolean;
}

class Builder {
  private out = '';
  offs: Int32Array;
  length = 0;
  private lastCh = '';
  private prevCh = '';
  constructor(cap: number) {
    this.offs = new Int32Array(Math.max(16, cap));
  }
  private grow(n: number): void {
    if (this.length + n <= this.offs.length) return;
    const next = new Int32Array(Math.max(this.offs.length * 2, this.length + n));
    next.set(this.offs);
    this.offs = next;
  }
  /** Append s whose chars sit at consecutive original offsets starting at off. */
  push(s: string, off: number): void {
    if (!s) return;
    this.grow(s.length);
    for (let i = 0; i < s.length; i++) this.offs[this.length + i] = off + i;
    this.length += s.length;
    this.out += s;
    this.prevCh = s.length > 1 ? s[s.length - 2]! : this.lastCh;
    this.lastCh = s[s.length - 1]!;
  }
  /** Append one (possibly inserted) char mapped to off. */
  pushAt(ch: string, off: number): void {
    this.grow(1);
    this.offs[this.length++] = off;
    this.out += ch;
    this.prevCh = this.lastCh;
    this.lastCh = ch;
  }
  last(): string {
    return this.lastCh;
  }
  beforeLast(): string {
    return this.prevCh;
  }
  /** Remove the last char (only ever a single pushed '-'). */
  pop(): void {
    this.out = this.out.slice(0, -1);
    this.length--;
    this.lastCh = this.prevCh;
    this.prevCh = '';
  }
  text(): string {
    return this.out;
  }
}

const PAGE_HEADER = [
  /^\s*[A-Z]\.\s*\d+(?:--[A-Z])?\s+\d+\s*$/, // NY "A. 7175  2", "S. 1352--A  3"
  /^\s*[A-Z]{3}\d{5}-\d{2}-\d\s*$/, // NY LBD code
  /^\s*EXPLANATION--Matter in/, // NY legend (first line)
  /^\s*\[ \] is old law to be omitted\.?\s*$/,
  /^\s*_{10,}\s*$/,
];

function detectLineNumbers(lines: string[]): boolean {
  let numbered = 0;
  let nonEmpty = 0;
  for (const l of lines) {
    if (l.trim() === '') continue;
    nonEmpty++;
    if (/^\d{1,2} \S/.test(l)) numbered++;
  }
  return nonEmpty > 20 && numbered / nonEmpty > 0.3;
}

interface Line {
  start: number; // offset of first kept char in original
  text: string; // kept text
  drop: boolean;
}

function squash(s: string): string {
  return s.replace(/\s+/g, '');
}

/** Mark Justia run-together bodies and repeated note blocks as dropped (block = lines between blank lines). */
function dropRepeats(lines: Line[]): void {
  const blocks: { from: number; to: number; key: string }[] = [];
  let i = 0;
  while (i < lines.length) {
    while (i < lines.length && lines[i]!.text.trim() === '') i++;
    if (i >= lines.length) break;
    const from = i;
    while (i < lines.length && lines[i]!.text.trim() !== '') i++;
    const key = squash(lines.slice(from, i).map((l) => l.text).join(''));
    blocks.push({ from, to: i, key });
  }
  const drop = (b: { from: number; to: number }) => {
    for (let k = b.from; k < b.to; k++) lines[k]!.drop = true;
  };
  for (let b = 0; b < blocks.length; b++) {
    const cur = blocks[b]!;
    if (cur.key.length < 80) continue;
    // run-together copy: equals concatenation of the next k blocks
    let acc = '';
    for (let k = b + 1; k < blocks.length && acc.length < cur.key.length; k++) {
      acc += blocks[k]!.key;
      if (k > b + 1 && acc === cur.key) {
        drop(cur);
        break;
      }
    }
  }
  for (let b = 1; b < blocks.length; b++) {
    const cur = blocks[b]!;
    if (cur.key.length >= 20 && cur.key === blocks[b - 1]!.key) drop(cur);
  }
}

const COMMON = new Set(
  ('a an and are as at be by for from has have in into is it its may no not of on or shall such that the their this to ' +
    'was were which who with any all under upon person persons section sections law act new one two three than ' +
    'thereof therein hereby lieu enact enacted repeal repealed read follows relating offense offenses victim victims ' +
    'human trafficking forced labor labour involuntary servitude prostitution sexual sex commercial services service ' +
    'chief clerk age eighteen years older year known means condition induced')
    .split(' '),
);

/** Split a run-together token into known words (fewest words); null when no clean split exists. */
function segment(token: string, vocab: Set<string>): string[] | null {
  const w = token.toLowerCase();
  const n = w.length;
  const best: (number | null)[] = new Array(n + 1).fill(null);
  const back: number[] = new Array(n + 1).fill(-1);
  best[0] = 0;
  for (let i = 1; i <= n; i++) {
    for (let j = Math.max(0, i - 20); j < i; j++) {
      const b = best[j];
      if (b === null || b === undefined) continue;
      const piece = w.slice(j, i);
      if (piece.length < 2 && piece !== 'a') continue;
      if (!vocab.has(piece)) continue;
      if (best[i] === null || b + 1 < best[i]!) {
        best[i] = b + 1;
        back[i] = j;
      }
    }
  }
  if (best[n] === null || best[n]! < 2) return null;
  const parts: string[] = [];
  let i = n;
  while (i > 0) {
    const j = back[i]!;
    parts.push(token.slice(j, i));
    i = j;
  }
  return parts.reverse();
}

const WS = /[ \t]+/g;
/** Longest letter run the run-together repair tries to split. */
const MAX_REPAIR = 80;

function hasLongLetterRun(s: string, n: number): boolean {
  let run = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) | 32;
    if (c >= 97 && c <= 122) {
      if (++run >= n) return true;
    } else run = 0;
  }
  return false;
}

export function normalize(original: string, opts: NormalizeOptions = {}): Normalized {
  // 1. lines with offsets
  const raw = original.split('\n');
  const lineNumbers = opts.lineNumbers ?? detectLineNumbers(raw);
  const lines: Line[] = [];
  let off = 0;
  for (const r of raw) {
    let t = r.replace(/\r$/, '');
    let start = off;
    let drop = PAGE_HEADER.some((re) => re.test(t));
    if (!drop && lineNumbers) {
      const m = /^(\d{1,2}) (?=\S)/.exec(t);
      if (m) {
        start += m[0].length;
        t = t.slice(m[0].length);
      } else if (/^\d{1,2}\s*$/.test(t)) drop = true;
    }
    lines.push({ start, text: t, drop });
    off += r.length + 1;
  }
  if (original.length < 2_000_000) dropRepeats(lines);

  // 2. vocabulary of words written with spaces in this document (for run-together repair)
  // Only texts that show lost spaces (a long letter run no English word reaches) are repaired.
  const repair = opts.repair ?? hasLongLetterRun(original, 19);
  const vocab = new Set(COMMON);
  if (repair) {
    const counts = new Map<string, number>();
    for (const m of original.matchAll(/\b[A-Za-z]{2,15}\b/g)) {
      const w = m[0].toLowerCase();
      counts.set(w, (counts.get(w) ?? 0) + 1);
    }
    for (const [w, c] of counts) if (c >= 2 || w.length <= 8) vocab.add(w);
  }

  // 3. emit
  const b = new Builder(original.length + 64);
  const segCache = new Map<string, string[] | null>();
  let pendingBreak = 0; // 0 none, 1 line break, 2 paragraph break
  const isAlpha = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  for (let li = 0; li < lines.length; li++) {
    const L = lines[li]!;
    if (L.drop) continue;
    const t = L.text;
    let s = 0;
    while (s < t.length && (t.charCodeAt(s) === 32 || t.charCodeAt(s) === 9)) s++;
    if (s >= t.length) {
      if (b.length) pendingBreak = 2;
      continue;
    }
    if (b.length) {
      const prev = b.last();
      const before = b.beforeLast();
      const rest = t.slice(s, s + 12);
      if (pendingBreak === 1 && prev === '-' && /[a-z]/.test(before) && /^[a-z]/.test(rest)) {
        b.pop(); // "prosti-" + newline + "tution"
      } else if (pendingBreak === 1 && prev === '-' && /[A-Z]/.test(before) && /^[A-Z]{2,}/.test(rest) &&
        !/^(?:ONE|TWO|THREE|FOUR|FIVE|SIX|SEVEN|EIGHT|NINE|TEN)\b/.test(rest)) {
        b.pop(); // "REPRODUC-" + newline + "TIVE"
      } else {
        b.pushAt('\n', L.start + s);
        if (pendingBreak === 2) b.pushAt('\n', L.start + s);
      }
    }
    pendingBreak = 1;
    if (!repair) {
      // fast path: copy runs, collapse horizontal whitespace to one space, drop trailing whitespace
      WS.lastIndex = s;
      let from = s;
      let m: RegExpExecArray | null;
      while ((m = WS.exec(t))) {
        if (m.index > from) b.push(t.slice(from, m.index), L.start + from);
        from = m.index + m[0].length;
        if (from < t.length) b.pushAt(' ', L.start + m.index);
      }
      if (from < t.length) b.push(t.slice(from), L.start + from);
      continue;
    }
    let i = s;
    while (i < t.length) {
      const c = t.charCodeAt(i);
      if (c === 32 || c === 9) {
        let j = i;
        while (j < t.length && (t.charCodeAt(j) === 32 || t.charCodeAt(j) === 9)) j++;
        if (j < t.length) b.pushAt(' ', L.start + i);
        i = j;
        continue;
      }
      if (isAlpha(c)) {
        let j = i;
        while (j < t.length && isAlpha(t.charCodeAt(j))) j++;
        const tok = t.slice(i, j);
        // run-together words in extracted text are short; longer letter runs are left alone (bounded time on hostile input)
        if (repair && tok.length >= 9 && tok.length <= MAX_REPAIR && tok !== tok.toUpperCase() && !vocab.has(tok.toLowerCase())) {
          let parts = segCache.get(tok);
          if (parts === undefined) {
            parts = segment(tok, vocab);
            segCache.set(tok, parts);
          }
          if (parts) {
            let p = i;
            parts.forEach((part, k) => {
              if (k > 0) b.pushAt(' ', L.start + p);
              b.push(part, L.start + p);
              p += part.length;
            });
            i = j;
            continue;
          }
        }
        b.push(tok, L.start + i);
        i = j;
        continue;
      }
      // run of other chars
      let j = i + 1;
      while (j < t.length) {
        const d = t.charCodeAt(j);
        if (d === 32 || d === 9 || isAlpha(d)) break;
        j++;
      }
      b.push(t.slice(i, j), L.start + i);
      i = j;
    }
  }
  return { original, text: b.text(), map: b.offs.subarray(0, b.length) };
}

/** Convert a normalized [start, end) range to original offsets. */
export function toOriginal(n: Normalized, start: number, end: number): { start: number; end: number } {
  if (n.map.length === 0) return { start: 0, end: 0 };
  const s = n.map[Math.min(start, n.map.length - 1)]!;
  const e = end > start ? n.map[Math.min(end - 1, n.map.length - 1)]! + 1 : s;
  return { start: s, end: Math.max(s, e) };
}
