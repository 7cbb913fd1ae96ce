import { sql } from 'drizzle-orm';
import { emailSuppressions, notificationDeliveries, outbox } from '../../db/schema';
import type { Database } from '../db/database';
import type { Transaction } from '../db/transaction';

export type SuppressionReason = 'bounce' | 'complaint';

/**
 * Whether an outbox email must not leave because the SMTP provider reported its address (its webhook,
 * `POST /api/email/events`): a hard bounce stops every email to it, a complaint (marked as spam) only the
 * non-essential ones, which carry a `List-Unsubscribe` link. When it must not, the email is marked
 * suppressed (kept, not sent, never retried) and the notification deliveries it carried are skipped.
 */
export async function suppressedFor(
  tx: Transaction,
  address: string,
  nonEssential: boolean,
  now: Date,
  outboxId: string,
): Promise<boolean> {
  const [suppression] = await tx.db
    .select({ reason: emailSuppressions.reason })
    .from(emailSuppressions)
    .where(sql`${emailSuppressions.address} = ${address}`);
  if (!suppression) return false;
  if (suppression.reason === 'complaint' && !nonEssential) return false;
  await tx.db.update(outbox).set({ suppressedAt: now }).where(sql`${outbox.id} = ${outboxId}`);
  await tx.db
    .update(notificationDeliveries)
    .set({ status: 'skipped', reason: 'address_suppressed', updatedAt: now })
    .where(
      sql`${notificationDeliveries.outboxId} = ${outboxId} and ${notificationDeliveries.status} <> 'sent'`,
    );
  return true;
}

/**
 * Records what the provider reported about an address. A bounce outranks a complaint (it stops more):
 * a later complaint does not soften a bounce.
 */
export async function recordSuppression(
  db: Database,
  input: { address: string; reason: SuppressionReason; detail: string | null; now: Date },
): Promise<void> {
  await db
    .insert(emailSuppressions)
    .values({ address: input.address, reason: input.reason, detail: input.detail, createdAt: input.now })
    .onConflictDoUpdate({
      target: emailSuppressions.address,
      set: {
        reason: sql`case when ${emailSuppressions.reason} = 'bounce' then ${emailSuppressions.reason} else excluded.reason end`,
        detail: sql`excluded.detail`,
        createdAt: sql`excluded.created_at`,
      },
    });
}

/** Forgets an address's suppression (its owner changed to a new address, or an admin cleared it). */
export async function clearSuppression(db: Database, address: string): Promise<void> {
  await db.delete(emailSuppressions).where(sql`${emailSuppressions.address} = ${address}`);
}

/** What the provider reported about an address, if anything (the admin console's member page). */
export async function suppressionOf(
  db: Database,
  address: string,
): Promise<{ reason: SuppressionReason; detail: string | null; createdAt: Date } | null> {
  const [row] = await db
    .select({
      reason: emailSuppressions.reason,
      detail: emailSuppressions.detail,
      createdAt: emailSuppressions.createdAt,
    })
    .from(emailSuppressions)
    .where(sql`${emailSuppressions.address} = ${address}`);
  return row ?? null;
}
