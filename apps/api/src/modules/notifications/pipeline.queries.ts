import type { TDeliveryStatus, TNotificationChannel } from '@capitune/contracts';
import { and, eq, sql } from 'drizzle-orm';
import { type DeferredEmail, notificationDeliveries, users } from '../../db/schema';
import { anyOf } from '../../lib/sql';
import { builtQuery } from '../../platform/db/built-query';
import type { Database } from '../../platform/db/database';

/**
 * Who is notified, in one statement: address, language, time zone, preferences, and whether web push
 * (a subscribed device) and text messages (a verified number, not stopped) can reach them.
 */
export function pipelineRecipientRow(db: Database, userId: string) {
  return builtQuery(db, 'notifications.pipeline_recipient', (db) =>
    db
      .select({
        id: users.id,
        email: users.email,
        firstName: users.firstName,
        lastName: users.lastName,
        locale: users.locale,
        timeZone: users.timeZone,
        preferences: users.notificationPreferences,
        // Qualified by hand: drizzle writes the selected columns of a one-table query unqualified.
        hasPush: sql<boolean>`exists (select 1 from push_subscriptions ps where ps.user_id = "users"."id")`,
        hasPhone: sql<boolean>`exists (select 1 from notification_phones np where np.user_id = "users"."id"
          and np.verified_at is not null and np.stopped_at is null)`,
      })
      .from(users)
      .where(eq(users.id, sql.placeholder('id'))),
  )
    .execute({ id: userId })
    .then((rows) => rows[0]);
}
export type PipelineRecipient = NonNullable<Awaited<ReturnType<typeof pipelineRecipientRow>>>;

export interface NewDelivery {
  notificationId: string;
  userId: string;
  type: string;
  channel: TNotificationChannel;
  status: TDeliveryStatus;
  reason: string | null;
  params: Record<string, string | number | null>;
  link: string | null;
  deferredEmail: DeferredEmail | null;
  dueAt: Date;
  sentAt: Date | null;
  outboxId: string | null;
  createdAt: Date;
}

/** The delivery rows of one notification, in one statement; returns their ids and channels. */
export async function insertDeliveries(
  db: Database,
  rows: NewDelivery[],
): Promise<{ id: string; channel: TNotificationChannel; status: TDeliveryStatus }[]> {
  if (rows.length === 0) return [];
  return db
    .insert(notificationDeliveries)
    .values(rows.map((row) => ({ ...row, updatedAt: row.createdAt })))
    .returning({
      id: notificationDeliveries.id,
      channel: notificationDeliveries.channel,
      status: notificationDeliveries.status,
    });
}

/** A push or text-message delivery with what its sender needs, locked for the time of the send. */
export async function lockQueuedDelivery(db: Database, id: string) {
  const [row] = await db
    .select({
      id: notificationDeliveries.id,
      notificationId: notificationDeliveries.notificationId,
      userId: notificationDeliveries.userId,
      type: notificationDeliveries.type,
      channel: notificationDeliveries.channel,
      params: notificationDeliveries.params,
      link: notificationDeliveries.link,
      attempts: notificationDeliveries.attempts,
      locale: users.locale,
      timeZone: users.timeZone,
      firstName: users.firstName,
    })
    .from(notificationDeliveries)
    .innerJoin(users, eq(users.id, notificationDeliveries.userId))
    .where(and(eq(notificationDeliveries.id, id), eq(notificationDeliveries.status, 'queued')))
    .for('update', { of: notificationDeliveries, skipLocked: true });
  return row;
}

/** Whether the delivery is still queued (then another worker holds it). */
export async function isQueued(db: Database, id: string): Promise<boolean> {
  const [row] = await db
    .select({ id: notificationDeliveries.id })
    .from(notificationDeliveries)
    .where(and(eq(notificationDeliveries.id, id), eq(notificationDeliveries.status, 'queued')));
  return Boolean(row);
}

