import { desc } from 'drizzle-orm';
import { outbox } from '../../db/schema';
import type { Database } from '../../platform/db/database';

/** The latest emails of the outbox, newest first. */
export async function latestOutboxRows(db: Database, limit: number) {
  return db.select().from(outbox).orderBy(desc(outbox.createdAt)).limit(limit);
}
