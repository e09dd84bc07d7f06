// The embedded store: DuckDB. On disk it is a series of immutable versions behind an atomic
// pointer (see versions.ts): readers open the current version read-only, a writer builds the
// next version in a private copy and publishes it whole. Within a version each source is parsed
// into staging tables first, then swapped into the live tables in one transaction, so a bad file
// refuses that source only and a crash at any point leaves the previous version serving.
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { deserialize as v8Deserialize, serialize as v8Serialize } from 'node:v8';
import { dirname, resolve } from 'node:path';
import { DuckDBInstance, type DuckDBConnection, type DuckDBAppender, type DuckDBValue } from '@duckdb/node-api';
import { ConflictError, InternalError, UnavailableError } from '../sources/errors.ts';
import { abandonVersion, adoptLegacy, beginVersion, collectGarbage, commitVersion, currentVersion, hold, lockWriter, readVersionCache, unhold, writeVersionCache } from './versions.ts';
import type { Caveat, Citation, MeasureDef, Observation, Place, Rejection, SourceMeta } from '../model/types.ts';
import { citationId, documentLocator, DOCUMENT_KEY } from './citation-id.ts';

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
CREATE TABLE IF NOT EXISTS citations (id VARCHAR PRIMARY KEY, source_id VARCHAR, locator VARCHAR, importer_key VARCHAR);
CREATE TABLE IF NOT EXISTS observations (
  source_id VARCHAR, measure VARCHAR, place VARCHAR, period INTEGER, dims VARCHAR,
  value DOUBLE, value_text VARCHAR, citation_id VARCHAR, flags VARCHAR);
CREATE TABLE IF NOT EXISTS caveats (
  source_id VARCHAR, measure VARCHAR, place VARCHAR, period INTEGER, text VARCHAR);
CREATE TABLE IF NOT EXISTS rejections (
  source_id VARCHAR, file VARCHAR, line INTEGER, field VARCHAR, reason VARCHAR);
CREATE TABLE IF NOT EXISTS place_claims (
  place_id VARCHAR, source_id VARCHAR, kind VARCHAR, name VARCHAR, parent VARCHAR, path VARCHAR, rank INTEGER);
ALTER TABLE sources ADD COLUMN IF NOT EXISTS inputs VARCHAR;
ALTER TABLE sources ADD COLUMN IF NOT EXISTS importer VARCHAR;
ALTER TABLE sources ADD COLUMN IF NOT EXISTS importer_version VARCHAR;
ALTER TABLE sources ADD COLUMN IF NOT EXISTS code_fingerprint VARCHAR;
ALTER TABLE sources ADD COLUMN IF NOT EXISTS analyzer_fingerprint VARCHAR;
ALTER TABLE sources ADD COLUMN IF NOT EXISTS unmapped_places VARCHAR;
ALTER TABLE citations ADD COLUMN IF NOT EXISTS importer_key VARCHAR;
`;

/**
 * What a source version was derived with. When any of it differs from what the store holds,
 * the source is rebuilt even if its input files are byte-identical.
 */
export interface Derivation {
  /** The importer's id and its explicit version string. */
  importer: string;
  importerVersion: string;
  /** sha256 over the importer's code (its folder and the shared code it runs). */
  code: string;
  /** For law: sha256 over the analyzer's rules; null for statistics sources. */
  analyzer: string | null;
  /** Each input file (relative to the data root) with its checksum and size. */
  inputs: { file: string; sha256: string; bytes: number }[];
}

export interface LoadOptions {
  derivation?: Derivation;
  /** Rebuild even when nothing changed. */
  force?: boolean;
}

/** A value as an SQL literal (for statements sent together, which take no parameters). */
export function sqlLiteral(v: string | number | null): string {
  if (v === null) return 'NULL';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`not a finite number: ${v}`);
    return String(v);
  }
  return `'${v.replace(/'/g, "''")}'`;
}

/** The reason to load a source the store has never held. */
const NEW_SOURCE = 'new source';

/** Tables whose rows belong to one source and are replaced together. */
const SOURCE_TABLES = ['measures', 'citations', 'observations', 'caveats', 'rejections'] as const;

