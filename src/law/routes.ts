// Law API (Fastify plugin): bills with filters and full-text search, one bill with its text and findings, a
// kinds × jurisdictions matrix, and an analyzer endpoint that stores and logs nothing.
// Every parameter is validated by JSON schema; bad input is a 400 problem document (RFC 9457), never a 500.
import type { FastifyError, FastifyInstance } from 'fastify';
import type { Store } from '../store/store.ts';
import { analyzeText, PLAIN_TEXT_NOTE } from './analyze.ts';
import { emptyDocument, type LawFormat, type LawKind } from './model.ts';
import { KINDS } from './rules/index.ts';
import { SearchIndex, type SearchHit } from './search.ts';
import { LAW_SOURCE_ID } from './source.ts';

/** The analyzer endpoint accepts at most this many bytes of request body. */
export const ANALYZE_BODY_LIMIT = 2 * 1024 * 1024;
const IMPACTS = ['harmful', 'protective', 'concern'] as const;
const TYPES = ['bill', 'statute', 'other'] as const;
const ANALYZE_FORMATS: LawFormat[] = ['plain-text', 'statute-text', 'ny-bill-md', 'mo-bill-pdf-text', 'wa-bill-md', 'usc-md', 'hi-md', 'html'];

const problem = (status: number, title: string, detail: string) => ({ type: 'about:blank', title, status, detail });

const ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._~:/ -]*$';

const listQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    jurisdiction: { type: 'string', minLength: 1, maxLength: 20, pattern: '^[A-Za-z0-9_-]+$', description: 'two-letter state code, DC or US' },
    year: { type: 'integer', minimum: 1700, maximum: 2200 },
    kind: { type: 'string', enum: [...KINDS], description: 'provision kind (RUBRIC.md) found in the text' },
    impact: { type: 'string', enum: [...IMPACTS], description: 'impact of a finding (with kind: of that kind)' },
    type: { type: 'string', enum: [...TYPES], description: 'bill (bills and session laws) or statute (codified sections)' },
    q: { type: 'string', minLength: 1, maxLength: 200, description: 'full-text search: words ANDed, "phrases", trailing * for prefixes' },
    limit: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
    offset: { type: 'integer', minimum: 0, maximum: 100000, default: 0 },
  },
} as const;

interface ListQuery {
  jurisdiction?: string;
  year?: number;
  kind?: string;
  impact?: string;
  type?: string;
  q?: string;
  limit: number;
  offset: number;
}

type Row = Record<string, unknown>;

// ------------------------------------------------------------- store access

const indexes = new WeakMap<Store, { generation: number; index: SearchIndex }>();

const tablesSeen = new WeakMap<Store, { generation: number; ok: boolean }>();
async function hasLawTables(store: Store): Promise<boolean> {
  const seen = tablesSeen.get(store);
  if (seen && seen.generation === store.generation) return seen.ok;
  const generation = store.generation;
  const rows = await store.all(
    "SELECT count(DISTINCT table_name) AS n FROM information_schema.tables WHERE table_name IN ('bills', 'bill_texts', 'findings') AND table_schema = 'main'",
  );
  const ok = Number(rows[0]?.n ?? 0) === 3;
  tablesSeen.set(store, { generation, ok });
  return ok;
}

/** The search index of the store's bill texts, rebuilt when the store has changed. */
export async function searchIndex(store: Store): Promise<SearchIndex> {
  const hit = indexes.get(store);
  const generation = store.generation;
  if (hit && hit.generation === generation) return hit.index;
  let docs: { id: string; title: string; text: string }[] = [];
  if (await hasLawTables(store)) {
    const rows = await store.all(
      `SELECT b.id, coalesce(b.title, '') AS title, coalesce(t.text, '') AS text FROM bills b LEFT JOIN bill_texts t ON t.bill_id = b.id ORDER BY b.id`,
    );
    docs = rows.map((r) => ({ id: String(r.id), title: String(r.title), text: String(r.text) }));
  }
  const index = new SearchIndex(docs);
  indexes.set(store, { generation, index });
  return index;
}

const ENACTED = `(b.kind = 'statute' OR b.format = 'dc-xml-law' OR regexp_matches(lower(coalesce(b.status, '')), '(enact|signed|chaptered|approved|effective|became law|public law|act no)'))`;

