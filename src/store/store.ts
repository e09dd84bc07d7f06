// The embedded store: one DuckDB file. Each source version is parsed into staging tables first,
// then swapped into the live tables in one transaction, so a bad file or a crash mid-load
// leaves the previous version serving.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DuckDBInstance, type DuckDBConnection, type DuckDBAppender, type DuckDBValue } from '@duckdb/node-api';
import { basePlaces } from '../model/places.ts';
import type { Caveat, Citation, MeasureDef, Observation, Place, Rejection, SourceMeta } from '../model/types.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS sources (
  id VARCHAR PRIMARY KEY, family VARCHAR, publisher VARCHAR, title VARCHAR, url VARCHAR,
  license VARCHAR, retrieved VARCHAR, sha256 VARCHAR, format VARCHAR, version VARCHAR,
  file VARCHAR, bytes BIGINT, loaded_at TIMESTAMP, rows_read BIGINT, rows_stored BIGINT, rows_rejected BIGINT);
CREATE TABLE IF NOT EXISTS measures (
  id VARCHAR PRIMARY KEY, source_id VARCHAR, label VARCHAR, definition VARCHAR, unit VARCHAR,
  value_type VARCHAR, aggregation VARCHAR, period_kind VARCHAR, topic VARCHAR, family VARCHAR,
  categories VARCHAR, dimensions VARCHAR);
CREATE TABLE IF NOT EXISTS places (
  id VARCHAR PRIMARY KEY, kind VARCHAR, name VARCHAR, parent VARCHAR, path VARCHAR);
CREATE TABLE IF NOT EXISTS citations (id VARCHAR PRIMARY KEY, source_id VARCHAR, locator VARCHAR);
CREATE TABLE IF NOT EXISTS observations (
  source_id VARCHAR, measure VARCHAR, place VARCHAR, period INTEGER, dims VARCHAR,
  value DOUBLE, value_text VARCHAR, citation_id VARCHAR, flags VARCHAR);
CREATE TABLE IF NOT EXISTS caveats (
  source_id VARCHAR, measure VARCHAR, place VARCHAR, period INTEGER, text VARCHAR);
CREATE TABLE IF NOT EXISTS rejections (
  source_id VARCHAR, file VARCHAR, line INTEGER, field VARCHAR, reason VARCHAR);
