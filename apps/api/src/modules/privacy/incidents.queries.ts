import { and, desc, eq, isNotNull, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import { privacyIncidentEntries, privacyIncidents, users } from '../../db/schema';
import type { Cursor } from '../../lib/cursor';
import type { Database } from '../../platform/db/database';
import { returnedRow } from '../../platform/db/rows';

/** Every statement of the confidentiality incident register: the incidents and their dated entries. */

export type IncidentRow = typeof privacyIncidents.$inferSelect;
type NewIncident = typeof privacyIncidents.$inferInsert;
export type IncidentChange = Partial<
  Omit<NewIncident, 'id' | 'createdBy' | 'createdAt' | 'discoveredAt'> & { discoveredAt: Date }
>;

export async function insertIncident(db: Database, incident: NewIncident): Promise<IncidentRow> {
  return returnedRow(await db.insert(privacyIncidents).values(incident).returning(), 'incident insert');
}

/** An incident by id, row-locked (in a transaction) when asked: entries and changes of one are serialised. */
export async function incidentById(
  db: Database,
  id: string,
  options: { lock?: boolean } = {},
): Promise<IncidentRow | undefined> {
  const query = db.select().from(privacyIncidents).where(eq(privacyIncidents.id, id));
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

export async function updateIncident(db: Database, id: string, change: IncidentChange): Promise<IncidentRow> {
  const rows = await db.update(privacyIncidents).set(change).where(eq(privacyIncidents.id, id)).returning();
  return returnedRow(rows, 'incident update');
}

export async function insertIncidentEntry(
  db: Database,
  entry: typeof privacyIncidentEntries.$inferInsert,
): Promise<void> {
  await db.insert(privacyIncidentEntries).values(entry);
}

/** An incident's entries, oldest first, with their authors' names. */
export async function incidentEntries(db: Database, incidentId: string) {
  return db
    .select({
      id: privacyIncidentEntries.id,
      kind: privacyIncidentEntries.kind,
      note: privacyIncidentEntries.note,
      occurredAt: privacyIncidentEntries.occurredAt,
      createdAt: privacyIncidentEntries.createdAt,
      authorId: users.id,
      authorFirstName: users.firstName,
      authorLastName: users.lastName,
    })
    .from(privacyIncidentEntries)
    .leftJoin(users, eq(users.id, privacyIncidentEntries.authorId))
    .where(eq(privacyIncidentEntries.incidentId, incidentId))
    .orderBy(privacyIncidentEntries.createdAt, privacyIncidentEntries.occurredAt, privacyIncidentEntries.id);
}
export type IncidentEntryRow = Awaited<ReturnType<typeof incidentEntries>>[number];

/** One page of the register, most recently discovered first (index `privacy_incidents_discovered_idx`). */
export async function incidentPage(
  db: Database,
  filter: { status?: 'open' | 'closed' | undefined; after?: Cursor | undefined },
  limit: number,
): Promise<IncidentRow[]> {
  const conditions: SQL[] = [];
  if (filter.status === 'open') conditions.push(isNull(privacyIncidents.closedAt));
  if (filter.status === 'closed') conditions.push(isNotNull(privacyIncidents.closedAt));
  if (filter.after) {
    const { at, id } = filter.after;
    conditions.push(
      or(
        lt(privacyIncidents.discoveredAt, at),
        and(eq(privacyIncidents.discoveredAt, at), lt(privacyIncidents.id, id)),
      ) ?? sql`false`,
    );
  }
  return db
    .select()
    .from(privacyIncidents)
    .where(conditions.length > 0 ? and(...conditions) : undefined)
    .orderBy(desc(privacyIncidents.discoveredAt), desc(privacyIncidents.id))
    .limit(limit);
}