function billOut(r: Row) {
  return {
    id: String(r.id),
    jurisdiction: (r.jurisdiction as string | null) ?? '',
    identifier: (r.identifier as string | null) ?? '',
    session: (r.session as string | null) ?? '',
    year: r.year === null || r.year === undefined ? null : Number(r.year),
    title: (r.title as string | null) ?? '',
    status: (r.status as string | null) ?? '',
    type: (r.kind as string | null) ?? '',
    citation: (r.citation as string | null) ?? '',
    source_url: (r.source_url as string | null) ?? null,
  };
}

async function listBills(store: Store, q: ListQuery) {
  if (!(await hasLawTables(store))) return { total: 0, limit: q.limit, offset: q.offset, items: [] };
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (q.jurisdiction) {
    where.push('upper(b.jurisdiction) = upper(?)');
    args.push(q.jurisdiction);
  }
  if (q.year !== undefined) {
    where.push('b.year = ?');
    args.push(q.year);
  }
  if (q.type) {
    where.push('b.kind = ?');
    args.push(q.type);
  }
  if (q.kind || q.impact) {
    const f: string[] = ['f.bill_id = b.id'];
    if (q.kind) {
      f.push('f.kind = ?');
      args.push(q.kind);
    }
    if (q.impact) {
      f.push('f.impact = ?');
      args.push(q.impact);
    }
    where.push(`EXISTS (SELECT 1 FROM findings f WHERE ${f.join(' AND ')})`);
  }
  const rows = await store.all(
    `SELECT b.id, b.jurisdiction, b.identifier, b.session, b.year, b.title, b.status, b.kind, b.citation, b.source_url
     FROM bills b ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY b.jurisdiction, b.year DESC NULLS LAST, b.id`,
    args,
  );
  let page: Row[];
  let total: number;
  const hits = new Map<string, SearchHit>();
  if (q.q) {
    const index = await searchIndex(store);
    const byId = new Map(rows.map((r) => [String(r.id), r]));
    const res = index.query(q.q, { allow: new Set(byId.keys()), limit: q.limit, offset: q.offset });
    total = res.total;
    page = res.hits.map((h) => byId.get(h.id)!).filter(Boolean);
    for (const h of res.hits) hits.set(h.id, h);
  } else {
    total = rows.length;
    page = rows.slice(q.offset, q.offset + q.limit);
  }
  const ids = page.map((r) => String(r.id));
  const fin = new Map<string, { kind: string; effect: string; impact: string; confidence: number }[]>();
  if (ids.length) {
    const frows = await store.all(
      `SELECT bill_id, kind, effect, impact, confidence FROM findings WHERE bill_id IN (${ids.map(() => '?').join(', ')}) ORDER BY bill_id, confidence DESC, kind`,
      ids,
    );
    for (const f of frows) {
      const k = String(f.bill_id);
      if (!fin.has(k)) fin.set(k, []);
      fin.get(k)!.push({ kind: String(f.kind), effect: String(f.effect), impact: String(f.impact), confidence: Number(f.confidence) });
    }
  }
  return {
    total,
    limit: q.limit,
    offset: q.offset,
    ...(q.q ? { q: q.q } : {}),
    items: page.map((r) => {
      const id = String(r.id);
      const h = hits.get(id);
      return {
        ...billOut(r),
        findings: fin.get(id) ?? [],
        ...(h ? { score: h.score, snippets: h.snippets, ...(h.title ? { title_highlight: h.title } : {}) } : {}),
      };
    }),
  };
}

