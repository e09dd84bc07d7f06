// Record-relief rules: the shape of a reviewed rule file (src/methods/relief/rules/<ST>.json) and its validator.
// Rule files are data written by people from the statute text; the validator refuses a file that does
// not match this contract, naming the file and the field, so a malformed rule can never answer anyone.
// Browser-safe: no Node imports (the explorer bundles this module).

/** A verbatim quotation from the statute: a string is from the rule's own source file. */
export type Quote = string | { file: string; text: string };

export interface Option {
  value: string;
  label: string;
}

export interface Question {
  id: string;
  text: string;
  /** Answer choices; omitted means yes / no. "I don't know" is always possible (no answer). */
  options: Option[];
}

export interface Field {
  /** A closed vocabulary value where the field has one (e.g. "preponderance", "no-fee"). */
  value?: string;
  /** Our plain-language reading of the quotes. */
  summary: string;
  quotes: Quote[];
}

export const FIELD_NAMES = ['offenses', 'nexus', 'proof', 'officialDocumentation', 'timeLimits', 'whoMayFile', 'hearing', 'discretion', 'effect', 'fees', 'ages'] as const;
export type FieldName = (typeof FIELD_NAMES)[number];

export const RELIEF_TYPES = ['vacatur', 'expungement', 'sealing', 'set-aside', 'vacatur-and-expungement'] as const;
export type ReliefType = (typeof RELIEF_TYPES)[number];

export const DOCUMENTATION_VALUES = ['creates-presumption', 'required', 'not-mentioned', 'not-collected'] as const;

export interface Condition {
  question: string;
  values: string[];
  quotes?: Quote[];
}

export interface Ambiguity {
  question: string;
  readings: string[];
  /** What settles which reading applies. */
  settles: string;
}

export interface Criterion {
  id: string;
  label: string;
  question: string;
  pass: string[];
  fail: string[];
  /** Only checked when these answers hold (e.g. a waiting period that applies to misdemeanors). */
  onlyWhen?: Condition[];
  /** Where a failure can be cured later (a fee paid, a waiting period run out), how. */
  failNote?: string;
  /** Notes shown for an answer that does not decide eligibility (e.g. documentation changes the standard of proof). */
  notes?: Record<string, string>;
  /** An unanswered question, or an answer neither in pass nor fail, has more than one reading. */
  ambiguous?: Ambiguity;
  quotes: Quote[];
}

export interface Version {
  /** The section first took effect (ISO date), where the corpus states it. */
  enactedOn: string | null;
  /** The collected text took effect (ISO date), where the corpus states it. */
  currentTextFrom: string | null;
  /** The collected text is known to be in force on this date (or year): when it was scraped or compiled. */
  knownInForceOn: string;
  /** The history line of the collected text, verbatim, or null when it has none. */
  historyQuote: string | null;
}

export interface Rule {
  id: string;
  citation: string;
  title: string;
  source: { file: string; url: string };
  reliefType: ReliefType;
  version: Version;
  fields: Record<FieldName, Field>;
  /** The rule covers the case only when these hold; a failed condition is "not eligible under this law". */
  appliesWhen: Condition[];
  criteria: Criterion[];
  bring: { item: string; quotes: Quote[] }[];
}

export interface Referral {
  name: string;
  contact: string;
  what: string;
  source: { citation: string; file: string };
  quote: string;
}

export interface RuleFile {
  state: string;
  name: string;
  review: { reviewedOn: string; reviewer: string; notes: string };
  questions: Question[];
  rules: Rule[];
  referrals: Referral[];
}

export class RuleFileError extends Error {}

const YES_NO: Option[] = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_OR_YEAR = /^\d{4}(-\d{2}-\d{2})?$/;
const ID = /^[a-z0-9][a-z0-9_.-]*$/;

type Obj = Record<string, unknown>;

