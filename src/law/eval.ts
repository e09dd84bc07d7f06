// Scores analyzer predictions against gold labels (gold/*.jsonl): document-level precision / recall / F1 per kind,
// micro-averaged for kind presence and for kind + direction (harmful / protective / concern), plus evidence overlap
// (share of gold quotes overlapped by a predicted span of the same kind).
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { analyzeText, impactOf, type AnalyzeOptions, type Finding } from './analyze.ts';
import { referenceIndex } from './structure.ts';
import { manifestFile, readLawFile, readManifest } from './import.ts';
import { analysisText, LawInputError } from './model.ts';
import { KINDS, RULES, type Effect, type Impact, type Kind } from './rules/index.ts';

export interface GoldFinding {
  kind: Kind;
  effect: Effect;
  quote: string;
  note?: string;
}
export interface GoldDoc {
  id: string;
  findings: GoldFinding[];
  reason_if_none?: string;
  /** file name the record came from (e.g. shared-1.jsonl) */
  split: string;
}

export interface PRF {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}
export interface EvalReport {
  documents: number;
  perKind: Record<string, PRF>;
  microKind: PRF;
  microKindDirection: PRF;
  evidence: { quotes: number; overlapped: number; share: number };
  errors: { id: string; message: string }[];
}

const BASE_IMPACT = new Map<Kind, Impact>(RULES.map((r) => [r.kind, r.impact]));

export async function loadGold(goldDir: string, splits?: string[]): Promise<GoldDoc[]> {
  const files = (await readdir(goldDir)).filter((f) => f.endsWith('.jsonl')).sort();
  const out: GoldDoc[] = [];
  for (const f of files) {
    const split = f.replace(/\.jsonl$/, '');
    if (splits && !splits.includes(split)) continue;
    const lines = (await readFile(join(goldDir, f), 'utf8')).split('\n');
    lines.forEach((l, i) => {
      if (!l.trim()) return;
      let r: unknown;
      try {
        r = JSON.parse(l);
      } catch (e) {
        throw new LawInputError(join(goldDir, f), `malformed JSON: ${e instanceof Error ? e.message : String(e)}`, { line: i + 1 });
      }
      const o = r as GoldDoc;
      if (typeof o.id !== 'string' || !Array.isArray(o.findings))
        throw new LawInputError(join(goldDir, f), 'gold record needs id and findings', { line: i + 1 });
      out.push({ ...o, split });
    });
  }
  return out;
}

function prf(tp: number, fp: number, fn: number): PRF {
  const precision = tp + fp ? tp / (tp + fp) : tp + fn ? 0 : 1;
  const recall = tp + fn ? tp / (tp + fn) : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { tp, fp, fn, precision, recall, f1 };
}

function findAll(text: string, quote: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let i = text.indexOf(quote);
  while (i >= 0) {
    out.push({ start: i, end: i + quote.length });
    i = text.indexOf(quote, i + 1);
  }
  if (out.length === 0) {
    // whitespace-insensitive fallback (quotes copied from rendered XML or reflowed text)
    const words = quote.trim().split(/\s+/).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    if (words.length) {
      const re = new RegExp(words.join('\\s+'), 'g');
      for (const m of text.matchAll(re)) out.push({ start: m.index, end: m.index + m[0].length });
    }
  }
  return out;
}

export interface Prediction {
  id: string;
  text: string;
  findings: Finding[];
}

/** Score predictions (one per gold id; a missing prediction counts as no findings). */
export function score(gold: GoldDoc[], preds: Map<string, Prediction>): EvalReport {
  const counts = new Map<string, { tp: number; fp: number; fn: number }>(KINDS.map((k) => [k, { tp: 0, fp: 0, fn: 0 }]));
  let dtp = 0;
  let dfp = 0;
  let dfn = 0;
  let quotes = 0;
  let overlapped = 0;
  for (const g of gold) {
    const p = preds.get(g.id);
    const predKinds = new Set((p?.findings ?? []).map((f) => f.kind));
    const goldKinds = new Set(g.findings.map((f) => f.kind));
    for (const k of new Set([...predKinds, ...goldKinds])) {
      const c = counts.get(k) ?? { tp: 0, fp: 0, fn: 0 };
      counts.set(k, c);
      if (predKinds.has(k) && goldKinds.has(k)) c.tp++;
      else if (predKinds.has(k)) c.fp++;
      else c.fn++;
    }
    const pd = new Set((p?.findings ?? []).map((f) => `${f.kind}|${f.impact}`));
    const gd = new Set(g.findings.map((f) => `${f.kind}|${impactOf(BASE_IMPACT.get(f.kind) ?? 'protective', f.effect)}`));
    for (const k of pd) if (gd.has(k)) dtp++;
    else dfp++;
    for (const k of gd) if (!pd.has(k)) dfn++;
    // evidence
    for (const gf of g.findings) {
      quotes++;
      if (!p) continue;
      const locs = findAll(p.text, gf.quote);
      const spans = p.findings.filter((f) => f.kind === gf.kind).flatMap((f) => f.spans);
      if (locs.some((l) => spans.some((s) => s.start < l.end && s.end > l.start))) overlapped++;
    }
  }
  const perKind: Record<string, PRF> = {};
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [k, c] of counts) {
    perKind[k] = prf(c.tp, c.fp, c.fn);
    tp += c.tp;
    fp += c.fp;
    fn += c.fn;
  }
  return {
    documents: gold.length,
    perKind,
    microKind: prf(tp, fp, fn),
    microKindDirection: prf(dtp, dfp, dfn),
    evidence: { quotes, overlapped, share: quotes ? overlapped / quotes : 1 },
    errors: [],
  };
}

