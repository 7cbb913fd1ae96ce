import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import {
  organisations,
  proVerifications,
  users,
  webhookAttempts,
  webhookDeliveries,
  webhookEndpoints,
} from '../../db/schema';
import type { Cursor } from '../../lib/cursor';
import type { Database } from '../../platform/db/database';
import { returnedRow, selectRows } from '../../platform/db/rows';
import { standingSql } from '../access';

/** Every statement of the webhooks module: endpoints, deliveries, their attempts, the firm's licensees. */

export type EndpointRow = typeof webhookEndpoints.$inferSelect;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;
export type AttemptRow = typeof webhookAttempts.$inferSelect;

/** Whether the firm exists. */
export async function firmExists(db: Database, organisationId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  return row !== undefined;
}

/** A pro's firm, whether they hold a licence of their own (agents do not), and its standing today. */
export async function firmMembership(db: Database, userId: string, today: string) {
  const [row] = await db
    .select({
      organisationId: users.organisationId,
      hasLicence: sql<boolean>`${proVerifications.id} is not null`,
      standing: standingSql(today, proVerifications),
    })
    .from(users)
    .leftJoin(proVerifications, eq(proVerifications.userId, users.id))
    .where(eq(users.id, userId));
  return row;
}

/** A pro's firm (null for anyone else). */
export async function organisationOfPro(db: Database, userId: string): Promise<string | null> {
  const [row] = await db
    .select({ organisationId: users.organisationId })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.role, 'pro')));
  return row?.organisationId ?? null;
}

/** The firm's licensees (a licence of their own), to email when an endpoint is turned off. */
export async function firmLicenseeRecipients(db: Database, organisationId: string) {
  return db
    .select({ id: users.id, email: users.email, firstName: users.firstName, locale: users.locale })
    .from(users)
    .innerJoin(proVerifications, eq(proVerifications.userId, users.id))
    .where(
      and(eq(users.organisationId, organisationId), eq(users.role, 'pro'), sql`${users.deletedAt} is null`),
    )
    .orderBy(asc(users.id))
    .limit(500);
}

export async function firmNameOf(db: Database, organisationId: string): Promise<string> {
  const [row] = await db
    .select({ name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  return row?.name ?? '';
}

export async function endpointsOf(db: Database, organisationId: string): Promise<EndpointRow[]> {
  return db
    .select()
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.organisationId, organisationId))
    .orderBy(asc(webhookEndpoints.createdAt), asc(webhookEndpoints.id));
}

export async function endpointCount(db: Database, organisationId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.organisationId, organisationId));
  return row?.n ?? 0;
}

/** The firm's row, locked: the count of a firm's endpoints is checked and raised one at a time. */
export async function lockFirm(db: Database, organisationId: string): Promise<void> {
  await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.id, organisationId))
    .for('update');
}

/** One endpoint of one firm (another firm's is not found). */
export async function endpointOf(
  db: Database,
  organisationId: string,
  endpointId: string,
  options: { lock?: boolean } = {},
): Promise<EndpointRow | undefined> {
  const query = db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.id, endpointId), eq(webhookEndpoints.organisationId, organisationId)));
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

export async function endpointById(db: Database, endpointId: string): Promise<EndpointRow | undefined> {
  const [row] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId));
  return row;
}

export async function insertEndpoint(
  db: Database,
  values: {
    id: string;
    organisationId: string;
    url: string;
    description: string;
    eventTypes: string[];
    secret: string;
    createdBy: string;
    now: Date;
  },
): Promise<EndpointRow> {
  const rows = await db
    .insert(webhookEndpoints)
    .values({
      id: values.id,
      organisationId: values.organisationId,
      url: values.url,
      description: values.description,
      eventTypes: values.eventTypes,
      secret: values.secret,
      createdBy: values.createdBy,
      createdAt: values.now,
      updatedAt: values.now,
    })
    .returning();
  return returnedRow(rows, 'webhook endpoint insert');
}

