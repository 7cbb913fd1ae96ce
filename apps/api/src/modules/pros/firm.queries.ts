import type { TFirm } from '@capitune/contracts';
import { and, asc, eq, gt, isNull, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { firmAgentInvitations, firmAgents, organisations, proVerifications, users } from '../../db/schema';
import { isoTime } from '../../lib/sql';
import type { Database } from '../../platform/db/database';
import { standingSql } from '../access';

/** A firm's people are few (a practice, a law office): one bounded read each, no pages. */
const FIRM_LIST_LIMIT = 500;

/** Who a pro is in their firm: their firm, whether they are an agent, and their own licence's standing. */
export async function firmMember(db: Database, userId: string, today: string) {
  const [row] = await db
    .select({
      id: users.id,
      role: users.role,
      firstName: users.firstName,
      lastName: users.lastName,
      organisationId: users.organisationId,
      agentOf: firmAgents.organisationId,
      hasLicence: sql<boolean>`${proVerifications.id} is not null`,
      licenceStanding: standingSql(today, proVerifications),
    })
    .from(users)
    .leftJoin(proVerifications, eq(proVerifications.userId, users.id))
    .leftJoin(firmAgents, eq(firmAgents.userId, users.id))
    .where(eq(users.id, userId));
  return row;
}
export type FirmMember = NonNullable<Awaited<ReturnType<typeof firmMember>>>;

export async function firmName(db: Database, organisationId: string): Promise<string | undefined> {
  const [row] = await db
    .select({ name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, organisationId));
  return row?.name;
}

/** The firm's licensees (a verification file of their own), with their standing today. */
export async function firmLicensees(db: Database, organisationId: string, today: string) {
  return db
    .select({
      id: users.id,
      firstName: users.firstName,
      lastName: users.lastName,
      standing: standingSql(today, proVerifications),
    })
    .from(users)
    .innerJoin(proVerifications, eq(proVerifications.userId, users.id))
    .where(and(eq(users.organisationId, organisationId), eq(users.role, 'pro')))
    .orderBy(asc(users.lastName), asc(users.firstName), asc(users.id))
    .limit(FIRM_LIST_LIMIT);
}

const supervisor = alias(users, 'supervisor');

export async function firmAgentList(db: Database, organisationId: string): Promise<TFirm['agents']> {
  const rows = await db
    .select({
      id: users.id,
      firstName: users.firstName,
      lastName: users.lastName,
      supervisor: { id: supervisor.id, firstName: supervisor.firstName, lastName: supervisor.lastName },
      since: firmAgents.createdAt,
    })
    .from(firmAgents)
    .innerJoin(users, eq(users.id, firmAgents.userId))
    .innerJoin(supervisor, eq(supervisor.id, firmAgents.supervisorId))
    .where(eq(firmAgents.organisationId, organisationId))
    .orderBy(asc(users.lastName), asc(users.firstName), asc(users.id))
    .limit(FIRM_LIST_LIMIT);
  return rows.map((row) => ({ ...row, since: row.since.toISOString() }));
}

/** Invitations still open (not accepted, not expired), newest first. */
export async function openInvitations(
  db: Database,
  organisationId: string,
  now: Date,
): Promise<TFirm['invitations']> {
  return db
    .select({
      id: firmAgentInvitations.id,
      email: firmAgentInvitations.email,
      firstName: firmAgentInvitations.firstName,
      lastName: firmAgentInvitations.lastName,
      supervisor: { id: supervisor.id, firstName: supervisor.firstName, lastName: supervisor.lastName },
      expiresAt: isoTime(firmAgentInvitations.expiresAt) as SQL<string>,
      createdAt: isoTime(firmAgentInvitations.createdAt) as SQL<string>,
    })
    .from(firmAgentInvitations)
    .innerJoin(supervisor, eq(supervisor.id, firmAgentInvitations.supervisorId))
    .where(
      and(
        eq(firmAgentInvitations.organisationId, organisationId),
        isNull(firmAgentInvitations.acceptedAt),
        gt(firmAgentInvitations.expiresAt, now),
      ),
    )
    .orderBy(sql`${firmAgentInvitations.createdAt} desc`, sql`${firmAgentInvitations.id} desc`)
    .limit(FIRM_LIST_LIMIT);
}

/** An invitation by its token's hash, with the firm's and the supervisor's names; locked in a transaction. */
export async function invitationByToken(db: Database, tokenHash: string, options: { lock?: boolean } = {}) {
  const query = db
    .select({
      invitation: firmAgentInvitations,
      firmName: organisations.name,
      supervisor: { firstName: supervisor.firstName, lastName: supervisor.lastName },
    })
    .from(firmAgentInvitations)
    .innerJoin(organisations, eq(organisations.id, firmAgentInvitations.organisationId))
    .innerJoin(supervisor, eq(supervisor.id, firmAgentInvitations.supervisorId))
    .where(eq(firmAgentInvitations.tokenHash, tokenHash));
  const [row] = options.lock ? await query.for('update', { of: firmAgentInvitations }) : await query;
  return row;
}

/** An agent of the firm `organisationId`, or undefined. */
export async function agentOfFirm(db: Database, userId: string, organisationId: string) {
  const [row] = await db
    .select()
    .from(firmAgents)
    .where(and(eq(firmAgents.userId, userId), eq(firmAgents.organisationId, organisationId)))
    .for('update');
  return row;
}

/** Drops the open invitations of the firm to this address: only the latest link works. */
export async function deleteOpenInvitations(db: Database, organisationId: string, email: string) {
  await db
    .delete(firmAgentInvitations)
    .where(
      and(
        eq(firmAgentInvitations.organisationId, organisationId),
        eq(firmAgentInvitations.email, email),
        isNull(firmAgentInvitations.acceptedAt),
      ),
    );
}

export async function insertInvitation(db: Database, values: typeof firmAgentInvitations.$inferInsert) {
  const [row] = await db
    .insert(firmAgentInvitations)
    .values(values)
    .returning({ id: firmAgentInvitations.id });
  return row;
}

export async function markInvitationAccepted(db: Database, invitationId: string, now: Date) {
  await db
    .update(firmAgentInvitations)
    .set({ acceptedAt: now })
    .where(eq(firmAgentInvitations.id, invitationId));
}

/** The agent's account, unless the address has one already (then nothing is written: undefined). */
export async function insertAgentUser(db: Database, values: typeof users.$inferInsert) {
  const [row] = await db
    .insert(users)
    .values(values)
    .onConflictDoNothing({ target: users.email })
    .returning();
  return row;
}

export async function userByEmail(db: Database, email: string) {
  const [row] = await db.select().from(users).where(eq(users.email, email));
  return row;
}

export async function insertAgent(db: Database, values: typeof firmAgents.$inferInsert) {
  await db.insert(firmAgents).values(values);
}

export async function setSupervisor(db: Database, agentId: string, supervisorId: string, now: Date) {
  await db.update(firmAgents).set({ supervisorId, updatedAt: now }).where(eq(firmAgents.userId, agentId));
}

/** The agent leaves the firm: no agent row, no organisation on the account. */
export async function detachAgent(db: Database, agentId: string, now: Date) {
  await db.delete(firmAgents).where(eq(firmAgents.userId, agentId));
  await db.update(users).set({ organisationId: null, updatedAt: now }).where(eq(users.id, agentId));
}
