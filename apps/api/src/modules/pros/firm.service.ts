import type {
  TFirm,
  TFirmInvitationAcceptBody,
  TFirmInvitationBody,
  TFirmInvitationLookup,
} from '@capitune/contracts';
import type { AppDeps } from '../../deps';
import { AppError, fieldError } from '../../lib/errors';
import { checkPasswordStrength, hashPassword } from '../../lib/password';
import { hashToken, randomToken } from '../../lib/tokens';
import { withTransaction } from '../../platform/db/transaction';
import { accountExistsMessage } from '../../platform/mailer/account-emails';
import { assertWithinSendingLimit } from '../../platform/rate-limit';
import type { Caller } from '../access';
import { platformToday } from '../access';
import { recordAudit } from '../audit';
import { recordConsents } from '../privacy';
import { agentInvitationEmail } from './firm.emails';
import {
  agentOfFirm,
  deleteOpenInvitations,
  detachAgent,
  type FirmMember,
  firmAgentList,
  firmLicensees,
  firmMember,
  firmName,
  insertAgent,
  insertAgentUser,
  insertInvitation,
  invitationByToken,
  markInvitationAccepted,
  openInvitations,
  setSupervisor,
  userByEmail,
} from './firm.queries';
import { firmSettings } from './firm-network.queries';

/** How long an emailed invitation to join a firm stays valid. */
export const INVITATION_DAYS = 14;
const DAY = 24 * 60 * 60 * 1000;

const fullName = (person: { firstName: string; lastName: string }) =>
  `${person.firstName} ${person.lastName}`;

const supervisorError = (message: string) => fieldError('body.supervisorId', 'invalid_supervisor', message);

/** A pro of a firm, or 403 (candidates, admins) / 404 (a pro in no firm). */
async function memberOf(deps: AppDeps, actor: Caller): Promise<FirmMember & { organisationId: string }> {
  if (actor.role !== 'pro') throw new AppError('FORBIDDEN');
  const member = await firmMember(deps.db, actor.id, platformToday(deps.clock.now()));
  if (!member) throw new AppError('UNAUTHENTICATED');
  const { organisationId } = member;
  if (!organisationId) throw new AppError('NOT_FOUND', 'You belong to no firm');
  return { ...member, organisationId };
}

/**
 * Only a licensee of the firm whose licence is verified manages its agents: an agent never does (403
 * FORBIDDEN), a licensee not verified now gets 403 PRO_NOT_VERIFIED.
 */
async function managerOf(deps: AppDeps, actor: Caller) {
  const member = await memberOf(deps, actor);
  if (!member.hasLicence) throw new AppError('FORBIDDEN', 'Only a licensee of the firm manages its agents');
  if (member.licenceStanding !== 'verified') {
    throw new AppError('PRO_NOT_VERIFIED', 'Your licence must be verified before you can manage agents');
  }
  return member;
}

/** A supervisor must be a licensee of the same firm whose licence is verified today. */
async function assertSupervisor(deps: AppDeps, supervisorId: string, organisationId: string) {
  const supervisor = await firmMember(deps.db, supervisorId, platformToday(deps.clock.now()));
  if (
    supervisor?.role !== 'pro' ||
    supervisor.organisationId !== organisationId ||
    !supervisor.hasLicence ||
    supervisor.licenceStanding !== 'verified'
  ) {
    throw supervisorError('The supervisor must be a verified licensee of the firm');
  }
  return supervisor;
}

export async function getMyFirm(deps: AppDeps, actor: Caller): Promise<TFirm> {
  const member = await memberOf(deps, actor);
  const now = deps.clock.now();
  const { organisationId } = member;
  const [settings, licensees, agents, invitations] = await Promise.all([
    firmSettings(deps.db, organisationId),
    firmLicensees(deps.db, organisationId, platformToday(now)),
    firmAgentList(deps.db, organisationId),
    member.hasLicence ? openInvitations(deps.db, organisationId, now) : Promise.resolve([]),
  ]);
  return {
    id: organisationId,
    name: settings?.name ?? '',
    viewerRole: member.hasLicence ? 'licensee' : 'agent',
    requireTwoFactor: settings?.requireTwoFactor ?? false,
    ipAllowlistEnabled: settings?.ipAllowlistEnabled ?? false,
    licensees,
    agents,
    invitations,
  };
}

