import type { Database } from '../../platform/db/database';
import { insertAuditEntry } from './audit.queries';

export interface AuditEntry {
  /** Who did it; null for the system (a scheduled job). */
  actorId: string | null;
  /** What was done, as `subject.verb`: `dossier.assignment_accepted`, `document.approved`, `document.downloaded`… */
  action: string;
  subjectType: string;
  subjectId?: string | null;
  dossierId?: string | null;
  /** The firm concerned (the actor's or the subject's), for the viewer's firm filter. */
  organisationId?: string | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
}

/** Appends one entry, in the caller's transaction when given one: the entry exists only if the action does. */
export async function recordAudit(db: Database, entry: AuditEntry): Promise<void> {
  await insertAuditEntry(db, {
    actorId: entry.actorId,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId ?? null,
    dossierId: entry.dossierId ?? null,
    organisationId: entry.organisationId ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
    ip: entry.ip ?? null,
  });
}
