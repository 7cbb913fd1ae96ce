import { sql } from 'drizzle-orm';
import { type AnyPgColumn, index, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';

export const emailTokenPurpose = pgEnum('email_token_purpose', [
  'verify_email',
  'reset_password',
  'end_session',
]);

/** Single-use links sent by email. Only the SHA-256 of the token is stored. */
export const emailTokens = pgTable(
  'email_tokens',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: emailTokenPurpose().notNull(),
    /** The session a sign-in alert's link ends (purpose end_session). */
    sessionId: uuid().references((): AnyPgColumn => sessions.id, { onDelete: 'cascade' }),
    tokenHash: text().notNull().unique(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index().on(table.userId, table.purpose)],
);

/**
 * A signed-in device. Its refresh tokens form one family: each refresh replaces the token, and a token
 * presented twice means it was stolen, so the whole session is revoked.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    userAgent: text(),
    ip: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    revokedAt: timestamp({ withTimezone: true }),
    revokedReason: text(),
    /** How the sign-in was proven: password, totp, passkey, email, sms or recovery_code. */
    factor: text(),
    /**
     * The last fresh proof of identity in this session (a second factor at sign-in, a step-up): sensitive
     * actions need it within 10 minutes. A password-only sign-in leaves it null.
     */
    reauthenticatedAt: timestamp({ withTimezone: true }),
    /** Approximate place of the sign-in: ISO country code from the address, when known. */
    country: text(),
    /** Until when this session may reach its firm's dossiers from outside the allowlist (an audited bypass). */
    ipBypassUntil: timestamp({ withTimezone: true }),
  },
  (table) => [index().on(table.userId, table.lastUsedAt)],
);

export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    sessionId: uuid()
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    tokenHash: text().notNull().unique(),
    /**
     * Set when the token is exchanged for the next one; presenting it again is a reuse, except within a
     * short grace (a retried refresh), which gets the same successor again (`successorRefreshToken`).
     */
    usedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index().on(table.sessionId)],
);
