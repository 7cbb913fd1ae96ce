import type {
  TDestructionsPage,
  TLegalHold,
  TLegalHoldBody,
  TRetentionOverview,
  TRetentionRuleId,
} from '@capitune/contracts';
import type { AppDeps } from '../../deps';
import { cursorOf, decodeCursor, encodeCursor, isCursorId, isCursorInstant } from '../../lib/cursor';
import { AppError } from '../../lib/errors';
import type { Database } from '../../platform/db/database';
import { withTransaction } from '../../platform/db/transaction';
import { type Caller, dossierFor, requireRole } from '../access';
import { recordAudit } from '../audit';
import { completeDueDeletions, destroyDossiers, removeJournaledFiles } from './deletion.service';
import {
  type DestructionRow,
  deleteEndedSessions,
  deleteExpiredTokens,
  deleteReadNotifications,
  destructionsPage,
  dossierHoldForUpdate,
  dueClientFiles,
  dueCounts,
  expiredExports,
  insertDestruction,
  journalFiles,
  lastRunAt,
  lockDueClientFile,
  markExportExpired,
  recordRun,
  setLegalHold,
} from './retention.queries';
import { ENDED_SESSION_DAYS, READ_NOTIFICATION_DAYS, retentionRules } from './retention-rules';

/**
 * Retention (Law 25 s. 23, PIPEDA Principle 4.5): what is due under each rule is destroyed by a daily
 * job, files in the store too, each destruction written in the register. A legal hold keeps a client
 * file past its period until lifted.
 */

const DAY_MS = 24 * 60 * 60 * 1000;
/** Sent emails are purged 30 days after sending (`purgeSentEmails`). */
const SENT_EMAIL_DAYS = 30;
/** How many records of each kind one run destroys at most; the rest waits for the next day's run. */
const RUN_LIMIT = 200;

const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS);

/** A counted line of the register for rows destroyed in bulk, written only when there were some. */
export async function registerPurged(
  db: Database,
  rule: TRetentionRuleId,
  recordType: string,
  count: number,
  now: Date,
  detail: Record<string, unknown> = {},
): Promise<void> {
  if (count <= 0) return;
  await insertDestruction(db, { rule, recordType, recordId: null, count, files: 0, detail }, now);
}

/**
 * Destroys one closed client file whose period is over, in its own transaction, if it still is (a hold
 * placed since, a reopening, or another run taking it, leaves it). Whether it was destroyed.
 */
async function destroyClientFile(deps: AppDeps, dossierId: string, now: Date): Promise<boolean> {
  const years = deps.config.privacy.clientFileYears;
  const keys = await withTransaction(deps.pool, async (tx) => {
    const dossier = await lockDueClientFile(tx.db, dossierId, years, now);
    if (!dossier) return null;
    return destroyDossiers(tx, [dossier], 'client_file', now);
  });
  if (!keys) return false;
  await removeJournaledFiles(deps, keys);
  return true;
}

/** Data exports whose link expired: the file removed, the row marked expired, a register line each. */
async function expireExports(deps: AppDeps, now: Date): Promise<number> {
  const done = await withTransaction(deps.pool, async (tx) => {
    const expired = await expiredExports(tx.db, now, RUN_LIMIT);
    const keys = expired.flatMap((item) => (item.blob_key ? [item.blob_key] : []));
    await journalFiles(tx.db, keys, now);
    for (const item of expired) {
      await markExportExpired(tx.db, item.id);
      await insertDestruction(
        tx.db,
        {
          rule: 'data_export',
          recordType: 'data_export',
          recordId: item.id,
          count: 1,
          files: item.blob_key ? 1 : 0,
          detail: {},
        },
        now,
      );
    }
    return { count: expired.length, keys };
  });
  await removeJournaledFiles(deps, done.keys);
  return done.count;
}

export interface RetentionRun {
  deletedAccounts: number;
  clientFiles: number;
  dataExports: number;
  expiredTokens: number;
  endedSessions: number;
  readNotifications: number;
}

/**
 * The daily run: due deletions completed, client files past their period destroyed (unless held),
 * expired exports removed, then the short-lived rows (expired tokens, old ended sessions, old read
 * notifications) deleted with a counted register line. Safe to run again: each step takes only what is
 * still due, and a file whose removal failed stays journalled for the hourly sweep.
 */
export async function runRetention(deps: AppDeps): Promise<RetentionRun> {
  const now = deps.clock.now();
  const deletedAccounts = await completeDueDeletions(deps, RUN_LIMIT);
  let clientFiles = 0;
  const years = deps.config.privacy.clientFileYears;
  for (const id of await dueClientFiles(deps.db, years, now, RUN_LIMIT)) {
    if (await destroyClientFile(deps, id, now)) clientFiles += 1;
  }
  const dataExports = await expireExports(deps, now);
  const counted = await withTransaction(deps.pool, async (tx) => {
    const tokens = await deleteExpiredTokens(tx.db, daysBefore(now, 1));
    const expiredTokens = Object.values(tokens).reduce((sum, n) => sum + n, 0);
    await registerPurged(tx.db, 'expired_tokens', 'token', expiredTokens, now, tokens);
    const endedSessions = await deleteEndedSessions(tx.db, daysBefore(now, ENDED_SESSION_DAYS));
    await registerPurged(tx.db, 'ended_sessions', 'session', endedSessions, now);
    const readNotifications = await deleteReadNotifications(tx.db, daysBefore(now, READ_NOTIFICATION_DAYS));
    await registerPurged(tx.db, 'read_notifications', 'notification', readNotifications, now);
    return { expiredTokens, endedSessions, readNotifications };
  });
  const run = { deletedAccounts, clientFiles, dataExports, ...counted };
  await recordRun(deps.db, run, now);
  return run;
}

