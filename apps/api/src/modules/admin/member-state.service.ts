import type { AppDeps } from '../../deps';
import type { Transaction } from '../../platform/db/transaction';
import type { Caller } from '../access';
import { recordAudit } from '../audit';
import { revokeAllSessions } from '../auth';
import { bannedEmail, type MemberRecipient, reinstatedEmail, suspendedEmail } from './admin.emails';
import {
  deleteTag,
  insertTag,
  type MemberRow,
  memberForUpdate,
  otherActiveAdmins,
  replaceTags,
  setSuspension,
} from './member-state.queries';

/**
 * The changes of a member's state that both the member's page and a batch make: suspend or ban, lift,
 * end the sessions, tag, untag, and put back as it was (a batch's undo). Each runs in the caller's
 * transaction, locks the member's row, records its audit entry and queues its email there, and says
 * what it changed. None throws for the admin themself or the last active admin: it answers `skipped`,
 * which a batch counts and the member's page turns into a 409.
 */

export interface MemberSnapshot {
  status: 'active' | 'suspended';
  suspendedUntil: string | null;
  suspensionReason: string | null;
  bannedAt: string | null;
  tags: string[];
}

export interface MemberChange {
  changed: boolean;
  before: MemberSnapshot;
  skipped?: 'already' | 'self' | 'last_admin' | 'not_found';
}

interface Acting {
  actor: Caller;
  userId: string;
  now: Date;
  batchId?: string;
}

const EMPTY: MemberSnapshot = {
  status: 'active',
  suspendedUntil: null,
  suspensionReason: null,
  bannedAt: null,
  tags: [],
};

export function snapshotOf(row: MemberRow): MemberSnapshot {
  return {
    status: row.status,
    suspendedUntil: row.suspended_until,
    suspensionReason: row.suspension_reason,
    bannedAt: row.banned_at,
    tags: row.tags,
  };
}

const recipientOf = (row: MemberRow): MemberRecipient => ({
  email: row.email,
  firstName: row.first_name,
  locale: row.locale,
  timeZone: row.time_zone,
});

const signInLink = (deps: AppDeps) => `${deps.config.publicUrl}/login`;

/** The audit entry of a change to a member, the batch named when there is one. */
async function audit(
  tx: Transaction,
  input: Acting,
  action: string,
  before: unknown,
  after: Record<string, unknown>,
) {
  await recordAudit(tx.db, {
    actorId: input.actor.id,
    action,
    subjectType: 'user',
    subjectId: input.userId,
    before,
    after: input.batchId ? { ...after, batchId: input.batchId } : after,
    ip: input.actor.ip ?? null,
  });
}

/**
 * The member locked, or why the change is skipped: not found, the admin themself, or (when the change
 * takes an admin out) the last active admin.
 */
async function lockMember(
  tx: Transaction,
  input: Acting,
  takesOut: boolean,
): Promise<{ row: MemberRow } | { skip: MemberChange }> {
  const row = await memberForUpdate(tx.db, input.userId);
  if (!row) return { skip: { changed: false, before: EMPTY, skipped: 'not_found' } };
  const before = snapshotOf(row);
  if (takesOut && row.id === input.actor.id) return { skip: { changed: false, before, skipped: 'self' } };
  if (takesOut && row.role === 'admin' && row.status === 'active') {
    if ((await otherActiveAdmins(tx.db, row.id)) === 0) {
      return { skip: { changed: false, before, skipped: 'last_admin' } };
    }
  }
  return { row };
}

/**
 * Suspends a member until `until` (null: until an admin lifts it) or bans them (`ban`: no end), ends
 * all their sessions and emails them the reason (and the end date).
 */