export interface LoadResult {
  sourceId: string;
  status: 'loaded' | 'unchanged';
  /** Why the source was (re)built: "new source", "input files changed", "importer code changed", "--force", … */
  reasons: string[];
  rowsRead: number;
  rowsStored: number;
  rejected: Rejection[];
  skipped: Record<string, number>;
  /** Place ids the source's values use that the gazetteer does not know, with how many values each. */
  unmapped: { place: string; values: number }[];
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
  /** The importer's citation keys → public ids (see citation-id.ts), and the public ids already staged. */
  private readonly citationIds = new Map<string, string>();
  private readonly citationsStaged = new Set<string>();

  constructor(
    readonly source: SourceMeta,
    readonly connection: DuckDBConnection,
    private readonly obs: DuckDBAppender,
    private readonly cites: DuckDBAppender,
    private readonly cavs: DuckDBAppender,
    private readonly meas: DuckDBAppender,
    readonly onProgress: (done: number, total: number) => void,
    /** Fact tables known to exist in this connection's store (created once, not once per source). */
    private readonly factTablesMade: Set<string> = new Set(),
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
    a.appendVarchar(this.citationIdOf(o.citationId));
    a.appendVarchar(JSON.stringify(o.flags));
    a.endRow();
    this.rowsStored++;
  }

  /**
   * Stages a citation under the importer's key `c.id` and returns its public id, derived from the
   * source, the document and the locator. Two keys with the same locator are one citation.
   */
  citation(c: Citation): string {
    const id = citationId(c.sourceId, this.source.file, c.locator);
    const known = this.citationIds.get(c.id);
    if (known !== undefined && known !== id) throw new Error(`citation key ${c.id} staged twice with different locators`);
    this.citationIds.set(c.id, id);
    if (!this.citationsStaged.has(id)) {
      this.citationsStaged.add(id);
      this.cites.appendVarchar(id);
      this.cites.appendVarchar(c.sourceId);
      this.cites.appendVarchar(c.locator);
      this.cites.appendVarchar(c.id);
      this.cites.endRow();
    }
    return id;
  }

  /** The public id of a citation staged under the importer's key (for fact tables that cite). */
  citationIdOf(key: string): string {
    const id = this.citationIds.get(key);
    if (id === undefined) throw new Error(`a value cites "${key}", which was not staged as a citation`);
    return id;
  }

  /** The citation of the whole document, which a value summed over more rows than a cell can list cites. */
  documentCitation(): string {
    return this.citation({ id: DOCUMENT_KEY, sourceId: this.source.id, locator: documentLocator(this.source.file) });
  }

