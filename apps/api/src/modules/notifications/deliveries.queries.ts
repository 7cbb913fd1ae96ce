import type { TDeliveryStatus, TNotificationChannel } from '@capitune/contracts';
import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import { notificationDeliveries, users } from '../../db/schema';
import type { Cursor } from '../../lib/cursor';
import type { Database } from '../../platform/db/database';

export interface DeliveryFilters {
  userId?: string | undefined;
  notificationId?: string | undefined;
  channel?: TNotificationChannel | undefined;
  status?: TDeliveryStatus | undefined;
}

/**
 * The delivery log, newest first, keyset on (created_at, id) (indexes `notification_deliveries_created_idx`
 * and, for one person, `notification_deliveries_user_created_idx`): never the text, nor the deferred email.
 */
export function deliveryRows(db: Database, filters: DeliveryFilters, after: Cursor | null, limit: number) {
  const d = notificationDeliveries;
  const where: (SQL | undefined)[] = [
    filters.userId ? eq(d.userId, filters.userId) : undefined,
    filters.notificationId ? eq(d.notificationId, filters.notificationId) : undefined,
    filters.channel ? eq(d.channel, filters.channel) : undefined,
    filters.status ? eq(d.status, filters.status) : undefined,
    after ? sql`(${d.createdAt}, ${d.id}) < (${after.at}, ${after.id})` : undefined,
  ];
  return db
    .select({
      id: d.id,
      notificationId: d.notificationId,
      userId: d.userId,
      userName: sql<string>`${users.firstName} || ' ' || ${users.lastName}`,
      type: d.type,
      channel: d.channel,
      status: d.status,
      reason: d.reason,
      attempts: d.attempts,
      dueAt: d.dueAt,
      sentAt: d.sentAt,
      createdAt: d.createdAt,
    })
    .from(d)
    .innerJoin(users, eq(users.id, d.userId))
    .where(and(...where))
    .orderBy(desc(d.createdAt), desc(d.id))
    .limit(limit);
}
