// Rule-based, explainable provision analyzer. Reads rules as data (src/law/rules/<kind>.ts), matches them
// sentence by sentence on normalized text, reads the effect from the text's own notation, and reports spans
// into the ORIGINAL text.
//
// Structure the rules rely on (all general legal drafting, none keyed to one document):
// - operative vs cited: an offense named only to cite it ("… under section 567.030", "(§ 22-2705)", a bare list item,
//   another act's title) is a reference (rules with `skipReferences`); WHEREAS recitals are not provisions;
// - caps-notation amending bills (New York): unchanged lower-case law is not the bill's provision, unless its section
//   gains a new limiting clause (then the kind is narrowed);
// - minors: a sentence about acts with or of a minor is child protection unless adults are named;
// - section headings (or the title of a one-section text) can supply a rule's context or rule a kind out.
// Speed: every cue has required literals (literals.ts); one pass over the lower-cased text finds them all, and each
// cue's regex runs only in windows around its literals (the result is identical to a full scan, see the tests).
import { analysisText, LawInputError, type LawDocument } from './model.ts';
import { normalize, toOriginal, type Normalized } from './normalize.ts';
import { requiredLiterals } from './literals.ts';
import { RULES, type Effect, type Impact, type Kind, type RuleSpec } from './rules/index.ts';

export interface Span {
  start: number;
  end: number;
  text: string;
}
export interface Finding {
  kind: Kind;
  effect: Effect;
  impact: Impact;
  confidence: number;
  section: string;
  cues: string[];
  spans: Span[];
}
export interface AnalyzeOptions {
  rules?: readonly RuleSpec[];
  /** Minimum confidence to report (default 0.5). */
  threshold?: number;
  /** Maximum evidence spans per finding (default 8). */
  maxSpans?: number;
  /** Scan each cue only around its required literals (default true; false scans the whole text, for tests). */
  prefilter?: boolean;
}

export function impactOf(base: Impact, effect: Effect): Impact {
  if (effect === 'enacts' || effect === 'expands') return base;
  return base === 'protective' ? 'harmful' : 'protective';
}

// ------------------------------------------------------------- compiled rules

interface CCue {
  id: string;
  re: RegExp;
  /** lower-case literals one of which every match contains (prefilter), or null */
  lits: string[] | null;
  weight: number;
  context: RegExp[] | null;
  exclude: RegExp[];
  deletedOnly: boolean;
}
interface CRule {
  /** index of each cue in the flat cue list of the compiled rule set */
  cueIndex: number[];
  spec: RuleSpec;
  cues: CCue[];
  narrowing: RegExp[];
  headingExclude: RegExp[];
}

function rx(src: string, flags = 'i'): RegExp {
  return new RegExp(src.replace(/ /g, '\\s+'), flags);
}
interface Compiled {
  rules: CRule[];
  /** one pass over the lower-cased text finds every required literal: /(?=(lit|…))/g, longest first */
  scan: RegExp | null;
  /** literal → flat indices of the cues it (or a literal it starts with) serves */
  cuesOf: Map<string, number[]>;
  nCues: number;
}
const cache = new WeakMap<readonly RuleSpec[], Compiled>();
function compile(rules: readonly RuleSpec[]): Compiled {
  const hit = cache.get(rules);
  if (hit) return hit;
  let n = 0;
  const out: CRule[] = rules.map((spec) => ({
    spec,
    cueIndex: spec.cues.map(() => n++),
    headingExclude: (spec.headingExclude ?? []).map((s) => rx(s)),
    narrowing: (spec.narrowing ?? (spec.impact !== 'protective' ? DEFAULT_NARROWING : [])).map((s) => rx(s)),
    cues: spec.cues.map((c) => ({
      id: c.id,
      re: rx(c.pattern, 'gi'),
      lits: requiredLiterals(c.pattern),
      weight: c.weight ?? 0.7,
      context: c.context ? c.context.map((s) => rx(s)) : spec.context ? spec.context.map((s) => rx(s)) : null,
      exclude: [...(spec.exclude ?? []), ...(c.exclude ?? [])].map((s) => rx(s)),
      deletedOnly: c.deletedOnly === true,
    })),
  }));
  const byLit = new Map<string, Set<number>>();
  for (const r of out)
    r.cues.forEach((c, k) => {
      for (const l of c.lits ?? []) {
        let set = byLit.get(l);
        if (!set) byLit.set(l, (set = new Set()));
        set.add(r.cueIndex[k]!);
      }
    });
  const lits = [...byLit.keys()].sort((a, b) => b.length - a.length || a.localeCompare(b));
  // a hit of the longest literal at a position implies every literal that is its prefix
  const cuesOf = new Map<string, number[]>();
  for (const l of lits) {
    const set = new Set<number>();
    for (const p of lits) if (l.startsWith(p)) for (const c of byLit.get(p)!) set.add(c);
    cuesOf.set(l, [...set]);
  }
  const esc = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const scan = lits.length ? new RegExp(`(?=(${lits.map(esc).join('|')}))`, 'g') : null;
  const c: Compiled = { rules: out, scan, cuesOf, nCues: n };
  cache.set(rules, c);
  return c;
}
const DEFAULT_NARROWING = ['shall not (?:constitute|include|apply)|does not (?:include|apply)|shall only apply'];

