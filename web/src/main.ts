// The explorer: a small router over pages; every page keeps its state in the URL.
import { api, gatherPageData } from './api.ts';
import { clear, el } from './dom.ts';
import { readParams } from './state.ts';

const status = document.getElementById('status')!;
const app = document.getElementById('app')!;

type Page = (root: HTMLElement, params: Record<string, string>, match: RegExpMatchArray) => Promise<void>;

const ROUTES: [RegExp, Page][] = [
  [/^\/$/, async (root) => (await import('./pages/overview.ts')).render(root)],
  [/^\/explore$/, async (root, p) => (await import('./pages/explore.ts')).render(root, p)],
  [/^\/embed\/explore$/, async (root, p) => (await import('./pages/explore.ts')).render(root, p, true)],
  [/^\/map$/, async (root, p) => (await import('./pages/tipmap.ts')).render(root, p)],
  [/^\/place\/([A-Za-z0-9_-]+)$/, async (root, _p, m) => (await import('./pages/place.ts')).render(root, m[1]!.toUpperCase())],
  [/^\/sources$/, async (root) => (await import('./pages/sources.ts')).render(root)],
  [/^\/methodology$/, async (root) => (await import('./pages/methodology.ts')).render(root)],
  [/^\/law$/, async (root, p) => (await import('./pages/law/bills.ts')).render(root, p, location.pathname)],
  [/^\/law\/compare$/, async (root, p) => (await import('./pages/law/compare.ts')).render(root, p, location.pathname)],
  [/^\/law\/analyze$/, async (root, p) => (await import('./pages/law/analyze.ts')).render(root, p, location.pathname)],
  [/^\/analyses$/, async (root) => (await import('./pages/analyses/index.ts')).render(root)],
  [/^\/analyses\/mse$/, async (root, p) => (await import('./pages/analyses/mse.ts')).render(root, p)],
  [/^\/analyses\/funnel$/, async (root, p) => (await import('./pages/analyses/funnel.ts')).render(root, p)],
  [/^\/analyses\/funding$/, async (root, p) => (await import('./pages/analyses/funding.ts')).render(root, p)],
  [/^\/relief$/, async (root) => (await import('./pages/relief.ts')).render(root)],
  [/^\/claims$/, async (root) => (await import('./pages/claims.ts')).render(root)],
  [/^\/bills\/.+$/, async (root, p) => (await import('./pages/law/bill.ts')).render(root, p, location.pathname)],
];

function noData(): HTMLElement {
  return el('section', { class: 'empty' }, [
    el('h1', {}, 'No data loaded yet'),
    // The server does not publish its filesystem paths; the person running it knows where it looked.
    el('p', {}, 'Cogency found no official files in its data directory (the one `npm start` named when it started).'),
    el('p', {}, 'To load data: put the official files in a folder laid out as described in the README ("Getting data"), then run:'),
    el('pre', {}, 'COGENCY_DATA=/path/to/data npm start'),
    el('p', {}, 'Each file is checked, cited with its checksum and loaded whole or not at all.'),
  ]);
}

async function route(): Promise<void> {
  const path = location.pathname.replace(/\/+$/, '') || '/';
  document.body.classList.toggle('embed', path.startsWith('/embed/'));
  gatherPageData(path);
  const st = await api.status();
  if (st.sourcesLoaded === 0 && !['/sources', '/methodology', '/law/analyze', '/analyses', '/analyses/mse', '/relief', '/claims'].includes(path)) {
    status.textContent = '';
    clear(app).append(noData());
    return;
  }
  for (const [re, page] of ROUTES) {
    const m = path.match(re);
    if (!m) continue;
    status.textContent = 'Loading…';
    await page(app, readParams(), m);
    status.textContent = '';
    document.title = `${document.querySelector('h1')?.textContent ?? 'Cogency'} — Cogency`;
    // A printed page names its permalink (print CSS shows it under the header).
    document.querySelector('header.site')?.setAttribute('data-url', location.href);
    return;
  }
  clear(app).append(el('h1', {}, 'Page not found'), el('p', {}, [el('a', { href: '/' }, 'Back to the overview')]));
}

/**
 * A wide table must scroll inside its own box, never widen the page on a phone. Pages may append bare
 * tables at any time, so each one is wrapped as it appears: in a focusable, named region, so keyboard
 * users can scroll it too.
 */
function wrapWideTables(scope: HTMLElement): void {
  for (const table of scope.querySelectorAll('table')) {
    if (table.parentElement?.classList.contains('table-wrap')) continue;
    const name = table.querySelector('caption')?.textContent?.trim() || table.getAttribute('aria-label') || 'Table';
    const wrap = el('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': name });
    table.replaceWith(wrap);
    wrap.append(table);
  }
}
new MutationObserver(() => wrapWideTables(app)).observe(app, { childList: true, subtree: true });

// A printed page is a one-pager: folded lists (a state's laws, citations) are printed open.
window.addEventListener('beforeprint', () => {
  for (const d of document.querySelectorAll('details')) d.open = true;
});

window.addEventListener('popstate', () => void route().catch(showError));
void route().catch(showError);

function showError(e: unknown): void {
  status.textContent = `Could not load the data: ${e instanceof Error ? e.message : String(e)}`;
}
