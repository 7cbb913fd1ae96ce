import {
  type TAdminDossierSummary,
  type TAdminUserAction,
  type TAdminUserActionResult,
  type TAdminUserDetail,
  type TAdminUserListItem,
  type TAdminUserListQuery,
  type TAdminUserPage,
  type TAdminUserRole,
  type TAdminUserStatus,
  type TDossierStatus,
  ZSignInFactor,
} from '@capitune/contracts';
import type { AppDeps } from '../../deps';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import { AppError, fieldError } from '../../lib/errors';
import { type Transaction, withTransaction } from '../../platform/db/transaction';
import { suppressionOf } from '../../platform/mailer/email-suppression';
import { type Caller, requireRole } from '../access';
import { recordAudit } from '../audit';
import { deviceName, resendVerification, revokeAllSessions } from '../auth';
import { type MemberRow, memberForUpdate, otherActiveAdmins, setSuspension } from './member-state.queries';
import {
  endMemberSessions,
  liftMember,
  type MemberChange,
  snapshotOf,
  suspendMember,
  tagMember,
  untagMember,
} from './member-state.service';
import {
  type DossierCountRow,
  dossierSummary,
  memberDossierCounts,
  memberEmails,
  memberHistory,
  memberProfile,
  memberSessions,
  moveAccountContent,
  setRole,
  type UserListRow,
  userListPage,
} from './users.queries';

/** The admin console's users: the list, a member's page, and the actions taken on one member. */

/** Search words as the list compares them: lowercased, without accents, spaces collapsed. */
export function foldSearch(q: string): string {
  return q.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

const statusOf = (row: { status: 'active' | 'suspended'; banned: boolean }): TAdminUserStatus =>
  row.status === 'active' ? 'active' : row.banned ? 'banned' : 'suspended';

function toListItem(row: UserListRow): TAdminUserListItem {
  return {
    id: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    role: row.role,
    status: statusOf(row),
    firm: row.firm_id && row.firm_name !== null ? { id: row.firm_id, name: row.firm_name } : null,
    createdAt: row.created_at,
    emailVerified: row.email_verified,
    tags: row.tags,
  };
}

/** A page of members matching the filters, newest sign-ups first. */
export async function listUsers(
  deps: AppDeps,
  caller: Caller,
  query: TAdminUserListQuery,
): Promise<TAdminUserPage> {
  requireRole(caller, 'admin');
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const q = query.q ? foldSearch(query.q) : '';
  const filter = {
    q: q || undefined,
    role: query.role,
    status: query.status,
    tag: query.tag,
    signedUpFrom: query.signedUpFrom ? new Date(query.signedUpFrom) : undefined,
    signedUpTo: query.signedUpTo ? new Date(query.signedUpTo) : undefined,
  };
  const rows = await userListPage(deps.db, filter, after, query.limit);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toListItem),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.created_key, last.id]) : null,
  };
}

const counted = (rows: DossierCountRow[], kind: DossierCountRow['kind']) =>
  rows
    .filter((row) => row.kind === kind)
    .map((row) => ({ status: row.status as TDossierStatus, count: row.count }));

/** A member's page: profile, standing, sessions, factors, dossier counts, history and emails. */
export async function userPage(deps: AppDeps, caller: Caller, userId: string): Promise<TAdminUserDetail> {
  requireRole(caller, 'admin');
  const profile = await memberProfile(deps.db, userId);
  if (!profile) throw new AppError('NOT_FOUND', 'No such user');
  const [sessions, dossiers, history, emails, suppression] = await Promise.all([
    memberSessions(deps.db, userId, deps.clock.now()),
    memberDossierCounts(deps.db, userId, profile.role === 'pro' ? profile.firm_id : null),
    memberHistory(deps.db, userId),
    memberEmails(deps.db, profile.email),
    suppressionOf(deps.db, profile.email),
  ]);
  const status = statusOf({ status: profile.status, banned: profile.banned_at !== null });
  return {
    id: profile.id,
    firstName: profile.first_name,
    lastName: profile.last_name,
    email: profile.email,
    emailVerified: profile.email_verified,
    locale: profile.locale,
    phone: profile.phone,
    countryOfResidence: profile.country_of_residence,
    role: profile.role,
    status,
    suspension:
      status === 'active'
        ? null
        : {
            until: profile.suspended_until,
            reason: profile.suspension_reason,
            bannedAt: profile.banned_at,
          },
    firm:
      profile.firm_id && profile.firm_name !== null ? { id: profile.firm_id, name: profile.firm_name } : null,
    tags: profile.tags,
    trustLevel: profile.trust_level,
    silencedUntil: profile.silenced_until,
    createdAt: profile.created_at,
    sessions: sessions.map((session) => ({
      id: session.id,
      device: deviceName(session.user_agent) ?? 'Unknown device',
      country: session.country,
      factor: ZSignInFactor.safeParse(session.factor).data ?? null,
      createdAt: session.created_at,
      lastUsedAt: session.last_used_at,
    })),
    factors: {
      totp: profile.totp,
      passkeys: profile.passkeys,
      email: profile.email_factor,
      sms: profile.sms_factor,
      recoveryCodesLeft: profile.recovery_codes_left,
    },
    dossiers: { owned: counted(dossiers, 'owned'), firm: counted(dossiers, 'firm') },
    history: history.map((entry) => ({
      id: entry.id,
      action: entry.action,
      actor:
        entry.actor_id && entry.actor_first_name !== null && entry.actor_last_name !== null
          ? { id: entry.actor_id, firstName: entry.actor_first_name, lastName: entry.actor_last_name }
          : null,
      reason: entry.reason,
      createdAt: entry.created_at,
    })),
    emails: emails.map((email) => ({
      id: email.id,
      template: email.template,
      subject: email.subject,
      createdAt: email.created_at,
      sentAt: email.sent_at,
    })),
    emailSuppression: suppression
      ? { reason: suppression.reason, detail: suppression.detail, since: suppression.createdAt.toISOString() }
      : null,
  };
}