// Minors: RUBRIC "provisions limited to minors … are not findings of the adult-sex-work kinds".
const MINOR = /\b(?:minors?|child(?:ren)?|juveniles?|youth|under (?:the age of )?(?:eighteen|18|sixteen|16|seventeen|17)(?: years)?|less than (?:eighteen|18|sixteen|16) years)\b/i;
const ADULT = /\badults?\b|not a minor|other than a minor|(?:eighteen|18) years of age or older|person age eighteen or older|nineteen years|any person|another person|an individual/i;
const OPERATIVE = /\b(?:commits?|guilty|unlawful|whoever|(?:any|a|the|every) (?:person|individual|one) (?:who|that)|he or she|shall (?:be (?:fined|punished|imprisoned|subject|liable|abated|impounded|forfeited)|not)|means|is a (?:class|felony|misdemeanor)|penalt(?:y|ies)|prohibit\w*|it shall be|suppress|abate|restrain|forfeit\w*|impound\w*|knowingly|investigat\w* and prosecut\w*|prosecut\w* (?:persons|exploiters))\b/i;
const RELIEF_CONTEXT = /\bvacat(?:e|ed|es|ing|ur)\b|expunge|seal(?:ed|ing)? (?:the )?(?:judgment|records?)|affirmative defense|motion to vacate/i;
// References: an offense named only to cite it ("… under section 567.030", "(§ 22-2705)", "as defined in RCW …"),
// the title of another act ("An Act In relation to pandering, …"), or a bare list item naming offenses.
const REF_AFTER = /^([^.;:]{0,50}?)(?:,\s*)?(?:as (?:defined|described|provided|prohibited|set forth|specified)(?: in| by| under)?|under|pursuant to|in violation of|punishable under|contained in|of)\s*\(?\[?(?:D\.\s*C\.\s*Official Code\s*)?(?:§|sections?\s+\d|RCW|subsection|subdivision|chapter \d|article \d|title \d|paragraph|\d+[.-]\d)/i;
const REF_PAREN = /^[^.;:]{0,50}?\(\s*(?:D\.\s*C\.\s*Official Code\s*)?§/i;
const ACT_TITLE = /\bAn Act,? (?:To|In relation to)\b[^.;]{0,240}$/i;
const PENALTY_WORDS = /felony|misdemeanor|punish|fine|imprison/i;
const FINITE = /\b(?:shall|is|are|was|were|be|who|which|that|commits?|means|may|must|if|when|knowingly|whoever|has|have)\b/i;
function isReference(text: string, sent: Sentence, ms: number, me: number): boolean {
  const after = text.slice(me, Math.min(sent.end, me + 120));
  const ra = REF_AFTER.exec(after);
  if (ra && !PENALTY_WORDS.test(ra[1] ?? '') && !FINITE.test(ra[1] ?? '')) return true;
  if (REF_PAREN.test(after)) return true;
  if (ACT_TITLE.test(text.slice(Math.max(sent.start, ms - 260), ms))) return true;
  // bare list item naming an offense: "promoting prostitution in the first degree;"
  const item = text.slice(sent.start, sent.end).replace(/^\s*(?:\(?[a-z0-9]{1,4}[.)]\s*)+/i, '').trim();
  if (item.length < 140 && !FINITE.test(item) && (/^\w+ing\b/i.test(text.slice(ms, me)) || /\bdegree\b/i.test(item))) return true;
  return false;
}
/** New York style bills: is the match (or its sentence) new or deleted matter? */
const CAPS_WORD = /\b[A-Z][A-Z'-]*[A-Z]{3}\b/;
function isUpperRun(s: string): boolean {
  const letters = s.replace(/[^A-Za-z]/g, '');
  return letters.length > 0 && letters.replace(/[^A-Z]/g, '').length / letters.length > 0.6;
}

// the act is with or of a minor ("sexual conduct with a minor", "prostitution of a child"): only an explicit adult term counts
const MINOR_OBJECT = /\b(?:act|acts|conduct|prostitution|exploitation|contact|abuse|performance|services) of (?:a |any |the )?(?:minor|child)|\b(?:with|from) (?:a |any |the )?(?:minor|child)\b/i;
const STRONG_ADULT = /\badults?\b|not a minor|other than a minor/i;
function minorsOnly(sentence: string): boolean {
  if (!MINOR.test(sentence)) return false;
  if (MINOR_OBJECT.test(sentence)) return !STRONG_ADULT.test(sentence);
  return !ADULT.test(sentence.replace(/\b(?:minor|child)\b[^.;]{0,30}another person/gi, ''));
}

// ------------------------------------------------------------- structure

interface Sentence {
  start: number;
  end: number;
}
function sentences(text: string): Sentence[] {
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

const HEADING = /^(?:#{1,6} .+|\*\*§[^*]+\*\*|§+\s*[\dA-Z][\w.-]*\.?.{0,120}|(?:Section|SECTION|Sec\.)\s+[\dA-Z][\w.-]*\.?.{0,120}|RCW [\w.]+|\d{1,3}[A-Z]?(?:[.-]\d+[A-Z]?)+\.?(?: .{0,120})?|(?:PART|Part|ARTICLE|Article|CHAPTER|Chapter) [\dA-Z]+.{0,80})$/;
function headings(text: string): { pos: number; text: string }[] {
  const out: { pos: number; text: string }[] = [];
  let pos = 0;
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (t && t.length < 300 && HEADING.test(t)) {
      out.push({ pos, text: t.replace(/^#+\s*/, '').replace(/\*\*/g, '').slice(0, 120) });
    } else if (t && HEADING.test(t.slice(0, 140).replace(/\.\s.*$/, '.'))) {
      // heading that starts a paragraph ("§ 2. Section 230.00 … is amended …", "566.223. 1. Any …")
      const m = /^(?:§+\s*[\w.-]+\.?|(?:Section|Sec\.)\s+[\w.-]+\.?|\d{1,3}[A-Z]?(?:[.-]\d+[A-Z]?)+\.)/.exec(t);
      if (m) out.push({ pos, text: m[0] });
    }
    pos += line.length + 1;
  }
  return out;
}
const CAPS_LIMIT = /SHALL\s+(?:ONLY\s+APPLY|NOT\s+(?:APPLY|CONSTITUTE|INCLUDE))|DOES\s+NOT\s+(?:APPLY|INCLUDE)/;
function headingIndex(hs: { pos: number; text: string }[], pos: number): number {
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
function headingAt(hs: { pos: number; text: string }[], pos: number, fallback: string): string {
  const best = headingIndex(hs, pos);
  return best >= 0 ? hs[best]!.text : fallback;
}

// ------------------------------------------------------------- notation (effect)

interface Notation {
  /** deleted[i] = 1 when normalized char i is old law to be omitted ([brackets] in bills, struck text). */
  deleted: Uint8Array;
  /** New York style: new matter in CAPITALS. */
  caps: boolean;
  /** Caps-notation amending bill: unchanged (lower-case, not deleted) text is existing law, not the bill's provision. */
  capsAmend: boolean;
}

function notation(doc: LawDocument, text: string): Notation {
  const deleted = new Uint8Array(text.length);
  const isBill = doc.kind === 'bill' || /is amended to read|are amended to read|is repealed and one new section|in lieu thereof/i.test(text.slice(0, 20000));
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
  const caps = doc.format === 'ny-bill-md' || /Matter in (?:ITALICS|CAPITALS)|matter in brackets/i.test(text.slice(0, 30000));
  const capsAmend = caps && /amended to read|is (?:hereby )?REPEALED|(?:is|are) (?:hereby )?added/i.test(text);
  return { deleted, caps, capsAmend };
}

function hasDeleted(not: Notation, sent: Sentence): boolean {
  for (let i = sent.start; i < sent.end; i++) if (not.deleted[i]) return true;
  return false;
}

function effectOf(
  doc: LawDocument,
  not: Notation,
  text: string,
  sent: Sentence,
  ms: number,
  me: number,
  rule: CRule,
  s: string,
  si: number,
  cache: Map<string, { effect: Effect; deleted: boolean }>,
): { effect: Effect; deleted: boolean } {
  if (doc.repealed) return { effect: 'repeals', deleted: true };
  let del = 0;
  for (let i = ms; i < me; i++) del += not.deleted[i]!;
  if (del / Math.max(1, me - ms) >= 0.5) return { effect: 'repeals', deleted: true };
  const key = `${rule.spec.kind}|${si}`;
  let sl = cache.get(key);
  if (sl === undefined) {
    if (/\b(?:is|are) (?:hereby )?repealed\b/i.test(s) && !/in lieu thereof|to read as follows|is repealed and/i.test(s)) sl = { effect: 'repeals', deleted: true };
    // sentence-level narrowing language (on new or enacted text)
    else if (rule.narrowing.some((r) => r.test(s))) sl = { effect: 'narrows', deleted: false };
    else sl = { effect: 'enacts', deleted: false };
    cache.set(key, sl);
  }
  if (sl.effect !== 'enacts') return sl;
  if (not.caps) {
    const m = text.slice(ms, me);
    const letters = m.replace(/[^A-Za-z]/g, '');
    const upper = letters.replace(/[^A-Z]/g, '').length;
    if (letters.length > 0 && upper / letters.length > 0.8) {
      const sLetters = s.replace(/[^A-Za-z]/g, '');
      const su = sLetters.replace(/[^A-Z]/g, '').length;
      return { effect: su / Math.max(1, sLetters.length) > 0.8 ? 'enacts' : 'expands', deleted: false };
    }
  }
  return { effect: 'enacts', deleted: false };
}

// ------------------------------------------------------------- main

interface Acc {
  kind: Kind;
  effect: Effect;
  impact: Impact;
  weights: Map<string, number>;
  spans: { s: number; e: number; pos: number }[];
}

export function analyzeText(doc: LawDocument, original: string, opts: AnalyzeOptions = {}): { findings: Finding[]; normalized: Normalized } {
  const compiled = compile(opts.rules ?? RULES);
  const rules = compiled.rules;
  const threshold = opts.threshold ?? 0.5;
  const maxSpans = opts.maxSpans ?? 8;
  const n = normalize(original, {
    ...(doc.format === 'mo-bill-pdf-text' ? { lineNumbers: true } : {}),
    // OCR splits words rather than joining them: no run-together repair
    ...(doc.meta?.ocr === true ? { repair: false } : {}),
  });
  const text = n.text;
  const not = notation(doc, text);
  const hs = headings(text);
  const sents = sentences(text);
  const acc = new Map<string, Acc>();
  const byKind = new Map<Kind, RuleSpec>(rules.map((r) => [r.spec.kind, r.spec]));

  const sentStarts = Int32Array.from(sents.map((x) => x.start));
  const sentenceAt = (pos: number): number => {
    let lo = 0;
    let hi = sentStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (sentStarts[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const minorsCache = new Map<number, boolean>();
  // caps-notation bills: does the amended section (heading to next heading) gain a new limiting clause?
  const limitedCache = new Map<number, boolean>();
  const sectionLimited = (pos: number): boolean => {
    const i = headingIndex(hs, pos);
    let v = limitedCache.get(i);
    if (v === undefined) {
      const from = i >= 0 ? hs[i]!.pos : 0;
      const to = i + 1 < hs.length ? hs[i + 1]!.pos : text.length;
      v = CAPS_LIMIT.test(text.slice(from, to));
      limitedCache.set(i, v);
    }
    return v;
  };
  // per-sentence facts shared by all cues
  const sentText: (string | undefined)[] = new Array(sents.length);
  const sentenceText = (si: number): string => {
    let v = sentText[si];
    if (v === undefined) {
      const st = sents[si]!;
      v = text.slice(st.start, st.end);
      sentText[si] = v;
    }
    return v;
  };
  const flags = new Uint8Array(sents.length); // bit0 computed; bit1 whereas; bit2 unchanged (caps); bit3 relief; bit4 operative
  const sentFlags = (si: number): number => {
    let f = flags[si]!;
    if (f & 1) return f;
    const st = sents[si]!;
    const s = sentenceText(si);
    f = 1;
    if (/^\W*WHEREAS\b/.test(s)) f |= 2;
    if (not.capsAmend && !CAPS_WORD.test(s) && !hasDeleted(not, st)) f |= 4;
    if (RELIEF_CONTEXT.test(s)) f |= 8;
    if (OPERATIVE.test(text.slice(Math.max(0, st.start - 400), st.end))) f |= 16;
    flags[si] = f;
    return f;
  };
  // windows of the text where a cue can match: ±WIN around its required literals, found in one pass
  const lower = opts.prefilter === false ? '' : text.toLowerCase();
  const WIN = 600;
  const cuePos: (number[] | undefined)[] = new Array(compiled.nCues);
  const prefilter = opts.prefilter !== false && compiled.scan !== null && lower.length === text.length;
  if (prefilter) {
    const sc = compiled.scan!;
    sc.lastIndex = 0;
    let h: RegExpExecArray | null;
    while ((h = sc.exec(lower))) {
      for (const ci of compiled.cuesOf.get(h[1]!)!) (cuePos[ci] ??= []).push(h.index);
      sc.lastIndex = h.index + 1;
    }
  }
  const windowsFor = (ci: number, lits: string[] | null): [number, number][] | null => {
    if (!lits || !prefilter) return null;
    const pos = cuePos[ci];
    if (!pos) return [];
    const out: [number, number][] = [];
    for (const p of pos) {
      const a = Math.max(0, p - WIN);
      const b = Math.min(text.length, p + WIN);
      const last = out[out.length - 1];
      if (last && a <= last[1]) last[1] = Math.max(last[1], b);
      else out.push([a, b]);
    }
    return out;
  };
  const effCache = new Map<string, { effect: Effect; deleted: boolean }>();
  for (const rule of rules) {
    for (let k = 0; k < rule.cues.length; k++) {
      const cue = rule.cues[k]!;
      const wins = windowsFor(rule.cueIndex[k]!, cue.lits) ?? [[0, text.length] as [number, number]];
      const verdict = new Map<number, boolean | 'narrows'>();
      let m: RegExpExecArray | null;
      for (const [wa, wb] of wins) {
        // scan only the window (a cheap sliced string); offsets are shifted back by wa
        const hay = wa === 0 && wb === text.length ? text : text.slice(wa, wb);
        cue.re.lastIndex = 0;
        while ((m = cue.re.exec(hay))) {
          if (m[0].length === 0) {
            cue.re.lastIndex++;
            continue;
          }
          const mIndex = m.index + wa;
          const si = sentenceAt(mIndex);
          const sent = sents[si]!;
          let ok: boolean | 'narrows' | undefined = verdict.get(si);
          if (ok === undefined) {
            const s = sentenceText(si);
            const sf = sentFlags(si);
            const ctxOk =
              !cue.context ||
              cue.context.some((r) => r.test(s)) ||
              (rule.spec.contextInHeading === true && cue.context.some((r) => r.test(headingAt(hs, sent.start, doc.title))));
            ok = ctxOk && !cue.exclude.some((r) => r.test(s));
            if (ok && rule.headingExclude.length) {
              const h = headingAt(hs, sent.start, doc.title);
              if (rule.headingExclude.some((r) => r.test(h))) ok = false;
            }
            // preamble recitals ("WHEREAS, …") state findings; they are not provisions
            if (ok && sf & 2) ok = false;
            // caps-notation amending bill: a sentence with neither new (CAPITALS) nor [deleted] matter is unchanged law
            //   … unless its amended section now carries a new limiting clause: then the section's provision is narrowed
            if (ok && sf & 4) ok = rule.spec.impact !== 'protective' && sectionLimited(sent.start) ? 'narrows' : false;
            // a harmful offense named inside a relief clause (vacatur, expungement, defenses) is a reference, not an enactment
            if (ok && rule.spec.impact === 'harmful' && sf & 8) ok = false;
            // enumerated items inherit the operative lead-in ("A person is guilty … if he or she: (a) …; (b) …")
            if (ok && rule.spec.requireOperative && !(sf & 16)) ok = false;
            if (ok && rule.spec.adultOnly) {
              let mo = minorsCache.get(si);
              if (mo === undefined) {
                mo = minorsOnly(s);
                minorsCache.set(si, mo);
              }
              if (mo) ok = false;
            }
            verdict.set(si, ok);
          }
          if (!ok) continue;
          const ms = mIndex;
          const me = ms + m[0].length;
          if (rule.spec.skipReferences && isReference(text, sent, ms, me) && !(not.capsAmend && isUpperRun(m[0]))) continue;
          const eff = ok === 'narrows' ? { effect: 'narrows' as Effect, deleted: false } : effectOf(doc, not, text, sent, ms, me, rule, sentenceText(si), si, effCache);
          if (cue.deletedOnly && !eff.deleted) continue;
          let kind = rule.spec.kind;
          let effect = eff.effect;
          if (cue.deletedOnly) effect = 'enacts';
          else if (eff.deleted && rule.spec.whenDeleted) {
            kind = rule.spec.whenDeleted.kind;
            effect = rule.spec.whenDeleted.effect;
          }
          const base = byKind.get(kind)?.impact ?? rule.spec.impact;
          const key = `${kind}|${effect}`;
          let a = acc.get(key);
          if (!a) {
            a = { kind, effect, impact: impactOf(base, effect), weights: new Map(), spans: [] };
            acc.set(key, a);
          }
          a.weights.set(cue.id, Math.max(a.weights.get(cue.id) ?? 0, cue.weight));
          if (a.spans.length < 200) a.spans.push({ s: ms, e: me, pos: ms });
        }
      }
    }
  }

  const findings: Finding[] = [];
  for (const a of acc.values()) {
    const ws = [...a.weights.values()].sort((x, y) => y - x);
    // strongest cue, plus corroboration from further distinct cues and repeated evidence
    let conf = ws[0] ?? 0;
    for (const w of ws.slice(1)) conf = conf + (1 - conf) * w * 0.5;
    if (a.spans.length >= 3) conf = conf + (1 - conf) * 0.15;
    conf = Math.min(0.99, Math.round(conf * 100) / 100);
    if (conf < threshold) continue;
    const spans: Span[] = [];
    const seen = new Set<string>();
    for (const sp of a.spans) {
      const o = toOriginal(n, sp.s, sp.e);
      const k = `${o.start}:${o.end}`;
      if (seen.has(k)) continue;
      seen.add(k);
      spans.push({ start: o.start, end: o.end, text: original.slice(o.start, o.end) });
      if (spans.length >= maxSpans) break;
    }
    findings.push({
      kind: a.kind,
      effect: a.effect,
      impact: a.impact,
      confidence: conf,
      section: headingAt(hs, a.spans[0]?.pos ?? 0, doc.title || doc.identifier),
      cues: [...a.weights.keys()],
      spans,
    });
  }
  findings.sort((x, y) => y.confidence - x.confidence || x.kind.localeCompare(y.kind));
  return { findings, normalized: n };
}

/** Analyze a document's latest text version. Throws LawInputError when it has no text. */
export function analyze(doc: LawDocument, opts: AnalyzeOptions = {}): Finding[] {
  const text = analysisText(doc);
  if (text.trim() === '')
    throw new LawInputError(doc.sourcePath, `no text to analyze (format ${doc.format}${doc.versions.length ? ', versions carry metadata only' : ''})`);
  return analyzeText(doc, text, opts).findings;
}
