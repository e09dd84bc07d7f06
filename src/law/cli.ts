// `cogency law analyze FILE...` and `cogency law eval --gold DIR [--texts DIR]`.
// Exit codes: 0 ok, 1 bad input, 2 usage.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { LawInputError } from './model.ts';
import { LEGISCAN_API } from './source.ts';

export interface LawCliIo {
  out: (s: string) => void;
  err: (s: string) => void;
  exit: (code: number) => void;
}

const defaultIo: LawCliIo = {
  out: (s) => process.stdout.write(s + '\n'),
  err: (s) => process.stderr.write(s + '\n'),
  exit: (code) => {
    process.exitCode = code;
  },
};

export function registerLawCommands(program: Command, io: LawCliIo = defaultIo): void {
  const law = program.command('law').description('legislation analyzer: provision kinds per RUBRIC.md');

  law
    .command('analyze')
    .description('analyze bill/statute files (LegiScan JSON, NY/WA/USC/HI markdown, MO text, D.C. XML, statute JSON/text, OpenStates, PDF, plain text)')
    .argument('<files...>', 'files to analyze')
    .option('--format <format>', 'output format: json | text', 'json')
    .action(async (files: string[], opts: { format: string }) => {
      if (opts.format !== 'json' && opts.format !== 'text') {
        io.err(`law analyze: --format must be json or text (got ${opts.format})`);
        io.exit(2);
        return;
      }
      // The analyzer and its readers load when a command runs, so `cogency law --help` does not wait for them.
      const [{ analyze, PLAIN_TEXT_NOTE }, { readLawFileAll }] = await Promise.all([import('./analyze.ts'), import('./import.ts')]);
      let bad = false;
      for (const file of files) {
        try {
          const docs = await readLawFileAll(file);
          for (const doc of docs) {
            const findings = analyze(doc);
            const plain = doc.format === 'plain-text';
            if (opts.format === 'json') {
              io.out(JSON.stringify({
                file,
                ...(docs.length > 1 ? { id: doc.id } : {}),
                format: doc.format,
                ...(plain ? { note: PLAIN_TEXT_NOTE } : {}),
                findings: findings.map((f) => ({ kind: f.kind, effect: f.effect, impact: f.impact, confidence: f.confidence,
                  section: f.section, cues: f.cues, spans: f.spans })),
              }));
            } else {
              io.out(`${file}${docs.length > 1 ? ` [${doc.id}]` : ''}: ${doc.citation || doc.identifier}${doc.title ? ` — ${doc.title}` : ''}`);
              if (plain) io.out(`  (${PLAIN_TEXT_NOTE})`);
              if (findings.length === 0) io.out('  no provision of a rubric kind found');
              for (const f of findings) {
                io.out(`  ${f.kind} (${f.effect}, ${f.impact}, ${f.confidence.toFixed(2)}) in ${f.section}`);
                io.out(`    cues: ${f.cues.join('; ')}`);
                for (const s of f.spans.slice(0, 3))
                  io.out(`    [${s.start}-${s.end}]${s.section ? ` § ${s.section}` : ''} (${s.status}) «${s.text.replace(/\s+/g, ' ').slice(0, 160)}»`);
              }
            }
          }
        } catch (e) {
          bad = true;
          io.err(e instanceof LawInputError ? `error: ${e.message}` : `error: ${file}: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
      io.exit(bad ? 1 : 0);
    });

  law
    .command('dataset')
    .description('read a LegiScan session dataset whole, ZIP or unpacked folder (bill, vote, people, text JSON; base64 texts decoded), and analyze every bill')
    .argument('<zip>', 'LegiScan dataset archive, or the folder it was unpacked into')
    .option('--format <format>', 'output format: json | text', 'text')
    .action(async (zip: string, opts: { format: string }) => {
      if (opts.format !== 'json' && opts.format !== 'text') {
        io.err(`law dataset: --format must be json or text (got ${opts.format})`);
        io.exit(2);
        return;
      }
      try {
        const { readLegiscanDataset } = await import('./legiscan-dataset.ts');
        let shown = -1;
        const r = await readLegiscanDataset(zip, (done, total) => {
          const pct = Math.floor((done / total) * 10);
          if (pct !== shown || done === total) {
            shown = pct;
            io.err(`  ${done}/${total} payloads read`);
          }
        });
        const withFindings = r.bills.filter((b) => b.findings.length > 0).length;
        if (opts.format === 'json')
          io.out(JSON.stringify({ file: r.file, people: r.people, rollCalls: r.rollCalls, texts: r.texts, ignored: r.ignored,
            bills: r.bills.map((b) => ({ id: b.doc.id, citation: b.doc.citation, title: b.doc.title, status: b.doc.status, votes: b.doc.votes?.length ?? 0,
              ...(b.note ? { note: b.note } : {}), findings: b.findings.map((f) => ({ kind: f.kind, effect: f.effect, impact: f.impact, confidence: f.confidence, spans: f.spans.slice(0, 3) })) })) }));
        else {
          io.out(`${zip}: ${r.bills.length} bills and texts, ${r.texts} texts decoded, ${r.rollCalls} roll calls, ${r.people} people; ${withFindings} with findings`);
          for (const b of r.bills)
            io.out(`  ${b.doc.citation || b.doc.id}: ${b.note ?? (b.findings.map((f) => `${f.kind} (${f.effect})`).join(', ') || 'no provision of a rubric kind found')}`);
        }
        io.exit(0);
      } catch (e) {
        io.err(e instanceof LawInputError ? `error: ${e.message}` : `error: ${zip}: ${e instanceof Error ? e.message : String(e)}`);
        io.exit(1);
      }
    });

  law
    .command('fetch')
    .description('pull the current LegiScan session datasets of a state (needs LEGISCAN_API_KEY) into <data>/law/legiscan/ and analyze every bill')
    .requiredOption('--state <ST>', 'two-letter state code')
    .option('--data <dir>', 'data directory', process.env.COGENCY_DATA ?? '../shared/data')
    .option('--api <url>', 'LegiScan API base URL', LEGISCAN_API)
    .action(async (opts: { state: string; data: string; api: string }) => {
      const key = process.env.LEGISCAN_API_KEY ?? '';
      if (!key) {
        io.err('law fetch: set LEGISCAN_API_KEY to a LegiScan API key (free at legiscan.com) to pull session datasets');
        io.exit(2);
        return;
      }
      try {
        const { pullCurrentSessions } = await import('./legiscan-api.ts');
        const pulled = await pullCurrentSessions({ key, state: opts.state.toUpperCase(), lawDir: join(resolve(opts.data), 'law'), base: opts.api, onProgress: (m) => io.err(`  ${m}`) });
        for (const p of pulled) {
          const r = p.report;
          io.out(r ? `${p.file}: ${r.bills.length} bills and texts, ${r.texts} texts decoded, ${r.bills.filter((b) => b.findings.length).length} with findings` : `${p.file}: unchanged`);
        }
        if (pulled.length === 0) io.out(`${opts.state.toUpperCase()}: no current session datasets`);
        io.exit(0);
      } catch (e) {
        io.err(`error: ${e instanceof Error ? e.message : String(e)}`);
        io.exit(1);
      }
    });

  law
    .command('eval')
    .description('score the analyzer against gold labels: leave-one-jurisdiction-out cross-validation (headline), P/R/F1 per kind')
    .requiredOption('--gold <dir>', 'directory of gold *.jsonl files')
    .option('--texts <dir>', 'law data directory holding manifest.json (default: parent of --gold)')
    .option('--splits <names>', 'comma-separated gold files to use (e.g. shared-3)')
    .option('--in-sample', 'score the shipped model on the gold it was trained on instead (optimistic; not a generalization figure)')
    .option('--json', 'print the report as JSON')
    .action(async (opts: { gold: string; texts?: string; splits?: string; inSample?: boolean; json?: boolean }) => {
      const gold = resolve(opts.gold);
      const texts = resolve(opts.texts ?? dirname(gold));
      if (!existsSync(gold)) {
        io.err(`error: ${gold}: gold directory not found`);
        io.exit(1);
        return;
      }
      if (!existsSync(join(texts, 'manifest.json'))) {
        io.err(`error: ${join(texts, 'manifest.json')}: not found (use --texts DIR)`);
        io.exit(1);
        return;
      }
      try {
        const splits = opts.splits ? opts.splits.split(',') : undefined;
        if (opts.inSample) {
          const { evaluate, formatReport } = await import('./eval.ts');
          const r = await evaluate(gold, texts, splits ? { splits } : {});
          io.out(opts.json ? JSON.stringify(r, null, 2) : `IN-SAMPLE (shipped model scored on its own training texts; optimistic)\n${formatReport(r)}`);
        } else {
          const { crossValidate, formatLojo, loadCorpus } = await import('./training.ts');
          const corpus = await loadCorpus(gold, texts, splits);
          const progress = (j: string, i: number, n: number) => io.err(`  fold ${i + 1}/${n}: holding out ${j}`);
          const { combined, rulesOnly: rules } = crossValidate(corpus, { onFold: opts.json ? undefined : progress });
          if (opts.json) io.out(JSON.stringify({ lojo: combined, lojoRulesOnly: rules }, null, 2));
          else io.out(formatLojo(combined, rules));
        }
        io.exit(0);
      } catch (e) {
        io.err(`error: ${e instanceof Error ? e.message : String(e)}`);
        io.exit(1);
      }
    });
}