/**
 * A verified licensee invites someone to join the firm as an agent, under themself or another verified
 * licensee of the firm. The invitee gets a link to set their password; the answer is the same whether the
 * email has an account or not (that shows only when the link is used, and only to the email's owner).
 */
export async function inviteAgent(deps: AppDeps, actor: Caller, body: TFirmInvitationBody): Promise<void> {
  const inviter = await managerOf(deps, actor);
  const supervisor =
    body.supervisorId && body.supervisorId !== inviter.id
      ? await assertSupervisor(deps, body.supervisorId, inviter.organisationId)
      : inviter;
  const now = deps.clock.now();
  const token = randomToken();
  const expiresAt = new Date(now.getTime() + INVITATION_DAYS * DAY);
  await withTransaction(deps.pool, async (tx) => {
    await assertWithinSendingLimit(tx.db, 'agentInvitation', inviter.id, [body.email], now);
    // A new invitation to the same person replaces the open one: only the latest link works.
    await deleteOpenInvitations(tx.db, inviter.organisationId, body.email);
    const invitation = await insertInvitation(tx.db, {
      organisationId: inviter.organisationId,
      supervisorId: supervisor.id,
      invitedBy: inviter.id,
      email: body.email,
      firstName: body.firstName,
      lastName: body.lastName,
      locale: body.locale,
      tokenHash: hashToken(token),
      expiresAt,
      createdAt: now,
    });
    const name = (await firmName(tx.db, inviter.organisationId)) ?? '';
    await deps.outbox.enqueue(
      tx,
      agentInvitationEmail(
        body,
        { name, inviter: fullName(inviter), supervisor: fullName(supervisor) },
        `${deps.config.publicUrl}/join-firm?token=${encodeURIComponent(token)}`,
        INVITATION_DAYS,
      ),
    );
    await recordAudit(tx.db, {
      actorId: inviter.id,
      action: 'firm.agent_invited',
      subjectType: 'organisation',
      subjectId: inviter.organisationId,
      organisationId: inviter.organisationId,
      after: { invitationId: invitation?.id, email: body.email, supervisorId: supervisor.id },
      ip: actor.ip,
    });
  });
}

type InvitationRow = NonNullable<Awaited<ReturnType<typeof invitationByToken>>>;

/** An open invitation by its token: INVALID_TOKEN if unknown or used, TOKEN_EXPIRED past its date. */
function openInvitation(row: InvitationRow | undefined, now: Date): InvitationRow {
  if (!row || row.invitation.acceptedAt) throw new AppError('INVALID_TOKEN');
  if (row.invitation.expiresAt <= now) throw new AppError('TOKEN_EXPIRED');
  return row;
}

export async function lookupInvitation(deps: AppDeps, token: string): Promise<TFirmInvitationLookup> {
  const row = openInvitation(await invitationByToken(deps.db, hashToken(token)), deps.clock.now());
  return {
    firmName: row.firmName,
    supervisor: row.supervisor,
    email: row.invitation.email,
    firstName: row.invitation.firstName,
    lastName: row.invitation.lastName,
    locale: row.invitation.locale,
  };
}

/**
 * The invitee sets a password: an agent account of the firm, under the invitation's supervisor, its email
 * verified (the link came to it). An email that already has an account gets the same answer, is not
 * attached to the firm, and its owner gets the notice sign-up sends: the answer never tells whether an
 * email is known.
 */
