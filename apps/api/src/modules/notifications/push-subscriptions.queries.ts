import { and, desc, eq, notInArray, sql } from 'drizzle-orm';
import { pushSubscriptions } from '../../db/schema';
import { anyOf } from '../../lib/sql';
import type { Database } from '../../platform/db/database';
import { returnedRow } from '../../platform/db/rows';

/** Every statement of web push subscriptions: a person's devices, and what the push channel updates. */

export type PushSubscriptionRow = typeof pushSubscriptions.$inferSelect;

/** A person's devices, newest first. */
export async function pushSubscriptionsOf(db: Database, userId: string): Promise<PushSubscriptionRow[]> {
  return db
    .select()
    .from(pushSubscriptions)
    .where(eq(pushSubscriptions.userId, userId))
    .orderBy(desc(pushSubscriptions.createdAt), desc(pushSubscriptions.id));
}

/**
 * Stores a browser's subscription for this person. An endpoint belongs to one browser profile: given
 * again (keys renewed, or another person signed in on that browser) it is updated and moves to the
 * caller, its history cleared when it changes hands.
 */
export async function upsertPushSubscription(
  db: Database,
  values: { userId: string; endpoint: string; p256dh: string; auth: string; label: string; now: Date },
): Promise<PushSubscriptionRow> {
  const sameOwner = sql`${pushSubscriptions.userId} = excluded.user_id`;
  const rows = await db
    .insert(pushSubscriptions)
    .values({
      userId: values.userId,
      endpoint: values.endpoint,
      p256dh: values.p256dh,
      auth: values.auth,
      label: values.label,
      createdAt: values.now,
    })
    .onConflictDoUpdate({
      target: pushSubscriptions.endpoint,
      set: {
        userId: sql`excluded.user_id`,
        p256dh: sql`excluded.p256dh`,
        auth: sql`excluded.auth`,
        label: sql`excluded.label`,
        createdAt: sql`case when ${sameOwner} then ${pushSubscriptions.createdAt} else excluded.created_at end`,
        lastSuccessAt: sql`case when ${sameOwner} then ${pushSubscriptions.lastSuccessAt} else null end`,
      },
    })
    .returning();
  return returnedRow(rows, 'push subscription upsert');
}

/** Removes the person's oldest devices beyond the `keep` newest (never `except`, the one just given). */
export async function trimPushSubscriptions(
  db: Database,
  userId: string,
  keep: number,
  except: string,
): Promise<number> {
  const newest = db
    .select({ id: pushSubscriptions.id })
    .from(pushSubscriptions)
    .where(eq(pushSubscriptions.userId, userId))
    .orderBy(
      sql`${pushSubscriptions.id} = ${except} desc`,
      desc(pushSubscriptions.createdAt),
      desc(pushSubscriptions.id),
    )
    .limit(keep);
  const removed = await db
    .delete(pushSubscriptions)
    .where(and(eq(pushSubscriptions.userId, userId), notInArray(pushSubscriptions.id, newest)))
    .returning({ id: pushSubscriptions.id });
  return removed.length;
}

/** Removes one of the person's devices; false when they have no such device. */
export async function deletePushSubscription(db: Database, userId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(pushSubscriptions)
    .where(and(eq(pushSubscriptions.id, id), eq(pushSubscriptions.userId, userId)))
    .returning({ id: pushSubscriptions.id });
  return rows.length > 0;
}

/**
 * Removes subscriptions the push service called gone (404/410) — unless the browser gave new keys for
 * that endpoint meanwhile (a re-subscription between the send and now).
 */
export async function deleteGonePushSubscriptions(
  db: Database,
  gone: readonly { id: string; p256dh: string }[],
): Promise<void> {
  for (const subscription of gone) {
    await db
      .delete(pushSubscriptions)
      .where(
        and(eq(pushSubscriptions.id, subscription.id), eq(pushSubscriptions.p256dh, subscription.p256dh)),
      );
  }
}

/** Notes when a push service last accepted a message for these subscriptions. */
export async function markPushSubscriptionsReached(
  db: Database,
  ids: readonly string[],
  at: Date,
): Promise<void> {
  if (ids.length === 0) return;
  await db.update(pushSubscriptions).set({ lastSuccessAt: at }).where(anyOf(pushSubscriptions.id, ids));
}
