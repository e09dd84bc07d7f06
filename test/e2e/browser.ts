// Debian's Chromium driven by playwright-core (no browser download), with the flags this
// sandbox needs; every request the page makes is recorded so tests can prove none leaves localhost.
import assert from 'node:assert/strict';
import { chromium, type Browser, type Page } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { REPO } from '../helpers.ts';
import { buildApp } from '../../src/api/server.ts';
import { Store } from '../../src/store/store.ts';
import { ingest } from '../../src/sources/ingest.ts';

export const ARTIFACTS = join(REPO, 'test-artifacts');

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function openPage(browser: Browser): Promise<{ page: Page; requests: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  return { page, requests };
}

export function foreign(requests: string[]): string[] {
  return requests.filter((u) => {
    if (u.startsWith('data:') || u.startsWith('blob:') || u === 'about:blank') return false;
    const host = new URL(u).hostname;
    return host !== '127.0.0.1' && host !== 'localhost' && host !== '[::1]';
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** RFC 4180 CSV → rows of cells (quoted fields, doubled quotes, embedded commas and newlines). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else if (ch !== '\r') cell += ch;
  }
  if (cell !== '' || row.length) rows.push([...row, cell]);
  return rows;
}

/** Every cell of a rendered table body, as text. */
export async function tableCells(page: Page, selector: string): Promise<string[][]> {
  return page.$$eval(`${selector} tbody tr`, (trs) => trs.map((tr) => [...tr.children].map((c) => (c.textContent ?? '').trim())));
}

/** Click a download link as a person would and read the file the browser saved. */
export async function downloadText(page: Page, selector: string): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const path = await download.path();
  return readFileSync(path, 'utf8');
}

/** The explorer served on an ephemeral local port from a fresh in-memory store. */
export interface Site {
  base: string;
  app: FastifyInstance;
  store: Store;
  browser: Browser;
  close(): Promise<void>;
}

export async function startSite(dataDir: string | null, sources: string[]): Promise<Site> {
  const store = await Store.open(':memory:');
  if (dataDir) for (const s of sources) await ingest(store, dataDir, [s]);
  const app = await buildApp({ store, dataDir: dataDir ?? '/nowhere/data' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await launch();
  return {
    base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    app,
    store,
    browser,
    async close() {
      await browser.close();
      await app.close();
      store.close();
    },
  };
}

/**
 * Checks an explorer CSV download against the table on the page: the same rows and cells, except
 * that the table's Source cells are [n] marks where the CSV holds citation ids; every id a row names
 * is the n-th item of the page's citation list, and is listed once below the values in the CSV.
 */
export async function assertDownloadMatchesTable(page: Page, csvText: string, tableSelector: string): Promise<void> {
  const blank = csvText.indexOf('\n\n');
  const values = parseCsv(blank === -1 ? csvText : csvText.slice(0, blank + 1));
  const cited = blank === -1 ? [] : parseCsv(csvText.slice(blank + 2));
  const source = values[0]!.indexOf('Source');
  assert.ok(source >= 0, 'the CSV has a Source column');
  const cells = await tableCells(page, tableSelector);
  const without = (rows: string[][]) => rows.map((r) => r.filter((_, i) => i !== source));
  assert.deepEqual(without(values.slice(1)), without(cells), 'the CSV download holds exactly the table');
  const numbered = await page.$$eval('ol.citations li[id^="cite-"]', (lis) => lis.map((li) => [li.id.slice('cite-'.length), li.getAttribute('value')] as const));
  const numberOf = new Map(numbered);
  assert.deepEqual(cited[0], ['citation', 'publisher', 'document', 'locator', 'retrieved', 'sha256', 'url', 'license']);
  const listed = new Set(cited.slice(1).map((c) => c[0]));
  assert.equal(listed.size, cited.length - 1, 'each citation listed once in the CSV');
  values.slice(1).forEach((row, i) => {
    const [, idList = '', rows] = /^([^(]*?)(?: \((\d+) rows\))?$/.exec(row[source]!)!;
    const ids = idList.split(' ').filter(Boolean);
    const marks = ids.map((id) => `[${numberOf.get(id) ?? 'missing'}]`).join('');
    assert.equal(cells[i]![source], marks + (rows ? ` (${Number(rows).toLocaleString('en-US')} rows)` : ''), 'each mark is the number of its citation in the list');
    for (const id of ids) assert.ok(listed.has(id), `${id} is named in a row and listed in the CSV`);
  });
}
