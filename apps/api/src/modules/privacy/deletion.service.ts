import type { TDeletionPreview, TDeletionRequest, TRetentionRuleId } from '@capitune/contracts';
import type { SQL } from 'drizzle-orm';
import type { AppDeps } from '../../deps';
import { AppError, InvariantError } from '../../lib/errors';
import { type Transaction, withTransaction } from '../../platform/db/transaction';
import { endAllSessions } from '../../platform/session-registry';
import type { Caller } from '../access';
import { recordAudit } from '../audit';
import { deletionCancelledEmail, deletionRequestedEmail } from './deletion.emails';
import {
  anonymiseUser,
  cancelWaitingDeletion,
  clientFilesOf,
  closeClientFilesOf,
  deletePersonalRows,
  dueDeletions,
  erasedCounts,
  insertDeletion,
  isLastActiveAdmin,
  type KeptFileRow,
  lockDueDeletion,
  markDeletionCompleted,
  openClientFilesOfAgent,
  type PersonRow,
  personalFileKeys,
  personOf,
  waitingDeletion,
} from './deletion.queries';
import {
  type DossierToDestroy,
  destroyDossierRows,
  forgetJournaledFile,
  insertDestruction,
  journalFiles,
  personalDossiersOf,
} from './retention.queries';
import { DELETION_GRACE_DAYS } from './retention-rules';

/**
 * Deleting an account (Law 25 s. 28, PIPEDA Principle 4.5.3): asked after a step-up, done after a
 * 30-day grace during which signing in cancels it. The person's own records are erased; what others keep
 * (a firm's client file, community posts, the audit log) stays pointing at the anonymised account row.
 */

type TKeptClientFile = TDeletionPreview['kept'][number];

/** The name an erased account shows wherever others still see it (posts, comments, a firm's file), in both languages. */
export const DELETED_MEMBER = { firstName: 'Membre supprimé · Deleted member', lastName: '' };

const DAY_MS = 24 * 60 * 60 * 1000;

/** The end of a closed client file's retention: its closure plus the configured years. */
export function keptUntil(closedAt: Date, years: number): Date {
  const until = new Date(closedAt);
  until.setUTCFullYear(until.getUTCFullYear() + years);
  return until;
}

function keptFiles(deps: AppDeps, rows: KeptFileRow[]): TKeptClientFile[] {
  const years = deps.config.privacy.clientFileYears;
  return rows.map((row) => ({
    dossierId: row.dossier_id,
    firmName: row.firm_name,
    programId: row.program_id,
    keptUntil:
      row.status === 'closed' && row.closed_at
        ? keptUntil(new Date(row.closed_at), years).toISOString()
        : null,
    retentionYears: years,
  }));
}

const signInUrl = (deps: AppDeps) => `${deps.config.publicUrl}/login`;

/** The notice that ends the person's sessions on every instance, built by the statement that ends them. */
const sessionsRevoked = (deps: AppDeps, userId: string) => (endedIds: SQL) =>
  deps.bus.publishing({ type: 'sessions_revoked', userId, sessionIds: endedIds });

/** Why the person cannot delete their account now, or null. */
async function blockerOf(
  db: AppDeps['db'],
  person: PersonRow,
): Promise<'LAST_ADMIN' | 'OPEN_CLIENT_FILES' | null> {
  if (person.role === 'admin' && (await isLastActiveAdmin(db, person.id))) return 'LAST_ADMIN';
  if (person.role === 'pro' && (await openClientFilesOfAgent(db, person.id)) > 0) return 'OPEN_CLIENT_FILES';
  return null;
}

async function signedInPerson(db: AppDeps['db'], caller: Caller, lock = false): Promise<PersonRow> {
  const person = await personOf(db, caller.id, { lock });
  if (!person || person.deleted_at) throw new AppError('UNAUTHENTICATED');
  return person;
}

/** `GET /api/me/deletion`: what deleting the account erases, what firms keep and until when, shown before. */
export async function deletionPreview(deps: AppDeps, caller: Caller): Promise<TDeletionPreview> {
  return withTransaction(deps.pool, async (tx) => {
    const person = await signedInPerson(tx.db, caller);
    const pending = await waitingDeletion(tx.db, caller.id);
    return {
      erased: await erasedCounts(tx.db, caller.id, deps.clock.now()),
      kept: keptFiles(deps, await clientFilesOf(tx.db, caller.id)),
      blockedBy: await blockerOf(tx.db, person),
      pending: pending ? { requestedAt: pending.requested_at, dueAt: pending.due_at } : null,
      graceDays: DELETION_GRACE_DAYS,
    };
  });
}

