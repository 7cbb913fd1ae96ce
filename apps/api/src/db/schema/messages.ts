import { sql } from 'drizzle-orm';
import { index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { dossiers } from './dossiers';
import { users } from './users';

/**
 * The conversation of a dossier. `seq` numbers the messages of one dossier without gaps, in commit
 * order (posting takes the dossier's chat row lock), so a reader that has seen up to N misses nothing.
 */
export const messages = pgTable(
  'messages',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    dossierId: uuid()
      .notNull()
      .references(() => dossiers.id, { onDelete: 'cascade' }),
    seq: integer().notNull(),
    authorId: uuid()
      .notNull()
      .references(() => users.id),
    /** Chosen by the client: a retried post with the same id is stored once. */
    clientId: uuid().notNull(),
    body: text().notNull(),
    documentIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('messages_dossier_seq_idx').on(table.dossierId, table.seq),
    uniqueIndex('messages_client_id_idx').on(table.dossierId, table.authorId, table.clientId),
    // The unread-messages sweep looks at the last day's messages only.
    index('messages_created_idx').on(table.createdAt),
    // A person's messages outside their own dossiers: their data export.
    index('messages_author_idx').on(table.authorId),
  ],
);

/** Per dossier: the last sequence number given. Its row lock orders concurrent posts. */
export const dossierChats = pgTable('dossier_chats', {
  dossierId: uuid()
    .primaryKey()
    .references(() => dossiers.id, { onDelete: 'cascade' }),
  lastSeq: integer().notNull().default(0),
});

/** How far each participant has read, and the unread-messages emails already sent. */
export const messageReads = pgTable(
  'message_reads',
  {
    dossierId: uuid()
      .notNull()
      .references(() => dossiers.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    lastReadSeq: integer().notNull().default(0),
    readAt: timestamp({ withTimezone: true }),
    /** The last message an unread-messages email covered, and when that email went out. */
    lastEmailedSeq: integer().notNull().default(0),
    lastEmailAt: timestamp({ withTimezone: true }),
  },
  (table) => [primaryKey({ columns: [table.dossierId, table.userId] }), index().on(table.userId)],
);

export type MessageRow = typeof messages.$inferSelect;