/** Analyze every gold text (files from lawDir/manifest.json) and score. */
export async function evaluate(goldDir: string, lawDir: string, opts: AnalyzeOptions & { splits?: string[] } = {}): Promise<EvalReport> {
  const gold = await loadGold(goldDir, opts.splits);
  const manifest = await readManifest(lawDir);
  if (!manifest) throw new LawInputError(join(lawDir, 'manifest.json'), 'manifest.json not found (needed to map gold ids to files)');
  const byId = new Map(manifest.map((m) => [m.id, m]));
  const references = opts.references ?? referenceIndex(manifest);
  const preds = new Map<string, Prediction>();
  const errors: { id: string; message: string }[] = [];
  for (const g of gold) {
    const m = byId.get(g.id);
    if (!m) {
      errors.push({ id: g.id, message: 'not in manifest' });
      continue;
    }
    try {
      const doc = await readLawFile(await manifestFile(lawDir, m), { manifest: m });
      const text = analysisText(doc);
      preds.set(g.id, { id: g.id, text, findings: analyzeText(doc, text, { ...opts, references }).findings });
    } catch (e) {
      errors.push({ id: g.id, message: e instanceof Error ? e.message : String(e) });
    }
  }
  const r = score(gold, preds);
  r.errors = errors;
  return r;
}

export function formatReport(r: EvalReport): string {
  const f = (x: number) => x.toFixed(2);
  const rows = [`${'kind'.padEnd(38)} ${'P'.padStart(5)} ${'R'.padStart(5)} ${'F1'.padStart(5)}  tp  fp  fn`];
  for (const [k, c] of Object.entries(r.perKind)) {
    if (c.tp + c.fp + c.fn === 0) continue;
    rows.push(`${k.padEnd(38)} ${f(c.precision).padStart(5)} ${f(c.recall).padStart(5)} ${f(c.f1).padStart(5)} ${String(c.tp).padStart(3)} ${String(c.fp).padStart(3)} ${String(c.fn).padStart(3)}`);
  }
  const m = (name: string, c: PRF) =>
    `${name.padEnd(38)} ${f(c.precision).padStart(5)} ${f(c.recall).padStart(5)} ${f(c.f1).padStart(5)} ${String(c.tp).padStart(3)} ${String(c.fp).padStart(3)} ${String(c.fn).padStart(3)}`;
  rows.push('-'.repeat(70));
  rows.push(m('micro (kind)', r.microKind));
  rows.push(m('micro (kind + direction)', r.microKindDirection));
  rows.push(`evidence overlap: ${r.evidence.overlapped}/${r.evidence.quotes} gold quotes (${f(r.evidence.share)})`);
  rows.push(`documents: ${r.documents}${r.errors.length ? `, errors: ${r.errors.length}` : ''}`);
  for (const e of r.errors) rows.push(`  error ${e.id}: ${e.message}`);
  return rows.join('\n');
}

/**
 * Area under the ROC curve: the chance that a right finding (its kind is in the gold) has a higher confidence than a
 * wrong one (ties count half). 0.5 is no better than chance; undefined (NaN) without both.
 */
export function rankAuc(xs: { score: number; right: boolean }[]): number {
  const sorted = [...xs].sort((a, b) => a.score - b.score);
  let rankSum = 0;
  let pos = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j < sorted.length && sorted[j]!.score === sorted[i]!.score) j++;
    const avgRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (sorted[k]!.right) {
      rankSum += avgRank;
      pos++;
    }
    i = j;
  }
  const neg = sorted.length - pos;
  if (!pos || !neg) return NaN;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}