  get citationCount(): number {
    return this.citationsStaged.size;
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
    if (!this.factTablesMade.has(name)) {
      // A table made by an older importer lacks the columns added since: add them (older rows get
      // NULL until their source is rebuilt, which a changed importer's code fingerprint forces).
      const added = columns.split(/,\s*(?=[a-z_][a-z0-9_]*\s)/i).map((c) => `ALTER TABLE ${name} ADD COLUMN IF NOT EXISTS ${c}`);
      await this.connection.run([`CREATE TABLE IF NOT EXISTS ${name} (source_id VARCHAR, ${columns})`, ...added].join(';\n'));
      this.factTablesMade.add(name);
    }
    await this.connection.run(`CREATE OR REPLACE TEMP TABLE stg_${name} (source_id VARCHAR, ${columns})`);
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

/** One open version: a DuckDB instance and its read connections. Closed once retired and idle. */
class ReadPool {
  readonly idle: DuckDBConnection[] = [];
  private readonly all: DuckDBConnection[] = [];
  private readonly waiting: ((c: DuckDBConnection) => void)[] = [];
  private busy = 0;
  private retired = false;

  private constructor(
    readonly instance: DuckDBInstance,
    /** The version file, or null for an in-memory store. */
    readonly version: string | null,
  ) {}

  static async open(instance: DuckDBInstance, version: string | null): Promise<ReadPool> {
    const pool = new ReadPool(instance, version);
    for (let i = 0; i < READERS; i++) {
      const c = await instance.connect();
      pool.all.push(c);
      pool.idle.push(c);
    }
    if (version) hold(version);
    return pool;
  }

  acquire(): Promise<DuckDBConnection> {
    this.busy++;
    const c = this.idle.pop();
    if (c) return Promise.resolve(c);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  release(c: DuckDBConnection): void {
    this.busy--;
    const next = this.waiting.shift();
    if (next) next(c);
    else this.idle.push(c);
    if (this.retired && this.busy === 0) this.close();
  }

  /** Keep the pool open for a snapshot that takes a connection per statement (see Store.read). */
  pin(): void {
    this.busy++;
  }

  unpin(): void {
    this.busy--;
    if (this.retired && this.busy === 0) this.close();
  }

  /** No new readers; close when the last one in flight is done. */
  retire(): void {
    this.retired = true;
    if (this.busy === 0) this.close();
  }

  private closed = false;
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const c of this.all) c.closeSync();
    this.instance.closeSync();
    if (this.version) unhold(this.version);
  }
}

const DUCKDB_OPTIONS = { autoinstall_known_extensions: 'false', autoload_known_extensions: 'true' } as const;

/** Writes within one process go one after another (per store path); across processes the lock file decides. */
const writeChains = new Map<string, Promise<unknown>>();

/**
 * Reads run on a small pool of read connections to the current version; `write` builds the next
 * version (on disk: in a private copy; in memory: on a write connection, in transactions) and,
 * once it is published, moves the readers to it. DuckDB gives each connection its own
 * transaction, so a reader sees only committed versions: a source mid-reload is the old version
 * until the new one is published, then the new one, never a mix.
 *
 * Any number of processes can read the store while one writes: `cogency ingest` beside a running
 * `cogency serve`, which notices the new version (`watch`) and switches without a restart.
 */
export class Store {
  private gen = 0;
  private watcher: NodeJS.Timeout | null = null;
  private closed = false;

  private constructor(
    private pool: ReadPool,
    /** The store pointer (see versions.ts), or ':memory:'. */
    readonly path: string,
    /** In memory only: the write connection, on the same instance as the readers. */
    private readonly memoryWriter: DuckDBConnection | null,
    /** Set on a snapshot view: every `all` runs on this connection inside its transaction. */
    private readonly bound: DuckDBConnection | null = null,
    private readonly root: Store | null = null,
    /** On a snapshot of an in-memory store: the write generation when it began. */
    private readonly snapshotGeneration: number | null = null,
  ) {}

  /**
   * Set by a process that answers one question and exits (a CLI query): caches derived from the
   * store then read only what that question needs instead of whole measures for later requests.
   */
  get oneShot(): boolean {
    return (this.root ?? this).oneShotProcess;
  }
  private oneShotProcess = false;

  static async open(given: string, opts: { oneShot?: boolean } = {}): Promise<Store> {
    const store = await Store.openPath(given);
    store.oneShotProcess = opts.oneShot ?? false;
    return store;
  }

  private static async openPath(given: string): Promise<Store> {
    // Absolute from here on: the export folder and the versions sit beside it, whatever the working directory later.
    const path = given === ':memory:' ? given : resolve(given);
    if (path === ':memory:') {
      const instance = await DuckDBInstance.create(path, DUCKDB_OPTIONS);
      const writer = await instance.connect();
      await writer.run(SCHEMA);
      await refreshRegistryPlaces(writer);
      return new Store(await ReadPool.open(instance, null), path, writer);
    }
    mkdirSync(dirname(path), { recursive: true });
    if (currentVersion(path) !== path && currentVersion(path) !== null) return new Store(await openVersion(path), path, null);
    // No version yet, or a plain file from before versions: make the first version (under the lock).
    try {
      await writeVersion(path, async () => false);
    } catch (e) {
      if (!(e instanceof ConflictError)) throw e;
      // A first ingest is running elsewhere: it publishes an empty version before it loads anything.
      const t0 = Date.now();
      while (currentVersion(path) === null && Date.now() - t0 < 10_000) await new Promise((r) => setTimeout(r, 100));
    }
    return new Store(await openVersion(path), path, null);
  }

