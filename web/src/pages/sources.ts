// Sources: every loaded file with its provenance, caveats and the measures it feeds, then every
// file in the data directory that is not loaded, with the reason.
import { api, type NotLoadedGroup, type SourceSummary } from '../api.ts';
import { clear, el } from '../dom.ts';

export async function render(root: HTMLElement): Promise<void> {
  const [{ sources, notLoaded, inventoryErrors, known }, measures] = await Promise.all([api.inventory(), api.measures()]);
  const label = new Map(measures.map((m) => [m.id, m.label]));
  clear(root).append(
    el('h1', {}, 'Sources'),
    el('p', {}, [
      `${sources.length} source files are loaded. Each is checked, checksummed and loaded whole or not at all. `,
      el('a', { href: '/api/v1/export', id: 'export-link' }, 'Download everything as a Data Package'),
      ' (CSV and Parquet with a datapackage.json descriptor).',
    ]),
    ...sources.map((s) =>
      el('article', { class: 'source', id: `source-${s.id}` }, [
        el('h2', {}, s.title),
        el('dl', {}, [
          ...pair('Publisher', s.publisher),
          ...pair('File', `${s.file} (${s.bytes.toLocaleString('en-US')} bytes, ${s.format})`),
          ...pair('Where it came from', el('a', { href: s.url, rel: 'noreferrer noopener' }, s.url)),
          ...pair('License', s.license),
          ...pair('Retrieved', s.retrieved),
          ...pair('sha256', el('code', {}, s.sha256)),
          ...pair('Rows', `${s.rows_read.toLocaleString('en-US')} read, ${s.rows_stored.toLocaleString('en-US')} values stored, ${s.rows_rejected} rejected`),
          ...pair(
            'Measures',
            el('ul', {}, (s.measures ?? []).map((id) => el('li', {}, [el('a', { href: `/explore?measure=${encodeURIComponent(id)}` }, label.get(id) ?? id), ` (${id})`]))),
          ),
        ]),
        el('h3', {}, 'Caveats'),
        el('ul', { class: 'caveats' }, ((s as unknown as { caveats: string[] | null }).caveats ?? []).map((c) => el('li', {}, c))),
      ]),
    ),
  );
  root.append(notLoadedSection(notLoaded, inventoryErrors), knownSection(known, label));
}

/** Every source Cogency reads, from its descriptor: what it claims, what its measures count and do not, its caveats and how to cite it. */
function knownSection(known: SourceSummary[], label: Map<string, string>): HTMLElement {
  return el('section', { id: 'known-sources' }, [
    el('h2', {}, 'Every source Cogency reads'),
    el('p', {}, `${known.length} sources, whether or not their files are in this data directory. Run \`cogency fetch\` to download the files a source names.`),
    ...known.map((k) =>
      el('details', { class: 'known-source', id: `known-${k.id}` }, [
        el('summary', {}, `${k.title} (${k.id})`),
        el('dl', {}, [
          ...pair('Publisher', k.publisher),
          ...pair('Cite as', el('code', {}, k.citation)),
          ...pair('Files', el('ul', {}, k.claims.map((c) => el('li', {}, [el('code', {}, c.pattern), ` ${c.format}, at most ${(c.maxBytes / 2 ** 20).toLocaleString('en-US')} MiB${c.notLoaded ? ` — not loaded: ${c.notLoaded}` : ''}`])))),
          ...(k.defaultViews.length
            ? pair(
                'Start with',
                el('ul', {}, k.defaultViews.map((v) => el('li', {}, el('a', { href: `/explore?${new URLSearchParams({ measure: v.measure, chart: v.chart, ...(v.place ? { places: v.place } : {}) }).toString()}` }, `${label.get(v.measure) ?? v.measure} (${v.chart})`)))),
              )
            : []),
          ...pair('Download', k.fetchFiles ? `${k.fetchFiles} file${k.fetchFiles === 1 ? '' : 's'} with a known address (cogency fetch ${k.id})` : 'no download address known'),
        ]),
        ...k.measureGroups.map((g) =>
          el('div', { class: 'measure-group' }, [
            el('ul', {}, g.measures.map((id) => el('li', {}, [el('a', { href: `/explore?measure=${encodeURIComponent(id)}` }, label.get(id) ?? id), ` (${id})`]))),
            el('dl', {}, [...pair('Over', g.universe), ...pair('Counts', g.counts), ...pair('Does not count', g.excludes)]),
            el('ul', { class: 'caveats' }, g.caveats.map((c) => el('li', {}, c))),
          ]),
        ),
        el('h3', {}, 'Caveats on every figure of this source'),
        el('ul', { class: 'caveats' }, k.caveats.map((c) => el('li', {}, c))),
      ]),
    ),
  ]);
}

function pair(term: string, value: string | HTMLElement): HTMLElement[] {
  return [el('dt', {}, term), el('dd', {}, value)];
}

/** No silent omission: every file in the data directory that is not loaded, with the reason. */
function notLoadedSection(groups: NotLoadedGroup[], errors: { importer: string; message: string }[]): HTMLElement {
  const files = groups.reduce((n, g) => n + g.files.length, 0);
  return el('section', { id: 'not-loaded' }, [
    el('h2', {}, 'Files not loaded, and why'),
    el('p', {}, `${files} file${files === 1 ? '' : 's'} in the data directory ${files === 1 ? 'is' : 'are'} not loaded. Each is listed with the reason.`),
    ...errors.map((e) => el('p', { class: 'error' }, `The ${e.importer} importer could not look for its files: ${e.message}`)),
    el('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Files not loaded' }, [
      el('table', { id: 'not-loaded-table' }, [
        el('thead', {}, el('tr', {}, ['File or folder', 'Files', 'Why it is not loaded'].map((h) => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, groups.map((g) => el('tr', {}, [
          el('th', { scope: 'row' }, g.files.length > 1 ? el('details', {}, [el('summary', {}, g.path), el('ul', {}, g.files.map((f) => el('li', {}, f.slice(g.path.length))))]) : g.path),
          el('td', {}, String(g.files.length)),
          el('td', {}, g.reason),
        ]))),
      ]),
    ]),
  ]);
}