export async function setDeliveryOutcome(
  db: Database,
  id: string,
  values: { status: TDeliveryStatus; reason: string | null; sentAt: Date | null; now: Date },
): Promise<void> {
  await db
    .update(notificationDeliveries)
    .set({
      status: values.status,
      reason: values.reason,
      sentAt: values.sentAt,
      attempts: sql`${notificationDeliveries.attempts} + 1`,
      updatedAt: values.now,
    })
    .where(eq(notificationDeliveries.id, id));
}

/** Waiting push and text-message rows whose time has come, queued again (a batch); returns their ids. */
export async function queueDueWaiting(db: Database, now: Date, limit: number): Promise<string[]> {
  const result = await db.execute<{ id: string }>(sql`
    update notification_deliveries set status = 'queued', reason = null, updated_at = ${now}
     where id in (
       select id from notification_deliveries
        where status = 'waiting' and channel in ('push', 'sms') and due_at <= ${now}
        order by due_at limit ${limit}
        for update skip locked)
    returning id`);
  return result.rows.map((row) => row.id);
}

/** People with a waiting email that is due, in order of id after `after` (a batch). */
export async function usersWithDueEmails(
  db: Database,
  now: Date,
  after: string | null,
  limit: number,
): Promise<string[]> {
  const result = await db.execute<{ user_id: string }>(sql`
    select user_id from notification_deliveries
     where status = 'waiting' and channel = 'email' and due_at <= ${now}
       ${after ? sql`and user_id > ${after}` : sql``}
     group by user_id order by user_id limit ${limit}`);
  return result.rows.map((row) => row.user_id);
}

/**
 * A person's waiting emails, all of them once one is due (one digest rather than two close ones),
 * oldest first, locked; with what the digest needs of the person. None when another sweep holds them.
 */
export async function lockWaitingEmails(db: Database, userId: string) {
  const result = await db.execute<{
    id: string;
    type: string;
    params: Record<string, string | number | null>;
    link: string | null;
    created_at: Date;
  }>(sql`
    select id, type, params, link, created_at from notification_deliveries
     where user_id = ${userId} and status = 'waiting' and channel = 'email'
     order by created_at, id
     for update skip locked`);
  return result.rows;
}

export async function digestRecipient(db: Database, userId: string) {
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      firstName: users.firstName,
      locale: users.locale,
      timeZone: users.timeZone,
      preferences: users.notificationPreferences,
    })
    .from(users)
    .where(eq(users.id, userId));
  return row;
}

/** Waiting emails that will not leave (their kind's email was turned off meanwhile): skipped. */
export async function skipDeliveries(db: Database, ids: string[], reason: string, now: Date): Promise<void> {
  if (ids.length === 0) return;
  await db.execute(sql`
    update notification_deliveries set status = 'skipped', reason = ${reason}, updated_at = ${now}
     where ${anyOf(sql`id`, ids)}`);
}

export async function queueWithOutbox(
  db: Database,
  ids: string[],
  outboxId: string,
  now: Date,
): Promise<void> {
  await db.execute(sql`
    update notification_deliveries set status = 'queued', reason = null, outbox_id = ${outboxId},
      updated_at = ${now}
     where ${anyOf(sql`id`, ids)}`);
}

/**
 * Queued push and text-message rows left for `staleMs` without a live `notifications.deliver` job (a
 * job lost, or expired on its last try): touched, so the next sweep does not take them again at once.
 */
export async function touchLostQueued(db: Database, now: Date, staleMs: number, limit: number) {
  const before = new Date(now.getTime() - staleMs);
  const result = await db.execute<{ id: string }>(sql`
    update notification_deliveries set updated_at = ${now}
     where id in (
       select d.id from notification_deliveries d
        where d.status = 'queued' and d.channel in ('push', 'sms') and d.due_at <= ${before}
          and d.updated_at <= ${before}
          and not exists (
            select 1 from pgboss.job j
             where j.name = 'notifications.deliver' and j.data->>'id' = d.id::text
               and j.state in ('created', 'retry', 'active'))
        order by d.due_at limit ${limit}
        for update skip locked)
    returning id`);
  return result.rows.map((row) => row.id);
}
