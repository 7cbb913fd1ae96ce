import { bigserial, index, inet, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

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
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('audit_log_dossier_idx').on(table.dossierId, table.id.desc().nullsFirst()),
    index('audit_log_subject_idx').on(table.subjectType, table.subjectId),
    index('audit_log_actor_idx').on(table.actorId, table.id.desc().nullsFirst()),
  ],
);
