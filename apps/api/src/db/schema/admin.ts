import type { TBatchAction, TBatchParams } from '@capitune/contracts';
import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
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
import { users } from './users';

export const batchStatus = pgEnum('batch_status', [
  'dry_run',
  'queued',
  'running',
  'done',
  'failed',
  'undoing',
  'undone',
]);

/**
 * An admin's operation on many members. A dry run writes the batch with its targets, frozen; running it
 * works through the targets whose `done_at` is null, so a worker that dies resumes where it stopped.
 */
export const adminBatches = pgTable(
  'admin_batches',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    action: text().$type<TBatchAction>().notNull(),
    /** What the admin asked: the filter or the ids, the reason, the announcement texts, the tag. */
    params: jsonb().$type<TBatchParams>().notNull(),
    status: batchStatus().notNull().default('dry_run'),
    /** How many members the dry run selected: the count the admin types to confirm. */
    targetCount: integer().notNull(),
    processedCount: integer().notNull().default(0),
    /** Targets left as they were (already in the asked state, refused by a rule): counted, never retried. */
    skippedCount: integer().notNull().default(0),
    undoneCount: integer().notNull().default(0),
    createdBy: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    confirmedAt: timestamp({ withTimezone: true }),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
    undoneAt: timestamp({ withTimezone: true }),
    undoneBy: uuid(),
    error: text(),
  },
  (table) => [index('admin_batches_created_idx').on(table.createdAt.desc(), table.id.desc())],
);

/** One member of a batch: done once (its `done_at` is written in the transaction that acts). */
export const adminBatchTargets = pgTable(
  'admin_batch_targets',
  {
    batchId: uuid()
      .notNull()
      .references(() => adminBatches.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** Order of the dry run's selection; the run goes through it in that order. */
    position: integer().notNull(),
    doneAt: timestamp({ withTimezone: true }),
    /** `done` or why it was skipped. */
    outcome: text(),
    /** What the member's state was before, so that an undo restores exactly it. */
    before: jsonb(),
    undoneAt: timestamp({ withTimezone: true }),
  },
  (table) => [
    primaryKey({ columns: [table.batchId, table.userId] }),
    index('admin_batch_targets_order_idx').on(table.batchId, table.position),
    index('admin_batch_targets_user_idx').on(table.userId),
  ],
);

/** The head of the audit log's hash chain: one row, locked by each append so the chain has one order. */
export const auditChainHead = pgTable(
  'audit_chain_head',
  {
    id: smallint().primaryKey().default(1),
    lastSeq: bigint({ mode: 'number' }).notNull().default(0),
    lastHash: text().notNull(),
  },
  (table) => [check('audit_chain_head_one_row', sql`${table.id} = 1`)],
);

/**
 * The platform statistics, computed by a job from SQL aggregates and kept here: the admin page and its
 * CSV read one row, whatever the size of the data.
 */
export const statsSnapshots = pgTable('stats_snapshots', {
  name: text().primaryKey(),
  body: jsonb().notNull(),
  computedAt: timestamp({ withTimezone: true }).notNull(),
});

/** Alerts for the admins' Slack channel, written with what causes them and sent by a job (retried). */
export const adminAlerts = pgTable(
  'admin_alerts',
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    kind: text().notNull(),
    /** One alert per key (a flag wave per hour, a chain break per first broken entry…). */
    dedupeKey: text().notNull().unique(),
    payload: jsonb().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }),
    attempts: integer().notNull().default(0),
    lastError: text(),
  },
  (table) => [index('admin_alerts_unsent_idx').on(table.createdAt).where(sql`${table.sentAt} is null`)],
);
