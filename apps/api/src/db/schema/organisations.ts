import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** A firm of professionals (RCIC practice, law office). Dossiers are assigned to an organisation. */
export const organisations = pgTable(
  'organisations',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    name: text().notNull(),
    /** Every member must sign in with a second factor, without the policy's grace. */
    requireTwoFactor: boolean().notNull().default(false),
    /** Members reach the firm's client dossiers only from the ranges of `firm_ip_ranges`. */
    ipAllowlistEnabled: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  // The admins' member search by firm name, without accents.
  (table) => [
    index('organisations_name_trgm_idx').using('gin', sql`f_unaccent(lower(${table.name})) gin_trgm_ops`),
  ],
);