async function getBill(store: Store, id: string) {
  if (!(await hasLawTables(store))) return null;
  return store.read(async (snap) => {
    const rows = await snap.all(
      `SELECT b.*, t.version, t.text FROM bills b LEFT JOIN bill_texts t ON t.bill_id = b.id WHERE b.id = ? LIMIT 1`,
      [id],
    );
    const r = rows[0];
    if (!r) return null;
    const frows = await snap.all(
      'SELECT kind, effect, impact, confidence, section, cues, spans FROM findings WHERE bill_id = ? ORDER BY confidence DESC, kind',
      [id],
    );
    const src = (await snap.all('SELECT id, publisher, title, license, retrieved, version, sha256 FROM sources WHERE id = ?', [String(r.source_id ?? LAW_SOURCE_ID)]))[0];
    return {
      ...billOut(r),
      version: (r.version as string | null) ?? null,
      text: (r.text as string | null) ?? '',
      findings: frows.map((f) => ({
        kind: String(f.kind),
        effect: String(f.effect),
        impact: String(f.impact),
        confidence: Number(f.confidence),
        section: String(f.section ?? ''),
        cues: JSON.parse(String(f.cues ?? '[]')) as string[],
        spans: JSON.parse(String(f.spans ?? '[]')) as { start: number; end: number; text: string }[],
      })),
      sources: [
        {
          citation: (r.citation as string | null) ?? '',
          url: (r.source_url as string | null) ?? null,
          file: (r.file as string | null) ?? null,
          format: (r.format as string | null) ?? null,
          sha256: (r.sha256 as string | null) ?? null,
        },
      ],
      source: src
        ? {
            id: String(src.id),
            title: String(src.title),
            publisher: String(src.publisher),
            license: String(src.license),
            retrieved: String(src.retrieved),
            version: String(src.version),
          }
        : null,
    };
  });
}

async function compare(store: Store, scope: 'enacted' | 'all', impact?: string) {
  if (!(await hasLawTables(store))) return { scope, kinds: [], jurisdictions: [], cells: [], texts: {}, notCollected: await stateIds(store) };
  const where = [scope === 'enacted' ? ENACTED : 'true'];
  const args: string[] = [];
  if (impact) {
    where.push('f.impact = ?');
    args.push(impact);
  }
  const rows = await store.all(
    `SELECT f.kind, b.jurisdiction, b.id, b.identifier, b.kind AS type, f.impact, f.effect
     FROM findings f JOIN bills b ON b.id = f.bill_id
     WHERE ${where.join(' AND ')}
     ORDER BY b.jurisdiction, f.kind, b.id`,
    args,
  );
  const jurs = new Set<string>();
  const kinds = new Set<string>();
  const cells = new Map<string, { kind: string; jurisdiction: string; impacts: Record<string, number>; bills: { id: string; identifier: string; type: string; impact: string; effect: string }[] }>();
  for (const r of rows) {
    const kind = String(r.kind);
    const j = String(r.jurisdiction ?? '');
    jurs.add(j);
    kinds.add(kind);
    const key = `${kind}|${j}`;
    let c = cells.get(key);
    if (!c) cells.set(key, (c = { kind, jurisdiction: j, impacts: {}, bills: [] }));
    c.impacts[String(r.impact)] = (c.impacts[String(r.impact)] ?? 0) + 1;
    c.bills.push({ id: String(r.id), identifier: String(r.identifier ?? ''), type: String(r.type ?? ''), impact: String(r.impact), effect: String(r.effect) });
  }
  // Every jurisdiction with a text in scope is a column, findings or not: an empty cell there means
  // "texts analyzed, no such provision found", which must not look like "no text collected".
  const analyzed = await store.all(`SELECT coalesce(b.jurisdiction, '') AS j, count(*) AS n FROM bills b WHERE ${where[0]} GROUP BY 1`);
  const texts: Record<string, number> = {};
  for (const r of analyzed) {
    texts[String(r.j)] = Number(r.n);
    jurs.add(String(r.j));
  }
  return {
    scope,
    kinds: KINDS.filter((k) => kinds.has(k)),
    jurisdictions: [...jurs].sort(),
    cells: [...cells.values()],
    /** Texts in scope per jurisdiction (all analyzed). */
    texts,
    /** U.S. states (with D.C.) and the federal level with no text in scope: nothing is known of their law here. */
    notCollected: (await stateIds(store)).filter((j) => !jurs.has(j)),
  };
}

async function stateIds(store: Store): Promise<string[]> {
  const rows = await store.all("SELECT id FROM places WHERE kind = 'state' ORDER BY id");
  return ['US', ...rows.map((r) => String(r.id))];
}

// ------------------------------------------------------------- plugin

