// `cogency claim "TEXT" [--format text|json]`: check a claim against the record in the store.
// Exit codes: 0 ok, 1 bad input (empty, too long, not English), 2 usage.
import type { Command } from 'commander';
import type { Store } from '../store/store.ts';
import { VERDICT_LABEL, checkClaim, type CheckResult } from './check.ts';
import { ClaimInputError } from '../methods/claims/parse.ts';

export interface ClaimCliIo {
  out: (s: string) => void;
  err: (s: string) => void;
  exit: (code: number) => void;
}

const defaultIo: ClaimCliIo = {
  out: (s) => process.stdout.write(s + '\n'),
  err: (s) => process.stderr.write(s + '\n'),
  exit: (code) => {
    process.exitCode = code;
  },
};

export function formatCheck(r: CheckResult): string {
  const p = r.parse;
  const lines = [
    `${VERDICT_LABEL[r.verdict]}: ${r.headline}`,
    ...r.explanation.map((e) => `  ${e}`),
    '',
    `Parse: quantity ${p.quantityText ?? '—'} · unit ${p.unit} · counted ${p.counted} · place ${p.place ?? '—'} · period ${p.period ? (p.period.from === p.period.to ? p.period.from : `${p.period.from}–${p.period.to}`) : '—'} · comparison ${p.comparison}${p.change !== null ? ` (${p.change}%)` : ''}${p.tier ? ` · ${p.tier}` : ''}`,
  ];
  if (r.record) {
    lines.push(`Record: ${r.record.label}, ${r.record.place}, ${r.record.period}: ${typeof r.record.value === 'number' ? r.record.value.toLocaleString('en-US') : r.record.value}`);
    lines.push(`Query: ${r.record.query}`);
    for (const c of r.record.citations.slice(0, 3)) lines.push(`Source: ${c.publisher}, ${c.title} — ${c.url}`);
    for (const c of r.record.caveats.slice(0, 3)) lines.push(`Caveat: ${c}`);
  }
  if (r.difference) lines.push(`Difference: ${r.difference.absolute.toLocaleString('en-US')}${r.difference.percent !== null ? ` (${r.difference.percent.toFixed(1)}%)` : ' percentage points'}`);
  if (r.registry) {
    lines.push(`Known figure: ${r.registry.figure}`);
    for (const s of r.registry.sources) lines.push(`  traced by: ${s.title} — ${s.url}`);
  }
  if (r.recordHas.length) lines.push('What the record has:', ...r.recordHas.map((h) => `  ${h}`));
  return lines.join('\n');
}

export function registerClaimCommand(program: Command, withStore: <T>(fn: (store: Store) => Promise<T>) => Promise<T>, io: ClaimCliIo = defaultIo): void {
  program
    .command('claim')
    .description('check a claim ("arrests for trafficking doubled") against the official record')
    .argument('<text...>', 'the claim (quote it)')
    .option('--format <format>', 'text or json', 'text')
    .action(async (words: string[], opts: { format: string }) => {
      if (opts.format !== 'text' && opts.format !== 'json') {
        io.err(`claim: --format must be text or json (got ${opts.format})`);
        io.exit(2);
        return;
      }
      try {
        const r = await withStore((store) => checkClaim(store, words.join(' ')));
        io.out(opts.format === 'json' ? JSON.stringify(r, null, 2) : formatCheck(r));
        io.exit(0);
      } catch (e) {
        if (!(e instanceof ClaimInputError)) throw e;
        io.err(`claim: ${e.message}`);
        io.exit(1);
      }
    });
}
