import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import * as schema from '../../db/schema';
import { CLIENT_TIMEOUT_MARGIN_MS, type Database } from './database';

/** A transaction: drizzle on one connection, and that connection for pg-boss jobs sent in the same commit. */
export interface Transaction {
  db: Database;
  client: pg.PoolClient;
}

/** One drizzle instance per pooled connection, made once: pool connections are reused. */
const drizzleOf = new WeakMap<pg.PoolClient, Database>();
function drizzleOn(client: pg.PoolClient): Database {
  let db = drizzleOf.get(client);
  if (!db) {
    db = drizzle(client, { schema, casing: 'snake_case' });
    drizzleOf.set(client, db);
  }
  return db;
}

/** pg reads a client's `query_timeout` from here on every query (no public setter). */
type WithQueryTimeout = { connectionParameters: { query_timeout?: number } };

/**
 * Runs `work` in one transaction: committed when it resolves, rolled back when it throws, so a
 * failure never leaves a half-written record (nor an email or job for an action that did not happen).
 * `statementTimeoutMs` raises the pool's statement limit for this transaction alone (`SET LOCAL`), for
 * the rare work that needs longer (a large export).
 */
export async function withTransaction<T>(
  pool: pg.Pool,
  work: (tx: Transaction) => Promise<T>,
  options: { statementTimeoutMs?: number } = {},
): Promise<T> {
  const client = await pool.connect();
  const parameters = (client as unknown as WithQueryTimeout).connectionParameters;
  const clientTimeout = parameters.query_timeout;
  let failed: unknown;
  try {
    await client.query('begin');
    if (options.statementTimeoutMs) {
      await client.query(`set local statement_timeout = ${Math.round(options.statementTimeoutMs)}`);
      if (clientTimeout) parameters.query_timeout = options.statementTimeoutMs + CLIENT_TIMEOUT_MARGIN_MS;
    }
    const result = await work({ db: drizzleOn(client), client });
    await client.query('commit');
    return result;
  } catch (error) {
    failed = error;
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    parameters.query_timeout = clientTimeout;
    // A connection whose query the client gave up on may still be busy: closed rather than reused.
    client.release(isClientTimeout(failed) ? (failed as Error) : undefined);
  }
}

function isClientTimeout(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    if (current.message === 'Query read timeout') return true;
    current = current.cause;
  }
  return false;
}
