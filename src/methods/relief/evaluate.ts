// The record-relief check: a person's answers against one state's reviewed rules, "as of" a date.
// Pure and browser-safe: the explorer runs it on the page, so nothing a person answers is sent anywhere;
// the API and the CLI run the same function.
import { JURISDICTIONS } from './jurisdictions.ts';
import { quoteText, type Condition, type Field, type FieldName, type Question, type Rule, type RuleFile } from './model.ts';

export type Outcome = 'eligible' | 'may-be-eligible' | 'not-eligible';
export type StateOutcome = Outcome | 'not-collected';

export type Answers = Record<string, string>;

export const OUTCOME_LABEL: Record<StateOutcome, string> = {
  eligible: 'Eligible',
  'may-be-eligible': 'May be eligible — needs more information',
  'not-eligible': 'Not eligible under this law',
  'not-collected': 'Not collected yet',
};

export const DISCLAIMER =
  'This is information about what the statute text says, not legal advice. Courts decide; other laws, later amendments and court rules can change the answer. Talk to a lawyer before you file.';

export interface CitedQuote {
  file: string;
  text: string;
}

export interface Finding {
  criterion: string;
  label: string;
  quotes: CitedQuote[];
  /** How a failed requirement can be met later, or what an answer means for the case. */
  note?: string;
}

export interface Need {
  /** An answer to one of the state's questions, or a law text the corpus does not hold. */
  kind: 'answer' | 'law';
  question?: string;
  text: string;
  because: string;
}

export interface Readings {
  criterion: string;
  label: string;
  readings: string[];
  settles: string;
  quotes: CitedQuote[];
}

export interface RuleResult {
  ruleId: string;
  citation: string;
  title: string;
  reliefType: Rule['reliefType'];
  sourceUrl: string;
  outcome: Outcome;
  /** For "not eligible": what decides it; for the others: the requirements met so far. */
  failed: Finding[];
  met: Finding[];
  needs: Need[];
  readings: Readings[];
  notes: string[];
  /** Caveats about which text was in force on the date asked about. */
  dateNotes: string[];
  bring: { item: string; quotes: CitedQuote[] }[];
  fields: Record<FieldName, Field>;
}

export interface StateResult {
  state: string;
  name: string;
  asOf: string;
  outcome: StateOutcome;
  summary: string;
  rules: RuleResult[];
  referrals: RuleFile['referrals'];
  disclaimer: string;
}

export class AnswerError extends Error {}

const NAMES = new Map(JURISDICTIONS);

/** Today's date in UTC as YYYY-MM-DD. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** A year-only date ("2019", a yearly compilation) is taken as covering that whole year. */
function firstDay(dateOrYear: string): string {
  return dateOrYear.length === 4 ? `${dateOrYear}-01-01` : dateOrYear;
}
function lastDay(dateOrYear: string): string {
  return dateOrYear.length === 4 ? `${dateOrYear}-12-31` : dateOrYear;
}

/** Refuse answers that name no question of the state or give a value the question does not offer. */
export function checkAnswers(file: RuleFile, answers: Answers): void {
  for (const [id, value] of Object.entries(answers)) {
    const q = file.questions.find((x) => x.id === id);
    if (!q) throw new AnswerError(`"${id}" is not a question for ${file.state}; the questions are: ${file.questions.map((x) => x.id).join(', ')}`);
    if (!q.options.some((o) => o.value === value))
      throw new AnswerError(`"${value}" is not an answer to "${id}"; choose one of: ${q.options.map((o) => o.value).join(', ')}`);
  }
}

export function checkDate(asOf: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(`${asOf}T00:00:00Z`)))
    throw new AnswerError(`"${asOf}" is not a date: use YYYY-MM-DD`);
  return asOf;
}

function question(file: RuleFile, id: string): Question {
  return file.questions.find((q) => q.id === id)!;
}

function holds(c: Condition, answers: Answers): boolean | undefined {
  const a = answers[c.question];
  return a === undefined ? undefined : c.values.includes(a);
}

