import {
  allowedUploadTypes,
  type TLicenceClass,
  type TMyVerification,
  type TMyVerificationBody,
  type TProfession,
  type TReference,
  type TRegulator,
  type TStoredFile,
} from '@capitune/contracts';
import type { AppDeps } from '../../deps';
import { AppError, isUniqueViolation } from '../../lib/errors';
import type { Database } from '../../platform/db/database';
import { withTransaction } from '../../platform/db/transaction';
import { discardUpload, type IncomingFile, keepUpload, storeUpload } from '../../platform/storage/upload';
import type { Caller } from '../access';
import { graceEndsOn, platformToday, standingOf } from '../access';
import { raiseAdminAlert } from '../admin-alerts';
import { recordAudit } from '../audit';
import { profileComplete } from './profile.service';
import { sendReferenceRequests } from './references.service';
import { proSlug } from './slug';
import {
  deleteReferencesAfter,
  fileOfUser,
  insertConflict,
  insertFile,
  insertProfileOnce,
  licenceHolder,
  personOf,
  profileFacts,
  type ReferenceRow,
  referencesOf,
  type StoredFileRef,
  updateFile,
  upsertReference,
  type VerificationRow,
} from './verification.queries';

/** Identity documents and register captures: PDF or a picture, checked from the bytes. */
export const VERIFICATION_FILE_MAX_BYTES = 10 * 1024 * 1024;
export const verificationFileRules = { allowed: allowedUploadTypes, maxBytes: VERIFICATION_FILE_MAX_BYTES };

const LICENCE_CLAIM_INDEX = 'pro_verifications_licence_claim_idx';

export function assertPro(actor: Caller): void {
  if (actor.role !== 'pro') throw new AppError('FORBIDDEN', 'Only professionals have a verification file');
}

export function toStoredFile(ref: StoredFileRef | null): TStoredFile | null {
  if (!ref) return null;
  return {
    originalName: ref.originalName,
    contentType: ref.contentType,
    sizeBytes: ref.sizeBytes,
    sha256: ref.sha256,
    uploadedAt: ref.uploadedAt,
  };
}

export function toReference(row: ReferenceRow): TReference {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    relationship: row.relationship,
    status: row.status,
    comment: row.comment,
    sentAt: row.sentAt?.toISOString() ?? null,
    answeredAt: row.answeredAt?.toISOString() ?? null,
  };
}

/** The pro prepares the file: pending and not submitted (again editable after a request for information). */
export function isEditable(row: Pick<VerificationRow, 'status' | 'submittedAt'>): boolean {
  return row.status === 'pending' && row.submittedAt === null;
}

export function appealOpen(row: Pick<VerificationRow, 'appealedAt' | 'appealDecidedAt'>): boolean {
  return row.appealedAt !== null && row.appealDecidedAt === null;
}

type Requirement = TMyVerification['missing'][number];

/** The same rule as the profile editor's: bio in one language at least, a language, a province. */
async function isProfileComplete(db: Database, userId: string): Promise<boolean> {
  const facts = await profileFacts(db, userId);
  return facts ? profileComplete(facts) : false;
}

function missingOf(row: VerificationRow, references: ReferenceRow[], complete: boolean): Requirement[] {
  const missing: Requirement[] = [];
  if (!row.licenceNumber) missing.push('licence');
  if (!row.identityDocument) missing.push('identity_document');
  if (references.length < 2) missing.push('references');
  if (!complete) missing.push('profile');
  return missing;
}