  /**
   * Bumped after every published write and every switch to a newer version: caches keyed on it
   * are never stale.
   */
  get generation(): number {
    return (this.root ?? this).gen;
  }

  /** Tell readers' caches the store changed. */
  changed(): void {
    (this.root ?? this).gen++;
  }

  /**
   * The open store this handle belongs to (itself, or the store a snapshot was taken from): a key
   * for caches that must live as long as the open store and be shared by its snapshots.
   */
  get identity(): object {
    return this.root ?? this;
  }

  /**
   * Which data this handle reads: the version file under it (on disk; a snapshot keeps the one it
   * began on) or the write generation (in memory). Caches of data derived from the store key on
   * it, with `identity`, so a request never mixes two versions.
   */
  get dataKey(): string {
    return this.pool.version ?? `memory#${this.snapshotGeneration ?? this.generation}`;
  }

  /** In-memory stores only: the write connection, for tests that set tables up by hand. */
  get connection(): DuckDBConnection {
    const writer = (this.root ?? this).memoryWriter;
    if (!writer) throw new InternalError('a store on disk is written only through write() and loadSource()');
    return writer;
  }

  /** The version file readers use now (null in memory). */
  get version(): string | null {
    return (this.root ?? this).pool.version;
  }

  /**
   * Switch the readers to the current version if a writer (this or another process) published a
   * newer one. Requests in flight finish on the version they started with. True when it switched.
   */
  async reload(): Promise<boolean> {
    const root = this.root ?? this;
    if (root.path === ':memory:' || root.closed) return false;
    if (currentVersion(root.path) === root.pool.version) return false;
    const next = await openVersion(root.path);
    const old = root.pool;
    root.pool = next;
    root.gen++;
    old.retire();
    await collectGarbage(root.path).catch(() => undefined);
    return true;
  }

  /** Poll the pointer and switch to new versions as they are published (within `intervalMs`). */
  watch(intervalMs = 1000, onSwitch: (version: string | null) => void = () => {}): () => void {
    const root = this.root ?? this;
    if (root.watcher) clearInterval(root.watcher);
    let checking = false;
    root.watcher = setInterval(() => {
      if (checking) return;
      checking = true;
      root
        .reload()
        .then((switched) => {
          if (switched) onSwitch(root.pool.version);
        })
        .catch(() => undefined)
        .finally(() => (checking = false));
    }, intervalMs);
    root.watcher.unref();
    return () => {
      if (root.watcher) clearInterval(root.watcher);
      root.watcher = null;
    };
  }

  close(): void {
    if (this.root || this.closed) return;
    this.closed = true;
    if (this.watcher) clearInterval(this.watcher);
    this.memoryWriter?.closeSync();
    this.pool.retire();
  }

  /**
   * The rows of fixed statements (no parameters), side by side on the read connections, kept beside
   * the version file they were read from: a published version never changes, so neither do their
   * rows, and the next process to open it reads them from that file instead of running them (a
   * command-line query opens the store once per question). Keyed by the statements' text, so a
   * change to any of them reads afresh. In memory, or when the file cannot be read or written, the
   * statements simply run.
   */
  async allCached(statements: readonly string[]): Promise<Record<string, unknown>[][]> {
    const version = this.pool.version;
    const key = createHash('sha256').update(statements.join('\0')).digest('hex').slice(0, 16);
    if (version) {
      const bytes = readVersionCache(version, key);
      if (bytes) {
        try {
          const rows = v8Deserialize(bytes) as unknown;
          if (Array.isArray(rows) && rows.length === statements.length && rows.every(Array.isArray)) return rows as Record<string, unknown>[][];
        } catch {
          // Unreadable: read afresh below (and write it again).
        }
      }
    }
    const rows = await Promise.all(statements.map((sql) => this.all(sql)));
    if (version) writeVersionCache(version, key, v8Serialize(rows));
    return rows;
  }