/**
 * `POST /api/me/deletion`: after a step-up and the person's email typed again. Refused for the last
 * active admin and for a pro still the agent of open client files. Ends every session (signing in again
 * is how to cancel), emails the date, audited.
 */
export async function requestDeletion(
  deps: AppDeps,
  caller: Caller,
  body: { confirmEmail: string },
): Promise<TDeletionRequest> {
  await deps.requireStepUp(caller);
  const now = deps.clock.now();
  return withTransaction(deps.pool, async (tx) => {
    const person = await signedInPerson(tx.db, caller, true);
    if (person.email.toLowerCase() !== body.confirmEmail.toLowerCase()) {
      throw new AppError('DELETION_NOT_CONFIRMED', 'The email typed is not the account’s');
    }
    const blocker = await blockerOf(tx.db, person);
    if (blocker === 'LAST_ADMIN') {
      throw new AppError('LAST_ADMIN', 'Name another admin first: the platform needs one');
    }
    if (blocker === 'OPEN_CLIENT_FILES') {
      throw new AppError(
        'OPEN_CLIENT_FILES',
        'You are the agent of client files not closed: hand them off to a colleague of your firm or close them first',
      );
    }
    const kept = keptFiles(deps, await clientFilesOf(tx.db, caller.id));
    const request = await insertDeletion(tx.db, {
      userId: caller.id,
      requestedAt: now,
      dueAt: new Date(now.getTime() + DELETION_GRACE_DAYS * DAY_MS),
      kept,
    });
    if (!request) throw new AppError('CONFLICT', 'A deletion of this account is already waiting');
    const sessionsEnded = await endAllSessions(deps.bus, tx.db, caller.id, 'account_deletion', now);
    await recordAudit(tx.db, {
      actorId: caller.id,
      action: 'privacy.deletion_requested',
      subjectType: 'user',
      subjectId: caller.id,
      after: { dueAt: request.due_at, kept: kept.map((file) => file.dossierId), sessionsEnded },
      ip: caller.ip ?? null,
    });
    await deps.outbox.enqueue(
      tx,
      deletionRequestedEmail(
        {
          email: person.email,
          firstName: person.first_name,
          locale: person.locale,
          timeZone: person.time_zone,
        },
        new Date(request.due_at),
        kept.length,
        signInUrl(deps),
      ),
    );
    return { requestedAt: request.requested_at, dueAt: request.due_at };
  });
}

async function cancelIn(
  deps: AppDeps,
  tx: Transaction,
  userId: string,
  by: 'request' | 'sign_in',
  ip: string | null,
): Promise<boolean> {
  const cancelled = await cancelWaitingDeletion(tx.db, userId, by, deps.clock.now());
  if (!cancelled) return false;
  await recordAudit(tx.db, {
    actorId: userId,
    action: 'privacy.deletion_cancelled',
    subjectType: 'user',
    subjectId: userId,
    before: { dueAt: cancelled.due_at },
    after: { by },
    ip,
  });
  const person = await personOf(tx.db, userId);
  if (!person) throw new InvariantError('A cancelled deletion names no account');
  await deps.outbox.enqueue(
    tx,
    deletionCancelledEmail(
      { email: person.email, firstName: person.first_name, locale: person.locale },
      by,
      `${deps.config.publicUrl}/`,
    ),
  );
  return true;
}

/** `DELETE /api/me/deletion`: the person cancels; 409 NO_PENDING_DELETION when nothing waits. */
export async function cancelDeletion(deps: AppDeps, caller: Caller): Promise<void> {
  await withTransaction(deps.pool, async (tx) => {
    if (!(await cancelIn(deps, tx, caller.id, 'request', caller.ip ?? null))) {
      throw new AppError('NO_PENDING_DELETION');
    }
  });
}

/**
 * A sign-in during the grace cancels the deletion, in the transaction that opens the session (every way
 * of signing in goes through it): whether one was cancelled, for the sign-in's answer.
 */
export async function cancelDeletionOnSignIn(
  deps: AppDeps,
  tx: Transaction,
  userId: string,
  ip?: string,
): Promise<boolean> {
  return cancelIn(deps, tx, userId, 'sign_in', ip ?? null);
}

/**
 * Destroys dossiers whole in the caller's transaction: their files journalled (removed after the commit),
 * one register line each (program, firm, closure, documents: never a name). The files to remove.
 */