export async function suspendMember(
  deps: AppDeps,
  tx: Transaction,
  input: Acting & { until: Date | null; reason: string; ban: boolean },
): Promise<MemberChange> {
  const locked = await lockMember(tx, input, true);
  if ('skip' in locked) return locked.skip;
  const { row } = locked;
  const before = snapshotOf(row);
  const until = input.ban ? null : input.until;
  const bannedAt = input.ban ? (row.banned_at ? new Date(row.banned_at) : input.now) : null;
  const unchanged =
    row.status === 'suspended' &&
    (row.banned_at !== null) === input.ban &&
    row.suspended_until === (until?.toISOString() ?? null) &&
    row.suspension_reason === input.reason;
  if (unchanged) return { changed: false, before, skipped: 'already' };

  await setSuspension(
    tx.db,
    row.id,
    { status: 'suspended', until, reason: input.reason, bannedAt },
    input.now,
  );
  const sessionsEnded = await revokeAllSessions(
    deps,
    tx.db,
    row.id,
    input.ban ? 'banned' : 'suspended',
    input.now,
  );
  await audit(tx, input, input.ban ? 'user.banned' : 'user.suspended', before, {
    status: 'suspended',
    suspendedUntil: until?.toISOString() ?? null,
    reason: input.reason,
    bannedAt: bannedAt?.toISOString() ?? null,
    sessionsEnded,
  });
  const to = recipientOf(row);
  await deps.outbox.enqueue(
    tx,
    input.ban
      ? bannedEmail(to, input.reason, `${deps.config.publicUrl}/`)
      : suspendedEmail(to, input.reason, until, signInLink(deps)),
  );
  return { changed: true, before };
}

/** Ends a member's suspension or ban; emails them that they may sign in again. */
export async function liftMember(deps: AppDeps, tx: Transaction, input: Acting): Promise<MemberChange> {
  const locked = await lockMember(tx, input, false);
  if ('skip' in locked) return locked.skip;
  return reinstate(deps, tx, locked.row, input, 'user.lifted');
}

/**
 * Timed suspensions that came to their end, lifted by the platform (no actor), each member told. Run
 * by the every-minute job; the caller's transaction holds the rows it was given locked.
 */
export async function endSuspension(
  deps: AppDeps,
  tx: Transaction,
  input: { userId: string; now: Date },
): Promise<MemberChange> {
  const row = await memberForUpdate(tx.db, input.userId);
  if (!row) return { changed: false, before: EMPTY, skipped: 'not_found' };
  const before = snapshotOf(row);
  if (
    row.status !== 'suspended' ||
    row.banned_at ||
    !row.suspended_until ||
    Date.parse(row.suspended_until) > input.now.getTime()
  ) {
    return { changed: false, before, skipped: 'already' };
  }
  await setSuspension(
    tx.db,
    row.id,
    { status: 'active', until: null, reason: null, bannedAt: null },
    input.now,
  );
  await recordAudit(tx.db, {
    actorId: null,
    action: 'user.suspension_ended',
    subjectType: 'user',
    subjectId: row.id,
    before,
    after: { status: 'active' },
  });
  await deps.outbox.enqueue(tx, reinstatedEmail(recipientOf(row), signInLink(deps), true));
  return { changed: true, before };
}

async function reinstate(
  deps: AppDeps,
  tx: Transaction,
  row: MemberRow,
  input: Acting,
  action: string,
): Promise<MemberChange> {
  const before = snapshotOf(row);
  if (row.status === 'active') return { changed: false, before, skipped: 'already' };
  await setSuspension(
    tx.db,
    row.id,
    { status: 'active', until: null, reason: null, bannedAt: null },
    input.now,
  );
  await audit(tx, input, action, before, { status: 'active' });
  await deps.outbox.enqueue(tx, reinstatedEmail(recipientOf(row), signInLink(deps), false));
  return { changed: true, before };
}

