import { sql } from 'drizzle-orm';
import { boolean, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** A firm of professionals (RCIC practice, law office). Dossiers are assigned to an organisation. */
export const organisations = pgTable('organisations', {
  id: uuid().primaryKey().default(sql`gen_random_uuid()`),
  name: text().notNull(),
  /** Every member must sign in with a second factor, without the policy's grace. */
  requireTwoFactor: boolean().notNull().default(false),
  /** Members reach the firm's client dossiers only from the ranges of `firm_ip_ranges`. */
  ipAllowlistEnabled: boolean().notNull().default(false),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