export async function updateEndpoint(
  db: Database,
  endpointId: string,
  values: Partial<
    Pick<
      EndpointRow,
      | 'description'
      | 'eventTypes'
      | 'status'
      | 'disabledReason'
      | 'disabledAt'
      | 'secret'
      | 'previousSecret'
      | 'previousSecretExpiresAt'
      | 'updatedAt'
    >
  >,
): Promise<EndpointRow> {
  const rows = await db
    .update(webhookEndpoints)
    .set(values)
    .where(eq(webhookEndpoints.id, endpointId))
    .returning();
  return returnedRow(rows, 'webhook endpoint update');
}

export async function deleteEndpoint(db: Database, endpointId: string): Promise<void> {
  await db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId));
}

/**
 * Turns an endpoint off unless it already is: true when this call did (so its licensees are emailed once).
 */
export async function disableEndpoint(
  db: Database,
  endpointId: string,
  reason: string,
  now: Date,
): Promise<EndpointRow | undefined> {
  const [row] = await db
    .update(webhookEndpoints)
    .set({ status: 'disabled', disabledReason: reason, disabledAt: now, updatedAt: now })
    .where(and(eq(webhookEndpoints.id, endpointId), eq(webhookEndpoints.status, 'active')))
    .returning();
  return row;
}

/**
 * The pending deliveries of an endpoint that is turned on again start a new series of attempts now
 * (their 24 hours counted from the next attempt).
 */
export async function restartPendingDeliveries(db: Database, endpointId: string, now: Date): Promise<void> {
  await db
    .update(webhookDeliveries)
    .set({ attemptCount: 0, nextAttemptAt: now, leaseUntil: null })
    .where(and(eq(webhookDeliveries.endpointId, endpointId), eq(webhookDeliveries.status, 'pending')));
}

/** The active endpoints of a firm subscribed to an event type. */
export async function subscribedEndpoints(db: Database, organisationId: string, eventType: string) {
  return db
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(
      and(
        eq(webhookEndpoints.organisationId, organisationId),
        eq(webhookEndpoints.status, 'active'),
        sql`${eventType} = any(${webhookEndpoints.eventTypes})`,
      ),
    );
}

export async function insertDeliveries(
  db: Database,
  rows: { endpointId: string; eventType: string; payload: Record<string, unknown>; now: Date }[],
): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await db
    .insert(webhookDeliveries)
    .values(
      rows.map((row) => ({
        endpointId: row.endpointId,
        eventType: row.eventType,
        payload: row.payload,
        status: 'pending' as const,
        nextAttemptAt: row.now,
        createdAt: row.now,
      })),
    )
    .returning({ id: webhookDeliveries.id });
  return inserted.map((row) => row.id);
}

