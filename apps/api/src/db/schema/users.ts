import type { TGoals, TStoredNotificationPreferences } from '@capitune/contracts';
import { type SQL, sql } from 'drizzle-orm';
import {
  customType,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { organisations } from './organisations';

/** Case-insensitive text (the `citext` extension): `Marie@Example.ca` and `marie@example.ca` are one email. */
export const citext = customType<{ data: string }>({ dataType: () => 'citext' });

export const userRole = pgEnum('user_role', ['candidate', 'pro', 'admin']);
export const userStatus = pgEnum('user_status', ['active', 'suspended']);
export const locale = pgEnum('locale', ['fr', 'en']);

export const users = pgTable(
  'users',
  {
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
    notificationPreferences: jsonb().$type<TStoredNotificationPreferences>(),
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
    /** When a suspension ends by itself; null while `status` is `suspended` means until an admin lifts it. */
    suspendedUntil: timestamp({ withTimezone: true }),
    /** The admin's reason for the suspension or the ban, as emailed to the member. */
    suspensionReason: text(),
    /** Set for a ban: a suspension with no end that only an admin lifts. */
    bannedAt: timestamp({ withTimezone: true }),
    /**
     * Community trust: 0 new (links, images and first posts held, lower posting rates), 1 member, 2 trusted.
     * Rises with approved activity, falls with upheld flags.
     */
    trustLevel: smallint().notNull().default(0),
    /** A watched word's `silence` action: the member cannot post on Inside until then. */
    silencedUntil: timestamp({ withTimezone: true }),
    /**
     * Name and email, lowercased and without accents (`f_unaccent`, migration 0007), kept by PostgreSQL:
     * the admins' search matches it through a trigram index and rechecks stored text, not a function.
     */
    searchText: text().generatedAlwaysAs(
      (): SQL =>
        sql`f_unaccent(lower(${users.firstName} || ' ' || ${users.lastName} || ' ' || ${users.email}::text))`,
    ),
    /**
     * When the account was deleted: its profile erased, its email replaced, its sign-in impossible. The
     * row stays so that what others keep (a firm's client file, the audit log) still points somewhere.
     */
    deletedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    // The admin console's user list: newest first, keyset-paginated, by role and status.
    index('users_created_idx').on(table.createdAt.desc(), table.id.desc()),
    index('users_role_created_idx').on(table.role, table.createdAt.desc(), table.id.desc()),
    index('users_suspended_idx')
      .on(table.createdAt.desc(), table.id.desc())
      .where(sql`${table.status} = 'suspended'`),
    // Search by name or email: trigram matches inside words, without accents.
    index('users_search_trgm_idx').using('gin', sql`${table.searchText} gin_trgm_ops`),
    // A firm's members (the user search by firm name joins through it).
    index('users_organisation_idx').on(table.organisationId),
    index('users_deleted_idx').on(table.deletedAt).where(sql`${table.deletedAt} is not null`),
    index('users_suspension_ends_idx')
      .on(table.suspendedUntil)
      .where(sql`${table.suspendedUntil} is not null`),
  ],
);

/** Labels the admins put on members (by hand or in a batch) to find and address them together. */
export const userTags = pgTable(
  'user_tags',
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tag: text().notNull(),
    createdBy: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ columns: [table.userId, table.tag] }),
    index('user_tags_tag_idx').on(table.tag, table.userId),
  ],
);
