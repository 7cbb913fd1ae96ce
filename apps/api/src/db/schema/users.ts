import type { TGoals, TNotificationPreferences } from '@capitune/contracts';
import { sql } from 'drizzle-orm';
import { customType, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisations } from './organisations';

/** Case-insensitive text (the `citext` extension): `Marie@Example.ca` and `marie@example.ca` are one email. */
export const citext = customType<{ data: string }>({ dataType: () => 'citext' });

export const userRole = pgEnum('user_role', ['candidate', 'pro', 'admin']);
export const userStatus = pgEnum('user_status', ['active', 'suspended']);
export const locale = pgEnum('locale', ['fr', 'en']);

export const users = pgTable('users', {
  id: uuid().primaryKey().default(sql`gen_random_uuid()`),
  email: citext().notNull().unique(),
  passwordHash: text().notNull(),
  role: userRole().notNull(),
  status: userStatus().notNull().default('active'),
  firstName: text().notNull(),
  lastName: text().notNull(),
  locale: locale().notNull().default('fr'),
  timeZone: text().notNull().default('America/Toronto'),
  phone: text(),
  countryOfResidence: text(),
  citizenship: text(),
  /** Pros belong to one organisation (their firm); dossiers are assigned to it. */
  organisationId: uuid().references(() => organisations.id),
  goals: jsonb().$type<TGoals>(),
  notificationPreferences: jsonb().$type<TNotificationPreferences>(),
  emailVerifiedAt: timestamp({ withTimezone: true }),
  /**
   * Until when a pro or an admin may still sign in without a second factor (the policy's grace); null
   * for candidates, who choose. Past it, their sessions can only set one up.
   */
  twoFactorGraceEndsAt: timestamp({ withTimezone: true }),
  /** Six-digit codes by email offered as a second factor (a fallback for a pro). */
  emailFactorEnabledAt: timestamp({ withTimezone: true }),
  /** The confirmed phone number that receives SMS codes (E.164), or null. */
  smsFactorPhone: text(),
  smsFactorConfirmedAt: timestamp({ withTimezone: true }),
  /**
   * No longer read or written: failed logins are counted per email and address in `rate_limits`
   * (decision 009). Dropped in a later release, once no running version reads them (expand/contract).
   */
  failedLoginCount: integer().notNull().default(0),
  lockedUntil: timestamp({ withTimezone: true }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
