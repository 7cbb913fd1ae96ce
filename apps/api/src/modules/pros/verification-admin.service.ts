import {
  DATE_OUT_OF_RANGE,
  isSupportedDay,
  regulatorInfo,
  type TAdminVerification,
  type TVerificationDecisionBody,
  type TVerificationStatus,
  type ZAdminVerificationItem,
  type ZAdminVerificationPage,
  type ZAdminVerificationQuery,
} from '@capitune/contracts';
import type { z } from 'zod';
import type { AppDeps } from '../../deps';
import { decodeCursor, encodeCursor } from '../../lib/cursor';
import { AppError, fieldError } from '../../lib/errors';
import type { Database } from '../../platform/db/database';
import { type Transaction, withTransaction } from '../../platform/db/transaction';
import { discardUpload, type IncomingFile, keepUpload, storeUpload } from '../../platform/storage/upload';
import type { Caller } from '../access';
import { graceEndsOn, platformToday } from '../access';
import { recordAudit } from '../audit';
import { notify } from '../notifications';
import {
  type AccessEndedReason,
  accessEndedEmail,
  type DecisionKind,
  decisionEmail,
} from './verification.emails';
import {
  fileById,
  followedDossiers,
  personOf,
  referencesOf,
  type StoredFileRef,
  setFile,
  updateFile,
  type VerificationRow,
} from './verification.queries';
import {
  appealOpen,
  isLicenceClaimViolation,
  refuseLicenceClaim,
  toReference,
  toStoredFile,
  verificationFileRules,
} from './verification.service';
import {
  conflictsOf,
  historyOf,
  openConflict,
  type QueueRow,
  queuePage,
  queueRowOf,
  resolveConflictRow,
} from './verification-admin.queries';

type Item = z.infer<typeof ZAdminVerificationItem>;

function assertAdmin(actor: Caller): void {
  if (actor.role !== 'admin') throw new AppError('FORBIDDEN', 'Only administrators verify professionals');
}