  /** One statement on a read connection: it sees the last committed state of every table. */
  async all(sql: string, params: DuckDBValue[] = []): Promise<Record<string, unknown>[]> {
    if (this.bound) return rowsOf(this.bound, sql, params);
    // The root's current version, or the version a snapshot pinned.
    const pool = this.pool;
    const c = await pool.acquire();
    try {
      return await rowsOf(c, sql, params);
    } finally {
      pool.release(c);
    }
  }

  /**
   * Several reads from one consistent snapshot: a reload that commits meanwhile is invisible to
   * `fn`. With `session`, every statement runs on one connection (temp tables, SET) in one read
   * transaction.
   */
  async read<T>(fn: (snapshot: Store) => Promise<T>, { session = false }: { session?: boolean } = {}): Promise<T> {
    if (this.bound || (this.root && !session)) return fn(this);
    const root = this.root ?? this;
    const pool = this.pool;
    if (pool.version !== null && !session) {
      // A published version file is immutable and opened read-only: every statement on its pool
      // sees the same data, so the snapshot is the pool itself, kept open while `fn` runs. No
      // transaction, and no connection held between statements (a query answered from the store
      // index runs none at all).
      pool.pin();
      try {
        return await fn(new Store(pool, root.path, null, null, root));
      } finally {
        pool.unpin();
      }
    }
    // In memory, writes commit into the same database: a read transaction keeps them out.
    const c = await pool.acquire();
    try {
      await c.run('BEGIN TRANSACTION');
      try {
        return await fn(new Store(pool, root.path, null, c, root, root.gen));
      } finally {
        await c.run('ROLLBACK');
      }
    } finally {
      pool.release(c);
    }
  }

  async loadedChecksum(sourceId: string): Promise<string | null> {
    const rows = await this.all('SELECT sha256 FROM sources WHERE id = ?', [sourceId]);
    return (rows[0]?.sha256 as string | undefined) ?? null;
  }

  /**
   * Load one source version as a version of its own. `fill` writes into a Stage; if it throws,
   * nothing changes. Unchanged input and derivation is a no-op (unless `force`).
   */
  async loadSource(
    meta: SourceMeta,
    fill: (stage: Stage) => Promise<void>,
    onProgress: (done: number, total: number) => void = () => {},
    options: LoadOptions = {},
  ): Promise<LoadResult> {
    return this.write((w) => w.loadSource(meta, fill, onProgress, options));
  }

