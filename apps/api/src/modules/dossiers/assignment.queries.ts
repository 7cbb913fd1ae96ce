import { type TDashboard, type TLocalized, ZInvitation } from '@capitune/contracts';
import { and, eq, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import {
  assignmentRequests,
  dossierInvitations,
  dossiers,
  organisations,
  programs,
  proVerifications,
  users,
} from '../../db/schema';
import { isoTime } from '../../lib/sql';
import { builtQuery } from '../../platform/db/built-query';
import type { Database } from '../../platform/db/database';
import { checkRows } from '../../platform/db/rows';
import { standingSql } from '../access';
import { proSummaryJson } from './dossiers.queries';

/** The statements of assignments (a candidate asks a pro) and invitations (a pro invites a client). */

export type AssignmentRequestRow = typeof assignmentRequests.$inferSelect;
export type InvitationRow = typeof dossierInvitations.$inferSelect;
export type UserRow = typeof users.$inferSelect;

/** A program's name (active or not), or undefined if there is no such program. */
export async function programNamed(db: Database, programId: string): Promise<TLocalized | undefined> {
  const [program] = await db.select({ name: programs.name }).from(programs).where(eq(programs.id, programId));
  return program?.name;
}

/**
 * An active pro with their firm and the standing of their own licence on `today`, or undefined. Taking
 * clients needs a licence of one's own: an agent (no file) is `not_verified` here, so never asked nor
 * accepting.
 */
export async function activePro(db: Database, proId: string, today: string) {
  const [pro] = await db
    .select({
      id: users.id,
      firstName: users.firstName,
      lastName: users.lastName,
      organisationId: users.organisationId,
      standing: standingSql(today, proVerifications),
    })
    .from(users)
    .leftJoin(proVerifications, eq(proVerifications.userId, users.id))
    .where(and(eq(users.id, proId), eq(users.role, 'pro'), eq(users.status, 'active')));
  return pro;
}

export async function userRow(db: Database, userId: string): Promise<UserRow | undefined> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  return user;
}

export async function userByEmail(db: Database, email: string): Promise<UserRow | undefined> {
  const [user] = await db.select().from(users).where(eq(users.email, email));
  return user;
}

/** A pro's name and their firm's. */
export async function proWithFirm(db: Database, proId: string) {
  const [pro] = await db
    .select({ firstName: users.firstName, lastName: users.lastName, organisation: organisations.name })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(users.id, proId));
  return pro;
}

const pendingOf = (dossierId: string) =>
  and(eq(assignmentRequests.dossierId, dossierId), eq(assignmentRequests.status, 'pending'));

/** Cancels the dossier's pending request, if any; whether there was one. */
export async function cancelPendingRequest(db: Database, dossierId: string, now: Date): Promise<boolean> {
  const cancelled = await db
    .update(assignmentRequests)
    .set({ status: 'cancelled', decidedAt: now })
    .where(pendingOf(dossierId))
    .returning({ id: assignmentRequests.id });
  return cancelled.length > 0;
}

export async function insertRequest(db: Database, values: typeof assignmentRequests.$inferInsert) {
  await db.insert(assignmentRequests).values(values);
}

/** The dossier's pending request, locked for its answer. */
export async function pendingRequestForUpdate(
  db: Database,
  dossierId: string,
): Promise<AssignmentRequestRow | undefined> {
  const [request] = await db.select().from(assignmentRequests).where(pendingOf(dossierId)).for('update');
  return request;
}

export async function decideRequest(
  db: Database,
  requestId: string,
  decision: { status: 'accepted' | 'declined'; decidedAt: Date; decisionReason?: string | null },
) {
  await db.update(assignmentRequests).set(decision).where(eq(assignmentRequests.id, requestId));
}

/** The dossier's row, locked. */
export async function dossierForUpdate(db: Database, dossierId: string) {
  const [dossier] = await db.select().from(dossiers).where(eq(dossiers.id, dossierId)).for('update');
  return dossier;
}

/** Sets (or clears, with nulls) the firm and the agent in charge of a dossier. */
export async function setDossierCare(
  db: Database,
  dossierId: string,
  care: Partial<
    Pick<typeof dossiers.$inferInsert, 'organisationId' | 'agentId' | 'agentSince' | 'status' | 'updatedAt'>
  >,
) {
  await db.update(dossiers).set(care).where(eq(dossiers.id, dossierId));
}

export async function insertInvitation(db: Database, values: typeof dossierInvitations.$inferInsert) {
  await db.insert(dossierInvitations).values(values);
}

/** A pending invitation, locked for its answer. */
export async function pendingInvitationForUpdate(
  db: Database,
  invitationId: string,
): Promise<InvitationRow | undefined> {
  const [invitation] = await db
    .select()
    .from(dossierInvitations)
    .where(and(eq(dossierInvitations.id, invitationId), eq(dossierInvitations.status, 'pending')))
    .for('update');
  return invitation;
}

export async function decideInvitationRow(
  db: Database,
  invitationId: string,
  decision: { status: 'accepted' | 'declined'; decidedAt: Date; dossierId?: string },
) {
  await db.update(dossierInvitations).set(decision).where(eq(dossierInvitations.id, invitationId));
}

/**
 * A candidate's pending invitations, newest first, as JSON; `email` is the candidate's (citext). Row
 * schema: `ZInvitation`.
 */
export function pendingInvitationsJson(email: SQLWrapper): SQL<TDashboard['invitations']> {
  return sql`coalesce((
    select json_agg(json_build_object('id', i.id, 'programId', i.program_id, 'message', i.message,
      'createdAt', ${isoTime(sql`i.created_at`)}, 'pro', ${proSummaryJson(sql`u`, sql`o`, sql`v`)}) order by i.created_at desc)
    from (select * from dossier_invitations where email = ${email} and status = 'pending'
      order by created_at desc limit 50) i
    join users u on u.id = i.pro_id join organisations o on o.id = i.organisation_id
    left join pro_verifications v on v.user_id = u.id
  ), '[]')`;
}

/** A candidate's pending invitations (`pendingInvitationsJson`). */
export async function pendingInvitationsOf(
  db: Database,
  candidateId: string,
  today: string,
): Promise<TDashboard['invitations']> {
  const [row] = await builtQuery(db, 'assignments.pending_invitations', (db) =>
    db
      .select({ invitations: pendingInvitationsJson(sql`${users}.email`) })
      .from(users)
      .where(eq(users.id, sql.placeholder('candidate'))),
  ).execute({ candidate: candidateId, today });
  const invitations = row?.invitations ?? [];
  checkRows(ZInvitation, invitations, 'assignments.pending_invitations');
  return invitations;
}

/**
 * Pending requests addressed to a pro, oldest first, as JSON: what they see before accepting (never the
 * documents). Row schema: `ZIncomingRequest`.
 */
export function incomingRequestsJson(pro: SQLWrapper): SQL<TDashboard['incomingRequests']> {
  return sql`coalesce((
    select json_agg(json_build_object('id', r.id, 'dossierId', d.id, 'programId', d.program_id,
      'candidate', json_build_object('id', u.id, 'firstName', u.first_name, 'lastName', u.last_name),
      'message', r.message, 'createdAt', ${isoTime(sql`r.created_at`)}) order by r.created_at)
    from (select * from assignment_requests where pro_id = ${pro} and status = 'pending'
      order by created_at limit 50) r
    join dossiers d on d.id = r.dossier_id join users u on u.id = d.owner_id
  ), '[]')`;
}