export async function lawRoutes(app: FastifyInstance, opts: { store: Store }): Promise<void> {
  const { store } = opts;
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err.validation) {
      const v = err.validation[0];
      const param = v?.instancePath?.replace(/^\//, '') || (v?.params as { additionalProperty?: string; missingProperty?: string } | undefined)?.additionalProperty ||
        (v?.params as { missingProperty?: string } | undefined)?.missingProperty || '';
      return reply
        .code(400)
        .type('application/problem+json')
        .send(problem(400, 'Bad request', `${param ? `parameter "${param}": ` : ''}${err.message.replace(/^(?:querystring|body|params)\/?\S* /, '')}`));
    }
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 500) req.log.error({ err: { message: err.message, code: err.code } }, 'law route failed');
    const title = status === 500 ? 'Internal error' : status === 413 ? 'Payload too large' : status === 415 ? 'Unsupported media type' : 'Bad request';
    return reply
      .code(status)
      .type('application/problem+json')
      .send(problem(status, title, status === 500 ? 'unexpected error' : err.message));
  });

  app.get(
    '/api/v1/bills',
    {
      config: { cache: true },
      schema: {
        summary: 'Bills and statutes with their findings; filter, and search the texts (hits highlighted)',
        querystring: listQuery,
      },
    },
    async (req) => listBills(store, req.query as ListQuery),
  );

  app.get(
    '/api/v1/bills/:id',
    {
      config: { cache: true },
      schema: {
        summary: 'One bill or statute: metadata, analyzed text, findings with evidence spans, sources',
        params: {
          type: 'object',
          additionalProperties: false,
          required: ['id'],
          properties: { id: { type: 'string', minLength: 1, maxLength: 200, pattern: ID_PATTERN } },
        },
        querystring: { type: 'object', additionalProperties: false, properties: {} },
      },
    },
    async (req, reply) => {
      const { id } = req.params as { id: string };
      const bill = await getBill(store, id);
      if (!bill) return reply.code(404).type('application/problem+json').send(problem(404, 'Not found', `no bill with id "${id}"`));
      return bill;
    },
  );

  app.get(
    '/api/v1/law/compare',
    {
      config: { cache: true },
      schema: {
        summary: 'Provision kinds × jurisdictions, each cell with the bills that carry it',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            scope: { type: 'string', enum: ['enacted', 'all'], default: 'enacted', description: 'enacted: statutes and enacted laws only' },
            impact: { type: 'string', enum: [...IMPACTS] },
          },
        },
      },
    },
    async (req) => {
      const q = req.query as { scope: 'enacted' | 'all'; impact?: string };
      return compare(store, q.scope ?? 'enacted', q.impact);
    },
  );

  app.post(
    '/api/v1/law/analyze',
    {
      bodyLimit: ANALYZE_BODY_LIMIT,
      // the submitted text is neither stored nor logged
      logLevel: 'silent',
      // the host coerces types (query strings); a body's text must already be a string
      preValidation: async (req, reply) => {
        const body = req.body as Record<string, unknown> | null;
        if (body && typeof body === 'object' && 'text' in body && typeof body.text !== 'string')
          return reply.code(400).type('application/problem+json').send(problem(400, 'Bad request', 'parameter "text": must be string'));
      },
      schema: {
        summary: 'Analyze a pasted text: findings with evidence spans (nothing is stored or logged)',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['text'],
          properties: {
            text: { type: 'string', minLength: 1, maxLength: ANALYZE_BODY_LIMIT },
            format: { type: 'string', enum: ANALYZE_FORMATS, default: 'plain-text' },
            type: { type: 'string', enum: [...TYPES], default: 'bill' },
            title: { type: 'string', maxLength: 500 },
          },
        },
      },
    },
    async (req, reply) => {
      const b = req.body as { text: string; format: LawFormat; type: LawKind; title?: string };
      if (b.text.trim() === '') return reply.code(400).type('application/problem+json').send(problem(400, 'Bad request', 'parameter "text": is blank'));
      const doc = emptyDocument('request', b.format ?? 'plain-text', 'request');
      doc.kind = b.type ?? 'bill';
      doc.title = b.title ?? '';
      const t0 = performance.now();
      const { findings, plainText } = analyzeText(doc, b.text);
      reply.header('cache-control', 'no-store');
      return { chars: b.text.length, ms: Math.round(performance.now() - t0), ...(plainText ? { note: PLAIN_TEXT_NOTE } : {}), findings };
    },
  );
}
