import type { TStoredNotificationPreferences } from '@capitune/contracts';
import { eq, sql } from 'drizzle-orm';
import { users } from '../../db/schema';
import type { Database } from '../../platform/db/database';

/** The person an unsubscribe link names: their address and stored preferences (locked when writing). */
export async function unsubscribingUser(db: Database, userId: string, options: { lock?: boolean } = {}) {
  const query = db
    .select({
      id: users.id,
      email: sql<string>`${users.email}::text`,
      deletedAt: users.deletedAt,
      preferences: users.notificationPreferences,
    })
    .from(users)
    .where(eq(users.id, userId));
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

export async function saveNotificationPreferences(
  db: Database,
  userId: string,
  preferences: TStoredNotificationPreferences,
  now: Date,
): Promise<void> {
  await db
    .update(users)
    .set({ notificationPreferences: preferences, updatedAt: now })
    .where(eq(users.id, userId));
}