async function myVerificationOf(db: Database, row: VerificationRow, now: Date): Promise<TMyVerification> {
  const references = await referencesOf(db, row.id);
  const missing = missingOf(row, references, await isProfileComplete(db, row.userId));
  return {
    id: row.id,
    status: row.status,
    standing: standingOf(row, platformToday(now)),
    profession: row.profession,
    regulator: row.regulator,
    licenceNumber: row.licenceNumber,
    licenceClass: row.licenceClass,
    submittedAt: row.submittedAt?.toISOString() ?? null,
    infoRequest: row.infoRequest,
    decisionReason: row.decisionReason,
    verifiedSince: row.verifiedSince?.toISOString() ?? null,
    checkedAt: row.checkedAt?.toISOString() ?? null,
    renewalDate: row.renewalDate,
    graceEndsOn: row.renewalDate ? graceEndsOn(row.renewalDate) : null,
    identityDocument: toStoredFile(row.identityDocument),
    references: references.map(toReference),
    missing,
    canSubmit: isEditable(row) && missing.length === 0,
    appeal:
      row.appealText && row.appealedAt ? { text: row.appealText, at: row.appealedAt.toISOString() } : null,
    canAppeal: (row.status === 'rejected' || row.status === 'suspended') && row.appealedAt === null,
  };
}

/** The pro's file; every pro has one since sign-up (the migration gave one to earlier pros). */
async function ownFile(db: Database, actor: Caller, options: { lock?: boolean } = {}) {
  assertPro(actor);
  const row = await fileOfUser(db, actor.id, options);
  if (!row) throw new AppError('NOT_FOUND', 'No verification file');
  return row;
}

// ————— Sign-up and licence claims —————

export interface LicenceDeclaration {
  profession: TProfession;
  regulator: TRegulator;
  licenceNumber: string;
  licenceClass?: TLicenceClass | null | undefined;
}

/**
 * Opens a new pro's file (pending, not submitted) and their public profile, in the sign-up transaction.
 * A licence another file holds makes the insert fail on the claim index: see `isLicenceClaimViolation`.
 */
export async function openVerificationFile(
  db: Database,
  user: { id: string; firstName: string; lastName: string },
  declaration: LicenceDeclaration,
  now: Date,
): Promise<void> {
  await insertFile(db, {
    userId: user.id,
    profession: declaration.profession,
    regulator: declaration.regulator,
    licenceNumber: declaration.licenceNumber,
    licenceClass: declaration.licenceClass ?? null,
    createdAt: now,
    updatedAt: now,
  });
  await insertProfileOnce(db, {
    userId: user.id,
    slug: proSlug(user.firstName, user.lastName, user.id),
    createdAt: now,
    updatedAt: now,
  });
}

export function isLicenceClaimViolation(error: unknown): boolean {
  return isUniqueViolation(error, LICENCE_CLAIM_INDEX);
}

/** Another file holds this licence (pending, verified or suspended); `exceptUserId`'s own file does not count. */
export async function licenceClaimedBy(
  db: Database,
  declaration: Pick<LicenceDeclaration, 'regulator' | 'licenceNumber'>,
  exceptUserId?: string,
) {
  return licenceHolder(db, declaration.regulator, declaration.licenceNumber, exceptUserId);
}

export interface Claimant {
  userId: string | null;
  name: string;
  email: string;
  organisationName: string | null;
  ip: string | null | undefined;
}

/**
 * Records a refused claim on the holder's file — in its own statement, outside the refused request's
 * transaction, so that it stays — and gives the error to answer: 409 with a field error naming nobody.
 */
export async function refuseLicenceClaim(
  deps: AppDeps,
  declaration: Pick<LicenceDeclaration, 'regulator' | 'licenceNumber'>,
  claimant: Claimant,
): Promise<AppError> {
  const holder = await licenceHolder(
    deps.db,
    declaration.regulator,
    declaration.licenceNumber,
    claimant.userId ?? undefined,
  );
  if (holder) {
    await insertConflict(deps.db, {
      verificationId: holder.id,
      claimantUserId: claimant.userId,
      claimantName: claimant.name,
      claimantEmail: claimant.email,
      organisationName: claimant.organisationName,
      regulator: declaration.regulator,
      licenceNumber: declaration.licenceNumber,
      ip: claimant.ip ?? null,
      createdAt: deps.clock.now(),
    });
  }
  const message = 'This licence number is already claimed on CAPITUNE';
  return new AppError('LICENCE_ALREADY_CLAIMED', message, {
    fieldErrors: [{ path: 'body.licenceNumber', message, code: 'licence_already_claimed' }],
  });
}

