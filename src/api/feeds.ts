// Atom feeds (RFC 4287): a source was updated; new analyzed bills matching a filter.
import type { Store } from '../store/store.ts';
import { esc } from './docs.ts';

/** The feed's updated time when it has no entries: fixed, so an empty feed is byte-stable. */
const EPOCH = '1970-01-01T00:00:00Z';

export interface AtomEntry {
  id: string;
  title: string;
  updated: string;
  link?: string;
  summary: string;
  categories?: string[];
}

export interface AtomFeed {
  id: string;
  title: string;
  subtitle: string;
  self: string;
  alternate: string;
  entries: AtomEntry[];
}

const iso = (d: unknown): string => {
  const date = d instanceof Date ? d : new Date(String(d));
  return Number.isNaN(date.getTime()) ? EPOCH : date.toISOString().replace(/\.\d{3}Z$/, 'Z');
};

export function atom(feed: AtomFeed): string {
  const updated = feed.entries.reduce((a, e) => (e.updated > a ? e.updated : a), EPOCH);
  const entries = feed.entries.map(
    (e) => `  <entry>
    <id>${esc(e.id)}</id>
    <title>${esc(e.title)}</title>
    <updated>${esc(e.updated)}</updated>
${e.link ? `    <link rel="alternate" href="${esc(e.link)}"/>\n` : ''}${(e.categories ?? []).map((c) => `    <category term="${esc(c)}"/>\n`).join('')}    <summary type="text">${esc(e.summary)}</summary>
  </entry>
`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${esc(feed.id)}</id>
  <title>${esc(feed.title)}</title>
  <subtitle>${esc(feed.subtitle)}</subtitle>
  <updated>${updated}</updated>
  <author><name>Cogency</name></author>
  <generator>Cogency</generator>
  <link rel="self" type="application/atom+xml" href="${esc(feed.self)}"/>
  <link rel="alternate" type="text/html" href="${esc(feed.alternate)}"/>
${entries.join('')}</feed>
`;
}

/** One entry per loaded source version (a new version is a new entry). */
export async function sourcesFeed(store: Store, base: string): Promise<string> {
  const rows = await store.all('SELECT id, publisher, title, url, retrieved, sha256, version, loaded_at, rows_stored, rows_rejected FROM sources ORDER BY loaded_at DESC, id');
  return atom({
    id: `${base}/feeds/sources.atom`,
    title: 'Cogency: sources updated',
    subtitle: 'A new version of an official source was loaded.',
    self: `${base}/feeds/sources.atom`,
    alternate: `${base}/sources`,
    entries: rows.map((r) => ({
      id: `${base}/api/v1/sources#${encodeURIComponent(String(r.id))}@${String(r.sha256)}`,
      title: `${String(r.title)} (${String(r.id)}, version ${String(r.version)})`,
      updated: iso(r.loaded_at),
      link: `${base}/sources`,
      categories: [String(r.id)],
      summary:
        `${String(r.publisher)}: ${String(r.title)}. Retrieved ${String(r.retrieved)} from ${String(r.url)}; sha256 ${String(r.sha256)}. ` +
        `${Number(r.rows_stored)} values stored, ${Number(r.rows_rejected)} rows rejected.`,
    })),
  });
}

export interface BillFilter {
  jurisdiction?: string | undefined;
  /** The kind of text: 'bill' or 'statute'. */
  kind?: string | undefined;
  /** A provision kind the analyzer found in the text. */
  provision?: string | undefined;
}

/** Columns of a table in the store (empty when the table does not exist). */
async function columns(store: Store, table: string): Promise<Set<string>> {
  const rows = await store.all("SELECT column_name FROM information_schema.columns WHERE table_schema = 'main' AND table_name = ?", [table]);
  return new Set(rows.map((r) => String(r.column_name)));
}

const first = (cols: Set<string>, names: string[]) => names.find((n) => cols.has(n));

/**
 * Analyzed bills, newest first. The law pipeline's `bills` table is read when present (id and title
 * required; jurisdiction, kind, identifier, status, citation, url and an analysis time used when
 * present); without it the feed is valid and empty.
 */
export async function billsFeed(store: Store, base: string, filter: BillFilter, selfQuery: string): Promise<string> {
  const cols = await columns(store, 'bills');
  let entries: AtomEntry[] = [];
  const note = cols.has('id') && cols.has('title') ? '' : ' No analyzed bills are in the store yet.';
  if (!note) {
    const where: string[] = [];
    const args: string[] = [];
    for (const key of ['jurisdiction', 'kind'] as const) {
      const v = filter[key];
      if (v === undefined) continue;
      if (!cols.has(key)) {
        where.push('false');
        continue;
      }
      where.push(`upper(CAST(${key} AS VARCHAR)) = upper(?)`);
      args.push(v);
    }
    if (filter.provision !== undefined) {
      const findings = await columns(store, 'findings');
      if (findings.has('bill_id') && findings.has('kind')) {
        where.push('CAST(id AS VARCHAR) IN (SELECT bill_id FROM findings WHERE kind = ?)');
        args.push(filter.provision);
      } else where.push('false');
    }
    const time = first(cols, ['analyzed_at', 'updated_at', 'updated', 'loaded_at', 'created_at']);
    const pick = (c: string) => (cols.has(c) ? `CAST(${c} AS VARCHAR)` : 'NULL');
    const rows = await store.all(
      `SELECT CAST(id AS VARCHAR) AS id, CAST(title AS VARCHAR) AS title, ${pick('jurisdiction')} AS jurisdiction, ${pick('kind')} AS kind,
              ${pick('identifier')} AS identifier, ${pick('status')} AS status, ${pick('citation')} AS citation, ${pick('url')} AS url,
              ${time ? `CAST(${time} AS VARCHAR)` : 'NULL'} AS t
       FROM bills ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY t DESC NULLS LAST, id LIMIT 200`,
      args,
    );
    entries = rows.map((r) => ({
      id: `${base}/bills/${encodeURIComponent(String(r.id))}`,
      title: [r.jurisdiction, r.identifier, r.title].filter((x) => x !== null && x !== undefined && x !== '').map(String).join(' — '),
      updated: r.t ? iso(String(r.t).replace(' ', 'T').replace(/(T[\d:.]+)$/, '$1Z')) : EPOCH,
      link: `${base}/bills/${encodeURIComponent(String(r.id))}`,
      categories: [r.jurisdiction, r.kind].filter((x) => x !== null && x !== undefined).map(String),
      summary: [r.status ? `Status: ${String(r.status)}.` : '', r.citation ? `Citation: ${String(r.citation)}.` : '', r.url ? `Source: ${String(r.url)}` : '']
        .filter(Boolean)
        .join(' ') || String(r.title),
    }));
  }
  const filterText = [filter.jurisdiction && `jurisdiction ${filter.jurisdiction}`, filter.kind && `${filter.kind}s only`, filter.provision && `provision ${filter.provision}`]
    .filter(Boolean)
    .join(', ');
  return atom({
    id: `${base}/feeds/bills.atom${selfQuery}`,
    title: `Cogency: analyzed bills${filterText ? ` (${filterText})` : ''}`,
    subtitle: `New bills and laws analyzed by Cogency${filterText ? `, ${filterText}` : ''}.${note}`,
    self: `${base}/feeds/bills.atom${selfQuery}`,
    alternate: `${base}/law`,
    entries,
  });
}
