// List-overlap counts for multiple systems estimation: the data sets of the SparseMSE R package
// (written out as CSV in the shared data: one 0/1 column per list, last column the count).
// Each table is validated by the same parser as a user's upload and stored whole in mse_overlap.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../errors.ts';
import { decodeUtf8 } from '../csv.ts';
import { parseOverlapCsv } from './table.ts';
import { MAX_TABLE_BYTES, MSE_SOURCE } from './source.ts';
import { MSE_STUDIES, SPARSEMSE_DIR } from '../../methods/mse/studies.ts';
import { estimatePopulation } from '../../methods/mse/index.ts';
import { compareWithPublished, periodLabel } from '../../methods/mse/report.ts';
import type { Importer } from '../importer.ts';
import { specIfPresent } from '../stats-common/util.ts';

export const MSE_TABLE_COLUMNS = 'study VARCHAR, lists VARCHAR, history VARCHAR, count BIGINT, line INTEGER';
/** The estimate of each study, computed once at load with the default bootstrap (1,000 resamples, seed 1234). */
export const MSE_ESTIMATE_COLUMNS =
  'study VARCHAR, title VARCHAR, place VARCHAR, population VARCHAR, period_label VARCHAR, period_kind VARCHAR, lists VARCHAR, observed BIGINT, ' +
  'estimate DOUBLE, dark_figure DOUBLE, ci95_low DOUBLE, ci95_high DOUBLE, ci95_method VARCHAR, ci95_at_edge BOOLEAN, ci80_low DOUBLE, ci80_high DOUBLE, ' +
  'main_effects_estimate DOUBLE, two_list_effects VARCHAR, non_overlapping_effects VARCHAR, replicates INTEGER, seed INTEGER, ' +
  'published_estimate DOUBLE, published_citation VARCHAR, published_comparisons VARCHAR, citation_id VARCHAR';
export const MSE_BOOTSTRAP = { replicates: 1000, seed: 1234 } as const;

export const mseImporter: Importer = {
  ...MSE_SOURCE,

  async discover(dataDir) {
    return specIfPresent(
      dataDir,
      {
        id: 'mse.sparsemse',
        family: 'mse',
        publisher: 'Chan, Silverman & Vincent, R package SparseMSE 2.0.1 (data from the Home Office, Dutch, New Orleans and NIJ studies cited per table)',
        title: 'Multiple-systems-estimation list-overlap counts: UK 2013, Netherlands, Greater New Orleans, a U.S. western site',
        url: 'https://cran.r-project.org/package=SparseMSE',
        license: 'GPL (≥ 2), as the CRAN package states; aggregated counts, no individual records',
        format: 'csv',
      },
      MSE_STUDIES.map((s) => `${SPARSEMSE_DIR}/${s.file}`),
    );
  },

  async load(spec, stage, dataDir) {
    const src = stage.source.id;
    const table = await stage.factTable('mse_overlap', MSE_TABLE_COLUMNS);
    const a = await stage.connection.createAppender(table, 'main', 'temp');
    const estTable = await stage.factTable('mse_estimates', MSE_ESTIMATE_COLUMNS);
    const e = await stage.connection.createAppender(estTable, 'main', 'temp');
    stage.caveat({
      sourceId: src, measure: null, place: null, period: null,
      text: 'Counts of identified (potential or presumed) victims by the combination of lists they appear on; the lists mix sex and labour exploitation except the Western table (sex trafficking only). Periods are as in each study; a table whose period is not stated is never presented as annual.',
    });
    try {
      for (const path of spec.files) {
        const rel = path.slice(join(dataDir, '/').length);
        const study = MSE_STUDIES.find((s) => rel.endsWith(`/${s.file}`));
        if (!study) throw new InputError(rel, null, null, 'not one of the SparseMSE tables this importer knows');
        const size = (await stat(path)).size;
        if (size > MAX_TABLE_BYTES) throw new InputError(rel, null, null, `file is ${size} bytes; an overlap table is at most ${MAX_TABLE_BYTES}`);
        const text = decodeUtf8(await readFile(path), rel);
        const t = parseOverlapCsv(text, rel);
        const cited = stage.citation({ id: `${src}:${study.id}`, sourceId: src, locator: `${rel} (SparseMSE data set ${study.id}); ${study.citation}` });
        const lines = text.split(/\r?\n/);
        for (const r of t.rows) {
          stage.rowsRead++;
          const flags = t.lists.map((_, i) => (r.history >> i) & 1).join('');
          const line = 1 + lines.slice(1).findIndex((l) => l.split(',').slice(0, t.lists.length).join('') === flags) + 1;
          a.appendVarchar(src);
          a.appendVarchar(study.id);
          a.appendVarchar(JSON.stringify(t.lists));
          a.appendVarchar(flags);
          a.appendBigInt(BigInt(r.count));
          a.appendInteger(line);
          a.endRow();
          stage.rowsStored++;
        }
        const est = estimatePopulation(t, MSE_BOOTSTRAP);
        const values: (string | number | boolean | null)[] = [
          src, study.id, study.title, study.place, study.population, periodLabel(study), study.periodKind, JSON.stringify(t.lists), est.observed,
          est.estimate, est.darkFigure, est.interval?.low ?? null, est.interval?.high ?? null, est.interval?.method ?? null, est.interval?.atEdge ?? null,
          est.interval80?.low ?? null, est.interval80?.high ?? null, est.mainEffectsEstimate, JSON.stringify(est.model?.twoListEffects ?? []),
          JSON.stringify(est.model?.nonOverlappingEffects ?? []), MSE_BOOTSTRAP.replicates, MSE_BOOTSTRAP.seed,
          study.published?.estimate ?? null, study.published?.citation ?? null, JSON.stringify(compareWithPublished(study, est)), cited,
        ];
        const whole = new Set([8, 21, 22]); // observed, replicates, seed: integer columns
        for (const [i, v] of values.entries()) {
          if (v === null) e.appendNull();
          else if (whole.has(i) && i === 8) e.appendBigInt(BigInt(v as number));
          else if (whole.has(i)) e.appendInteger(v as number);
          else if (typeof v === 'boolean') e.appendBoolean(v);
          else if (typeof v === 'number') e.appendDouble(v);
          else e.appendVarchar(v);
        }
        e.endRow();
      }
    } finally {
      a.closeSync();
      e.closeSync();
    }
  },
};
