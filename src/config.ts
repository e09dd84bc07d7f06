// Where data, the store and the server live: flags beat environment variables beat defaults.
// A setting that is present but wrong is an error naming it, never a silent default.
import { resolve } from 'node:path';
import { UsageError } from './sources/errors.ts';

export interface Config {
  dataDir: string;
  /** Absolute: the store pointer (see src/store/versions.ts); relative paths resolve against the working directory once, here. */
  dbPath: string;
  port: number;
  host: string;
}

function parsePort(raw: string | number, from: string): number {
  const text = String(raw).trim();
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`${from} must be a port number from 0 to 65535, not "${raw}"`);
  return port;
}

function nonEmpty(raw: string | undefined, from: string): string | undefined {
  if (raw === undefined) return undefined;
  if (raw.trim() === '') throw new UsageError(`${from} is set but empty`);
  return raw;
}

export function loadConfig(flags: { data?: string; db?: string; port?: string | number } = {}, env = process.env): Config {
  const port = flags.port !== undefined ? parsePort(flags.port, '--port') : env.PORT !== undefined && env.PORT !== '' ? parsePort(env.PORT, 'PORT') : 8080;
  const data = nonEmpty(flags.data, '--data') ?? nonEmpty(env.COGENCY_DATA, 'COGENCY_DATA') ?? '../shared/data';
  const db = nonEmpty(flags.db, '--db') ?? nonEmpty(env.COGENCY_DB, 'COGENCY_DB') ?? './data/cogency.duckdb';
  const host = nonEmpty(env.HOST, 'HOST') ?? '127.0.0.1';
  if (!/^[A-Za-z0-9.:-]+$/.test(host)) throw new UsageError(`HOST must be a host name or address, not "${host}"`);
  return { dataDir: resolve(data), dbPath: db === ':memory:' ? db : resolve(db), port, host };
}
