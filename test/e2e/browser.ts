// Debian's Chromium driven by playwright-core (no browser download), with the flags this
// sandbox needs; every request the page makes is recorded so tests can prove none leaves localhost.
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