`;

/** Tables whose rows belong to one source and are replaced together. */
const SOURCE_TABLES = ['measures', 'citations', 'observations', 'caveats', 'rejections'] as const;

export interface LoadResult {
  sourceId: string;
  status: 'loaded' | 'unchanged';
  rowsRead: number;
  rowsStored: number;
  rejected: Rejection[];
  skipped: Record<string, number>;
}

/** Canonical JSON of a dimension map (sorted keys), so equal breakdowns compare equal in SQL. */
export function dimsKey(dims: Record<string, string>): string {
  const keys = Object.keys(dims).sort();
  return JSON.stringify(Object.fromEntries(keys.map((k) => [k, dims[k]])));
}

/** What an importer writes to while a source is staged. Nothing is live until commit. */
export class Stage {
  rowsRead = 0;
  rowsStored = 0;
  readonly rejected: Rejection[] = [];
  /** Rows read but not stored for an expected reason (e.g. no report that year), by reason. */
  readonly skipped = new Map<string, number>();
  private readonly places = new Map<string, Place>();
  private readonly extraTables: string[] = [];

  constructor(
    readonly source: SourceMeta,
    readonly connection: DuckDBConnection,
    private readonly obs: DuckDBAppender,
    private readonly cites: DuckDBAppender,
    private readonly cavs: DuckDBAppender,
    private readonly meas: DuckDBAppender,
    readonly onProgress: (done: number, total: number) => void,
  ) {}

  observation(o: Observation): void {
    const a = this.obs;
    a.appendVarchar(this.source.id);
    a.appendVarchar(o.measure);
    a.appendVarchar(o.place);
    a.appendInteger(o.period);
    a.appendVarchar(dimsKey(o.dims));
    if (o.value === null) a.appendNull();
    else a.appendDouble(o.value);
    if (o.valueText === null) a.appendNull();
    else a.appendVarchar(o.valueText);
    a.appendVarchar(o.citationId);
    a.appendVarchar(JSON.stringify(o.flags));
    a.endRow();
    this.rowsStored++;
  }

  citation(c: Citation): void {
    this.cites.appendVarchar(c.id);
    this.cites.appendVarchar(c.sourceId);
    this.cites.appendVarchar(c.locator);
    this.cites.endRow();
  }

  caveat(c: Caveat): void {
    const a = this.cavs;
    a.appendVarchar(c.sourceId);
    for (const v of [c.measure, c.place]) {
      if (v === null) a.appendNull();
      else a.appendVarchar(v);
    }
    if (c.period === null) a.appendNull();
    else a.appendInteger(c.period);
    a.appendVarchar(c.text);
    a.endRow();
  }

  measure(m: MeasureDef): void {
    const a = this.meas;
    for (const v of [m.id, this.source.id, m.label, m.definition, m.unit, m.valueType, m.aggregation, m.periodKind, m.topic, m.family])
      a.appendVarchar(v);
    a.appendVarchar(JSON.stringify(m.categories ?? []));
    a.appendVarchar(JSON.stringify(m.dimensions ?? []));
    a.endRow();
  }

  place(p: Place): void {
    this.places.set(p.id, p);
  }

  reject(r: Rejection): void {
    this.rejected.push(r);
  }

  skip(reason: string): void {
    this.skipped.set(reason, (this.skipped.get(reason) ?? 0) + 1);
  }

  /**
   * A source-specific fact table (e.g. NIBRS arrestees). `columns` is a DuckDB column list;
   * a `source_id VARCHAR` column is added first. The importer fills `stg_<name>`; commit
   * replaces this source's rows of `<name>`.
   */
  async factTable(name: string, columns: string): Promise<string> {
    if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new Error(`bad table name ${name}`);
    await this.connection.run(`CREATE TABLE IF NOT EXISTS ${name} (source_id VARCHAR, ${columns})`);
    await this.connection.run(`CREATE OR REPLACE TEMP TABLE stg_${name} AS SELECT * FROM ${name} LIMIT 0`);
    this.extraTables.push(name);
    return `stg_${name}`;
  }

  /** @internal */
  stagedPlaces(): Place[] {
    return [...this.places.values()];
  }

  /** @internal */
  stagedExtraTables(): string[] {
    return this.extraTables;
  }

  /** @internal */
  closeAppenders(): void {
    for (const a of [this.obs, this.cites, this.cavs, this.meas]) a.closeSync();
  }
}

/** How many read connections serve queries at once (each request holds one for its snapshot). */
const READERS = 4;

/**
 * Reads and writes use different connections: `loadSource` stages and swaps on the write
 * connection (`connection`), while `all` and `read` run on a small pool of read connections.
 * DuckDB gives each connection its own transaction, so a reader sees only committed versions:
 * a source mid-reload is the old version until the swap commits, then the new one, never a mix.
 * One process holds the file: DuckDB locks it, so `cogency ingest` cannot run beside a server.
 */
export class Store {
  private readonly idle: DuckDBConnection[] = [];
  private readonly waiting: ((c: DuckDBConnection) => void)[] = [];
  private readonly readers: DuckDBConnection[] = [];
  private gen = 0;
  private writeChain: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
    readonly path: string,
    /** Set on a snapshot view: every `all` runs on this connection inside its transaction. */
    private readonly bound: DuckDBConnection | null = null,
    private readonly root: Store | null = null,
  ) {}

  static async open(path: string): Promise<Store> {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    // Extensions that would need a download must fail at once, not hang offline.
    const instance = await DuckDBInstance.create(path, { autoinstall_known_extensions: 'false', autoload_known_extensions: 'true' });
    const connection = await instance.connect();
    await connection.run(SCHEMA);
    const store = new Store(instance, connection, path);
    for (let i = 0; i < READERS; i++) {
      const c = await instance.connect();
      store.readers.push(c);
      store.idle.push(c);
    }
    await store.seedPlaces();
    return store;
  }

  /**
   * Bumped after every committed load (and by `changed()`): caches keyed on it are never stale
   * for writes made through this Store.
   */
  get generation(): number {
    return (this.root ?? this).gen;
  }

  /** Tell readers' caches the store changed (for writes made on `connection` outside `loadSource`). */
  changed(): void {
    (this.root ?? this).gen++;
  }

  /** Countries and U.S. states exist before any source mentions them. */
  private async seedPlaces(): Promise<void> {
    const [row] = await this.all("SELECT count(*) AS n FROM places WHERE kind IN ('country', 'state')");
    if (Number(row?.n ?? 0) > 0) return;
    const a = await this.connection.createAppender('places');
    for (const p of basePlaces()) {
      for (const v of [p.id, p.kind, p.name]) a.appendVarchar(v);
      if (p.parent === null) a.appendNull();
      else a.appendVarchar(p.parent);
      a.appendVarchar(p.parent ? `/${p.parent}/${p.id}` : `/${p.id}`);
      a.endRow();
    }
    a.closeSync();
  }

  close(): void {
    if (this.root) return;
    for (const c of this.readers) c.closeSync();
    this.connection.closeSync();
    this.instance.closeSync();
  }

  private acquire(): Promise<DuckDBConnection> {
    const c = this.idle.pop();
    if (c) return Promise.resolve(c);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(c: DuckDBConnection): void {
    const next = this.waiting.shift();
    if (next) next(c);
    else this.idle.push(c);
  }

  /** One statement on a read connection: it sees the last committed state of every table. */
  async all(sql: string, params: DuckDBValue[] = []): Promise<Record<string, unknown>[]> {
    if (this.bound) return rowsOf(this.bound, sql, params);
    if (this.root) return this.root.all(sql, params);
    const c = await this.acquire();
    try {
      return await rowsOf(c, sql, params);
    } finally {
      this.release(c);
    }
  }

  /**
   * Several reads from one consistent snapshot: `fn` gets a Store whose `all` runs in one read
   * transaction, so a reload that commits meanwhile is invisible to it.
   */
  async read<T>(fn: (snapshot: Store) => Promise<T>): Promise<T> {
    if (this.bound) return fn(this);
    const root = this.root ?? this;
    const c = await root.acquire();
    try {
      await c.run('BEGIN TRANSACTION');
      try {
        return await fn(new Store(root.instance, root.connection, root.path, c, root));
      } finally {
        await c.run('ROLLBACK');
      }
    } finally {
      root.release(c);
    }
  }

  async loadedChecksum(sourceId: string): Promise<string | null> {
    const rows = await this.all('SELECT sha256 FROM sources WHERE id = ?', [sourceId]);
    return (rows[0]?.sha256 as string | undefined) ?? null;
  }

  /**
   * Load one source version. `fill` writes into a Stage; if it throws, nothing changes.
   * An identical checksum is a no-op.
   */
  async loadSource(
    meta: SourceMeta,
    fill: (stage: Stage) => Promise<void>,
    onProgress: (done: number, total: number) => void = () => {},
  ): Promise<LoadResult> {
    if (this.root) return this.root.loadSource(meta, fill, onProgress);
    // One load at a time on the write connection (staging tables are per connection).
    const run = this.writeChain.then(() => this.loadOne(meta, fill, onProgress));
    this.writeChain = run.catch(() => undefined);
    return run;
  }

  private async loadOne(
    meta: SourceMeta,
    fill: (stage: Stage) => Promise<void>,
    onProgress: (done: number, total: number) => void,
  ): Promise<LoadResult> {
    if ((await this.loadedChecksum(meta.id)) === meta.sha256) {
      return { sourceId: meta.id, status: 'unchanged', rowsRead: 0, rowsStored: 0, rejected: [], skipped: {} };
    }
    const c = this.connection;
    for (const t of SOURCE_TABLES) await c.run(`CREATE OR REPLACE TEMP TABLE stg_${t} AS SELECT * FROM ${t} LIMIT 0`);
    const stage = new Stage(
      meta,
      c,
      await c.createAppender('stg_observations', 'main', 'temp'),
      await c.createAppender('stg_citations', 'main', 'temp'),
      await c.createAppender('stg_caveats', 'main', 'temp'),
      await c.createAppender('stg_measures', 'main', 'temp'),
      onProgress,
    );
    try {
      await fill(stage);
      stage.closeAppenders();
      for (const r of stage.rejected) {
        await c.run('INSERT INTO stg_rejections VALUES (?, ?, ?, ?, ?)', [meta.id, r.file, r.line, r.field, r.reason]);
      }
      await this.swap(meta, stage);
      this.gen++;
    } catch (e) {
      try {
        stage.closeAppenders();
      } catch {
        // already closed
      }
      throw e;
    } finally {
      for (const t of [...SOURCE_TABLES, ...stage.stagedExtraTables(), 'places']) await c.run(`DROP TABLE IF EXISTS temp.stg_${t}`);
    }
    return {
      sourceId: meta.id,
      status: 'loaded',
      rowsRead: stage.rowsRead,
      rowsStored: stage.rowsStored,
      rejected: stage.rejected,
      skipped: Object.fromEntries(stage.skipped),
    };
  }

  private async swap(meta: SourceMeta, stage: Stage): Promise<void> {
    const c = this.connection;
    await this.stagePlaces(stage);
    await c.run('BEGIN TRANSACTION');
    try {
      // One statement for all places: row-by-row upserts cost ~13 ms each (minutes for a national year).
      if (stage.stagedPlaces().length) await c.run('INSERT OR REPLACE INTO places SELECT * FROM temp.stg_places');
      for (const t of [...SOURCE_TABLES, ...stage.stagedExtraTables()]) {
        await c.run(`DELETE FROM ${t} WHERE source_id = ?`, [meta.id]);
        // A measure several sources fill (tip.tier: 2001–2015 and 2016–2025) is defined by whichever loaded last.
        if (t === 'measures') await c.run('DELETE FROM measures WHERE id IN (SELECT id FROM temp.stg_measures)');
        await c.run(`INSERT INTO ${t} SELECT * FROM temp.stg_${t}`);
      }
      // Measures are unique across sources; a measure moving between sources must not duplicate.
      await c.run('DELETE FROM sources WHERE id = ?', [meta.id]);
      await c.run('INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, current_timestamp, ?, ?, ?)', [
        meta.id, meta.family, meta.publisher, meta.title, meta.url, meta.license, meta.retrieved, meta.sha256,
        meta.format, meta.version, meta.file, meta.bytes, stage.rowsRead, stage.rowsStored, stage.rejected.length,
      ]);
      await c.run('COMMIT');
    } catch (e) {
      try {
        await c.run('ROLLBACK');
      } catch {
        // A failed COMMIT has already ended the transaction.
      }
      throw storeWriteError(this.path, meta.id, e);
    }
  }

  /** Staged places with their paths (agency under state under country) into temp.stg_places. */
  private async stagePlaces(stage: Stage): Promise<void> {
    const c = this.connection;
    await c.run('CREATE OR REPLACE TEMP TABLE stg_places AS SELECT * FROM places LIMIT 0');
    const staged = new Map(stage.stagedPlaces().map((p) => [p.id, p]));
    if (staged.size === 0) return;
    const paths = new Map<string, string>();
    const pathOf = async (id: string, depth: number): Promise<string> => {
      const known = paths.get(id);
      if (known !== undefined) return known;
      const p = staged.get(id);
      let path: string;
      if (p && depth < 16) path = `${p.parent ? await pathOf(p.parent, depth + 1) : ''}/${id}`;
      else path = ((await rowsOf(c, 'SELECT path FROM places WHERE id = ?', [id]))[0]?.path as string | undefined) ?? `/${id}`;
      paths.set(id, path);
      return path;
    };
    const a = await c.createAppender('stg_places', 'main', 'temp');
    for (const p of staged.values()) {
      const path = await pathOf(p.id, 0);
      for (const v of [p.id, p.kind, p.name]) a.appendVarchar(v);
      if (p.parent === null) a.appendNull();
      else a.appendVarchar(p.parent);
      a.appendVarchar(path);
      a.endRow();
    }
    a.closeSync();
  }

}

async function rowsOf(c: DuckDBConnection, sql: string, params: DuckDBValue[]): Promise<Record<string, unknown>[]> {
  const reader = await c.runAndReadAll(sql, params);
  // BIGINT comes back as bigint; every count here fits a double, and JSON cannot carry bigint.
  return (reader.getRowObjectsJS() as Record<string, unknown>[]).map((row) => {
    for (const k in row) if (typeof row[k] === 'bigint') row[k] = Number(row[k]);
    return row;
  });
}

/** The store could not be written (disk full, I/O error): the previous version is still the live one. */
export class StoreWriteError extends Error {
  constructor(
    readonly path: string,
    readonly sourceId: string,
    override readonly cause: unknown,
  ) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(
      `could not write source ${sourceId} to the store ${path}: ${why}. Nothing was changed: the previous version of ${sourceId} is still served. ` +
        'Free disk space (or fix the I/O error) and run the ingest again.',
    );
    this.name = 'StoreWriteError';
  }
}

function storeWriteError(path: string, sourceId: string, e: unknown): Error {
  const msg = e instanceof Error ? e.message : String(e);
  return /IO Error|No space left|ENOSPC|disk|write|flush|fsync|read-only|Permission/i.test(msg) ? new StoreWriteError(path, sourceId, e) : (e as Error);
}
