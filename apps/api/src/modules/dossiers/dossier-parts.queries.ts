import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { dossierMembers, dossierNotes, dossiers, milestones, users } from '../../db/schema';
import type { Database } from '../../platform/db/database';
import { returnedRow, selectRows } from '../../platform/db/rows';

/** The statements on a dossier's parts: its members, milestones and the firm's internal notes. */

export type DossierMemberRow = typeof dossierMembers.$inferSelect;
export type DossierMilestoneRow = typeof milestones.$inferSelect;
export type NoteRow = typeof dossierNotes.$inferSelect;
export type NoteAuthor = { id: string; firstName: string; lastName: string };

/** A change inside a dossier (a member, a document, a message) moves it up the lists. */
export async function touchDossierRow(db: Database, dossierId: string, now: Date): Promise<void> {
  await db.update(dossiers).set({ updatedAt: now }).where(eq(dossiers.id, dossierId));
}

export async function insertMember(
  db: Database,
  values: typeof dossierMembers.$inferInsert,
): Promise<DossierMemberRow> {
  return returnedRow(await db.insert(dossierMembers).values(values).returning(), 'member insert');
}

/** Whether the dossier has a member in this role. */
export async function hasMemberInRole(
  db: Database,
  dossierId: string,
  role: DossierMemberRow['role'],
): Promise<boolean> {
  const [existing] = await db
    .select({ id: dossierMembers.id })
    .from(dossierMembers)
    .where(and(eq(dossierMembers.dossierId, dossierId), eq(dossierMembers.role, role)));
  return existing !== undefined;
}

const thisMember = (dossierId: string, memberId: string) =>
  and(eq(dossierMembers.id, memberId), eq(dossierMembers.dossierId, dossierId));

export async function memberRow(
  db: Database,
  dossierId: string,
  memberId: string,
): Promise<DossierMemberRow | undefined> {
  const [member] = await db.select().from(dossierMembers).where(thisMember(dossierId, memberId));
  return member;
}

/** Sets the fields given; an empty patch reads the row (SQL has no UPDATE without a column to set). */
export async function updateMemberRow(
  db: Database,
  dossierId: string,
  memberId: string,
  patch: Partial<Pick<DossierMemberRow, 'fullName' | 'dateOfBirth'>>,
): Promise<DossierMemberRow | undefined> {
  if (Object.keys(patch).length === 0) return memberRow(db, dossierId, memberId);
  const [member] = await db
    .update(dossierMembers)
    .set(patch)
    .where(thisMember(dossierId, memberId))
    .returning();
  return member;
}

/** How many documents name this member (any version, any status). */
export async function documentsOfMember(db: Database, memberId: string): Promise<number> {
  const rows = await selectRows(
    db,
    z.object({ count: z.number() }),
    sql`select count(*)::int as count from documents where member_id = ${memberId}`,
    'documents of a member',
  );
  return rows[0]?.count ?? 0;
}

export async function deleteMember(db: Database, memberId: string): Promise<void> {
  await db.delete(dossierMembers).where(eq(dossierMembers.id, memberId));
}

export async function insertMilestone(
  db: Database,
  values: typeof milestones.$inferInsert,
): Promise<DossierMilestoneRow> {
  return returnedRow(await db.insert(milestones).values(values).returning(), 'milestone insert');
}

const thisMilestone = (dossierId: string, milestoneId: string) =>
  and(eq(milestones.id, milestoneId), eq(milestones.dossierId, dossierId));

export async function updateMilestoneRow(
  db: Database,
  dossierId: string,
  milestoneId: string,
  patch: Partial<Pick<DossierMilestoneRow, 'kind' | 'label' | 'date' | 'done' | 'note'>>,
): Promise<DossierMilestoneRow | undefined> {
  // A patch that names no field changes nothing: the milestone as it is.
  if (Object.values(patch).every((value) => value === undefined)) {
    const [row] = await db.select().from(milestones).where(thisMilestone(dossierId, milestoneId));
    return row;
  }
  const [row] = await db
    .update(milestones)
    .set(patch)
    .where(thisMilestone(dossierId, milestoneId))
    .returning();
  return row;
}

/** Whether a milestone was removed. */
export async function deleteMilestone(
  db: Database,
  dossierId: string,
  milestoneId: string,
): Promise<boolean> {
  const removed = await db
    .delete(milestones)
    .where(thisMilestone(dossierId, milestoneId))
    .returning({ id: milestones.id });
  return removed.length > 0;
}

/** A firm's notes on a dossier, newest first (200 at most), with their authors. */
export async function notesOf(
  db: Database,
  dossierId: string,
  organisationId: string,
): Promise<{ note: NoteRow; author: NoteAuthor }[]> {
  return db
    .select({
      note: dossierNotes,
      author: { id: users.id, firstName: users.firstName, lastName: users.lastName },
    })
    .from(dossierNotes)
    .innerJoin(users, eq(users.id, dossierNotes.authorId))
    .where(and(eq(dossierNotes.dossierId, dossierId), eq(dossierNotes.organisationId, organisationId)))
    .orderBy(desc(dossierNotes.createdAt))
    .limit(200);
}

export async function insertNote(db: Database, values: typeof dossierNotes.$inferInsert): Promise<NoteRow> {
  return returnedRow(await db.insert(dossierNotes).values(values).returning(), 'note insert');
}
