import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { locale } from './users';

/**
 * Every email, written in the same transaction as the action that causes it, then sent by a job.
 * Nothing is lost when the SMTP relay is down: the row waits and is retried.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    toAddress: text().notNull(),
    locale: locale().notNull(),
    template: text().notNull(),
    subject: text().notNull(),
    text: text().notNull(),
    html: text().notNull(),
    /** Files sent with the email (a calendar invitation…), as text: `{ filename, contentType, content }`. */
    attachments: jsonb()
      .$type<{ filename: string; contentType: string; content: string }[]>()
      .notNull()
      .default([]),
    /**
     * The one-click unsubscribe address (RFC 8058) of a non-essential email, sent as its `List-Unsubscribe`
     * header; null for essential emails (security, account, legal), which a complaint does not stop.
     */
    listUnsubscribe: text(),
    /** Not sent: the address is suppressed (a bounce, or a complaint for a non-essential email). */
    suppressedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }),
    attempts: integer().notNull().default(0),
    lastError: text(),
  },
  (table) => [
    index('outbox_unsent_idx').on(table.createdAt).where(sql`${table.sentAt} is null`),
    index().on(table.createdAt.desc()),
    // A member's emails, on the admin console's user page.
    index('outbox_recipient_idx').on(table.toAddress, table.createdAt.desc()),
  ],
);