function evaluateRule(file: RuleFile, rule: Rule, answers: Answers, asOf: string): RuleResult {
  const cite = (qs: Rule['criteria'][number]['quotes']) => qs.map((q) => quoteText(q, rule));
  const result: RuleResult = {
    ruleId: rule.id,
    citation: rule.citation,
    title: rule.title,
    reliefType: rule.reliefType,
    sourceUrl: rule.source.url,
    outcome: 'eligible',
    failed: [],
    met: [],
    needs: [],
    readings: [],
    notes: [],
    dateNotes: [],
    bring: rule.bring.map((b) => ({ item: b.item, quotes: cite(b.quotes) })),
    fields: rule.fields,
  };
  const v = rule.version;
  const history: CitedQuote[] = v.historyQuote ? [{ file: rule.source.file, text: v.historyQuote }] : [];
  const askFor = (id: string, because: string) => {
    if (!result.needs.some((n) => n.question === id)) result.needs.push({ kind: 'answer', question: id, text: question(file, id).text, because });
  };

  // Which text was in force on the date asked about.
  if (v.enactedOn && asOf < v.enactedOn) {
    result.failed.push({ criterion: 'in-force', label: `Not yet in force on ${asOf}: this section took effect ${v.enactedOn}`, quotes: history });
    result.outcome = 'not-eligible';
    return result;
  }
  if (v.currentTextFrom && asOf < v.currentTextFrom) {
    result.needs.push({
      kind: 'law',
      text: `The text of ${rule.citation} in force on ${asOf}`,
      because: `The collected text took effect ${v.currentTextFrom}; the earlier text is not collected, so the answer below follows the current text.`,
    });
  } else if (!v.currentTextFrom && asOf < firstDay(v.knownInForceOn)) {
    result.needs.push({
      kind: 'law',
      text: `Whether the collected text of ${rule.citation} was in force on ${asOf}`,
      because: `The collected text is known to be in force in ${v.knownInForceOn}${v.historyQuote ? ` (history: ${v.historyQuote})` : ''}; when it took effect is not in the collected text.`,
    });
  }
  if (asOf > lastDay(v.knownInForceOn)) {
    result.dateNotes.push(`The collected text is known to be in force on ${v.knownInForceOn}; any change after that is not collected.`);
  }

  for (const c of rule.appliesWhen) {
    const h = holds(c, answers);
    const q = question(file, c.question);
    if (h === undefined) askFor(c.question, `${rule.citation} covers only some cases`);
    else if (h) result.met.push({ criterion: `covers-${c.question}`, label: `Covers: ${labels(q, c.values)}`, quotes: cite(c.quotes ?? []) });
    else result.failed.push({ criterion: `covers-${c.question}`, label: `${rule.citation} covers only: ${labels(q, c.values)}`, quotes: cite(c.quotes ?? []) });
  }
  // A rule that does not cover the case asks nothing more.
  if (result.failed.length) {
    result.needs = [];
    result.outcome = 'not-eligible';
    return result;
  }

  for (const c of rule.criteria) {
    const gate = (c.onlyWhen ?? []).map((w) => [w, holds(w, answers)] as const);
    if (gate.some(([, h]) => h === false)) continue;
    const open = gate.filter(([, h]) => h === undefined);
    if (open.length) {
      for (const [w] of open) askFor(w.question, c.label);
      continue;
    }
    const a = answers[c.question];
    const finding: Finding = { criterion: c.id, label: c.label, quotes: cite(c.quotes) };
    if (a !== undefined && c.fail.includes(a)) {
      if (c.failNote) finding.note = c.failNote;
      result.failed.push(finding);
    } else if (a !== undefined && c.pass.includes(a)) {
      const note = c.notes?.[a];
      if (note) {
        finding.note = note;
        result.notes.push(note);
      }
      result.met.push(finding);
    } else if (c.ambiguous) {
      result.readings.push({ criterion: c.id, label: c.label, readings: c.ambiguous.readings, settles: c.ambiguous.settles, quotes: cite(c.quotes) });
      if (a === undefined) askFor(c.question, c.label);
    } else {
      askFor(c.question, c.label);
    }
  }
  result.outcome = result.failed.length ? 'not-eligible' : result.needs.length || result.readings.length ? 'may-be-eligible' : 'eligible';
  return result;
}

function labels(q: Question, values: string[]): string {
  return values.map((v) => q.options.find((o) => o.value === v)?.label ?? v).join('; ');
}

const RANK: Record<Outcome, number> = { eligible: 0, 'may-be-eligible': 1, 'not-eligible': 2 };

/** Check answers against every rule of a state (or say the state is not collected yet). */
export function evaluateState(files: ReadonlyMap<string, RuleFile>, state: string, answers: Answers, asOf = today()): StateResult {
  const code = state.toUpperCase();
  checkDate(asOf);
  const name = NAMES.get(code);
  if (!name) throw new AnswerError(`"${state}" is not a U.S. state or DC code (two letters, e.g. WA)`);
  const file = files.get(code);
  if (!file) {
    return {
      state: code,
      name,
      asOf,
      outcome: 'not-collected',
      summary: `Cogency has not collected ${name}'s record-relief law yet. This does not mean ${name} offers no relief: it means we have not read it.`,
      rules: [],
      referrals: nationalReferrals(files),
      disclaimer: DISCLAIMER,
    };
  }
  checkAnswers(file, answers);
  const rules = file.rules.map((r) => evaluateRule(file, r, answers, asOf)).sort((a, b) => RANK[a.outcome] - RANK[b.outcome]);
  const outcome = rules[0]!.outcome;
  const best = rules.filter((r) => r.outcome === outcome).map((r) => r.citation).join(' and ');
  const summary =
    outcome === 'eligible'
      ? `Your answers meet every requirement in the text of ${best}. The court still decides.`
      : outcome === 'may-be-eligible'
        ? `Under ${best} you may be eligible; the answer depends on the information listed below.`
        : `Under ${file.rules.map((r) => r.citation).join(' and ')}, your answers do not meet a requirement, shown below with the text that sets it.`;
  return { state: code, name, asOf, outcome, summary, rules, referrals: file.referrals, disclaimer: DISCLAIMER };
}

/**
 * Questions that can still matter given the answers so far: a question used only by requirements that
 * apply in other cases (a felony waiting period for a misdemeanor, a rule that does not cover the offense)
 * is left out, so a form can hide it.
 */
export function relevantQuestions(file: RuleFile, answers: Answers): Set<string> {
  const ids = new Set<string>();
  for (const rule of file.rules) {
    for (const c of rule.appliesWhen) ids.add(c.question);
    if (rule.appliesWhen.some((c) => holds(c, answers) === false)) continue;
    for (const c of rule.criteria) {
      const gate = c.onlyWhen ?? [];
      for (const w of gate) ids.add(w.question);
      if (gate.every((w) => holds(w, answers) !== false)) ids.add(c.question);
    }
  }
  return ids;
}

/** Referral lines that are national (usable from any state), from the reviewed files. */
export function nationalReferrals(files: ReadonlyMap<string, RuleFile>): RuleFile['referrals'] {
  const seen = new Map<string, RuleFile['referrals'][number]>();
  for (const f of files.values()) for (const r of f.referrals) if (r.name.startsWith('National') && !seen.has(r.contact)) seen.set(r.contact, r);
  return [...seen.values()];
}

