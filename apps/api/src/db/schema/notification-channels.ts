import { sql } from 'drizzle-orm';
import {
  bigserial,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organisations } from './organisations';
import { citext, users } from './users';

/** The channels of a notification (issue 19): the in-app list, email, web push, text message. */
export const notificationChannel = pgEnum('notification_channel', ['in_app', 'email', 'push', 'sms']);
export const deliveryStatus = pgEnum('delivery_status', ['queued', 'waiting', 'sent', 'failed', 'skipped']);

/** An email waiting for a digest or the end of quiet hours, as rendered when the event happened. */
export interface DeferredEmail {
  template: string;
  subject: string;
  text: string;
  html: string;
  /** The preference it belongs to, for the `List-Unsubscribe` link. */
  kind: string;
}

/**
 * The delivery log: one notification (one event told to one person, `notification_id`, also the in-app
 * row's id when there is one) on one channel. The unique pair makes a retried job find its row instead
 * of sending again. Email rows point at their outbox email, whose sending updates them.
 */
export const notificationDeliveries = pgTable(
  'notification_deliveries',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    notificationId: uuid().notNull(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    type: text().notNull(),
    channel: notificationChannel().notNull(),
    status: deliveryStatus().notNull(),
    /** Why it failed or was skipped, or what it waits for (`quiet_hours`, `digest_hourly`, `digest_daily`). */
    reason: text(),
    attempts: integer().notNull().default(0),
    params: jsonb().$type<Record<string, string | number | null>>().notNull().default({}),
    link: text(),
    /** An email that waits (digest, quiet hours): rendered at the event, in the person's language. */
    deferredEmail: jsonb().$type<DeferredEmail>(),
    /** When it may leave: now, the end of the quiet hours, or the digest's hour. */
    dueAt: timestamp({ withTimezone: true }).notNull(),
    sentAt: timestamp({ withTimezone: true }),
    /** The outbox email that carries it (its own, or the digest's). */
    outboxId: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('notification_deliveries_notification_channel_idx').on(table.notificationId, table.channel),
    // What is due: the sweep of waiting rows, and queued rows a lost job left behind.
    index('notification_deliveries_due_idx')
      .on(table.dueAt)
      .where(sql`${table.status} in ('queued', 'waiting')`),
    index('notification_deliveries_outbox_idx').on(table.outboxId).where(sql`${table.outboxId} is not null`),
    // The admins' log, newest first, for everyone or one person; and the daily text-message count.
    index('notification_deliveries_created_idx').on(
      table.createdAt.desc().nullsFirst(),
      table.id.desc().nullsFirst(),
    ),
    index('notification_deliveries_user_created_idx').on(
      table.userId,
      table.createdAt.desc().nullsFirst(),
      table.id.desc().nullsFirst(),
    ),
    index('notification_deliveries_user_channel_sent_idx').on(table.userId, table.channel, table.sentAt),
  ],
);

/** A browser subscribed to web push for one person (RFC 8030/8291): the endpoint and its keys. */
export const pushSubscriptions = pgTable(
  'push_subscriptions',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    endpoint: text().notNull().unique(),
    p256dh: text().notNull(),
    auth: text().notNull(),
    label: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastSuccessAt: timestamp({ withTimezone: true }),
  },
  (table) => [index('push_subscriptions_user_idx').on(table.userId)],
);

/**
 * The number a person receives notifications on by text. `verified_at` is the opt-in (a code sent to the
 * number, see `one_time_codes` purpose `notification_phone`); `stopped_at` is a STOP (or ARRÊT) answered
 * to one of our texts, which ends it until the person verifies again.
 */
export const notificationPhones = pgTable(
  'notification_phones',
  {
    userId: uuid()
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    phone: text().notNull(),
    verifiedAt: timestamp({ withTimezone: true }),
    stoppedAt: timestamp({ withTimezone: true }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('notification_phones_phone_idx').on(table.phone)],
);

export const emailSuppressionReason = pgEnum('email_suppression_reason', ['bounce', 'complaint']);

/**
 * Addresses the SMTP provider reported (its webhook): a hard bounce stops every email to the address, a
 * complaint stops the non-essential ones. Cleared when the person changes their address.
 */
export const emailSuppressions = pgTable('email_suppressions', {
  address: citext().primaryKey(),
  reason: emailSuppressionReason().notNull(),
  /** The provider's words (bounce code, diagnostic). */
  detail: text(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const webhookEndpointStatus = pgEnum('webhook_endpoint_status', ['active', 'disabled']);

/** A firm's outgoing webhook endpoint. Secrets are sealed with the keyring (`webhook-secret:<id>`). */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    organisationId: uuid()
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    url: text().notNull(),
    description: text().notNull().default(''),
    eventTypes: text().array().notNull(),
    status: webhookEndpointStatus().notNull().default('active'),
    disabledReason: text(),
    disabledAt: timestamp({ withTimezone: true }),
    secret: text().notNull(),
    /** The secret before the last rotation: still signs beside the new one until `previous_secret_expires_at`. */
    previousSecret: text(),
    previousSecretExpiresAt: timestamp({ withTimezone: true }),
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('webhook_endpoints_organisation_idx').on(table.organisationId)],
);

export const webhookDeliveryStatus = pgEnum('webhook_delivery_status', ['pending', 'delivered', 'failed']);

/**
 * One event for one endpoint. Its id is the `webhook-id` of every attempt. A worker claims a due delivery
 * by moving `lease_until` forward, so a killed worker's delivery is taken again once the lease passes.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    endpointId: uuid()
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    eventType: text().notNull(),
    payload: jsonb().$type<Record<string, unknown>>().notNull(),
    status: webhookDeliveryStatus().notNull().default('pending'),
    attemptCount: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }),
    leaseUntil: timestamp({ withTimezone: true }),
    deliveredAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('webhook_deliveries_endpoint_created_idx').on(
      table.endpointId,
      table.createdAt.desc().nullsFirst(),
      table.id.desc().nullsFirst(),
    ),
    index('webhook_deliveries_due_idx').on(table.nextAttemptAt).where(sql`${table.status} = 'pending'`),
  ],
);

/** Each try of a delivery: the answer's status code, or the network error, and how long it took. */
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    deliveryId: uuid()
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    attemptedAt: timestamp({ withTimezone: true }).notNull(),
    statusCode: integer(),
    error: text(),
    durationMs: integer().notNull(),
  },
  (table) => [index('webhook_attempts_delivery_idx').on(table.deliveryId, table.attemptedAt)],
);
