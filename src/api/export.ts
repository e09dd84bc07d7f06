// GET /api/v1/export: the latest Data Package of the store, built on first request after each
// change of the store and kept on disk; every build goes to its own folder, so a client that
// fetched a descriptor gets the files it describes even if a newer build appears meanwhile.
import { createReadStream, mkdtempSync } from 'node:fs';
import { readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { exportDataPackage, type ExportResult } from '../export/datapackage.ts';
import type { Store } from '../store/store.ts';
import { matches } from './headers.ts';

interface Build {
  generation: number;
  result: ExportResult;
  descriptor: Buffer;
}

export class ExportService {
  private current: Build | null = null;
  private building: Promise<Build> | null = null;
  private seq = 0;
  private folder: string | undefined;

  constructor(
    private readonly store: Store,
    dir?: string,
  ) {
    this.folder = dir ?? (store.path === ':memory:' ? undefined : join(dirname(store.path), 'export'));
  }

  /** Where builds go (a temporary folder, made on first use, for an in-memory store). */
  get dir(): string {
    this.folder ??= mkdtempSync(join(tmpdir(), 'cogency-export-'));
    return this.folder;
  }

  async latest(): Promise<Build> {
    const gen = this.store.generation;
    if (this.current?.generation === gen) return this.current;
    if (!this.building) {
      this.building = this.build(gen).finally(() => {
        this.building = null;
      });
    }
    return this.building;
  }

  private async build(gen: number): Promise<Build> {
    const name = `build-${process.pid}-${Date.now()}-${++this.seq}`;
    const result = await exportDataPackage(this.store, join(this.dir, name));
    const build = { generation: gen, result, descriptor: await readFile(join(result.dir, 'datapackage.json')) };
    const previous = this.current;
    this.current = build;
    // Older builds go once in-flight downloads of them have had time to finish; at the first
    // build, any left are from an earlier server (the store file admits one process at a time).
    if (previous) setTimeout(() => void this.prune(), 60_000).unref();
    else await this.prune();
    return build;
  }

  async prune(): Promise<void> {
    const keep = this.current ? this.current.result.dir : '';
    for (const entry of await readdir(this.dir).catch(() => [] as string[])) {
      const path = join(this.dir, entry);
      if (entry.startsWith('build-') && path !== keep) await rm(path, { recursive: true, force: true });
    }
  }
}

const TYPES: Record<string, string> = { csv: 'text/csv; charset=utf-8', parquet: 'application/vnd.apache.parquet' };

export function registerExportRoutes(app: FastifyInstance, service: ExportService): void {
  app.get(
    '/api/v1/export',
    {
      schema: {
        summary: 'The latest Data Package of the store (redirects to its datapackage.json)',
        description:
          'A Frictionless Data Package: datapackage.json with table schemas, sources, licenses, citations and caveats, and every table as CSV and Parquet under data/. Same store, same bytes.',
        querystring: { type: 'object', additionalProperties: false, properties: {} },
      },
    },
    async (_req, reply) => reply.header('cache-control', 'no-cache').redirect('/api/v1/export/datapackage.json', 302),
  );

  app.get(
    '/api/v1/export/datapackage.json',
    {
      schema: {
        summary: 'The Data Package descriptor (paths are relative to /api/v1/export/)',
        querystring: { type: 'object', additionalProperties: false, properties: {} },
      },
    },
    async (_req, reply) => {
      const build = await service.latest();
      return reply.type('application/json; charset=utf-8').send(build.descriptor);
    },
  );

  // The partitioned observations (source_id=…/period=…/data_0.parquet): only a path the package lists is served.
  app.get(
    '/api/v1/export/data/observations-by-source-year/*',
    { schema: { summary: 'One file of the observations partitioned by source and year (Hive layout, Parquet)', querystring: { type: 'object', additionalProperties: false, properties: {} } } },
    async (req, reply) => {
      const rest = (req.params as { '*': string })['*'];
      const build = await service.latest();
      const entry = build.result.files.find((f) => f.path === `data/observations-by-source-year/${rest}`);
      if (!entry) {
        return reply.code(404).type('application/problem+json').send({ type: 'about:blank', title: 'Not found', status: 404, detail: 'no such partition file; see /api/v1/export/datapackage.json' });
      }
      const etag = `W/"${entry.sha256}"`;
      reply.header('etag', etag).header('cache-control', 'public, max-age=300');
      if (matches(req.headers['if-none-match'], etag)) return reply.code(304).send();
      return reply.type('application/vnd.apache.parquet').header('content-length', entry.bytes).send(createReadStream(join(build.result.dir, entry.path)));
    },
  );

  app.get(
    '/api/v1/export/data/:file',
    {
      schema: {
        summary: 'One table of the Data Package, as CSV or Parquet',
        params: {
          type: 'object',
          required: ['file'],
          properties: { file: { type: 'string', maxLength: 64, pattern: '^[a-z_]+\\.(csv|parquet)$', description: 'e.g. observations.csv' } },
        },
        querystring: { type: 'object', additionalProperties: false, properties: {} },
      },
    },
    async (req, reply) => {
      const { file } = req.params as { file: string };
      const build = await service.latest();
      const entry = build.result.files.find((f) => f.path === `data/${file}`);
      if (!entry) {
        return reply
          .code(404)
          .type('application/problem+json')
          .send({ type: 'about:blank', title: 'Not found', status: 404, detail: `no table file "${file}" in the package; see /api/v1/export/datapackage.json` });
      }
      const etag = `W/"${entry.sha256}"`;
      reply.header('etag', etag).header('cache-control', 'public, max-age=300');
      if (matches(req.headers['if-none-match'], etag)) return reply.code(304).send();
      const ext = file.split('.').pop() ?? '';
      return reply
        .type(TYPES[ext] ?? 'application/octet-stream')
        .header('content-length', entry.bytes)
        .header('content-disposition', `attachment; filename="cogency-${file}"`)
        .send(createReadStream(join(build.result.dir, entry.path)));
    },
  );
}
