// `cogency relief ST [--answers k=v,...] [--as-of YYYY-MM-DD] [--format text|json]`: the record-relief
// check on the command line, from the same reviewed rule files. Nothing is written anywhere.
// Exit codes: 0 ok, 1 bad input (an answer the state's questions do not offer), 2 usage.
import type { Command } from 'commander';
import { AnswerError, OUTCOME_LABEL, evaluateState, today, type Answers, type StateResult } from '../methods/relief/evaluate.ts';
import { RULE_FILES } from '../methods/relief/rules/index.ts';

export interface ReliefCliIo {
  out: (s: string) => void;
  err: (s: string) => void;
  exit: (code: number) => void;
}

const defaultIo: ReliefCliIo = {
  out: (s) => process.stdout.write(s + '\n'),
  err: (s) => process.stderr.write(s + '\n'),
  exit: (code) => {
    process.exitCode = code;
  },
};

/** "victim=yes,result_of=no" or a JSON object of strings. */
export function parseAnswers(raw: string): Answers {
  const text = raw.trim();
  if (text === '') return {};
  if (text.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      throw new AnswerError(`--answers is not valid JSON: ${(e as Error).message}`);
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new AnswerError('--answers JSON must be an object of question: answer');
    for (const [k, v] of Object.entries(parsed)) if (typeof v !== 'string') throw new AnswerError(`--answers: the answer to "${k}" must be a string`);
    return parsed as Answers;
  }
  const answers: Answers = {};
  for (const pair of text.split(',')) {
    const m = /^\s*([a-z0-9_.-]+)\s*=\s*([a-z0-9_.-]+)\s*$/i.exec(pair);
    if (!m) throw new AnswerError(`--answers: "${pair}" is not question=answer`);
    answers[m[1]!] = m[2]!;
  }
  return answers;
}

function quoteLine(text: string): string {
  return `      «${text.replace(/\s+/g, ' ')}»`;
}

export function formatResult(r: StateResult, questions: { id: string; text: string; options: { value: string }[] }[]): string {
  const lines = [`${r.name} (${r.state}), as of ${r.asOf}: ${OUTCOME_LABEL[r.outcome]}`, r.summary, ''];
  for (const rule of r.rules) {
    lines.push(`${rule.citation} — ${rule.title} [${rule.reliefType}]: ${OUTCOME_LABEL[rule.outcome]}`);
    lines.push(`  source: ${rule.sourceUrl}`);
    for (const f of rule.failed) {
      lines.push(`  not met: ${f.label}${f.note ? ` (${f.note})` : ''}`);
      for (const q of f.quotes) lines.push(quoteLine(q.text));
    }
    for (const n of rule.needs) lines.push(`  needs: ${n.kind === 'answer' ? `--answers ${n.question}=…  ${n.text}` : n.text} (${n.because})`);
    for (const x of rule.readings) {
      lines.push(`  ambiguous: ${x.label}`);
      for (const reading of x.readings) lines.push(`    - ${reading}`);
      lines.push(`    settled by: ${x.settles}`);
    }
    for (const n of rule.notes) lines.push(`  note: ${n}`);
    for (const d of rule.dateNotes) lines.push(`  date: ${d}`);
    if (rule.outcome !== 'not-eligible') for (const b of rule.bring) lines.push(`  bring: ${b.item}`);
    lines.push('');
  }
  if (questions.length) {
    lines.push('Questions (answer with --answers id=value,...):');
    for (const q of questions) lines.push(`  ${q.id}: ${q.text} [${q.options.map((o) => o.value).join(' | ')}]`);
    lines.push('');
  }
  for (const ref of r.referrals) lines.push(`Help: ${ref.name}, ${ref.contact} — ${ref.what} (stated in ${ref.source.citation})`);
  lines.push(r.disclaimer);
  return lines.join('\n');
}

export function registerReliefCommand(program: Command, io: ReliefCliIo = defaultIo): void {
  program
    .command('relief')
    .description('record relief for trafficking survivors: check answers against a state\'s reviewed rules (nothing is stored; not legal advice)')
    .argument('<state>', 'two-letter state code, e.g. WA')
    .option('--answers <answers>', 'question=answer pairs, comma-separated, or a JSON object', '')
    .option('--as-of <date>', 'answer by the law in force on this date (YYYY-MM-DD)')
    .option('--format <format>', 'text or json', 'text')
    .action((state: string, opts: { answers: string; asOf?: string; format: string }) => {
      if (opts.format !== 'text' && opts.format !== 'json') {
        io.err(`relief: --format must be text or json (got ${opts.format})`);
        io.exit(2);
        return;
      }
      try {
        const result = evaluateState(RULE_FILES, state, parseAnswers(opts.answers), opts.asOf ?? today());
        const file = RULE_FILES.get(result.state);
        io.out(opts.format === 'json' ? JSON.stringify(result, null, 2) : formatResult(result, file?.questions ?? []));
        io.exit(0);
      } catch (e) {
        if (!(e instanceof AnswerError)) throw e;
        io.err(`relief: ${e.message}`);
        io.exit(1);
      }
    });
}
