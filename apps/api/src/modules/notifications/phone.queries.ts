import { and, desc, eq, gt, isNull, lt, or, sql } from 'drizzle-orm';
import { notificationDeliveries, notificationPhones, oneTimeCodes, users } from '../../db/schema';
import type { Database } from '../../platform/db/database';

/** Every statement about the number a person receives notifications on by text, and its codes. */

export type NotificationPhoneRow = typeof notificationPhones.$inferSelect;

/** A wrong try past this many kills the code (as the sign-in codes). */
export const MAX_WRONG_TRIES = 5;

export async function phoneRow(db: Database, userId: string): Promise<NotificationPhoneRow | undefined> {
  const [row] = await db.select().from(notificationPhones).where(eq(notificationPhones.userId, userId));
  return row;
}

/** The person's language and time zone (the code's text, the day of the daily cap). */
export async function phoneOwner(db: Database, userId: string) {
  const [row] = await db
    .select({ id: users.id, locale: users.locale, timeZone: users.timeZone })
    .from(users)
    .where(eq(users.id, userId));
  return row;
}

/**
 * The number to confirm, waiting for its code (`verified_at` null). A STOP recorded for the same number
 * stays until the code comes back; a new number starts clean.
 */
export async function upsertPendingPhone(db: Database, userId: string, phone: string, now: Date) {
  await db
    .insert(notificationPhones)
    .values({ userId, phone, verifiedAt: null, stoppedAt: null, updatedAt: now })
    .onConflictDoUpdate({
      target: notificationPhones.userId,
      set: {
        phone,
        verifiedAt: null,
        stoppedAt: sql`case when ${notificationPhones.phone} = ${phone} then ${notificationPhones.stoppedAt} end`,
        updatedAt: now,
      },
    });
}

/** The opt-in: the number received its code. */
export async function markPhoneVerified(db: Database, userId: string, phone: string, now: Date) {
  const rows = await db
    .update(notificationPhones)
    .set({ verifiedAt: now, stoppedAt: null, updatedAt: now })
    .where(and(eq(notificationPhones.userId, userId), eq(notificationPhones.phone, phone)))
    .returning({ userId: notificationPhones.userId });
  return rows.length > 0;
}

export async function deletePhone(db: Database, userId: string): Promise<NotificationPhoneRow | undefined> {
  const [row] = await db.delete(notificationPhones).where(eq(notificationPhones.userId, userId)).returning();
  await db
    .delete(oneTimeCodes)
    .where(and(eq(oneTimeCodes.userId, userId), eq(oneTimeCodes.purpose, 'notification_phone')));
  return row;
}

/** A STOP (or ARRÊT) from this number: every person who gave it stops receiving texts. */
export async function stopPhone(db: Database, phone: string, now: Date): Promise<string[]> {
  const rows = await db
    .update(notificationPhones)
    .set({ stoppedAt: now, updatedAt: now })
    .where(and(eq(notificationPhones.phone, phone), isNull(notificationPhones.stoppedAt)))
    .returning({ userId: notificationPhones.userId });
  return rows.map((row) => row.userId);
}

// The codes (one_time_codes, purpose notification_phone): one live code per person at most.

/** Removes the person's earlier phone codes and their expired codes of any purpose. */
export async function deleteReplacedPhoneCodes(db: Database, userId: string, now: Date): Promise<void> {
  await db
    .delete(oneTimeCodes)
    .where(
      and(
        eq(oneTimeCodes.userId, userId),
        or(eq(oneTimeCodes.purpose, 'notification_phone'), lt(oneTimeCodes.expiresAt, now)),
      ),
    );
}

export async function insertPhoneCode(
  db: Database,
  code: { userId: string; phone: string; codeHash: string; expiresAt: Date; now: Date },
): Promise<void> {
  await db.insert(oneTimeCodes).values({
    userId: code.userId,
    channel: 'sms',
    purpose: 'notification_phone',
    phone: code.phone,
    codeHash: code.codeHash,
    expiresAt: code.expiresAt,
    createdAt: code.now,
  });
}

/** The person's newest phone code that can still be tried, locked until the transaction ends. */
export async function livePhoneCodeForUpdate(db: Database, userId: string, now: Date) {
  const [row] = await db
    .select()
    .from(oneTimeCodes)
    .where(
      and(
        eq(oneTimeCodes.userId, userId),
        eq(oneTimeCodes.purpose, 'notification_phone'),
        isNull(oneTimeCodes.usedAt),
        gt(oneTimeCodes.expiresAt, now),
        lt(oneTimeCodes.failedAttempts, MAX_WRONG_TRIES),
      ),
    )
    .orderBy(desc(oneTimeCodes.createdAt))
    .limit(1)
    .for('update');
  return row;
}

export async function markPhoneCodeUsed(db: Database, id: string, now: Date): Promise<void> {
  await db.update(oneTimeCodes).set({ usedAt: now }).where(eq(oneTimeCodes.id, id));
}

export async function countWrongPhoneCode(db: Database, id: string): Promise<void> {
  await db
    .update(oneTimeCodes)
    .set({ failedAttempts: sql`${oneTimeCodes.failedAttempts} + 1` })
    .where(eq(oneTimeCodes.id, id));
}

// The daily cap

/**
 * The notification texts sent to the person since midnight in their time zone (`users.time_zone`):
 * sent rows of the delivery log (`notification_deliveries_user_channel_sent_idx`).
 */
export async function smsSentToday(db: Database, userId: string, now: Date): Promise<number> {
  const [row] = await db
    .select({ sent: sql<number>`count(*)::int` })
    .from(notificationDeliveries)
    .innerJoin(users, eq(users.id, notificationDeliveries.userId))
    .where(
      and(
        eq(notificationDeliveries.userId, userId),
        eq(notificationDeliveries.channel, 'sms'),
        eq(notificationDeliveries.status, 'sent'),
        sql`${notificationDeliveries.sentAt} >= (date_trunc('day', ${now}::timestamptz at time zone ${users.timeZone}) at time zone ${users.timeZone})`,
      ),
    );
  return row?.sent ?? 0;
}

/** The short link's target: the delivery's path in the web app (null when it has none or is gone). */
export async function deliveryLink(db: Database, deliveryId: string) {
  const [row] = await db
    .select({ link: notificationDeliveries.link })
    .from(notificationDeliveries)
    .where(eq(notificationDeliveries.id, deliveryId));
  return row;
}
