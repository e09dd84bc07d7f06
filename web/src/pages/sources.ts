// Sources: every loaded file with its provenance, caveats and the measures it feeds.
import { api } from '../api.ts';
import { clear, el } from '../dom.ts';

export async function render(root: HTMLElement): Promise<void> {
  const [sources, measures] = await Promise.all([api.sources(), api.measures()]);
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
}

function pair(term: string, value: string | HTMLElement): HTMLElement[] {
  return [el('dt', {}, term), el('dd', {}, value)];
}