  /**
   * Several loads into one new version, published once when `fn` returns (if anything was
   * loaded). A source whose load throws is rolled back alone; `fn` decides whether to go on.
   * If `fn` throws, or the process dies, nothing is published.
   */
  async write<T>(fn: (writer: Writer) => Promise<T>): Promise<T> {
    const root = this.root ?? this;
    if (root.memoryWriter) {
      const writer = new Writer(root.memoryWriter, root.path);
      return serialize(root.path, async () => {
        try {
          return await fn(writer);
        } finally {
          if (writer.loaded > 0) root.gen++;
        }
      });
    }
    let result!: T;
    await writeVersion(root.path, async (writer) => {
      result = await fn(writer);
      return writer.loaded > 0;
    });
    await root.reload();
    return result;
  }
}

function serialize<T>(key: string, task: () => Promise<T>): Promise<T> {
  const run = (writeChains.get(key) ?? Promise.resolve()).then(task);
  writeChains.set(
    key,
    run.catch(() => undefined),
  );
  return run;
}

/** Open the current version read-only; retried when a collector removed it between readlink and open. */
async function openVersion(pointer: string): Promise<ReadPool> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    const version = currentVersion(pointer);
    if (!version) break;
    try {
      const instance = await DuckDBInstance.create(version, { ...DUCKDB_OPTIONS, access_mode: 'READ_ONLY' });
      return await ReadPool.open(instance, version);
    } catch (e) {
      lastError = e;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  throw new UnavailableError(`the store cannot be opened: ${lastError instanceof Error ? lastError.message : 'no version published'}`, 'store.unreadable', { cause: lastError });
}

/**
 * Build and publish the next version: copy the current one, let `fn` write into the copy, and
 * publish it if `fn` says so. Under the writer lock; on any failure the copy is deleted.
 */
async function writeVersion(pointer: string, fn: (writer: Writer) => Promise<boolean>): Promise<void> {
  await serialize(pointer, async () => {
    const unlock = lockWriter(pointer);
    let building: string | null = null;
    try {
      await adoptLegacy(pointer);
      if (currentVersion(pointer) === null) {
        // The very first version: publish an empty store at once, so readers need not wait for this load.
        building = beginVersion(pointer);
        const first = await DuckDBInstance.create(building, DUCKDB_OPTIONS);
        const c = await first.connect();
        await c.run(SCHEMA);
        await refreshRegistryPlaces(c);
        await c.run('CHECKPOINT');
        c.closeSync();
        first.closeSync();
        commitVersion(pointer, building);
      }
      building = beginVersion(pointer);
      const instance = await DuckDBInstance.create(building, DUCKDB_OPTIONS);
      let publish = false;
      try {
        const c = await instance.connect();
        try {
          await c.run(SCHEMA);
          await refreshRegistryPlaces(c);
          // Start the loads with an empty WAL: the copy's own changes so far are in the file.
          await c.run('CHECKPOINT');
          publish = await fn(new Writer(c, pointer));
          if (publish) await c.run('CHECKPOINT');
        } finally {
          c.closeSync();
        }
      } finally {
        instance.closeSync();
      }
      if (publish) {
        commitVersion(pointer, building);
        building = null;
      }
    } finally {
      if (building) abandonVersion(building);
      unlock();
    }
  });
  await collectGarbage(pointer).catch(() => undefined);
}

/**
 * The gazetteer (every ISO country name), loaded when the store is written: a command that only
 * reads (a query, the server) never needs it, and it takes ~30 ms to load on this machine.
 */
const gazetteer = () => import('../model/places.ts');

/**
 * The registry's places (countries, states) as claims of the registry, refreshed on every write
 * so a change to the gazetteer reaches the store; then every place is the winning claim.
 */
async function refreshRegistryPlaces(c: DuckDBConnection): Promise<void> {
  const { basePlaces, claimRank, REGISTRY_SOURCE } = await gazetteer();
  await c.run('BEGIN TRANSACTION');
  try {
    // A store from before claims: its places become claims of their own, ranked last.
    const [claims] = await rowsOf(c, 'SELECT count(*) AS n FROM place_claims', []);
    if (Number(claims?.n ?? 0) === 0) {
      await c.run("INSERT INTO place_claims SELECT id, '~earlier load', kind, name, parent, path, 1000 FROM places");
    }
    await c.run('DELETE FROM place_claims WHERE source_id = ?', [REGISTRY_SOURCE]);
    const a = await c.createAppender('place_claims');
    for (const p of basePlaces()) {
      for (const v of [p.id, REGISTRY_SOURCE, p.kind, p.name]) a.appendVarchar(v);
      if (p.parent === null) a.appendNull();
      else a.appendVarchar(p.parent);
      a.appendVarchar(p.parent ? `/${p.parent}/${p.id}` : `/${p.id}`);
      a.appendInteger(claimRank(null));
      a.endRow();
    }
    a.closeSync();
    await c.run('DELETE FROM places');
    await c.run(`INSERT INTO places ${WINNING_CLAIMS('true')}`);
    await c.run('COMMIT');
  } catch (e) {
    await c.run('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

/** The gazetteer rule (see model/places.ts): best rank, then first source id. */
const WINNING_CLAIMS = (where: string) => `
  SELECT place_id, kind, name, parent, path FROM (
    SELECT *, row_number() OVER (PARTITION BY place_id ORDER BY rank, source_id) AS pick FROM place_claims WHERE ${where})
  WHERE pick = 1`;

/** Loads sources into the version being written. */
export class Writer {
  /** Sources loaded (not unchanged) so far. */
  loaded = 0;
  private readonly factTablesMade = new Set<string>();

  constructor(
    private readonly c: DuckDBConnection,
    private readonly path: string,
  ) {}

  async loadSource(
    meta: SourceMeta,
    fill: (stage: Stage) => Promise<void>,
    onProgress: (done: number, total: number) => void = () => {},
    options: LoadOptions = {},
  ): Promise<LoadResult> {
    const reasons = await this.reasonsToLoad(meta, options);
    if (reasons.length === 0) {
      return { sourceId: meta.id, status: 'unchanged', reasons, rowsRead: 0, rowsStored: 0, rejected: [], skipped: {}, unmapped: [] };
    }
    const c = this.c;
    await c.run(SOURCE_TABLES.map((t) => `CREATE OR REPLACE TEMP TABLE stg_${t} AS SELECT * FROM ${t} LIMIT 0`).join(';\n'));
    const stage = new Stage(
      meta,
      c,
      await c.createAppender('stg_observations', 'main', 'temp'),
      await c.createAppender('stg_citations', 'main', 'temp'),
      await c.createAppender('stg_caveats', 'main', 'temp'),
      await c.createAppender('stg_measures', 'main', 'temp'),
      onProgress,
      this.factTablesMade,
    );
    let unmapped: { place: string; values: number }[] = [];
    try {
      await fill(stage);
      if (stage.citationCount > 0) stage.documentCitation();
      stage.closeAppenders();
      for (const r of stage.rejected) {
        await c.run('INSERT INTO stg_rejections VALUES (?, ?, ?, ?, ?)', [meta.id, r.file, r.line, r.field, r.reason]);
      }
      await this.stagePlaces(stage);
      unmapped = (
        await rowsOf(
          c,
          `SELECT place, count(*) AS n FROM temp.stg_observations
           WHERE place NOT IN (SELECT id FROM places UNION ALL SELECT id FROM temp.stg_places) GROUP BY place ORDER BY place`,
          [],
        )
      ).map((r) => ({ place: String(r.place), values: Number(r.n) }));
      await this.swap(meta, stage, options.derivation, unmapped, reasons.includes(NEW_SOURCE));
      this.loaded++;
    } catch (e) {
      try {
        stage.closeAppenders();
      } catch {
        // already closed
      }
      await c.run([...SOURCE_TABLES, ...stage.stagedExtraTables(), 'places'].map((t) => `DROP TABLE IF EXISTS temp.stg_${t}`).join(';\n'));
      throw e;
    }
    // After a load the staging tables stay (the next source replaces them; they end with the
    // connection): dropping eleven tables per source was a tenth of a national NIBRS load.
    return {
      sourceId: meta.id,
      status: 'loaded',
      reasons,
      rowsRead: stage.rowsRead,
      rowsStored: stage.rowsStored,
      rejected: stage.rejected,
      skipped: Object.fromEntries(stage.skipped),
      unmapped,
    };
  }

  /** Why this source must be (re)built; empty when the stored version is the same derivation of the same files. */
  private async reasonsToLoad(meta: SourceMeta, options: LoadOptions): Promise<string[]> {
    const [row] = await rowsOf(this.c, 'SELECT sha256, importer_version, code_fingerprint, analyzer_fingerprint FROM sources WHERE id = ?', [meta.id]);
    if (!row) return [NEW_SOURCE];
    const reasons: string[] = [];
    if (row.sha256 !== meta.sha256) reasons.push('input files changed');
    const d = options.derivation;
    if (d) {
      if (row.importer_version !== d.importerVersion) reasons.push(`importer version ${String(row.importer_version ?? 'unrecorded')} -> ${d.importerVersion}`);
      else if (row.code_fingerprint !== d.code) reasons.push('importer code changed');
      if ((row.analyzer_fingerprint ?? null) !== d.analyzer) reasons.push('analyzer rules changed');
    }
    if (options.force && reasons.length === 0) reasons.push('--force');
    return reasons;
  }

  /**
   * Replace the source's rows with the staged ones in one transaction. A new source (no row in
   * `sources`, written in the same transaction as its data) has no rows to delete, so its swap
   * skips the deletes: a national NIBRS load is hundreds of new sources.
   */
  private async swap(meta: SourceMeta, stage: Stage, d: Derivation | undefined, unmapped: { place: string; values: number }[], isNew: boolean): Promise<void> {
    const c = this.c;
    const id = sqlLiteral(meta.id);
    const { claimRank } = await gazetteer();
    // One call for the whole transaction: each statement sent alone waits its turn on a loaded
    // machine twice (this thread, then DuckDB's), and a swap is some twenty statements.
    const sql = ['BEGIN TRANSACTION'];
    // The gazetteer: this source's claims replace its old ones; every place they touch is re-decided by the rule.
    let affected = 'temp.stg_places';
    if (!isNew) {
      sql.push(`CREATE OR REPLACE TEMP TABLE stg_affected AS SELECT place_id AS id FROM place_claims WHERE source_id = ${id} UNION SELECT id FROM temp.stg_places`);
      sql.push(`DELETE FROM place_claims WHERE source_id = ${id}`);
      affected = 'temp.stg_affected';
    }
    sql.push(`INSERT INTO place_claims SELECT id, ${id}, kind, name, parent, path, ${sqlLiteral(claimRank(meta.family))} FROM temp.stg_places`);
    sql.push(`DELETE FROM places WHERE id IN (SELECT id FROM ${affected})`);
    sql.push(`INSERT INTO places ${WINNING_CLAIMS(`place_id IN (SELECT id FROM ${affected})`)}`);
    if (!isNew) sql.push('DROP TABLE temp.stg_affected');
    for (const t of [...SOURCE_TABLES, ...stage.stagedExtraTables()]) {
      if (!isNew) sql.push(`DELETE FROM ${t} WHERE source_id = ${id}`);
      // A measure several sources fill (tip.tier: 2001–2015 and 2016–2025) is defined by whichever loaded last.
      if (t === 'measures') sql.push('DELETE FROM measures WHERE id IN (SELECT id FROM temp.stg_measures)');
      // By name: a fact table may hold columns an importer no longer writes.
      sql.push(`INSERT INTO ${t} BY NAME SELECT * FROM temp.stg_${t}`);
    }
    if (!isNew) sql.push(`DELETE FROM sources WHERE id = ${id}`);
    const values = [
      meta.id, meta.family, meta.publisher, meta.title, meta.url, meta.license, meta.retrieved, meta.sha256,
      meta.format, meta.version, meta.file, meta.bytes, stage.rowsRead, stage.rowsStored, stage.rejected.length,
      d ? JSON.stringify(d.inputs) : null, d?.importer ?? null, d?.importerVersion ?? null, d?.code ?? null, d?.analyzer ?? null,
      unmapped.length ? JSON.stringify(unmapped) : null,
    ].map(sqlLiteral);
    sql.push(
      `INSERT INTO sources (id, family, publisher, title, url, license, retrieved, sha256, format, version, file, bytes, loaded_at,
         rows_read, rows_stored, rows_rejected, inputs, importer, importer_version, code_fingerprint, analyzer_fingerprint, unmapped_places)
       VALUES (${values.slice(0, 12).join(', ')}, current_timestamp, ${values.slice(12).join(', ')})`,
    );
    sql.push('COMMIT');
    try {
      await c.run(sql.join(';\n'));
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
    const c = this.c;
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
export class StoreWriteError extends UnavailableError {
  constructor(
    readonly path: string,
    readonly sourceId: string,
    override readonly cause: unknown,
  ) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(
      `could not write source ${sourceId} to the store: ${why}. Nothing was changed: the previous version of ${sourceId} is still served. ` +
        'Free disk space (or fix the I/O error) and run the ingest again.',
      'store.write_failed',
      { cause },
    );
    this.name = 'StoreWriteError';
  }
}

function storeWriteError(path: string, sourceId: string, e: unknown): Error {
  const msg = e instanceof Error ? e.message : String(e);
  return /IO Error|No space left|ENOSPC|disk|write|flush|fsync|read-only|Permission/i.test(msg) ? new StoreWriteError(path, sourceId, e) : (e as Error);
}
