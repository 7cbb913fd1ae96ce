import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import * as schema from '../../db/schema';
import type { Database } from './database';

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

/**
 * Runs `work` in one transaction: committed when it resolves, rolled back when it throws, so a
 * failure never leaves a half-written record (nor an email or job for an action that did not happen).
 */
export async function withTransaction<T>(pool: pg.Pool, work: (tx: Transaction) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const result = await work({ db: drizzleOn(client), client });
    await client.query('commit');
    return result;
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
