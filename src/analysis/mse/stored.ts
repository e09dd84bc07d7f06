// The studies' overlap tables as loaded into the store (source mse.sparsemse), with provenance.
import type { Store } from '../../store/store.ts';
import type { OverlapTable } from '../../methods/mse/model.ts';
import { MSE_STUDIES, type MseStudy } from '../../methods/mse/studies.ts';
import { estimatePopulation, type MseEstimate } from '../../methods/mse/index.ts';
import { compareWithPublished, periodLabel, type StoredStudyCitation, type StudyReport } from '../../methods/mse/report.ts';
import { SUPPRESSION_THRESHOLD } from '../disclosure.ts';

export { type StudyReport } from '../../methods/mse/report.ts';

export interface StoredStudy {
  study: MseStudy;
  table: OverlapTable;
  citationId: string;
  locator: string;
  source: StoredStudyCitation['source'];
}

export async function storedStudies(store: Store): Promise<StoredStudy[]> {
  const [exists] = await store.all("SELECT count(*) AS n FROM information_schema.tables WHERE table_name = 'mse_overlap' AND table_schema = 'main'");
  if (Number(exists?.n ?? 0) === 0) return [];
  const rows = await store.all(
    `SELECT o.study, o.lists, o.history, o.count, o.source_id, c.id AS citation_id, c.locator, s.sha256, s.retrieved, s.file
     FROM mse_overlap o JOIN sources s ON s.id = o.source_id LEFT JOIN citations c ON c.source_id = o.source_id AND c.importer_key = o.source_id || ':' || o.study
     ORDER BY o.study, o.line`,
  );
  const byStudy = new Map<string, StoredStudy>();
  for (const r of rows) {
    const id = String(r.study);
    const study = MSE_STUDIES.find((s) => s.id === id);
    if (!study) continue;
    let entry = byStudy.get(id);
    if (!entry) {
      entry = {
        study,
        table: { lists: JSON.parse(String(r.lists)) as string[], rows: [] },
        citationId: String(r.citation_id ?? ''),
        locator: String(r.locator ?? ''),
        source: { id: String(r.source_id), sha256: String(r.sha256), retrieved: String(r.retrieved), file: String(r.file) },
      };
      byStudy.set(id, entry);
    }
    const flags = String(r.history);
    let history = 0;
    for (let i = 0; i < flags.length; i++) if (flags[i] === '1') history |= 1 << i;
    entry.table.rows.push({ history, count: Number(r.count) });
  }
  // Catalogue order (the published UK table first).
  return MSE_STUDIES.map((s) => byStudy.get(s.id)).filter((x): x is StoredStudy => x !== undefined);
}


export function studyReport(s: StoredStudy, opts: { replicates?: number; seed?: number; resample?: 'observed' | 'fitted' } = {}): StudyReport {
  return studyReportFrom(s, estimatePopulation(s.table, opts));
}

/** The report for a study around an estimate computed elsewhere (e.g. in the worker thread). */
export function studyReportFrom(s: StoredStudy, est: MseEstimate): StudyReport {
  return {
    id: s.study.id,
    title: s.study.title,
    place: s.study.place,
    population: s.study.population,
    lists: s.table.lists,
    listsDescription: s.study.listsDescription,
    periodLabel: periodLabel(s.study),
    periodKind: s.study.periodKind,
    observed: est.observed,
    estimate: est,
    published: s.study.published,
    differenceFromPublished: s.study.published && est.estimate !== null ? est.estimate - s.study.published.estimate : null,
    comparisons: compareWithPublished(s.study, est),
    searchNote: s.study.searchNote,
    citation: { id: s.citationId, locator: s.locator, study: s.study.citation, url: s.study.url, source: s.source },
    note: s.study.note,
    table: disclosedCells(s),
  };
}

/**
 * The overlap cells as they may be published. Below state level a cell of 1–9 cases is withheld;
 * if only one cell would be withheld, the next smallest is withheld too, so no withheld cell can
 * be recovered from the observed total.
 */
export function disclosedCells(s: StoredStudy): StudyReport['table'] {
  const cells = s.table.rows.map((r) => ({ flags: s.table.lists.map((_, i) => (r.history >> i) & 1), count: r.count as number | null, suppressed: false }));
  if (!s.study.subState) return cells;
  const small = (c: number | null) => c !== null && c >= 1 && c < SUPPRESSION_THRESHOLD;
  for (const c of cells) if (small(c.count)) Object.assign(c, { count: null, suppressed: true });
  if (cells.filter((c) => c.suppressed).length === 1) {
    const next = cells.filter((c) => !c.suppressed && c.count !== null && c.count > 0).sort((a, b) => a.count! - b.count!)[0];
    if (next) Object.assign(next, { count: null, suppressed: true });
  }
  return cells;
}
