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
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { analysisText, LawInputError, type LawDocument } from './model.ts';
import { toOriginal, type Normalized } from './normalize.ts';
import { requiredLiterals } from './literals.ts';
import { RULES, KINDS, type Effect, type Impact, type Kind, type RuleSpec } from './rules/index.ts';
import { citedTitles, headingAt, headingIndex, readStructure, sectionAt, sentenceStatus, spanStatus, type DocModel, type ReferenceIndex, type Sentence, type SpanStatus } from './structure.ts';
import { featureIndices, fromWeightsFile, predict, type LinearModel, type WeightsFile } from './classifier.ts';

export interface Span {
  start: number;
  end: number;
  text: string;
  /** status of the quoted words: new matter, deleted matter, unchanged context or current law */
  status: SpanStatus;
  /** number of the section the words are in ('' when the text has no numbered sections) */
  section: string;
}
export interface Finding {
  kind: Kind;
  effect: Effect;
  impact: Impact;
  confidence: number;
  /** heading of the section of the first evidence */
  section: string;
  /** rule cues that matched, and "classifier" when the statistical model confirms the evidence (it ranks findings, it makes none) */
  cues: string[];
  spans: Span[];
}
export interface AnalyzeOptions {
  rules?: readonly RuleSpec[];
  /** Minimum rule confidence (default 0.5). */
  threshold?: number;
  /** Maximum evidence spans per finding (default 8). */
  maxSpans?: number;
  /** Scan each cue only around its required literals (default true; false scans the whole text, for tests). */
  prefilter?: boolean;
  /** Statistical model; default the shipped weights (src/law/weights.json); null = rules only. */
  classifier?: LinearModel | null;
  /** Only these cues ("kind/cue id") count; default all. Cross-validation passes the cues its training fold justifies. */
  enabledCues?: ReadonlySet<string> | null;
  /** Section numbers of the corpus (jurisdiction|number → text), to resolve what a text cites; its own sections always resolve. */
  references?: ReferenceIndex;
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
const MINOR = /\b(?:minors?|child(?:ren)?|juveniles?|youth|under (?:the )?(?:\d{1,3} )?(?:age of )?(?:\d{1,3} )?(?:eighteen|seventeen|sixteen|fifteen|fourteen|thirteen|twelve|eleven|ten|1[0-8]|[1-9])(?: years)?|less than (?:eighteen|18|sixteen|16) years)\b/i;
const ADULT = /\badults?\b|not a minor|other than a minor|(?:eighteen|18) years of age or older|person age eighteen or older|nineteen years|any person|another person|an individual/i;
const OPERATIVE = /\b(?:commits?|guilty|unlawful|whoever|(?:any|a|the|every) (?:person|individual|one) (?:who|that)|he or she|(?:shall|may) (?:be (?:fined|punished|imprisoned|subject|liable|abated|impounded|forfeited)|not)|means|is a (?:class|felony|misdemeanor)|penalt(?:y|ies)|prohibit\w*|it shall be|suppress|abate|restrain|forfeit\w*|impound\w*|knowingly|investigat\w* and prosecut\w*|prosecut\w* (?:persons|exploiters))\b/i;
// Not provisions: a digest's account of the law in force ("Existing law criminalizes …", "Under current law, …": CA
// digests, DC committee reports) and first-person prose ("We feel …", "… we are": committee reports, resolutions).
const NARRATIVE = /^\W*(?:under )?(?:existing|current|present) law\b(?! enforcement)|\b(?:we|our)\b/i;
const RELIEF_CONTEXT = /\bvacat(?:e|ed|es|ing|ur)\b|expunge|seal(?:ed|ing)? (?:the )?(?:judgment|records?)|affirmative defense|motion to vacate/i;
// References: an offense named only to cite it ("… under section 567.030", "(§ 22-2705)", "as defined in RCW …"),
// the title of another act ("An Act In relation to pandering, …"), or a bare list item naming offenses.
const REF_AFTER = /^([^.;:]{0,50}?)(?:,\s*)?(?:as (?:defined|described|provided|prohibited|set forth|specified)(?: in| by| under)?|under|pursuant to|in violation of|punishable under|contained in|of)\s*\(?\[?(?:D\.\s*C\.\s*Official Code\s*)?(?:§|sections?\s+\d|RCW|subsection|subdivision|chapter \d|article \d|title \d|paragraph|\d+[.-]\d)/i;
const REF_PAREN = /^[^.;:]{0,50}?\(\s*(?:D\.\s*C\.\s*Official Code\s*)?§/i;
// a title runs to the first full stop that ends a sentence: OCR and citations put stops inside it ("1-800-328-9378. lewdness")
// (case-sensitive: a capital after the stop is what ends the title)
const ACT_TITLE = /\b(?:An|AN|an) (?:Act|ACT|act),? (?:To|to|TO|In relation to|in relation to|IN RELATION TO)\b(?:[^.;]|\.(?!\s+[A-Z])){0,240}$/;
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
const CAPS_LIMIT = /SHALL\s+(?:ONLY\s+APPLY|NOT\s+(?:APPLY|CONSTITUTE|INCLUDE))|DOES\s+NOT\s+(?:APPLY|INCLUDE)/;
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

// ------------------------------------------------------------- rule hits

/** One match of one cue that passed every gate, with the effect read from its place in the text. */
export interface RuleHit {
  kind: Kind;
  effect: Effect;
  /** "rule kind/cue id" */
  cue: string;
  weight: number;
  /** normalized offsets of the match */
  s: number;
  e: number;
  /** sentence index */
  si: number;
}
/** A sentence the classifier reads: operative text of the right status, with the gates the rules use. */
export interface Candidate {
  si: number;
  text: string;
  status: SpanStatus;
  minorsOnly: boolean;
  relief: boolean;
}
/** Everything about one text that does not depend on training: structure, all rule hits, classifier candidates. */
export interface Prepared {
  doc: LawDocument;
  original: string;
  model: DocModel;
  hits: RuleHit[];
  candidates: Candidate[];
}

const ELIMINATES = /\b(?:eliminat\w*|repeal\w*|abolish\w*|strik(?:e|es|ing)|delet(?:e|es|ing))\b[^.;]{0,60}$/i;
const REDUCES = /\b(?:reduc\w*|lower\w*|decreas\w*|limit\w*)\b[^.;]{0,40}$/i;

function effectOf(m: DocModel, sent: Sentence, ms: number, me: number, rule: CRule, s: string, si: number,
  cache: Map<string, { effect: Effect; deleted: boolean }>): { effect: Effect; deleted: boolean } {
  let del = 0;
  for (let i = ms; i < me; i++) del += m.deleted[i]!;
  // struck: most of the match, or its end (the cue's core words) inside deleted matter ("… engaging in [loitering for …]")
  if (del / Math.max(1, me - ms) >= 0.5 || (m.deleted[me - 1] === 1 && m.deleted[ms] === 0 && /[[]/.test(m.text.slice(ms, me)))) return { effect: 'repeals', deleted: true };
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
  // wording right before the match: "eliminates mandatory minimum sentences", "reduces the penalty for …"
  const before = m.text.slice(Math.max(sent.start, ms - 80), ms);
  if (ELIMINATES.test(before)) return { effect: 'repeals', deleted: false };
  if (rule.spec.impact !== 'protective' && REDUCES.test(before)) return { effect: 'narrows', deleted: false };
  if (m.caps) {
    const mt = m.text.slice(ms, me);
    const letters = mt.replace(/[^A-Za-z]/g, '');
    const upper = letters.replace(/[^A-Z]/g, '').length;
    if (letters.length > 0 && upper / letters.length > 0.8) {
      const sLetters = s.replace(/[^A-Za-z]/g, '');
      const su = sLetters.replace(/[^A-Z]/g, '').length;
      return { effect: su / Math.max(1, sLetters.length) > 0.8 ? 'enacts' : 'expands', deleted: false };
    }
  }
  return { effect: 'enacts', deleted: false };
}

/** Read a text once: structure, every cue's gated hits, classifier candidates. */
export function prepare(doc: LawDocument, original: string, opts: Pick<AnalyzeOptions, 'rules' | 'prefilter' | 'references'> = {}): Prepared {
  const compiled = compile(opts.rules ?? RULES);
  const rules = compiled.rules;
  const model = readStructure(doc, original);
  const { text, headings: hs, sentences: sents } = model;
  const hits: RuleHit[] = [];

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
  const minorsAt = (si: number, s: string): boolean => {
    let mo = minorsCache.get(si);
    if (mo === undefined) minorsCache.set(si, (mo = minorsOnly(s)));
    return mo;
  };
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
  // what the sentence's citations are about: the titles of the sections it cites, where they resolve
  const citedOf: (string | undefined)[] = new Array(sents.length);
  // "… a violation of this act" is about what the act is about: its title
  const citedText = (si: number): string => {
    let v = citedOf[si];
    if (v === undefined) {
      const titles = citedTitles(model, sents[si]!.start, sents[si]!.end, doc.jurisdiction, opts.references);
      if (doc.title && /\bthis (?:act|chapter|article)\b/i.test(sentenceText(si))) titles.push(doc.title);
      citedOf[si] = v = titles.join('\n');
    }
    return v;
  };
  const statusOf: (SpanStatus | undefined)[] = new Array(sents.length);
  const sentStatus = (si: number): SpanStatus => (statusOf[si] ??= sentenceStatus(model, sents[si]!));
  // bit0 computed; bit1 whereas; bit3 relief; bit4 operative; bit5 narrative
  const flags = new Uint8Array(sents.length);
  const sentFlags = (si: number): number => {
    let f = flags[si]!;
    if (f & 1) return f;
    const st = sents[si]!;
    const s = sentenceText(si);
    f = 1;
    if (/^\W*WHEREAS\b/.test(s)) f |= 2;
    if (NARRATIVE.test(s)) f |= 32;
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
  const byKind = new Map<Kind, RuleSpec>(rules.map((r) => [r.spec.kind, r.spec]));
  for (const rule of rules) {
    for (let k = 0; k < rule.cues.length; k++) {
      const cue = rule.cues[k]!;
      const wins = windowsFor(rule.cueIndex[k]!, cue.lits) ?? [[0, text.length] as [number, number]];
      const verdict = new Map<number, boolean | 'narrows'>();
      let m: RegExpExecArray | null;
      for (const [wa, wb] of wins) {
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
            const status = sentStatus(si);
            const ctxOk =
              !cue.context ||
              cue.context.some((r) => r.test(s)) ||
              (rule.spec.contextInHeading === true && cue.context.some((r) => r.test(headingAt(hs, sent.start, doc.title)))) ||
              // "… a violation of § 18.2-346 …": the cited section's title can say what the sentence is about
              cue.context.some((r) => r.test(citedText(si)));
            ok = ctxOk && !cue.exclude.some((r) => r.test(s));
            if (ok && rule.headingExclude.length) {
              const h = headingAt(hs, sent.start, doc.title);
              if (rule.headingExclude.some((r) => r.test(h))) ok = false;
            }
            // history notes, session-law citations, editor's notes and commentary are not provisions
            if (ok && status === 'set-aside') ok = false;
            // preamble recitals ("WHEREAS, …") state findings; they are not provisions
            if (ok && sf & 2) ok = false;
            // nor are a digest's account of existing law and first-person report prose
            if (ok && sf & 32) ok = false;
            // caps-notation amending bill: unchanged law is context, not the bill's provision …
            //   … unless its amended section now carries a new limiting clause: then the section's provision is narrowed
            if (ok && status === 'unchanged') ok = rule.spec.impact !== 'protective' && sectionLimited(sent.start) ? 'narrows' : false;
            // a harmful offense named inside a relief clause (vacatur, expungement, defenses) is a reference, not an enactment
            if (ok && rule.spec.impact === 'harmful' && sf & 8) ok = false;
            // enumerated items inherit the operative lead-in ("A person is guilty … if he or she: (a) …; (b) …")
            if (ok && rule.spec.requireOperative && !(sf & 16)) ok = false;
            if (ok && rule.spec.adultOnly && minorsAt(si, s)) ok = false;
            verdict.set(si, ok);
          }
          if (!ok) continue;
          const ms = mIndex;
          const me = ms + m[0].length;
          if (rule.spec.skipReferences && isReference(text, sent, ms, me) && !(model.capsAmend && isUpperRun(m[0]))) continue;
          const eff = ok === 'narrows' ? { effect: 'narrows' as Effect, deleted: false } : effectOf(model, sent, ms, me, rule, sentenceText(si), si, effCache);
          if (cue.deletedOnly && !eff.deleted) continue;
          let kind = rule.spec.kind;
          let effect = eff.effect;
          if (cue.deletedOnly) effect = 'enacts';
          else if (eff.deleted && rule.spec.whenDeleted) {
            kind = rule.spec.whenDeleted.kind;
            effect = rule.spec.whenDeleted.effect;
          }
          if (!byKind.has(kind)) continue;
          hits.push({ kind, effect, cue: `${rule.spec.kind}/${cue.id}`, weight: cue.weight, s: ms, e: me, si });
        }
      }
    }
  }
  const candidates: Candidate[] = [];
  for (let si = 0; si < sents.length; si++) {
    const st = sentStatus(si);
    if (st === 'set-aside' || st === 'unchanged') continue;
    const s = sentenceText(si);
    if (s.length < 20 || sentFlags(si) & (2 | 32)) continue;
    candidates.push({ si, text: s, status: st, minorsOnly: minorsAt(si, s), relief: (sentFlags(si) & 8) !== 0 });
  }
  return { doc, original, model, hits, candidates };
}

// ------------------------------------------------------------- decision

const SPEC = new Map<Kind, RuleSpec>(RULES.map((r) => [r.kind, r]));
const KIND_INDEX = new Map<Kind, number>(KINDS.map((k, i) => [k, i]));
/**
 * What the classifier does: it ranks findings, it does not make or veto them. Leave-one-jurisdiction-out (bench/
 * law-lojo-grid.ts; `cogency law eval` prints the ranking) measured that findings the classifier adds on its own cost more precision than
 * they gain recall at every threshold, and that vetoes cost more recall than they gain precision; but its probability
 * for the finding's kind AT THE SENTENCES THE RULES QUOTE separates right findings from wrong ones better than the
 * rules' confidence alone. A finding's confidence moves this share of the way to 1 by that probability.
 */
export const CORROBORATION = 1;
/** The finding lists "classifier" among its cues when the classifier scores its evidence at least this. */
const CONFIRMS = 0.5;

/** Classifier probabilities of every candidate (rows) for every kind; gates applied (0 where a gate rules the kind out). */
export function candidateScores(p: Prepared, clf: LinearModel, feats?: Int32Array[]): Float32Array[] {
  const out: Float32Array[] = [];
  const tmp = new Float32Array(clf.kinds.length);
  p.candidates.forEach((c, i) => {
    const f = feats?.[i] ?? featureIndices(clf, c.text);
    predict(clf, f, tmp);
    const row = new Float32Array(KINDS.length);
    clf.kinds.forEach((k, j) => {
      const spec = SPEC.get(k)!;
      let v = tmp[j]!;
      if (spec.adultOnly && c.minorsOnly) v = 0;
      if (spec.impact === 'harmful' && c.relief) v = 0;
      row[KIND_INDEX.get(k)!] = v;
    });
    out.push(row);
  });
  return out;
}

function wholeWords(original: string, start: number, end: number): { start: number; end: number } {
  const word = /[\p{L}\p{N}]/u;
  while (start > 0 && word.test(original[start - 1]!) && word.test(original[start]!)) start--;
  while (end < original.length && word.test(original[end]!) && word.test(original[end - 1]!)) end++;
  while (end > start && /\s/.test(original[end - 1]!)) end--;
  while (start < end && /\s/.test(original[start]!)) start++;
  return { start, end };
}

export interface DecideOptions {
  threshold?: number;
  maxSpans?: number;
  classifier?: LinearModel | null;
  enabledCues?: ReadonlySet<string> | null;
  /** precomputed candidate scores (cross-validation) */
  scores?: Float32Array[];
}

/** Combine rule hits and classifier scores into findings: one per kind and effect, with evidence. */
export function decide(p: Prepared, opts: DecideOptions = {}): Finding[] {
  const threshold = opts.threshold ?? 0.5;
  const maxSpans = opts.maxSpans ?? 8;
  const { model, original } = p;
  const scores = opts.scores ?? (opts.classifier ? candidateScores(p, opts.classifier) : null);
  const candidateOf = new Map(p.candidates.map((c, i) => [c.si, i]));

  interface Acc { kind: Kind; effect: Effect; weights: Map<string, number>; spans: { s: number; e: number; si: number }[] }
  const acc = new Map<string, Acc>();
  for (const h of p.hits) {
    if (opts.enabledCues && !opts.enabledCues.has(h.cue)) continue;
    const key = `${h.kind}|${h.effect}`;
    let a = acc.get(key);
    if (!a) acc.set(key, (a = { kind: h.kind, effect: h.effect, weights: new Map(), spans: [] }));
    const id = h.cue.slice(h.cue.indexOf('/') + 1);
    a.weights.set(id, Math.max(a.weights.get(id) ?? 0, h.weight));
    if (a.spans.length < 200) a.spans.push({ s: h.s, e: h.e, si: h.si });
  }
  const out: { kind: Kind; effect: Effect; conf: number; cues: string[]; spans: { s: number; e: number; si: number }[] }[] = [];
  for (const a of acc.values()) {
    const ws = [...a.weights.values()].sort((x, y) => y - x);
    // strongest cue, plus corroboration from further distinct cues and repeated evidence
    let conf = ws[0] ?? 0;
    for (const w of ws.slice(1)) conf = conf + (1 - conf) * w * 0.5;
    if (a.spans.length >= 3) conf = conf + (1 - conf) * 0.15;
    if (conf < threshold) continue;
    const cues = [...a.weights.keys()];
    if (scores) {
      // the classifier's probability of this kind at the sentences the rules quote
      const k = KIND_INDEX.get(a.kind)!;
      let b = 0;
      for (const sp of a.spans) {
        const ci = candidateOf.get(sp.si);
        if (ci !== undefined) b = Math.max(b, scores[ci]![k]!);
      }
      conf = conf + (1 - conf) * b * CORROBORATION;
      if (b >= CONFIRMS) cues.push('classifier');
    }
    out.push({ kind: a.kind, effect: a.effect, conf, cues, spans: a.spans });
  }

  const findings: Finding[] = [];
  for (const f of out) {
    const spans: Span[] = [];
    const seen = new Set<string>();
    for (const sp of f.spans) {
      const o = toOriginal(model.normalized, sp.s, Math.min(sp.e, sp.s + 600));
      const w = wholeWords(original, o.start, o.end);
      const k = `${w.start}:${w.end}`;
      if (seen.has(k) || w.end <= w.start) continue;
      seen.add(k);
      spans.push({
        start: w.start,
        end: w.end,
        text: original.slice(w.start, w.end),
        status: spanStatus(model, sp.s, sp.e, model.sentences[sp.si]!),
        section: sectionAt(model, sp.s)?.number ?? '',
      });
      if (spans.length >= maxSpans) break;
    }
    findings.push({
      kind: f.kind,
      effect: f.effect,
      impact: impactOf(SPEC.get(f.kind)!.impact, f.effect),
      confidence: Math.min(0.99, Math.round(f.conf * 100) / 100),
      section: headingAt(model.headings, f.spans[0]?.s ?? 0, p.doc.title || p.doc.identifier),
      cues: f.cues,
      spans,
    });
  }
  findings.sort((x, y) => y.confidence - x.confidence || x.kind.localeCompare(y.kind));
  return findings;
}

// ------------------------------------------------------------- shipped model

let shipped: LinearModel | null | undefined;
const WEIGHTS_URL = new URL('./weights.json', import.meta.url);
/** The classifier trained by `npm run train:law` (null when no weights file is present). */
export function shippedClassifier(): LinearModel | null {
  if (shipped === undefined) {
    try {
      shipped = fromWeightsFile(JSON.parse(readFileSync(WEIGHTS_URL, 'utf8')) as WeightsFile);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      shipped = null;
    }
  }
  return shipped;
}

/**
 * Stable fingerprint of everything that decides findings: the rules (cues, gates), the classifier weights and the
 * decision constants. The store rebuilds law data when it changes.
 */
export function analyzerFingerprint(): string {
  const h = createHash('sha256');
  h.update(JSON.stringify(RULES));
  h.update(`corroboration ${CORROBORATION} ${CONFIRMS}`);
  try {
    h.update(readFileSync(WEIGHTS_URL));
  } catch {
    h.update('no-weights');
  }
  return h.digest('hex').slice(0, 16);
}

/** Said with the findings of a text whose format was not recognised. */
export const PLAIN_TEXT_NOTE = 'format not recognised: read as plain text (no new/deleted-matter notation, no section markup)';

export function analyzeText(doc: LawDocument, original: string, opts: AnalyzeOptions = {}): { findings: Finding[]; normalized: Normalized; plainText: boolean } {
  const p = prepare(doc, original, opts);
  const classifier = opts.classifier === undefined ? shippedClassifier() : opts.classifier;
  const findings = decide(p, {
    classifier,
    ...(opts.threshold !== undefined ? { threshold: opts.threshold } : {}),
    ...(opts.maxSpans !== undefined ? { maxSpans: opts.maxSpans } : {}),
    ...(opts.enabledCues ? { enabledCues: opts.enabledCues } : {}),
  });
  return { findings, normalized: p.model.normalized, plainText: p.model.plainText };
}

/** Analyze a document's latest text version. Throws LawInputError when it has no text. */
export function analyze(doc: LawDocument, opts: AnalyzeOptions = {}): Finding[] {
  const text = analysisText(doc);
  if (text.trim() === '')
    throw new LawInputError(doc.sourcePath, `no text to analyze (format ${doc.format}${doc.versions.length ? ', versions carry metadata only' : ''})`);
  return analyzeText(doc, text, opts).findings;
}