export async function acceptInvitation(
  deps: AppDeps,
  body: TFirmInvitationAcceptBody,
  ip?: string,
): Promise<{ status: 'accepted'; email: string }> {
  const tokenHash = hashToken(body.token);
  const found = openInvitation(await invitationByToken(deps.db, tokenHash), deps.clock.now());
  const email = found.invitation.email;
  const strength = checkPasswordStrength(body.password, body.locale, [email, body.firstName, body.lastName]);
  if (!strength.ok) {
    throw new AppError('PASSWORD_TOO_WEAK', strength.reason, {
      fieldErrors: [{ path: 'body.password', message: strength.reason ?? 'Too weak', code: 'too_weak' }],
    });
  }
  // Hashed for a known email too, so both paths take the same time.
  const passwordHash = await hashPassword(body.password);
  await withTransaction(deps.pool, async (tx) => {
    const now = deps.clock.now();
    const { invitation } = openInvitation(await invitationByToken(tx.db, tokenHash, { lock: true }), now);
    await markInvitationAccepted(tx.db, invitation.id, now);
    const created = await insertAgentUser(tx.db, {
      email,
      passwordHash,
      role: 'pro',
      firstName: body.firstName,
      lastName: body.lastName,
      locale: body.locale,
      organisationId: invitation.organisationId,
      emailVerifiedAt: now,
      createdAt: now,
      updatedAt: now,
    });
    if (!created) {
      const owner = await userByEmail(tx.db, email);
      if (owner) {
        await deps.outbox.enqueue(
          tx,
          accountExistsMessage(
            owner,
            `${deps.config.publicUrl}/login`,
            `${deps.config.publicUrl}/forgot-password`,
          ),
        );
      }
      return;
    }
    // Joining is signing up: it accepts the terms and the privacy policy in force (the form says so).
    await recordConsents(
      tx.db,
      created.id,
      [
        { purpose: 'terms', granted: true },
        { purpose: 'privacy_policy', granted: true },
      ],
      'sign_up',
      now,
    );
    await insertAgent(tx.db, {
      userId: created.id,
      organisationId: invitation.organisationId,
      supervisorId: invitation.supervisorId,
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(tx.db, {
      actorId: created.id,
      action: 'firm.agent_joined',
      subjectType: 'organisation',
      subjectId: invitation.organisationId,
      organisationId: invitation.organisationId,
      after: { invitationId: invitation.id, agentId: created.id, supervisorId: invitation.supervisorId },
      ip,
    });
  });
  return { status: 'accepted', email };
}

/** A verified licensee puts an agent of the firm under another verified licensee of the firm. */
export async function changeSupervisor(
  deps: AppDeps,
  actor: Caller,
  agentId: string,
  supervisorId: string,
): Promise<void> {
  const manager = await managerOf(deps, actor);
  await assertSupervisor(deps, supervisorId, manager.organisationId);
  await withTransaction(deps.pool, async (tx) => {
    const agent = await agentOfFirm(tx.db, agentId, manager.organisationId);
    if (!agent) throw new AppError('NOT_FOUND', 'No such agent in your firm');
    if (agent.supervisorId === supervisorId) return;
    await setSupervisor(tx.db, agentId, supervisorId, deps.clock.now());
    await recordAudit(tx.db, {
      actorId: actor.id,
      action: 'firm.agent_supervisor_changed',
      subjectType: 'user',
      subjectId: agentId,
      organisationId: manager.organisationId,
      before: { supervisorId: agent.supervisorId },
      after: { supervisorId },
      ip: actor.ip,
    });
  });
}

/**
 * A verified licensee removes an agent from the firm: the agent keeps their account but no firm, so no
 * dossier of the firm, at once.
 */
export async function removeAgent(deps: AppDeps, actor: Caller, agentId: string): Promise<void> {
  const manager = await managerOf(deps, actor);
  await withTransaction(deps.pool, async (tx) => {
    const agent = await agentOfFirm(tx.db, agentId, manager.organisationId);
    if (!agent) throw new AppError('NOT_FOUND', 'No such agent in your firm');
    await detachAgent(tx.db, agentId, deps.clock.now());
    await recordAudit(tx.db, {
      actorId: actor.id,
      action: 'firm.agent_removed',
      subjectType: 'user',
      subjectId: agentId,
      organisationId: manager.organisationId,
      before: { organisationId: agent.organisationId, supervisorId: agent.supervisorId },
      after: { organisationId: null },
      ip: actor.ip,
    });
  });
}
