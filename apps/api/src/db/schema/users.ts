import { sql } from 'drizzle-orm';
import { customType, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Case-insensitive text (the `citext` extension): `Marie@Example.ca` and `marie@example.ca` are one email. */
export const citext = customType<{ data: string }>({ dataType: () => 'citext' });

export const userRole = pgEnum('user_role', ['candidate', 'pro', 'admin']);
export const locale = pgEnum('locale', ['fr', 'en']);

export const users = pgTable('users', {
  id: uuid().primaryKey().default(sql`gen_random_uuid()`),
  email: citext().notNull().unique(),
  passwordHash: text().notNull(),
  role: userRole().notNull(),
  firstName: text().notNull(),
  lastName: text().notNull(),
  locale: locale().notNull().default('fr'),
  emailVerifiedAt: timestamp({ withTimezone: true }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