// ————— The pro's own file —————

export async function getMyVerification(deps: AppDeps, actor: Caller): Promise<TMyVerification> {
  const row = await ownFile(deps.db, actor);
  return myVerificationOf(deps.db, row, deps.clock.now());
}

/**
 * Saves the declaration and the references (replaced by position). A licence held by another file is
 * refused (409 LICENCE_ALREADY_CLAIMED) and shown to admins as a conflict on the holder's file.
 */
export async function updateMyVerification(
  deps: AppDeps,
  actor: Caller,
  body: TMyVerificationBody,
): Promise<TMyVerification> {
  const before = await ownFile(deps.db, actor);
  if (!isEditable(before)) throw new AppError('VERIFICATION_NOT_EDITABLE');
  const claimant = async (): Promise<Claimant> => {
    const person = await personOf(deps.db, actor.id);
    return {
      userId: actor.id,
      name: person ? `${person.firstName} ${person.lastName}` : '',
      email: person?.email ?? '',
      organisationName: person?.organisationName ?? null,
      ip: actor.ip,
    };
  };
  if (await licenceClaimedBy(deps.db, body, actor.id)) {
    throw await refuseLicenceClaim(deps, body, await claimant());
  }
  const now = deps.clock.now();
  try {
    return await withTransaction(deps.pool, async (tx) => {
      const row = await ownFile(tx.db, actor, { lock: true });
      if (!isEditable(row)) throw new AppError('VERIFICATION_NOT_EDITABLE');
      const updated = await updateFile(tx.db, row.id, {
        profession: body.profession,
        regulator: body.regulator,
        licenceNumber: body.licenceNumber,
        licenceClass: body.licenceClass ?? null,
        updatedAt: now,
      });
      await replaceReferences(tx.db, row.id, body.references, now);
      await recordAudit(tx.db, {
        actorId: actor.id,
        action: 'verification.updated',
        subjectType: 'verification',
        subjectId: row.id,
        before: { regulator: row.regulator, licenceNumber: row.licenceNumber },
        after: { regulator: body.regulator, licenceNumber: body.licenceNumber },
        ip: actor.ip ?? null,
      });
      return myVerificationOf(tx.db, updated, now);
    });
  } catch (error) {
    // Claimed by someone else between the check and the write.
    if (isLicenceClaimViolation(error)) throw await refuseLicenceClaim(deps, body, await claimant());
    throw error;
  }
}

/**
 * References by position (1, 2). A reference that keeps its email keeps its answer and its link; a new
 * email is a new reference, asked on the next submission.
 */
async function replaceReferences(
  db: Database,
  verificationId: string,
  inputs: TMyVerificationBody['references'],
  now: Date,
): Promise<void> {
  const existing = await referencesOf(db, verificationId);
  await deleteReferencesAfter(db, verificationId, inputs.length);
  for (const [index, input] of inputs.entries()) {
    const position = index + 1;
    const current = existing.find((reference) => reference.position === position);
    const same = current && current.email.toLowerCase() === input.email.toLowerCase();
    const fields = {
      name: input.name,
      email: input.email,
      relationship: input.relationship,
      locale: input.locale,
    };
    const fresh = {
      status: 'waiting' as const,
      tokenHash: null,
      comment: null,
      sentAt: null,
      answeredAt: null,
    };
    await upsertReference(
      db,
      { verificationId, position, ...fields, createdAt: now },
      same ? fields : { ...fields, ...fresh },
    );
  }
}

