import { sql } from 'drizzle-orm';
import {
  bigserial,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './users';

export const eventStatus = pgEnum('event_status', ['draft', 'scheduled', 'cancelled']);
export const eventLanguage = pgEnum('event_language', ['fr', 'en', 'bilingual']);
export const eventCategory = pgEnum('event_category', [
  'express_entry',
  'quebec',
  'study',
  'work',
  'family',
  'settlement',
  'other',
]);
export const registrationStatus = pgEnum('registration_status', ['registered', 'waitlisted', 'cancelled']);
export const reminderKind = pgEnum('reminder_kind', ['24h', '1h']);

/**
 * A webinar. `status` stores draft, scheduled or cancelled; live and ended are derived from the time.
 * `sequence` is the iCalendar SEQUENCE: bumped on every change of time, title or on cancellation, so
 * calendar apps replace their copy.
 */
export const events = pgTable(
  'events',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    hostId: uuid()
      .notNull()
      .references(() => users.id),
    title: text().notNull(),
    description: text().notNull().default(''),
    language: eventLanguage().notNull(),
    category: eventCategory().notNull(),
    tags: text().array().notNull().default(sql`'{}'::text[]`),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    /** The host's IANA time zone, canonical form. */
    timeZone: text().notNull(),
    capacity: integer(),
    streamUrl: text(),
    replayUrl: text(),
    status: eventStatus().notNull().default('draft'),
    sequence: integer().notNull().default(0),
    /**
     * Registrations holding a seat, kept by a trigger on `event_registrations` whatever writes them, so
     * that lists and calendars read a number instead of counting every event's registrations.
     */
    seatsTaken: integer().notNull().default(0),
    /** pg-boss ids of the pending reminder jobs, cancelled when the time changes or the event is cancelled. */
    reminderJobIds: text().array().notNull().default(sql`'{}'::text[]`),
    publishedAt: timestamp({ withTimezone: true }),
    cancelledAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    check('events_ends_after_start', sql`${table.endsAt} > ${table.startsAt}`),
    check('events_capacity_positive', sql`${table.capacity} is null or ${table.capacity} > 0`),
    // Lists and calendar ranges: in start order, keyset on (starts_at, id).
    index('events_starts_at_idx').on(table.startsAt, table.id),
    index('events_host_starts_at_idx').on(table.hostId, table.startsAt),
  ],
);

/** Other pros presenting an event with its host. */
export const eventCoHosts = pgTable(
  'event_co_hosts',
  {
    eventId: uuid()
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (table) => [primaryKey({ columns: [table.eventId, table.userId] }), index().on(table.userId)],
);

/**
 * One row per person and event, kept when cancelled (registering again reuses it). `queue_order` (from a
 * sequence, taken under the event's lock, renewed when registering again) orders the registrations and
 * the waitlist by arrival, even for arrivals within the same millisecond; `queued_at` is that arrival's
 * time; `seat_at` is when the person got a seat (at once, or when promoted from the waitlist).
 */
export const eventRegistrations = pgTable(
  'event_registrations',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    eventId: uuid()
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: registrationStatus().notNull(),
    queueOrder: bigserial({ mode: 'number' }).notNull(),
    queuedAt: timestamp({ withTimezone: true }).notNull(),
    seatAt: timestamp({ withTimezone: true }),
    cancelledAt: timestamp({ withTimezone: true }),
    /** First time the live page was opened during the event. */
    attendedAt: timestamp({ withTimezone: true }),
    lastSeenAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('event_registrations_event_user_key').on(table.eventId, table.userId),
    // Seat counts, the waitlist in order, and keyset pages of the host's list.
    index('event_registrations_event_status_idx').on(table.eventId, table.status, table.queueOrder),
    index().on(table.userId),
  ],
);

/**
 * Reminders already sent, one per registration, kind and start time: the claim that makes a reminder go
 * out exactly once, whatever the number of workers, retries or duplicate jobs. A moved event has a new
 * start time, so its reminders may go out again for the new time.
 */
export const reminderDeliveries = pgTable(
  'reminder_deliveries',
  {
    registrationId: uuid()
      .notNull()
      .references(() => eventRegistrations.id, { onDelete: 'cascade' }),
    kind: reminderKind().notNull(),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    sentAt: timestamp({ withTimezone: true }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.registrationId, table.kind, table.startsAt] })],
);

/**
 * Personal calendar feeds. The secret token in the feed's address is derived from the row id with a
 * server key (so that the address can be shown again) and only its SHA-256 is stored.
 */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text().notNull().unique(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (table) => [
    uniqueIndex('calendar_feeds_one_active_per_user').on(table.userId).where(sql`${table.revokedAt} is null`),
  ],
);