/** A page of an endpoint's deliveries, newest first, after the cursor. */
export async function deliveryPage(
  db: Database,
  endpointId: string,
  cursor: Cursor | null,
  limit: number,
): Promise<DeliveryRow[]> {
  return db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.endpointId, endpointId),
        cursor
          ? sql`(${webhookDeliveries.createdAt}, ${webhookDeliveries.id}) < (${cursor.at.toISOString()}::timestamptz, ${cursor.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(limit);
}

/** The attempts of these deliveries, oldest first. */
export async function attemptsOf(db: Database, deliveryIds: string[]): Promise<AttemptRow[]> {
  if (deliveryIds.length === 0) return [];
  return db
    .select()
    .from(webhookAttempts)
    .where(inArray(webhookAttempts.deliveryId, deliveryIds))
    .orderBy(asc(webhookAttempts.attemptedAt), asc(webhookAttempts.id));
}

export async function deliveryOf(
  db: Database,
  endpointId: string,
  deliveryId: string,
  options: { lock?: boolean } = {},
): Promise<DeliveryRow | undefined> {
  const query = db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.endpointId, endpointId)));
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

/** A delivered or failed delivery sent again: a new series of attempts, from now. */
export async function requeueDelivery(db: Database, deliveryId: string, now: Date): Promise<DeliveryRow> {
  const rows = await db
    .update(webhookDeliveries)
    .set({ status: 'pending', attemptCount: 0, nextAttemptAt: now, leaseUntil: null })
    .where(eq(webhookDeliveries.id, deliveryId))
    .returning();
  return returnedRow(rows, 'webhook delivery requeue');
}

// The worker

const ZClaimed = z.object({
  id: z.string(),
  endpoint_id: z.string(),
  payload: z.record(z.string(), z.unknown()),
  attempt_count: z.number(),
  /** The lease of a claim that never finished (its worker killed), when there was one (raw: text). */
  abandoned_lease: z.string().nullable(),
});
export type ClaimedDelivery = z.infer<typeof ZClaimed>;

/**
 * Claims up to `limit` due deliveries of active endpoints: their lease moves `leaseSeconds` forward and
 * their attempt count up by one, so no other worker takes them until the lease passes (a killed worker's
 * delivery is then taken again). A delivered or failed delivery is never claimed.
 */
export async function claimDueDeliveries(
  db: Database,
  now: Date,
  leaseSeconds: number,
  limit: number,
): Promise<ClaimedDelivery[]> {
  const at = now.toISOString();
  return selectRows(
    db,
    ZClaimed,
    sql`update webhook_deliveries d
           set lease_until = ${at}::timestamptz + make_interval(secs => ${leaseSeconds}),
               attempt_count = d.attempt_count + 1
          from (select w.id, w.lease_until
                  from webhook_deliveries w
                  join webhook_endpoints e on e.id = w.endpoint_id and e.status = 'active'
                 where w.status = 'pending' and w.next_attempt_at <= ${at}::timestamptz
                   and (w.lease_until is null or w.lease_until < ${at}::timestamptz)
                 order by w.next_attempt_at
                 limit ${limit}
                   for update of w skip locked) due
         where d.id = due.id
     returning d.id, d.endpoint_id, d.payload, d.attempt_count, due.lease_until as abandoned_lease`,
    'webhooks.claim',
  );
}

export async function insertAttempt(
  db: Database,
  values: {
    deliveryId: string;
    attemptedAt: Date;
    statusCode: number | null;
    error: string | null;
    durationMs: number;
  },
): Promise<void> {
  await db.insert(webhookAttempts).values(values);
}

/**
 * When the current series of attempts began: the oldest of its last `count` attempts (every claim of
 * the series wrote one, an abandoned claim included).
 */
export async function seriesStart(
  db: Database,
  deliveryId: string,
  count: number,
): Promise<Date | undefined> {
  const rows = await db
    .select({ at: webhookAttempts.attemptedAt })
    .from(webhookAttempts)
    .where(eq(webhookAttempts.deliveryId, deliveryId))
    .orderBy(desc(webhookAttempts.attemptedAt), desc(webhookAttempts.id))
    .limit(Math.max(count, 1));
  return rows.at(-1)?.at;
}

/** A 2xx: delivered, unless another worker already recorded it. */
export async function markDelivered(db: Database, deliveryId: string, now: Date): Promise<void> {
  await db
    .update(webhookDeliveries)
    .set({ status: 'delivered', deliveredAt: now, nextAttemptAt: null, leaseUntil: null })
    .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.status, 'pending')));
}

/** A failure with time left: the next attempt at `next`. */
export async function scheduleRetry(db: Database, deliveryId: string, next: Date): Promise<void> {
  await db
    .update(webhookDeliveries)
    .set({ nextAttemptAt: next, leaseUntil: null })
    .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.status, 'pending')));
}

/** Failures for 24 hours: failed. True when this call marked it. */
export async function markFailed(db: Database, deliveryId: string): Promise<boolean> {
  const rows = await db
    .update(webhookDeliveries)
    .set({ status: 'failed', nextAttemptAt: null, leaseUntil: null })
    .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.status, 'pending')))
    .returning({ id: webhookDeliveries.id });
  return rows.length > 0;
}