/** A skipped change, as the member's page answers it: the batch's reasons become the client's errors. */
function refuseSkipped(change: MemberChange): void {
  if (change.skipped === 'not_found') throw new AppError('NOT_FOUND', 'No such user');
  if (change.skipped === 'self') throw new AppError('SELF_ACTION_NOT_ALLOWED');
  if (change.skipped === 'last_admin') throw new AppError('LAST_ADMIN');
}

/** The actions that need a fresh proof of identity (a step-up within 10 minutes). */
const STEP_UP_ACTIONS: ReadonlySet<TAdminUserAction['action']> = new Set(['ban', 'change_role', 'merge']);

/**
 * One action on one member, in one transaction with its audit entries and emails. Answers the member's
 * page after it, or for `open_dossier` the audited dossier summary.
 */
export async function actOnUser(
  deps: AppDeps,
  caller: Caller,
  userId: string,
  body: TAdminUserAction,
): Promise<TAdminUserActionResult> {
  requireRole(caller, 'admin');
  if (STEP_UP_ACTIONS.has(body.action)) await deps.requireStepUp(caller);
  const now = deps.clock.now();
  const acting = { actor: caller, userId, now };

  if (body.action === 'open_dossier') {
    const dossier = await withTransaction(deps.pool, (tx) =>
      openDossier(tx, caller, userId, body.dossierId, body.reason),
    );
    return { kind: 'dossier', dossier };
  }
  if (body.action === 'resend_verification') {
    await resendVerificationTo(deps, caller, userId);
    return { kind: 'user', user: await userPage(deps, caller, userId) };
  }

  await withTransaction(deps.pool, async (tx) => {
    switch (body.action) {
      case 'suspend': {
        const until = new Date(body.until);
        if (until <= now)
          throw fieldError('body.until', 'in_the_past', 'The end of a suspension must be in the future');
        refuseSkipped(await suspendMember(deps, tx, { ...acting, until, reason: body.reason, ban: false }));
        return;
      }
      case 'ban':
        refuseSkipped(
          await suspendMember(deps, tx, { ...acting, until: null, reason: body.reason, ban: true }),
        );
        return;
      case 'lift':
        refuseSkipped(await liftMember(deps, tx, acting));
        return;
      case 'end_sessions':
        refuseSkipped(await endMemberSessions(deps, tx, acting));
        return;
      case 'tag':
        refuseSkipped(await tagMember(deps, tx, { ...acting, tag: body.tag }));
        return;
      case 'untag':
        refuseSkipped(await untagMember(deps, tx, { ...acting, tag: body.tag }));
        return;
      case 'change_role':
        await changeRole(deps, tx, caller, userId, body.role, now);
        return;
      case 'merge':
        await mergeAccounts(deps, tx, caller, userId, body.duplicateId, now);
        return;
    }
  });
  return { kind: 'user', user: await userPage(deps, caller, userId) };
}

/**
 * A new role. An admin cannot change their own, nor take the role of the last active admin. The
 * member's sessions end: their access tokens carry the old role.
 */
async function changeRole(
  deps: AppDeps,
  tx: Transaction,
  caller: Caller,
  userId: string,
  role: TAdminUserRole,
  now: Date,
): Promise<void> {
  const row = await memberForUpdate(tx.db, userId);
  if (!row) throw new AppError('NOT_FOUND', 'No such user');
  if (row.role === role) return;
  if (row.id === caller.id) throw new AppError('SELF_ACTION_NOT_ALLOWED');
  if (row.role === 'admin' && row.status === 'active' && (await otherActiveAdmins(tx.db, row.id)) === 0) {
    throw new AppError('LAST_ADMIN');
  }
  await setRole(tx.db, userId, role, now);
  const sessionsEnded = await revokeAllSessions(deps, tx.db, userId, 'role_changed', now);
  await recordAudit(tx.db, {
    actorId: caller.id,
    action: 'user.role_changed',
    subjectType: 'user',
    subjectId: userId,
    before: { role: row.role },
    after: { role, sessionsEnded },
    ip: caller.ip ?? null,
  });
}

