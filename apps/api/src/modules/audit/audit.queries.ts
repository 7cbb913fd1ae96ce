import { auditLog } from '../../db/schema';
import type { Database } from '../../platform/db/database';

/** The one statement of the audit log: an append (a trigger refuses changes and deletions). */
export async function insertAuditEntry(db: Database, entry: typeof auditLog.$inferInsert): Promise<void> {
  await db.insert(auditLog).values(entry);
}
