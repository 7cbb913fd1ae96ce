import { desc } from 'drizzle-orm';
import { devSmsMessages, outbox } from '../../db/schema';
import type { Database } from '../../platform/db/database';

/** The latest emails of the outbox, newest first. */
export async function latestOutboxRows(db: Database, limit: number) {
  return db.select().from(outbox).orderBy(desc(outbox.createdAt)).limit(limit);
}

/** The latest text messages the SMS port kept instead of sending them, newest first. */
export async function latestSmsRows(db: Database, limit: number) {
  return db.select().from(devSmsMessages).orderBy(desc(devSmsMessages.createdAt)).limit(limit);
}
