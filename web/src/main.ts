// The explorer: a small router over pages; every page keeps its state in the URL.
import { api, gatherPageData } from './api.ts';
import { clear, el } from './dom.ts';
import { readParams } from './state.ts';

const status = document.getElementById('status')!;
const app = document.getElementById('app')!;

/** A route: its page's module (loaded once, and as early as the path is known) and how to show the page. */
interface Route {
  path: RegExp;
  load: () => Promise<unknown>;
  show: (root: HTMLElement, params: Record<string, string>, match: RegExpMatchArray) => Promise<void>;
}

function page<M>(path: RegExp, load: () => Promise<M>, show: (mod: M, root: HTMLElement, params: Record<string, string>, match: RegExpMatchArray) => Promise<void>): Route {
  return { path, load, show: async (root, params, match) => show(await load(), root, params, match) };
}

const ROUTES: Route[] = [
  page(/^\/$/, () => import('./pages/overview.ts'), (mod, root) => mod.render(root)),
  page(/^\/explore$/, () => import('./pages/explore.ts'), (mod, root, p) => mod.render(root, p)),
  page(/^\/embed\/explore$/, () => import('./pages/explore.ts'), (mod, root, p) => mod.render(root, p, true)),
  page(/^\/map$/, () => import('./pages/tipmap.ts'), (mod, root, p) => mod.render(root, p)),
  page(/^\/place\/([A-Za-z0-9_-]+)$/, () => import('./pages/place.ts'), (mod, root, _p, m) => mod.render(root, m[1]!.toUpperCase())),
  page(/^\/sources$/, () => import('./pages/sources.ts'), (mod, root) => mod.render(root)),
  page(/^\/methodology$/, () => import('./pages/methodology.ts'), (mod, root) => mod.render(root)),
  page(/^\/law$/, () => import('./pages/law/bills.ts'), (mod, root, p) => mod.render(root, p, location.pathname)),
  page(/^\/law\/compare$/, () => import('./pages/law/compare.ts'), (mod, root, p) => mod.render(root, p, location.pathname)),
  page(/^\/law\/analyze$/, () => import('./pages/law/analyze.ts'), (mod, root, p) => mod.render(root, p, location.pathname)),
  page(/^\/analyses$/, () => import('./pages/analyses/index.ts'), (mod, root) => mod.render(root)),
  page(/^\/analyses\/mse$/, () => import('./pages/analyses/mse.ts'), (mod, root, p) => mod.render(root, p)),
  page(/^\/analyses\/funnel$/, () => import('./pages/analyses/funnel.ts'), (mod, root, p) => mod.render(root, p)),
  page(/^\/analyses\/funding$/, () => import('./pages/analyses/funding.ts'), (mod, root, p) => mod.render(root, p)),
  page(/^\/relief$/, () => import('./pages/relief.ts'), (mod, root) => mod.render(root)),
  page(/^\/claims$/, () => import('./pages/claims.ts'), (mod, root) => mod.render(root)),
  page(/^\/bills\/.+$/, () => import('./pages/law/bill.ts'), (mod, root, p) => mod.render(root, p, location.pathname)),
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
  gatherPageData(path, location.search);
  const matched = ROUTES.find((r) => r.path.test(path));
  // The page's code loads while the server is asked what it holds (a failure shows when the page is shown).
  matched?.load().catch(() => undefined);
  const st = await api.status();
  if (st.sourcesLoaded === 0 && !['/sources', '/methodology', '/law/analyze', '/analyses', '/analyses/mse', '/relief', '/claims'].includes(path)) {
    status.textContent = '';
    clear(app).append(noData());
    return;
  }
  if (matched) {
    status.textContent = 'Loading…';
    await matched.show(app, readParams(), path.match(matched.path)!);
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