function toItem(row: QueueRow): Item {
  return {
    id: row.id,
    pro: { id: row.user_id, firstName: row.first_name, lastName: row.last_name, email: row.email },
    organisation:
      row.organisation_id && row.organisation_name
        ? { id: row.organisation_id, name: row.organisation_name }
        : null,
    status: row.status,
    profession: row.profession,
    regulator: row.regulator,
    licenceNumber: row.licence_number,
    submittedAt: row.submitted_at ? new Date(row.submitted_at).toISOString() : null,
    renewalDate: row.renewal_date,
    referencesConfirmed: row.references_confirmed,
    referencesWaiting: row.references_waiting,
    openConflicts: row.open_conflicts,
    appealed: row.appealed,
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** The admins' queues: pending, conflicts, expiring, references not answered, appeals, or all files. */
export async function listVerifications(
  deps: AppDeps,
  actor: Caller,
  query: z.infer<typeof ZAdminVerificationQuery>,
): Promise<z.infer<typeof ZAdminVerificationPage>> {
  assertAdmin(actor);
  const now = deps.clock.now();
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const rows = await queuePage(
    deps.db,
    { queue: query.queue, q: query.q || undefined, limit: query.limit, after },
    platformToday(now),
    now,
  );
  const items = rows.slice(0, query.limit);
  const last = items.at(-1);
  return {
    items: items.map(toItem),
    nextCursor:
      rows.length > query.limit && last ? encodeCursor({ at: new Date(last.sort_key), id: last.id }) : null,
  };
}

async function detailOf(db: Database, id: string, now: Date): Promise<TAdminVerification> {
  const [row, file] = [await queueRowOf(db, id, platformToday(now), now), await fileById(db, id)];
  if (!row || !file) throw new AppError('NOT_FOUND', 'No such verification file');
  const [references, conflicts, history, dossiers, checker] = [
    await referencesOf(db, id),
    await conflictsOf(db, id),
    await historyOf(db, id),
    await followedDossiers(db, file.userId),
    file.checkedBy ? await personOf(db, file.checkedBy) : undefined,
  ];
  return {
    ...toItem(row),
    licenceClass: file.licenceClass,
    infoRequest: file.infoRequest,
    decisionReason: file.decisionReason,
    registerEntry: file.registerEntry ?? null,
    registerCapture: toStoredFile(file.registerCapture),
    identityDocument: toStoredFile(file.identityDocument),
    registerUrl: regulatorInfo[file.regulator].registerUrl,
    checkedAt: file.checkedAt?.toISOString() ?? null,
    checkedBy: checker ? { id: checker.id, firstName: checker.firstName, lastName: checker.lastName } : null,
    verifiedSince: file.verifiedSince?.toISOString() ?? null,
    nextCheckDate: file.nextCheckDate,
    references: references.map(toReference),
    conflicts: conflicts.map((conflict) => ({
      id: conflict.id,
      claimant: {
        userId: conflict.claimantUserId,
        name: conflict.claimantName,
        email: conflict.claimantEmail,
        organisationName: conflict.organisationName,
      },
      regulator: conflict.regulator,
      licenceNumber: conflict.licenceNumber,
      at: conflict.createdAt.toISOString(),
      resolvedAt: conflict.resolvedAt?.toISOString() ?? null,
    })),
    appeal:
      file.appealText && file.appealedAt
        ? { text: file.appealText, at: file.appealedAt.toISOString() }
        : null,
    history: history.map((entry) => ({
      action: entry.action,
      actor: entry.actorId
        ? { id: entry.actorId, firstName: entry.actorFirstName ?? '', lastName: entry.actorLastName ?? '' }
        : null,
      reason: reasonOf(entry.after),
      at: entry.at.toISOString(),
    })),
    activeClients: dossiers.length,
  };
}

function reasonOf(after: unknown): string | null {
  const reason = (after as { reason?: unknown } | null)?.reason;
  return typeof reason === 'string' ? reason : null;
}

/** Every piece of evidence of one file, side by side. */
export async function getVerification(deps: AppDeps, actor: Caller, id: string): Promise<TAdminVerification> {
  assertAdmin(actor);
  return detailOf(deps.db, id, deps.clock.now());
}

/** The capture of the regulator's public register page, as the admin saw it (replaces the previous one). */
export async function uploadRegisterCapture(
  deps: AppDeps,
  actor: Caller,
  id: string,
  file: IncomingFile,
): Promise<TAdminVerification> {
  assertAdmin(actor);
  if (!(await fileById(deps.db, id))) {
    file.stream.resume();
    throw new AppError('NOT_FOUND', 'No such verification file');
  }
  const stored = await storeUpload(deps, `verifications/${id}/register`, file, verificationFileRules);
  const now = deps.clock.now();
  let previous: string | undefined;
  try {
    await withTransaction(deps.pool, async (tx) => {
      const row = await fileById(tx.db, id, { lock: true });
      if (!row) throw new AppError('NOT_FOUND', 'No such verification file');
      previous = row.registerCapture?.key;
      const registerCapture: StoredFileRef = {
        ...stored,
        uploadedAt: now.toISOString(),
        uploadedBy: actor.id,
      };
      await setFile(tx.db, id, { registerCapture, updatedAt: now });
      await keepUpload(tx.db, stored.key);
      await recordAudit(tx.db, {
        actorId: actor.id,
        action: 'verification.register_capture_uploaded',
        subjectType: 'verification',
        subjectId: id,
        after: { sha256: stored.sha256, sizeBytes: stored.sizeBytes, contentType: stored.contentType },
        ip: actor.ip ?? null,
      });
    });
  } catch (error) {
    await discardUpload(deps, stored.key);
    throw error;
  }
  if (previous) await deps.storage.delete(previous).catch(() => undefined);
  return detailOf(deps.db, id, now);
}

/** The identity document or the register capture, for admins only; each download is audited. */
export async function downloadVerificationFile(
  deps: AppDeps,
  actor: Caller,
  id: string,
  which: 'identity_document' | 'register_capture',
) {
  assertAdmin(actor);
  const row = await fileById(deps.db, id);
  const ref = which === 'identity_document' ? row?.identityDocument : row?.registerCapture;
  if (!row || !ref) throw new AppError('NOT_FOUND', 'No such file');
  const stream = await deps.storage.get(ref.key);
  await recordAudit(deps.db, {
    actorId: actor.id,
    action: `verification.${which}_downloaded`,
    subjectType: 'verification',
    subjectId: id,
    ip: actor.ip ?? null,
  });
  return { stream, file: ref };
}

/** Marks a licence conflict as looked into. */
export async function resolveConflict(
  deps: AppDeps,
  actor: Caller,
  id: string,
  conflictId: string,
): Promise<TAdminVerification> {
  assertAdmin(actor);
  const now = deps.clock.now();
  await withTransaction(deps.pool, async (tx) => {
    const conflict = await openConflict(tx.db, id, conflictId);
    if (!conflict) throw new AppError('NOT_FOUND', 'No such conflict');
    if (conflict.resolvedAt) throw new AppError('CONFLICT', 'This conflict was already resolved');
    await resolveConflictRow(tx.db, conflictId, now, actor.id);
    await recordAudit(tx.db, {
      actorId: actor.id,
      action: 'verification.conflict_resolved',
      subjectType: 'verification',
      subjectId: id,
      after: { conflictId, claimantEmail: conflict.claimantEmail },
      ip: actor.ip ?? null,
    });
  });
  return detailOf(deps.db, id, now);
}

// ————— Decisions —————

/** Which decisions a file's state allows. */
const allowedFrom: Record<DecisionKind, (row: VerificationRow) => boolean> = {
  approve: (row) =>
    (row.status === 'pending' && row.submittedAt !== null) || (row.status === 'rejected' && appealOpen(row)),
  recheck: (row) => row.status === 'verified' || row.status === 'expired',
  reject: (row) => row.status === 'pending' && row.submittedAt !== null,
  request_info: (row) => row.status === 'pending' && row.submittedAt !== null,
  suspend: (row) => row.status === 'verified',
  revoke: (row) => row.status === 'verified' || row.status === 'suspended',
  reinstate: (row) => row.status === 'suspended',
  dismiss_appeal: (row) => appealOpen(row),
};

const statusAfter: Partial<Record<DecisionKind, TVerificationStatus>> = {
  approve: 'verified',
  recheck: 'verified',
  reinstate: 'verified',
  reject: 'rejected',
  suspend: 'suspended',
  revoke: 'revoked',
};

/** Approving and re-checking: the register must show the pro entitled, and both dates be ahead. */
function assertRegisterCheck(body: TVerificationDecisionBody, today: string): void {
  if (body.decision !== 'approve' && body.decision !== 'recheck') return;
  if (!body.registerEntry.entitledToPractise) {
    throw fieldError(
      'body.registerEntry.entitledToPractise',
      'not_entitled',
      'The register must show the pro entitled to practise',
    );
  }
  if (body.renewalDate < today)
    throw fieldError('body.renewalDate', 'in_past', 'The renewal date has passed');
  // Its grace is shown and compared as a day: it must be one the calendar (years 1–9999) holds.
  if (!isSupportedDay(graceEndsOn(body.renewalDate))) {
    throw fieldError(
      'body.renewalDate',
      DATE_OUT_OF_RANGE,
      'The grace after this date would end after 9999-12-31',
    );
  }
  if (body.nextCheckDate < today) {
    throw fieldError('body.nextCheckDate', 'in_past', 'The next check date has passed');
  }
}

/** What approving or re-checking records of the register (nothing for other decisions); needs the capture. */
function checkedFields(row: VerificationRow, body: TVerificationDecisionBody, now: Date, adminId: string) {
  if (body.decision !== 'approve' && body.decision !== 'recheck') return {};
  if (!row.registerCapture) throw new AppError('REGISTER_CAPTURE_MISSING');
  return {
    registerEntry: body.registerEntry,
    entitledToPractise: body.registerEntry.entitledToPractise,
    restrictions: body.registerEntry.restrictions ?? null,
    licenceClass: body.registerEntry.licenceClass ?? row.licenceClass,
    checkedAt: now,
    checkedBy: adminId,
    renewalDate: body.renewalDate,
    nextCheckDate: body.nextCheckDate,
    verifiedSince: row.verifiedSince ?? now,
  };
}

/**
 * An admin's decision on a file. Approving and re-checking record the register entry as seen and need a
 * capture of the register page. Every decision is audited, emailed to the pro in their language with the
 * reason, and notified in the app; a suspension or revocation also tells every candidate the pro follows.
 * The admin must have proven their identity within 10 minutes (step-up).
 */
export async function decideVerification(
  deps: AppDeps,
  actor: Caller,
  id: string,
  body: TVerificationDecisionBody,
): Promise<TAdminVerification> {
  assertAdmin(actor);
  const now = deps.clock.now();
  const today = platformToday(now);
  assertRegisterCheck(body, today);
  await deps.requireStepUp(actor);
  try {
    await withTransaction(deps.pool, async (tx) => {
      const row = await fileById(tx.db, id, { lock: true });
      if (!row) throw new AppError('NOT_FOUND', 'No such verification file');
      if (!allowedFrom[body.decision](row)) {
        throw new AppError(
          'VERIFICATION_DECISION_NOT_ALLOWED',
          `A ${row.status} file cannot take the decision ${body.decision}`,
        );
      }
      const checked = checkedFields(row, body, now, actor.id);
      const status = statusAfter[body.decision] ?? row.status;
      const closesAppeal =
        appealOpen(row) && ['approve', 'reinstate', 'revoke', 'dismiss_appeal'].includes(body.decision);
      const updated = await updateFile(tx.db, id, {
        ...checked,
        status,
        decisionReason: body.reason,
        infoRequest: body.decision === 'request_info' ? body.reason : null,
        ...(body.decision === 'request_info' ? { submittedAt: null } : {}),
        ...(closesAppeal ? { appealDecidedAt: now } : {}),
        updatedAt: now,
      });
      await recordAudit(tx.db, {
        actorId: actor.id,
        action: `verification.${body.decision}`,
        subjectType: 'verification',
        subjectId: id,
        before: { status: row.status, renewalDate: row.renewalDate, submittedAt: row.submittedAt },
        after: {
          status,
          reason: body.reason,
          ...('registerEntry' in body
            ? {
                registerEntry: body.registerEntry,
                renewalDate: body.renewalDate,
                nextCheckDate: body.nextCheckDate,
              }
            : {}),
        },
        ip: actor.ip ?? null,
      });
      await tellPro(deps, tx, updated, body.decision, body.reason);
      // Candidates lose the pro at once: tell them, unless they were told already (a suspended pro revoked).
      if ((body.decision === 'suspend' || body.decision === 'revoke') && row.status === 'verified') {
        await tellClients(deps, tx, updated.userId, body.decision === 'suspend' ? 'suspended' : 'revoked');
      }
    });
  } catch (error) {
    // An expired or rejected file approved again, whose licence another pro claimed meanwhile.
    if (isLicenceClaimViolation(error)) {
      const file = await fileById(deps.db, id);
      const person = file && (await personOf(deps.db, file.userId));
      if (file?.licenceNumber && person) {
        throw await refuseLicenceClaim(
          deps,
          { regulator: file.regulator, licenceNumber: file.licenceNumber },
          {
            userId: person.id,
            name: `${person.firstName} ${person.lastName}`,
            email: person.email,
            organisationName: person.organisationName,
            ip: actor.ip,
          },
        );
      }
    }
    throw error;
  }
  // Who is listed, and with which dates, may have changed.
  await deps.readCache.invalidate('pros_directory');
  return detailOf(deps.db, id, now);
}

/** The decision to the pro: always emailed (it is the notice of a decision), and shown in the app. */
async function tellPro(
  deps: AppDeps,
  tx: Transaction,
  file: VerificationRow,
  decision: DecisionKind,
  reason: string,
): Promise<void> {
  const pro = await personOf(tx.db, file.userId);
  if (!pro) return;
  await deps.outbox.enqueue(
    tx,
    decisionEmail(pro, decision, reason, `${deps.config.publicUrl}/verification`, file.renewalDate),
  );
  await notify(deps, tx, {
    userId: pro.id,
    type: 'verification_decided',
    params: { decision, reason },
    link: '/verification',
  });
}

/**
 * Every candidate whose dossier this pro follows, in the candidate's language: the pro can no longer act
 * on it. Emailed whatever the preferences (they must choose another professional), and shown in the app.
 */
export async function tellClients(
  deps: AppDeps,
  tx: Transaction,
  proId: string,
  reason: AccessEndedReason,
): Promise<number> {
  const pro = await personOf(tx.db, proId);
  if (!pro) return 0;
  const proName = `${pro.firstName} ${pro.lastName}`;
  const dossiers = await followedDossiers(tx.db, proId);
  for (const dossier of dossiers) {
    const candidate = await personOf(tx.db, dossier.ownerId);
    if (!candidate) continue;
    const link = `/dossiers/${dossier.id}`;
    await deps.outbox.enqueue(
      tx,
      accessEndedEmail(candidate, proName, reason, `${deps.config.publicUrl}${link}`),
    );
    await notify(deps, tx, {
      userId: candidate.id,
      type: 'pro_access_ended',
      params: { pro: proName, reason },
      link,
    });
  }
  return dossiers.length;
}