/** The pro's identity document (replaces the previous one), while the file is editable. */
export async function uploadIdentityDocument(
  deps: AppDeps,
  actor: Caller,
  file: IncomingFile,
): Promise<TMyVerification> {
  const before = await ownFile(deps.db, actor);
  if (!isEditable(before)) {
    file.stream.resume();
    throw new AppError('VERIFICATION_NOT_EDITABLE');
  }
  const stored = await storeUpload(deps, `verifications/${before.id}/identity`, file, verificationFileRules);
  const now = deps.clock.now();
  let previous: string | undefined;
  try {
    const result = await withTransaction(deps.pool, async (tx) => {
      const row = await ownFile(tx.db, actor, { lock: true });
      if (!isEditable(row)) throw new AppError('VERIFICATION_NOT_EDITABLE');
      previous = row.identityDocument?.key;
      const identityDocument: StoredFileRef = {
        ...stored,
        uploadedAt: now.toISOString(),
        uploadedBy: actor.id,
      };
      const updated = await updateFile(tx.db, row.id, { identityDocument, updatedAt: now });
      await keepUpload(tx.db, stored.key);
      await recordAudit(tx.db, {
        actorId: actor.id,
        action: 'verification.identity_document_uploaded',
        subjectType: 'verification',
        subjectId: row.id,
        after: { sha256: stored.sha256, sizeBytes: stored.sizeBytes, contentType: stored.contentType },
        ip: actor.ip ?? null,
      });
      return myVerificationOf(tx.db, updated, now);
    });
    if (previous) await deps.storage.delete(previous).catch(() => undefined);
    return result;
  } catch (error) {
    await discardUpload(deps, stored.key);
    throw error;
  }
}

/**
 * Sends the file to the admins' queue: every requirement met (else 400 VERIFICATION_INCOMPLETE listing
 * what is missing); the references not asked yet receive their link.
 */
export async function submitMyVerification(deps: AppDeps, actor: Caller): Promise<TMyVerification> {
  assertPro(actor);
  const now = deps.clock.now();
  return withTransaction(deps.pool, async (tx) => {
    const row = await ownFile(tx.db, actor, { lock: true });
    if (!isEditable(row)) throw new AppError('VERIFICATION_NOT_EDITABLE');
    const references = await referencesOf(tx.db, row.id);
    const missing = missingOf(row, references, await isProfileComplete(tx.db, row.userId));
    if (missing.length > 0) {
      throw new AppError('VERIFICATION_INCOMPLETE', `Missing: ${missing.join(', ')}`, {
        fieldErrors: missing.map((requirement) => ({
          path: requirement,
          message: `Missing: ${requirement}`,
          code: 'missing',
        })),
      });
    }
    const updated = await updateFile(tx.db, row.id, { submittedAt: now, infoRequest: null, updatedAt: now });
    await sendReferenceRequests(deps, tx, row, now);
    await recordAudit(tx.db, {
      actorId: actor.id,
      action: 'verification.submitted',
      subjectType: 'verification',
      subjectId: row.id,
      ip: actor.ip ?? null,
    });
    const person = await personOf(tx.db, row.userId);
    await raiseAdminAlert(deps, tx, {
      kind: 'verification_requested',
      dedupeKey: `verification_requested:${row.id}:${now.toISOString()}`,
      payload: { verificationId: row.id, name: person ? `${person.firstName} ${person.lastName}` : '' },
    });
    return myVerificationOf(tx.db, updated, now);
  });
}

/** One appeal per pro, of a rejection or a suspension: the file comes back to the admins' queue. */
export async function appealMyVerification(
  deps: AppDeps,
  actor: Caller,
  text: string,
): Promise<TMyVerification> {
  assertPro(actor);
  const now = deps.clock.now();
  return withTransaction(deps.pool, async (tx) => {
    const row = await ownFile(tx.db, actor, { lock: true });
    if ((row.status !== 'rejected' && row.status !== 'suspended') || row.appealedAt !== null) {
      throw new AppError('APPEAL_NOT_ALLOWED');
    }
    const updated = await updateFile(tx.db, row.id, { appealText: text, appealedAt: now, updatedAt: now });
    await recordAudit(tx.db, {
      actorId: actor.id,
      action: 'verification.appealed',
      subjectType: 'verification',
      subjectId: row.id,
      before: { status: row.status },
      after: { reason: text },
      ip: actor.ip ?? null,
    });
    return myVerificationOf(tx.db, updated, now);
  });
}