export async function destroyDossiers(
  tx: Transaction,
  dossiers: DossierToDestroy[],
  rule: TRetentionRuleId,
  now: Date,
): Promise<string[]> {
  const keys = dossiers.flatMap((dossier) => dossier.blob_keys);
  await journalFiles(tx.db, keys, now);
  await destroyDossierRows(
    tx.db,
    dossiers.map((dossier) => dossier.id),
  );
  for (const dossier of dossiers) {
    await insertDestruction(
      tx.db,
      {
        rule,
        recordType: 'dossier',
        recordId: dossier.id,
        count: 1,
        files: dossier.blob_keys.length,
        detail: {
          programId: dossier.program_id,
          organisationId: dossier.organisation_id,
          closedAt: dossier.closed_at,
          documents: dossier.documents,
        },
      },
      now,
    );
  }
  return keys;
}

/**
 * Removes from the store the files of rows destroyed by a committed transaction, each then struck from
 * the journal. A file the store fails to remove stays journalled: the hourly sweep tries again.
 */
export async function removeJournaledFiles(deps: AppDeps, keys: readonly string[]): Promise<number> {
  let removed = 0;
  for (const key of keys) {
    try {
      await deps.storage.delete(key);
    } catch {
      continue;
    }
    await forgetJournaledFile(deps.db, key);
    removed += 1;
  }
  return removed;
}

/**
 * Completes one due deletion, in one transaction: personal dossiers destroyed, client files closed and
 * kept for their firms, the person's own rows deleted, the account row anonymised, a register line and
 * an audit entry. The files go after the commit. False when the deletion is no longer due (cancelled,
 * done, or taken by another run).
 */
export async function completeDeletion(deps: AppDeps, deletionId: string): Promise<boolean> {
  const now = deps.clock.now();
  const files = await withTransaction(deps.pool, async (tx) => {
    const deletion = await lockDueDeletion(tx.db, deletionId, now);
    if (!deletion) return null;
    const userId = deletion.user_id;
    const person = await personOf(tx.db, userId, { lock: true });
    if (!person) throw new InvariantError('A deletion names no account');
    const personal = await personalDossiersOf(tx.db, userId);
    const dossierFiles = await destroyDossiers(tx, personal, 'personal_dossier', now);
    const kept = await closeClientFilesOf(tx.db, userId, now);
    // The file's own trail says why it closed (inspection exports read it).
    for (const file of kept.filter((row) => row.before !== 'closed')) {
      await recordAudit(tx.db, {
        actorId: null,
        action: 'dossier.status_changed',
        subjectType: 'dossier',
        subjectId: file.id,
        dossierId: file.id,
        organisationId: file.organisation_id,
        before: { status: file.before },
        after: { status: 'closed', reason: 'account_deleted' },
      });
    }
    const ownFiles = await personalFileKeys(tx.db, userId);
    await journalFiles(tx.db, ownFiles, now);
    await deletePersonalRows(tx.db, userId, person.email, sessionsRevoked(deps, userId));
    await anonymiseUser(tx.db, userId, DELETED_MEMBER, now);
    await markDeletionCompleted(tx.db, deletion.id, now);
    const summary = {
      role: person.role,
      requestedAt: deletion.requested_at,
      personalDossiers: personal.length,
      keptClientFiles: kept.length,
    };
    await insertDestruction(
      tx.db,
      {
        rule: 'deleted_account',
        recordType: 'user',
        recordId: userId,
        count: 1,
        files: ownFiles.length,
        detail: summary,
      },
      now,
    );
    await recordAudit(tx.db, {
      actorId: null,
      action: 'privacy.account_deleted',
      subjectType: 'user',
      subjectId: userId,
      after: { ...summary, kept: kept.map((file) => file.id) },
    });
    return { keys: [...dossierFiles, ...ownFiles], pro: person.role === 'pro' };
  });
  if (!files) return false;
  await removeJournaledFiles(deps, files.keys);
  if (files.pro) await deps.readCache.invalidate('pros_directory');
  return true;
}

/** Completes the deletions due now, at most `limit` a run (the rest at the next). How many were done. */
export async function completeDueDeletions(deps: AppDeps, limit = 200): Promise<number> {
  let done = 0;
  for (const deletion of await dueDeletions(deps.db, deps.clock.now(), limit)) {
    if (await completeDeletion(deps, deletion.id)) done += 1;
  }
  return done;
}
