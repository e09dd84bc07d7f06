// Rule-based, explainable provision analyzer. Reads rules as data (src/law/rules/<kind>.ts), matches them
// sentence by sentence on normalized text, reads the effect from the text's own notation, and reports spans
// into the ORIGINAL text.
import { analysisText, LawInputError, type LawDocument } from './model.ts';
import { normalize, toOriginal, type Normalized } from './normalize.ts';
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
}

export function impactOf(base: Impact, effect: Effect): Impact {
  if (effect === 'enacts' || effect === 'expands') return base;
  return base === 'protective' ? 'harmful' : 'protective';
}

// ------------------------------------------------------------- compiled rules

interface CCue {
  id: string;
  re: RegExp;
  weight: number;
  context: RegExp[] | null;
  exclude: RegExp[];
  deletedOnly: boolean;
}
interface CRule {
  spec: RuleSpec;
  cues: CCue[];
  narrowing: RegExp[];
}

function rx(src: string, flags = 'i'): RegExp {
  return new RegExp(src.replace(/ /g, '\\s+'), flags);
}
const cache = new WeakMap<readonly RuleSpec[], CRule[]>();
function compile(rules: readonly RuleSpec[]): CRule[] {
  const hit = cache.get(rules);
  if (hit) return hit;
  const out = rules.map((spec) => ({
    spec,
    narrowing: (spec.narrowing ?? (spec.impact !== 'protective' ? DEFAULT_NARROWING : [])).map((s) => rx(s)),
    cues: spec.cues.map((c) => ({
      id: c.id,
      re: rx(c.pattern, 'gi'),
      weight: c.weight ?? 0.7,
      context: c.context ? c.context.map((s) => rx(s)) : spec.context ? spec.context.map((s) => rx(s)) : null,
      exclude: [...(spec.exclude ?? []), ...(c.exclude ?? [])].map((s) => rx(s)),
      deletedOnly: c.deletedOnly === true,
    })),
  }));
  cache.set(rules, out);
  return out;
}
const DEFAULT_NARROWING = ['shall not (?:constitute|include|apply)|does not (?:include|apply)|shall only apply'];

// Minors: RUBRIC "provisions limited to minors … are not findings of the adult-sex-work kinds".
const MINOR = /\b(?:minors?|child(?:ren)?|juveniles?|youth|under (?:the age of )?(?:eighteen|18|sixteen|16|seventeen|17)(?: years)?|less than (?:eighteen|18|sixteen|16) years)\b/i;
const ADULT = /\badults?\b|(?:eighteen|18) years of age or older|person age eighteen or older|nineteen years|any person|another person|an individual/i;
const OPERATIVE = /\b(?:commits?|guilty|unlawful|whoever|(?:any|a|the|every) (?:person|individual|one) (?:who|that)|he or she|shall (?:be (?:fined|punished|imprisoned|subject|liable|abated|impounded|forfeited)|not)|means|is a (?:class|felony|misdemeanor)|penalt(?:y|ies)|prohibit\w*|it shall be|suppress|abate|restrain|forfeit\w*|impound\w*|knowingly|investigat\w* and prosecut\w*|prosecut\w* (?:persons|exploiters))\b/i;
const RELIEF_CONTEXT = /\bvacat(?:e|ed|es|ing|ur)\b|expunge|seal(?:ed|ing)? (?:the )?(?:judgment|records?)|affirmative defense|motion to vacate/i;
function minorsOnly(sentence: string): boolean {
  return MINOR.test(sentence) && !ADULT.test(sentence.replace(/\b(?:minor|child)\b[^.;]{0,30}another person/gi, ''));
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
function headingAt(hs: { pos: number; text: string }[], pos: number, fallback: string): string {
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
  return best >= 0 ? hs[best]!.text : fallback;
}

// ------------------------------------------------------------- notation (effect)

interface Notation {
  /** deleted[i] = 1 when normalized char i is old law to be omitted ([brackets] in bills, struck text). */
  deleted: Uint8Array;
  /** New York style: new matter in CAPITALS. */
  caps: boolean;
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
  return { deleted, caps };
}

function effectOf(
  doc: LawDocument,
  not: Notation,
  text: string,
  sent: Sentence,
  ms: number,
  me: number,
  narrowing: RegExp[],
): { effect: Effect; deleted: boolean } {
  if (doc.repealed) return { effect: 'repeals', deleted: true };
  let del = 0;
  for (let i = ms; i < me; i++) del += not.deleted[i]!;
  const s = text.slice(sent.start, sent.end);
  if (del / Math.max(1, me - ms) >= 0.5) return { effect: 'repeals', deleted: true };
  if (/\b(?:is|are) (?:hereby )?repealed\b/i.test(s) && !/in lieu thereof|to read as follows|is repealed and/i.test(s))
    return { effect: 'repeals', deleted: true };
  // sentence-level narrowing language (on new or enacted text)
  if (narrowing.some((r) => r.test(s))) return { effect: 'narrows', deleted: false };
  if (not.caps) {
    const m = text.slice(ms, me);
    const letters = m.replace(/[^A-Za-z]/g, '');
    const upper = letters.replace(/[^A-Z]/g, '').length;
    if (letters.length > 0 && upper / letters.length > 0.8) {
      const sl = s.replace(/[^A-Za-z]/g, '');
      const su = sl.replace(/[^A-Z]/g, '').length;
      return { effect: su / Math.max(1, sl.length) > 0.8 ? 'enacts' : 'expands', deleted: false };
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
  const rules = compile(opts.rules ?? RULES);
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
  for (const rule of rules) {
    for (const cue of rule.cues) {
      cue.re.lastIndex = 0;
      const verdict = new Map<number, boolean>();
      let m: RegExpExecArray | null;
      while ((m = cue.re.exec(text))) {
        if (m[0].length === 0) {
          cue.re.lastIndex++;
          continue;
        }
        const si = sentenceAt(m.index);
        const sent = sents[si]!;
        let ok = verdict.get(si);
        if (ok === undefined) {
          const s = text.slice(sent.start, sent.end);
          ok = !(cue.context && !cue.context.some((r) => r.test(s))) && !cue.exclude.some((r) => r.test(s));
          // a harmful offense named inside a relief clause (vacatur, expungement, defenses) is a reference, not an enactment
          if (ok && rule.spec.impact === 'harmful' && RELIEF_CONTEXT.test(s)) ok = false;
          // enumerated items inherit the operative lead-in ("A person is guilty … if he or she: (a) …; (b) …")
          if (ok && rule.spec.requireOperative && !OPERATIVE.test(text.slice(Math.max(0, sent.start - 400), sent.end))) ok = false;
          if (ok && rule.spec.adultOnly) {
            let mo = minorsCache.get(si);
            if (mo === undefined) {
              mo = minorsOnly(s);
              minorsCache.set(si, mo);
            }
            ok = !mo;
          }
          verdict.set(si, ok);
        }
        if (!ok) continue;
        const ms = m.index;
        const me = ms + m[0].length;
        const eff = effectOf(doc, not, text, sent, ms, me, rule.narrowing);
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