/** Validate one parsed rule file; `name` (the file name) prefixes every error. */
export function validateRuleFile(raw: unknown, name: string): RuleFile {
  const fail = (path: string, msg: string): never => {
    throw new RuleFileError(`${name}: ${path}: ${msg}`);
  };
  const obj = (v: unknown, path: string): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : fail(path, 'must be an object'));
  const str = (v: unknown, path: string, re?: RegExp): string => {
    if (typeof v !== 'string' || v.trim() === '') return fail(path, 'must be a non-empty string');
    if (re && !re.test(v)) return fail(path, `"${v}" does not match ${re}`);
    return v;
  };
  const arr = (v: unknown, path: string): unknown[] => (Array.isArray(v) ? v : fail(path, 'must be an array'));
  const known = (o: Obj, path: string, keys: string[]) => {
    for (const k of Object.keys(o)) if (!keys.includes(k)) fail(`${path}.${k}`, 'unknown field');
  };
  const quote = (v: unknown, path: string): Quote => {
    if (typeof v === 'string') return str(v, path);
    const o = obj(v, path);
    known(o, path, ['file', 'text']);
    return { file: str(o.file, `${path}.file`, /^texts\/[a-z]{2}\/[A-Za-z0-9._/-]+$/), text: str(o.text, `${path}.text`) };
  };
  const quotes = (v: unknown, path: string): Quote[] => arr(v, path).map((q, i) => quote(q, `${path}[${i}]`));

  const root = obj(raw, '$');
  known(root, '$', ['state', 'name', 'review', 'questions', 'rules', 'referrals']);
  const state = str(root.state, '$.state', /^[A-Z]{2}$/);
  if (name.endsWith('.json') && !name.endsWith(`${state}.json`)) fail('$.state', `"${state}" does not match the file name`);
  const review = obj(root.review, '$.review');
  known(review, '$.review', ['reviewedOn', 'reviewer', 'notes']);

  const questions: Question[] = arr(root.questions, '$.questions').map((q, i) => {
    const p = `$.questions[${i}]`;
    const o = obj(q, p);
    known(o, p, ['id', 'text', 'options']);
    const options =
      o.options === undefined
        ? YES_NO
        : arr(o.options, `${p}.options`).map((x, j) => {
            const oo = obj(x, `${p}.options[${j}]`);
            known(oo, `${p}.options[${j}]`, ['value', 'label']);
            return { value: str(oo.value, `${p}.options[${j}].value`, ID), label: str(oo.label, `${p}.options[${j}].label`) };
          });
    if (options.length < 2) fail(`${p}.options`, 'needs at least two choices');
    return { id: str(o.id, `${p}.id`, ID), text: str(o.text, `${p}.text`), options };
  });
  const byId = new Map(questions.map((q) => [q.id, q]));
  if (byId.size !== questions.length) fail('$.questions', 'question ids must be unique');
  const answerValues = (question: string, values: string[], path: string) => {
    const q = byId.get(question) ?? fail(path, `refers to unknown question "${question}"`);
    for (const v of values) if (!q.options.some((o) => o.value === v)) fail(path, `"${v}" is not a choice of question "${question}"`);
  };
  const condition = (v: unknown, path: string): Condition => {
    const o = obj(v, path);
    known(o, path, ['question', 'values', 'quotes']);
    const question = str(o.question, `${path}.question`);
    const values = arr(o.values, `${path}.values`).map((x, i) => str(x, `${path}.values[${i}]`));
    answerValues(question, values, path);
    return o.quotes === undefined ? { question, values } : { question, values, quotes: quotes(o.quotes, `${path}.quotes`) };
  };

  const rules: Rule[] = arr(root.rules, '$.rules').map((r, i) => {
    const p = `$.rules[${i}]`;
    const o = obj(r, p);
    known(o, p, ['id', 'citation', 'title', 'source', 'reliefType', 'version', 'fields', 'appliesWhen', 'criteria', 'bring']);
    const source = obj(o.source, `${p}.source`);
    known(source, `${p}.source`, ['file', 'url']);
    const reliefType = str(o.reliefType, `${p}.reliefType`) as ReliefType;
    if (!RELIEF_TYPES.includes(reliefType)) fail(`${p}.reliefType`, `must be one of ${RELIEF_TYPES.join(', ')}`);
    const v = obj(o.version, `${p}.version`);
    known(v, `${p}.version`, ['enactedOn', 'currentTextFrom', 'knownInForceOn', 'historyQuote']);
    const dateOrNull = (x: unknown, path: string) => (x === null ? null : str(x, path, ISO_DATE));
    const version: Version = {
      enactedOn: dateOrNull(v.enactedOn, `${p}.version.enactedOn`),
      currentTextFrom: dateOrNull(v.currentTextFrom, `${p}.version.currentTextFrom`),
      knownInForceOn: str(v.knownInForceOn, `${p}.version.knownInForceOn`, DATE_OR_YEAR),
      historyQuote: v.historyQuote === null ? null : str(v.historyQuote, `${p}.version.historyQuote`),
    };
    if (version.enactedOn && version.currentTextFrom && version.enactedOn > version.currentTextFrom)
      fail(`${p}.version`, 'enactedOn is after currentTextFrom');
    const f = obj(o.fields, `${p}.fields`);
    known(f, `${p}.fields`, [...FIELD_NAMES]);
    const fields = Object.fromEntries(
      FIELD_NAMES.map((k) => {
        const fp = `${p}.fields.${k}`;
        const fo = obj(f[k], fp);
        known(fo, fp, ['value', 'summary', 'quotes']);
        const field: Field = { summary: str(fo.summary, `${fp}.summary`), quotes: quotes(fo.quotes, `${fp}.quotes`) };
        if (fo.value !== undefined) field.value = str(fo.value, `${fp}.value`, ID);
        return [k, field];
      }),
    ) as Record<FieldName, Field>;
    if (fields.officialDocumentation.value && !(DOCUMENTATION_VALUES as readonly string[]).includes(fields.officialDocumentation.value))
      fail(`${p}.fields.officialDocumentation.value`, `must be one of ${DOCUMENTATION_VALUES.join(', ')}`);
    const criteria: Criterion[] = arr(o.criteria, `${p}.criteria`).map((c, j) => {
      const cp = `${p}.criteria[${j}]`;
      const co = obj(c, cp);
      known(co, cp, ['id', 'label', 'question', 'pass', 'fail', 'onlyWhen', 'failNote', 'notes', 'ambiguous', 'quotes']);
      const question = str(co.question, `${cp}.question`);
      const pass = arr(co.pass, `${cp}.pass`).map((x, k) => str(x, `${cp}.pass[${k}]`));
      const failing = arr(co.fail, `${cp}.fail`).map((x, k) => str(x, `${cp}.fail[${k}]`));
      answerValues(question, [...pass, ...failing], cp);
      if (pass.some((x) => failing.includes(x))) fail(cp, 'an answer cannot both pass and fail');
      const criterion: Criterion = { id: str(co.id, `${cp}.id`, ID), label: str(co.label, `${cp}.label`), question, pass, fail: failing, quotes: quotes(co.quotes, `${cp}.quotes`) };
      if (criterion.quotes.length === 0) fail(`${cp}.quotes`, 'every criterion must quote the statute text that decides it');
      if (co.onlyWhen !== undefined) criterion.onlyWhen = arr(co.onlyWhen, `${cp}.onlyWhen`).map((x, k) => condition(x, `${cp}.onlyWhen[${k}]`));
      if (co.failNote !== undefined) criterion.failNote = str(co.failNote, `${cp}.failNote`);
      if (co.notes !== undefined) {
        const n = obj(co.notes, `${cp}.notes`);
        answerValues(question, Object.keys(n), `${cp}.notes`);
        criterion.notes = Object.fromEntries(Object.entries(n).map(([k, x]) => [k, str(x, `${cp}.notes.${k}`)]));
      }
      if (co.ambiguous !== undefined) {
        const a = obj(co.ambiguous, `${cp}.ambiguous`);
        known(a, `${cp}.ambiguous`, ['question', 'readings', 'settles']);
        const readings = arr(a.readings, `${cp}.ambiguous.readings`).map((x, k) => str(x, `${cp}.ambiguous.readings[${k}]`));
        if (readings.length < 2) fail(`${cp}.ambiguous.readings`, 'an ambiguity needs at least two readings');
        criterion.ambiguous = { question: str(a.question, `${cp}.ambiguous.question`), readings, settles: str(a.settles, `${cp}.ambiguous.settles`) };
      }
      return criterion;
    });
    const ids = criteria.map((c) => c.id);
    if (new Set(ids).size !== ids.length) fail(`${p}.criteria`, 'criterion ids must be unique');
    const appliesWhen = arr(o.appliesWhen, `${p}.appliesWhen`).map((x, k) => {
      const c = condition(x, `${p}.appliesWhen[${k}]`);
      if (!c.quotes?.length) fail(`${p}.appliesWhen[${k}].quotes`, 'a coverage condition must quote the text that sets it');
      return c;
    });
    const bring = arr(o.bring, `${p}.bring`).map((b, k) => {
      const bo = obj(b, `${p}.bring[${k}]`);
      known(bo, `${p}.bring[${k}]`, ['item', 'quotes']);
      return { item: str(bo.item, `${p}.bring[${k}].item`), quotes: quotes(bo.quotes, `${p}.bring[${k}].quotes`) };
    });
    return {
      id: str(o.id, `${p}.id`, ID),
      citation: str(o.citation, `${p}.citation`),
      title: str(o.title, `${p}.title`),
      source: { file: str(source.file, `${p}.source.file`, /^texts\/[a-z]{2}\/[A-Za-z0-9._/-]+$/), url: str(source.url, `${p}.source.url`, /^https?:\/\//) },
      reliefType,
      version,
      fields,
      appliesWhen,
      criteria,
      bring,
    };
  });
  if (rules.length === 0) fail('$.rules', 'a rule file needs at least one rule (states without rules are "not collected yet")');

  const referrals: Referral[] = arr(root.referrals, '$.referrals').map((x, i) => {
    const p = `$.referrals[${i}]`;
    const o = obj(x, p);
    known(o, p, ['name', 'contact', 'what', 'source', 'quote']);
    const s = obj(o.source, `${p}.source`);
    known(s, `${p}.source`, ['citation', 'file']);
    const contact = str(o.contact, `${p}.contact`);
    const q = str(o.quote, `${p}.quote`);
    // A referral line must be the one the official text states.
    if (!q.includes(contact)) fail(`${p}.quote`, `does not contain the contact "${contact}"`);
    return {
      name: str(o.name, `${p}.name`),
      contact,
      what: str(o.what, `${p}.what`),
      source: { citation: str(s.citation, `${p}.source.citation`), file: str(s.file, `${p}.source.file`, /^texts\/[a-z]{2}\/[A-Za-z0-9._/-]+$/) },
      quote: q,
    };
  });

  return {
    state,
    name: str(root.name, '$.name'),
    review: { reviewedOn: str(review.reviewedOn, '$.review.reviewedOn', ISO_DATE), reviewer: str(review.reviewer, '$.review.reviewer'), notes: str(review.notes, '$.review.notes') },
    questions,
    rules,
    referrals,
  };
}

/** The text of a quote and the corpus file it is from. */
export function quoteText(q: Quote, rule: Rule): { file: string; text: string } {
  return typeof q === 'string' ? { file: rule.source.file, text: q } : q;
}
