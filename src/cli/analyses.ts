// `cogency mse`, `cogency funnel`, `cogency funding`: the analyses, on the command line.
import { readFile, stat } from 'node:fs/promises';
import { Command, Option } from 'commander';
import type { WithStore } from './commands.ts';
import { InputError, UsageError } from '../sources/errors.ts';
import { estimatePopulation, MAX_REPLICATES, type MseEstimate } from '../methods/mse/index.ts';
import { parseOverlapCsv } from '../sources/mse/table.ts';
import { MAX_TABLE_BYTES } from '../sources/mse/source.ts';
import { storedStudies, studyReport } from '../analysis/mse/stored.ts';
import type { ComparisonReport } from '../methods/mse/report.ts';
import { MSE_CRITIQUES } from '../methods/mse/studies.ts';
import { enforcementFunnel, type FunnelReport } from '../analysis/funnel.ts';
import { fundingAgainstNeed, type FundingReport } from '../analysis/funding.ts';
import { POPULATION_LABELS, SERVICE_POPULATIONS, servicesAgainstNeed } from '../analysis/funding-services.ts';
import { parsePeriod } from '../analysis/query.ts';

type Format = 'table' | 'json';

function intOption(raw: string | undefined, name: string, min: number, max: number, dflt: number): number {
  if (raw === undefined) return dflt;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}`);
  return Number(raw);
}

const fmt = (n: number | null | undefined) => (n === null || n === undefined || !Number.isFinite(n) ? '—' : Math.round(n).toLocaleString('en-US'));

/** Each published figure beside ours: a reproduction (model known) with the difference, or a range with inside/outside. */
export function formatComparisons(cs: ComparisonReport[]): string {
  return cs
    .map((c) => {
      const what = c.compareWith === 'stepwise' ? 'our stepwise estimate' : 'our main-effects estimate';
      const pub = c.point !== null ? `${fmt(c.point)}${c.low !== null && c.high !== null ? ` (${fmt(c.low)}–${fmt(c.high)})` : ''}` : `${fmt(c.low)}–${fmt(c.high)}`;
      const verdict =
        c.ours === null ? 'no estimate of ours to compare'
        : c.difference !== null ? `${what} ${fmt(c.ours)}, difference ${c.difference.toFixed(2)}`
        : `${what} ${fmt(c.ours)} is ${c.insideRange ? 'inside' : 'OUTSIDE'} the range${c.mainEffectsInsideRange === null || c.mainEffectsInsideRange === c.insideRange ? '' : `; the main-effects estimate is ${c.mainEffectsInsideRange ? 'inside' : 'OUTSIDE'} it`}`;
      return `Published${c.modelKnown ? ' (same model)' : ' (model not known here; comparison only)'}: ${pub} — ${c.label}. ${verdict}. ${c.citation}\n`;
    })
    .join('');
}

export function formatEstimate(e: MseEstimate, periodLabel: string): string {
  const lines: string[] = [];
  lines.push(`Lists: ${e.lists.join(', ')}`);
  lines.push(`Observed (on at least one list): ${fmt(e.observed)}`);
  lines.push(`Checks: ${e.check.message}`);
  if (e.estimate === null) return lines.join('\n') + '\n';
  lines.push(`Estimated total: ${fmt(e.estimate)}  (${periodLabel})`);
  lines.push(`  of which never listed (dark figure): ${fmt(e.darkFigure)}`);
  if (e.interval)
    lines.push(`  95% interval (${e.interval.method}): ${fmt(e.interval.low)} – ${fmt(e.interval.high)}${e.interval.atEdge ? '  [an end lies at the edge of the bootstrap distribution: not reliable]' : ''}`);
  if (e.interval80) lines.push(`  80% interval: ${fmt(e.interval80.low)} – ${fmt(e.interval80.high)}`);
  if (e.naiveInterval) lines.push(`  95% interval ignoring model selection (log-normal, selected model only): ${fmt(e.naiveInterval.low)} – ${fmt(e.naiveInterval.high)}`);
  if (e.bootstrap) lines.push(`  bootstrap: ${e.bootstrap.replicates} resamples, seed ${e.bootstrap.seed}, ${e.bootstrap.failed} without an estimate`);
  lines.push(`Chosen model: main effects + ${e.model?.twoListEffects.length ? e.model.twoListEffects.join(', ') : 'no two-list effects'}`);
  if (e.model?.nonOverlappingEffects.length) lines.push(`  non-overlapping pairs fitted as −∞: ${e.model.nonOverlappingEffects.join(', ')}`);
  for (const s of e.model?.steps ?? []) lines.push(`  step: + ${s.added}  (p = ${s.pValue.toExponential(2)}; estimate then ${fmt(s.estimateAfter)})`);
  lines.push(`Main-effects model alone: ${fmt(e.mainEffectsEstimate)}  (the spread between models is part of the uncertainty)`);
  if (e.sensitivity.length)
    lines.push(`Threshold for adding an effect → estimate: ${e.sensitivity.map((x) => `${x.pThreshold === 0 ? 'main effects' : `p<${x.pThreshold}`} ${fmt(x.estimate)}`).join('; ')}`);
  lines.push('Published critiques of the method:');
  for (const c of MSE_CRITIQUES) lines.push(`  - ${c.claim} (${c.citation})`);
  return lines.join('\n') + '\n';
}

export function registerAnalysesCommands(program: Command, withStore: WithStore): void {
  program
    .command('mse')
    .description('hidden-population estimate by multiple systems estimation: a loaded study (--study) or your own overlap table (--file); nothing is stored')
    .option('--study <id>', 'a loaded study, e.g. UKdat_5 (omit both options to list the studies)')
    .option('--file <csv>', 'your own overlap table: one 0/1 column per list, last column "count"')
    .option('--replicates <n>', `bootstrap resamples, 0–${MAX_REPLICATES} (default 1000)`)
    .option('--seed <n>', 'random seed (default 1234)')
    .addOption(new Option('--resample <how>', 'bootstrap: observed (multinomial on the observed histories) or fitted (samples from the selected model)').choices(['observed', 'fitted']).default('observed'))
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action(async (opts: { study?: string; file?: string; replicates?: string; seed?: string; resample: 'observed' | 'fitted'; format: Format }) => {
      const replicates = intOption(opts.replicates, 'replicates', 0, MAX_REPLICATES, 1000);
      const seed = intOption(opts.seed, 'seed', 0, 2 ** 31 - 1, 1234);
      const out = process.stdout;
      if (opts.study && opts.file) throw new UsageError('give --study or --file, not both');
      if (opts.file) {
        const size = (await stat(opts.file).catch(() => null))?.size;
        if (size === undefined) throw new UsageError(`--file: cannot read ${opts.file}`);
        if (size > MAX_TABLE_BYTES) throw new InputError(opts.file, null, null, `file is ${size} bytes; an overlap table is at most ${MAX_TABLE_BYTES}`);
        const table = parseOverlapCsv(await readFile(opts.file, 'utf8'), opts.file);
        const e = estimatePopulation(table, { replicates, seed, resample: opts.resample });
        out.write(opts.format === 'json' ? JSON.stringify(e, null, 2) + '\n' : formatEstimate(e, 'total over the period your lists cover'));
        return;
      }
      await withStore(async (store) => {
        const studies = await storedStudies(store);
        if (studies.length === 0) {
          out.write('No list-overlap tables are loaded. Run `cogency ingest mse` (files under stats/mse-hidden-population/).\n');
          return;
        }
        if (!opts.study) {
          const rows = studies.map((s) => studyReport(s, { replicates: 0 }));
          if (opts.format === 'json') return void out.write(JSON.stringify(rows, null, 2) + '\n');
          for (const r of rows) {
            out.write(`${r.id.padEnd(10)} observed ${fmt(r.observed).padStart(6)}  estimate ${fmt(r.estimate.estimate).padStart(8)}  ${r.periodLabel}\n`);
            out.write(`${''.padEnd(10)} ${r.title}\n`);
            if (r.published) out.write(`${''.padEnd(10)} published: ${fmt(r.published.estimate)} (${r.published.citation})\n`);
            for (const c of r.comparisons.filter((x) => !x.modelKnown)) out.write(`${''.padEnd(10)} published range (model not known here): ${fmt(c.low)}–${fmt(c.high)}${c.insideRange === null ? '' : c.insideRange ? ', ours inside' : ', ours OUTSIDE'}\n`);
          }
          out.write('Open one with --study ID for the bootstrap interval, the chosen model and the critiques of the method.\n');
          return;
        }
        const s = studies.find((x) => x.study.id === opts.study);
        if (!s) throw new UsageError(`--study: no loaded study "${opts.study}"; loaded: ${studies.map((x) => x.study.id).join(', ')}`);
        const r = studyReport(s, { replicates, seed, resample: opts.resample });
        if (opts.format === 'json') return void out.write(JSON.stringify(r, null, 2) + '\n');
        out.write(`${r.title}\nPopulation: ${r.population}\nLists: ${r.listsDescription}\n`);
        out.write(formatEstimate(r.estimate, r.periodLabel));
        if (r.published) out.write(`Published: ${fmt(r.published.estimate)}${r.published.interval ? `, ${r.published.interval}` : ''} — ${r.published.citation}; difference ${r.differenceFromPublished?.toFixed(2)}\n`);
        out.write(formatComparisons(r.comparisons));
        if (r.searchNote) out.write(`Why no published point is checked: ${r.searchNote}\n`);
        out.write(`Source: ${r.citation.locator} (sha256 ${r.citation.source.sha256.slice(0, 12)})\n`);
      });
    });

  program
    .command('funnel')
    .description('enforcement funnel: offenses, referrals, arrests, prosecutions, convictions — trafficking and prostitution as separate funnels; ratios only between like stages')
    .option('--place <place>', 'USA (default), a U.S. state code (VT) or WORLD')
    .option('--period <year>', 'one year (default: the latest with figures)')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action(async (opts: { place?: string; period?: string; format: Format }) => {
      const period = opts.period === undefined ? undefined : intOption(opts.period, 'period', 1900, 2100, 0);
      await withStore(async (store) => {
        const r = await enforcementFunnel(store, { place: opts.place, period });
        process.stdout.write(opts.format === 'json' ? JSON.stringify(r, null, 2) + '\n' : formatFunnel(r));
      });
    });

  program
    .command('funding')
    .description('funding against need: U.S. anti-trafficking grants abroad per estimated victim (with the denominator\'s source and year), beside the TIP tier')
    .option('--place <iso3>', 'one recipient country (ISO 3166-1 alpha-3)')
    .option('--period <years>', 'a grant year (2008) or a range (2001-2010); default 2001-2014')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action(async (opts: { place?: string; period?: string; format: Format }) => {
      const [from, to] = opts.period ? parsePeriod(opts.period) : [undefined, undefined];
      await withStore(async (store) => {
        const r = await fundingAgainstNeed(store, { place: opts.place, from, to });
        process.stdout.write(opts.format === 'json' ? JSON.stringify(r, null, 2) + '\n' : formatFunding(r, Boolean(opts.place)));
      });
    });
}

export function registerServicesCommand(program: Command, withStore: WithStore): void {
  program
    .command('services')
    .description('services in the loaded directories by place and population served ("none known" distinct from 0), and domestic award dollars')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
    .action(async (opts: { format: Format }) => {
      await withStore(async (store) => {
        const r = await servicesAgainstNeed(store);
        if (opts.format === 'json') return void process.stdout.write(JSON.stringify(r, null, 2) + '\n');
        const out: string[] = [];
        for (const d of r.directories) out.push(`${d.title}: ${d.services} services. Terms: ${d.terms}`);
        out.push('', `${'place'.padEnd(24)} ${SERVICE_POPULATIONS.map((p) => p.padStart(24)).join('')}   per million`);
        for (const p of r.places)
          out.push(`${`${p.placeName} (${p.place})`.padEnd(24).slice(0, 24)} ${SERVICE_POPULATIONS.map((k) => String(p.counts[k]).padStart(24)).join('')}   ${p.perMillion ?? '—'}`);
        if (r.awards.length) {
          out.push('', 'Domestic anti-trafficking awards (federal action obligations):');
          for (const a of r.awards) out.push(`  ${a.place} FY${a.fiscalYear} ${a.programNumber} ${a.programTitle}: $${fmt(a.amount)} (${a.transactions} transactions)`);
        }
        out.push('', ...SERVICE_POPULATIONS.map((k) => `${k}: ${POPULATION_LABELS[k]}`), '', ...r.notes.map((n) => `* ${n}`));
        process.stdout.write(out.join('\n') + '\n');
      });
    });
}

export function formatFunnel(r: FunnelReport): string {
  const out: string[] = [`Enforcement funnel — ${r.placeName} (${r.place}), ${r.period ?? 'no year with figures'}${r.years.length ? `; years with figures: ${r.years[0]}–${r.years[r.years.length - 1]}` : ''}`];
  for (const f of r.funnels) {
    out.push('', `${f.title}  [${f.topic}]`);
    for (const s of f.stages) {
      for (const x of s.series) {
        const v = x.status === 'value' ? fmt(x.value) : x.status;
        out.push(`  ${String(s.order)}. ${x.label.padEnd(62)} ${v.padStart(12)}  ${x.unit}, ${x.periodKind}, ${x.cohortRule}; ${x.publisher}${x.coverage ? ` — ${x.coverage}` : ''}`);
      }
    }
    for (const q of f.ratios) out.push(`     ${q.from} → ${q.to}: ${q.computed ? (q.value === null ? 'no figures for both' : q.value.toFixed(3)) : 'refused'} — ${q.explanation}`);
  }
  if (r.notLoaded.length) out.push('', `Not loaded: ${r.notLoaded.join(', ')}`);
  out.push('', ...r.caveats.map((c) => `* ${c}`));
  return out.join('\n') + '\n';
}

export function formatFunding(r: FundingReport, byYear: boolean): string {
  const out: string[] = [`Funding against need, grant years ${r.from}–${r.to}`];
  if (r.countries.length === 0) out.push('No grants for this selection.');
  for (const c of byYear ? r.countries : r.countries.slice(0, 40)) {
    const ev = c.estimatedVictims;
    out.push(
      `${c.country} ${c.name.padEnd(34)} $${fmt(c.totalAmount).padStart(12)}  est. victims ${ev.status === 'value' ? `${fmt(ev.value)} (${ev.year})` : ev.status}  per est. victim ${c.totalPerEstimatedVictim === null ? '—' : `$${c.totalPerEstimatedVictim.toFixed(2)}`}`,
    );
    if (byYear) {
      const iv = c.identifiedVictims;
      out.push(`    victims identified (country): ${iv.status === 'value' ? `${fmt(iv.value)} (${iv.year})` : iv.status}`);
      for (const y of c.years)
        out.push(`    ${y.year}  $${fmt(y.amount).padStart(12)}  ${String(y.projects).padStart(3)} projects  tier ${y.tier ?? '—'}${y.tierReportYear ? ` (report ${y.tierReportYear})` : ''}  per est. victim ${y.perEstimatedVictim === null ? '—' : `$${y.perEstimatedVictim.toFixed(2)}`}  per identified victim ${y.perIdentifiedVictim === null ? (iv.status === 'value' ? '—' : iv.status) : `$${y.perIdentifiedVictim.toFixed(2)}`}${y.flags.length ? `  [${y.flags.join(', ')}]` : ''}`);
    }
  }
  if (!byYear && r.worldwide.length) {
    out.push('', 'Worldwide: all U.S. project funding abroad against victims identified by all governments (TIP Global Law Enforcement Data)');
    for (const w of r.worldwide)
      out.push(`    ${w.year}  $${fmt(w.amount).padStart(12)}  victims identified ${fmt(w.identifiedVictims).padStart(7)} (${w.identifiedVictimsFlags.filter((f) => /^(grade|report_edition):/.test(f)).join(', ')})  per identified victim ${w.perIdentifiedVictim === null ? '—' : `$${w.perIdentifiedVictim.toFixed(2)}`}${w.flags.length ? `  [${w.flags.join(', ')}]` : ''}`);
  }
  if (!byYear && r.countries.length > 40) out.push(`… ${r.countries.length - 40} more countries (--format json for all, --place ISO3 for one by year)`);
  out.push('', ...r.notes.map((n) => `* ${n}`));
  return out.join('\n') + '\n';
}
