// Where data, the store and the server live: flags beat environment variables beat defaults.
import { resolve } from 'node:path';

export interface Config {
  dataDir: string;
  dbPath: string;
  port: number;
  host: string;
}

export function loadConfig(flags: { data?: string; db?: string; port?: string | number } = {}, env = process.env): Config {
  const port = Number(flags.port ?? env.PORT ?? 8080);
  return {
    dataDir: resolve(flags.data ?? env.COGENCY_DATA ?? '../shared/data'),
    dbPath: flags.db ?? env.COGENCY_DB ?? './data/cogency.duckdb',
    port: Number.isInteger(port) && port >= 0 && port < 65536 ? port : 8080,
    host: env.HOST ?? '127.0.0.1',
  };
}