/**
 * Merges the duplicate account into this one: what it owns moves here, then it is banned ("merged into
 * …") and signed out. Refused (409 MERGE_NOT_ALLOWED) for one account with itself, accounts of different
 * roles, or an admin's; the caller's own account is never merged (409 SELF_ACTION_NOT_ALLOWED).
 */
async function mergeAccounts(
  deps: AppDeps,
  tx: Transaction,
  caller: Caller,
  keepId: string,
  duplicateId: string,
  now: Date,
): Promise<void> {
  if (keepId === duplicateId)
    throw new AppError('MERGE_NOT_ALLOWED', 'An account cannot be merged with itself');
  if (keepId === caller.id || duplicateId === caller.id) throw new AppError('SELF_ACTION_NOT_ALLOWED');
  // Locked in the order of their ids: two merges of the same pair never wait on each other.
  const locked = new Map<string, MemberRow | undefined>();
  for (const id of [keepId, duplicateId].sort()) locked.set(id, await memberForUpdate(tx.db, id));
  const keep = locked.get(keepId);
  const duplicate = locked.get(duplicateId);
  if (!keep || !duplicate) throw new AppError('NOT_FOUND', 'No such user');
  if (keep.role !== duplicate.role)
    throw new AppError('MERGE_NOT_ALLOWED', 'The accounts have different roles');
  if (keep.role === 'admin') throw new AppError('MERGE_NOT_ALLOWED', 'Admin accounts are not merged');

  const moved = await moveAccountContent(tx.db, keepId, duplicateId, now);
  const reason = `merged into ${keepId}`;
  await setSuspension(tx.db, duplicateId, { status: 'suspended', until: null, reason, bannedAt: now }, now);
  const sessionsEnded = await revokeAllSessions(deps, tx.db, duplicateId, 'merged', now);
  const audit = { actorId: caller.id, subjectType: 'user', ip: caller.ip ?? null };
  await recordAudit(tx.db, {
    ...audit,
    action: 'user.merged',
    subjectId: keepId,
    after: { keptId: keepId, duplicateId, moved },
  });
  await recordAudit(tx.db, {
    ...audit,
    action: 'user.banned',
    subjectId: duplicateId,
    before: snapshotOf(duplicate),
    after: {
      status: 'suspended',
      reason,
      bannedAt: now.toISOString(),
      keptId: keepId,
      duplicateId,
      sessionsEnded,
    },
  });
}

/**
 * A new verification link to a member whose email is not verified yet (the auth module writes and
 * sends it), then the audit entry. 409 CONFLICT when the email is verified already.
 */
async function resendVerificationTo(deps: AppDeps, caller: Caller, userId: string): Promise<void> {
  const profile = await memberProfile(deps.db, userId);
  if (!profile) throw new AppError('NOT_FOUND', 'No such user');
  if (profile.email_verified) throw new AppError('CONFLICT', 'The email is verified already');
  await resendVerification(deps, { id: userId, role: profile.role });
  await recordAudit(deps.db, {
    actorId: caller.id,
    action: 'user.verification_resent',
    subjectType: 'user',
    subjectId: userId,
    ip: caller.ip ?? null,
  });
}

/**
 * An admin opens a member's dossier: a sensitive read, audited with its reason before anything is
 * shown. Admins do not reach dossiers' pages (`dossierFor` gives them no access), so they get this
 * summary: program, status, owner, firm and counts, never a document or a message. The dossier must be
 * the member's (owned, or assigned to their firm).
 */
async function openDossier(
  tx: Transaction,
  caller: Caller,
  userId: string,
  dossierId: string,
  reason: string,
): Promise<TAdminDossierSummary> {
  const member = await memberProfile(tx.db, userId);
  if (!member) throw new AppError('NOT_FOUND', 'No such user');
  const row = await dossierSummary(tx.db, dossierId);
  const ofMember =
    row && (row.owner_id === userId || (member.role === 'pro' && row.firm_id === member.firm_id));
  if (!row || !ofMember) throw new AppError('NOT_FOUND', 'No such dossier for this member');
  await recordAudit(tx.db, {
    actorId: caller.id,
    action: 'dossier.opened_by_admin',
    subjectType: 'user',
    subjectId: userId,
    dossierId,
    after: { reason },
    ip: caller.ip ?? null,
  });
  return {
    dossierId: row.id,
    programId: row.program_id,
    programName: row.program_name,
    status: row.status,
    owner: { id: row.owner_id, firstName: row.owner_first_name, lastName: row.owner_last_name },
    firm: row.firm_id && row.firm_name !== null ? { id: row.firm_id, name: row.firm_name } : null,
    documentCount: row.document_count,
    messageCount: row.message_count,
    createdAt: row.created_at,
  };
}