/** Signs a member out of every device. The admin's own sessions are left to their security page. */
export async function endMemberSessions(
  deps: AppDeps,
  tx: Transaction,
  input: Acting,
): Promise<MemberChange> {
  const row = await memberForUpdate(tx.db, input.userId);
  if (!row) return { changed: false, before: EMPTY, skipped: 'not_found' };
  const before = snapshotOf(row);
  if (row.id === input.actor.id) return { changed: false, before, skipped: 'self' };
  const sessionsEnded = await revokeAllSessions(deps, tx.db, row.id, 'ended_by_admin', input.now);
  if (sessionsEnded === 0) return { changed: false, before, skipped: 'already' };
  await audit(tx, input, 'user.sessions_ended', null, { sessionsEnded });
  return { changed: true, before };
}

export async function tagMember(
  _deps: AppDeps,
  tx: Transaction,
  input: Acting & { tag: string },
): Promise<MemberChange> {
  const row = await memberForUpdate(tx.db, input.userId);
  if (!row) return { changed: false, before: EMPTY, skipped: 'not_found' };
  const before = snapshotOf(row);
  if (!(await insertTag(tx.db, row.id, input.tag, input.actor.id, input.now))) {
    return { changed: false, before, skipped: 'already' };
  }
  await audit(tx, input, 'user.tagged', { tags: before.tags }, { tag: input.tag });
  return { changed: true, before };
}

export async function untagMember(
  _deps: AppDeps,
  tx: Transaction,
  input: Acting & { tag: string },
): Promise<MemberChange> {
  const row = await memberForUpdate(tx.db, input.userId);
  if (!row) return { changed: false, before: EMPTY, skipped: 'not_found' };
  const before = snapshotOf(row);
  if (!(await deleteTag(tx.db, row.id, input.tag))) return { changed: false, before, skipped: 'already' };
  await audit(tx, input, 'user.untagged', { tags: before.tags }, { tag: input.tag });
  return { changed: true, before };
}

const sameSnapshot = (a: MemberSnapshot, b: MemberSnapshot) =>
  a.status === b.status &&
  a.suspendedUntil === b.suspendedUntil &&
  a.suspensionReason === b.suspensionReason &&
  a.bannedAt === b.bannedAt &&
  a.tags.length === b.tags.length &&
  a.tags.every((tag, index) => tag === b.tags[index]);

/**
 * Puts a member back as `before` said (a batch's undo): status, suspension, tags. Suspending again ends
 * their sessions; a change of status is emailed as the action it amounts to.
 */
export async function restoreMember(
  deps: AppDeps,
  tx: Transaction,
  input: Acting & { before: MemberSnapshot },
): Promise<MemberChange> {
  const target = { ...input.before, tags: [...input.before.tags].sort() };
  const locked = await lockMember(tx, input, target.status === 'suspended');
  if ('skip' in locked) return locked.skip;
  const { row } = locked;
  const before = snapshotOf(row);
  if (sameSnapshot(before, target)) return { changed: false, before, skipped: 'already' };

  const until = target.suspendedUntil ? new Date(target.suspendedUntil) : null;
  const bannedAt = target.bannedAt ? new Date(target.bannedAt) : null;
  await setSuspension(
    tx.db,
    row.id,
    { status: target.status, until, reason: target.suspensionReason, bannedAt },
    input.now,
  );
  await replaceTags(tx.db, row.id, target.tags, input.actor.id, input.now);
  let sessionsEnded = 0;
  if (target.status === 'suspended' && row.status === 'active') {
    sessionsEnded = await revokeAllSessions(deps, tx.db, row.id, 'suspended', input.now);
  }
  await audit(tx, input, 'user.restored', before, { ...target, sessionsEnded });

  const to = recipientOf(row);
  if (target.status === 'active' && row.status === 'suspended') {
    await deps.outbox.enqueue(tx, reinstatedEmail(to, signInLink(deps), false));
  } else if (target.status === 'suspended' && row.status === 'active') {
    const reason = target.suspensionReason ?? '';
    await deps.outbox.enqueue(
      tx,
      bannedAt
        ? bannedEmail(to, reason, `${deps.config.publicUrl}/`)
        : suspendedEmail(to, reason, until, signInLink(deps)),
    );
  }
  return { changed: true, before };
}
