import { bigint, bigserial, index, inet, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only record of sensitive actions (assignments, document decisions, downloads by pros, status
 * changes, moderation, role changes). A trigger refuses UPDATE and DELETE. No foreign keys: the history
 * outlives what it speaks of.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    actorId: uuid(),
    action: text().notNull(),
    subjectType: text().notNull(),
    subjectId: uuid(),
    dossierId: uuid(),
    before: jsonb(),
    after: jsonb(),
    ip: inet(),
    /** The firm concerned (the actor's or the subject's), for the viewer's firm filter. */
    organisationId: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /**
     * The hash chain, written by the trigger `audit_log_chain` (migration 0013): the entry's place in the
     * chain, the hash of the entry before it, and SHA-256 of that hash with this entry's content.
     */
    chainSeq: bigint({ mode: 'number' }).unique(),
    prevHash: text(),
    hash: text(),
  },
  (table) => [
    index('audit_log_dossier_idx').on(table.dossierId, table.id.desc().nullsFirst()),
    index('audit_log_subject_idx').on(table.subjectType, table.subjectId),
    index('audit_log_actor_idx').on(table.actorId, table.id.desc().nullsFirst()),
    index('audit_log_action_idx').on(table.action, table.id.desc()),
    index('audit_log_target_idx').on(table.subjectId, table.id.desc()),
    index('audit_log_organisation_idx').on(table.organisationId, table.id.desc()),
    index('audit_log_created_idx').on(table.createdAt.desc()),
  ],
);
