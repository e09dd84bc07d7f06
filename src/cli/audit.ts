// `cogency audit disclosure`: the feasible interval of every withheld sub-state cell given
// everything published, and a non-zero exit when any can be narrowed below the rule.
import type { Command } from 'commander';
import { Option } from 'commander';
import { loadConfig } from '../config.ts';
import { Store } from '../store/store.ts';
import { auditDisclosure, type AuditReport } from '../analysis/disclosure/audit.ts';
import { disclosureCosts, type DisclosureCost } from '../analysis/disclosure/families.ts';
import { disclosureRule } from '../analysis/disclosure/rule.ts';

/** Exit code of a failed audit (a withheld count can be worked out, or a small count is shown). */
export const AUDIT_FAILED = 1;

export function registerAuditCommand(program: Command): void {
  const audit = program.command('audit').description('check what Cogency publishes');
  audit
    .command('disclosure')
    .description('for every published sub-state table, how far each withheld count can be narrowed from everything published; fails if any below the rule')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action(async (opts: { format: 'table' | 'json' }) => {
      const cfg = loadConfig(program.opts());
      const store = await Store.open(cfg.dbPath);
      try {
        const rule = disclosureRule();
        const costs = await disclosureCosts(store, rule);
        const report = await auditDisclosure(store, { rule });
        if (opts.format === 'json') process.stdout.write(JSON.stringify({ ...report, costs }, null, 2) + '\n');
        else process.stdout.write(formatAudit(report, costs));
        if (report.recoverable.length > 0 || report.shownSmall > 0) process.exitCode = AUDIT_FAILED;
      } finally {
        store.close();
      }
    });
}

const fmt = (n: number) => n.toLocaleString('en-US');

export function formatAudit(r: AuditReport, costs: DisclosureCost[]): string {
  const lines = [
    `Disclosure audit: counts from 1 to ${r.threshold - 1} below state level; each withheld one must stay feasible from 0 to ${r.threshold} (or to what the state figures allow).`,
    '',
    'source                      tables      cells    primary   withheld   unnamed (state-years)',
    ...costs.map((c) => `${c.sourceId.padEnd(24)} ${fmt(c.tables).padStart(9)} ${fmt(c.cells).padStart(10)} ${fmt(c.primary).padStart(10)} ${fmt(c.withheld).padStart(10)} ${fmt(c.unnamedStateYears).padStart(10)}`),
    '',
    `tables audited: ${fmt(r.tables)}; cells: ${fmt(r.cells)}; withheld: ${fmt(r.withheld)} (${fmt(r.primary)} of them counts from 1 to ${r.threshold - 1})`,
    `small counts shown: ${fmt(r.shownSmall)}`,
    `withheld counts that can be narrowed below the rule: ${fmt(r.recoverable.length)}`,
    ...r.recoverable.slice(0, 20).map((c) => `  ${c.measure} ${c.period} ${c.state} ${c.agency}${c.category ? ` ${c.category}` : ''}: feasible ${c.lo}–${c.hi}, required ${c.requiredLo}–${c.requiredHi}`),
    `cells of a state's only agency shown unnamed (a small count the state figure would otherwise tie to it): ${fmt(r.unnamed)}`,
    `time: ${r.seconds.toFixed(1)} s`,
    r.recoverable.length || r.shownSmall ? 'FAILED' : 'ok',
  ];
  return lines.join('\n') + '\n';
}