/** `GET /api/admin/retention`: every rule with what is due now, the held client files, the last run. */
export async function retentionOverview(deps: AppDeps, caller: Caller): Promise<TRetentionOverview> {
  requireRole(caller, 'admin');
  const now = deps.clock.now();
  const counts = await dueCounts(deps.db, {
    years: deps.config.privacy.clientFileYears,
    now,
    tokensBefore: daysBefore(now, 1),
    sessionsBefore: daysBefore(now, ENDED_SESSION_DAYS),
    notificationsBefore: daysBefore(now, READ_NOTIFICATION_DAYS),
    emailsBefore: daysBefore(now, SENT_EMAIL_DAYS),
  });
  const due: Partial<Record<TRetentionRuleId, number>> = {
    client_file: counts.client_file,
    deleted_account: counts.deleted_account,
    data_export: counts.data_export,
    expired_tokens: counts.expired_tokens,
    ended_sessions: counts.ended_sessions,
    rate_limits: counts.rate_limits,
    sent_emails: counts.sent_emails,
    read_notifications: counts.read_notifications,
  };
  return {
    rules: retentionRules(deps.config).map((rule) => ({
      ...rule,
      due: due[rule.id] ?? null,
      held: rule.id === 'client_file' ? counts.held : null,
    })),
    lastRunAt: await lastRunAt(deps.db),
  };
}

const destructionCursor = cursorOf(isCursorInstant, isCursorId);

const toDestruction = (row: DestructionRow): TDestructionsPage['items'][number] => ({
  id: row.id,
  rule: row.rule as TRetentionRuleId,
  recordType: row.record_type,
  recordId: row.record_id,
  count: row.count,
  files: row.files,
  detail: row.detail,
  destroyedAt: row.destroyed_at,
});

/** `GET /api/admin/destructions`: the register, newest first, keyset-paginated, by rule if asked. */
export async function listDestructions(
  deps: AppDeps,
  caller: Caller,
  query: { rule?: TRetentionRuleId | undefined; cursor?: string | undefined; limit: number },
): Promise<TDestructionsPage> {
  requireRole(caller, 'admin');
  const after = query.cursor ? decodeCursor(query.cursor, destructionCursor) : undefined;
  const rows = await destructionsPage(deps.db, {
    rule: query.rule,
    after: after ? { at: after[0], id: after[1] } : undefined,
    limit: query.limit,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toDestruction),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.cursor_at, last.id]) : null,
  };
}

/**
 * `POST /api/dossiers/{id}/legal-hold`: a pro of the dossier's firm (as every dossier route decides it:
 * another firm's pro gets 404) or an admin places a hold with its reason, or lifts it. Candidates: 403.
 * Audited; placing it again updates the reason and keeps its date.
 */
export async function changeLegalHold(
  deps: AppDeps,
  caller: Caller,
  dossierId: string,
  body: TLegalHoldBody,
): Promise<TLegalHold> {
  requireRole(caller, ['pro', 'admin'], 'Only the firm’s professionals or an admin hold a client file');
  const now = deps.clock.now();
  return withTransaction(deps.pool, async (tx) => {
    if (caller.role === 'pro') await dossierFor(tx.db, caller, dossierId, now, { only: 'pro', lock: true });
    const current = await dossierHoldForUpdate(tx.db, dossierId);
    if (!current) throw new AppError('NOT_FOUND', 'No such dossier');
    const since = body.hold ? (current.legal_hold_at ? new Date(current.legal_hold_at) : now) : null;
    const changed = body.hold ? current.legal_hold_reason !== body.reason : current.legal_hold_at !== null;
    if (changed) {
      await setLegalHold(
        tx.db,
        dossierId,
        body.hold && since ? { at: since, reason: body.reason, by: caller.id } : null,
      );
      await recordAudit(tx.db, {
        actorId: caller.id,
        action: body.hold ? 'dossier.legal_hold_placed' : 'dossier.legal_hold_lifted',
        subjectType: 'dossier',
        subjectId: dossierId,
        dossierId,
        organisationId: current.organisation_id,
        before: { held: current.legal_hold_at !== null, reason: current.legal_hold_reason },
        after: body.hold ? { held: true, reason: body.reason } : { held: false },
        ip: caller.ip ?? null,
      });
    }
    return {
      dossierId,
      held: body.hold,
      reason: body.hold ? body.reason : null,
      since: since?.toISOString() ?? null,
    };
  });
}
