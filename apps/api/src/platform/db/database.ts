import { createHash } from 'node:crypto';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Logger } from 'pino';
import * as schema from '../../db/schema';

export type Database = NodePgDatabase<typeof schema>;

export interface DatabaseHandle {
  pool: pg.Pool;
  db: Database;
  close(): Promise<void>;
}

// timestamptz as JS Date (default) but bigint/count(*) as number: counts stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10));

/**
 * A connection that prepares every statement carrying parameters once (a named statement, named after its
 * text) and then only binds and executes it: PostgreSQL parses and plans each distinct statement once per
 * connection instead of on every request, which is most of its work for the short queries of a page
 * (decision 007). Statements without parameters (`begin`, `commit`, several commands in one string) are sent
 * as they are.
 */
class PreparingClient extends pg.Client {
  // biome-ignore lint/suspicious/noExplicitAny: pg's query() has a dozen overloads; this only adds a name.
  override query(config: any, values?: any, callback?: any): any {
    if (
      config !== null &&
      typeof config === 'object' &&
      typeof config.text === 'string' &&
      config.name === undefined &&
      typeof config.submit !== 'function'
    ) {
      const parameters = Array.isArray(values) ? values : config.values;
      if (Array.isArray(parameters) && parameters.length > 0) {
        config = { ...config, name: statementName(config.text) };
      }
    } else if (typeof config === 'string' && Array.isArray(values) && values.length > 0) {
      config = { text: config, name: statementName(config) };
    }
    return super.query(config, values, callback);
  }
}

const names = new Map<string, string>();
function statementName(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `q${createHash('sha1').update(text).digest('base64url')}`;
    // Texts are a bounded set (query shapes, not values); the bound only guards against a bug.
    if (names.size < 10_000) names.set(text, name);
  }
  return name;
}

/** The client gives up this long after the server's own `statement_timeout`: a server that does not answer at all. */
export const CLIENT_TIMEOUT_MARGIN_MS = 1_000;

export interface DatabaseOptions {
  max: number;
  logger?: Logger;
  /**
   * PostgreSQL's `statement_timeout` of every connection, and the client's `query_timeout` a little after
   * it. Unset (command-line tools: migrations, seeds) means no limit.
   */
  statementTimeoutMs?: number;
  /** The longest wait for a connection (the pool full, the server unreachable). */
  connectTimeoutMs?: number;
}

export function connectDatabase(url: string, options: DatabaseOptions): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    idleTimeoutMillis: 30_000,
    application_name: 'capitune-api',
    Client: PreparingClient,
    ...(options.statementTimeoutMs
      ? {
          statement_timeout: options.statementTimeoutMs,
          query_timeout: options.statementTimeoutMs + CLIENT_TIMEOUT_MARGIN_MS,
        }
      : {}),
  });
  // An idle client losing its connection (database restart, failover) must not crash the process:
  // the pool drops it and the next query opens a new one.
  pool.on('error', (error) => options.logger?.warn({ err: error }, 'idle database client error'));
  const db = drizzle(pool, { schema, casing: 'snake_case' });
  return { pool, db, close: () => pool.end() };
}

/** True when a trivial query answers within the timeout. */
export async function pingDatabase(pool: pg.Pool, timeoutMs = 2_000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const ping = pool.query('select 1').then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([ping, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
