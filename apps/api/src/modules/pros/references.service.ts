import type { ZReferenceAnswerBody, ZReferenceRequest } from '@capitune/contracts';
import type { z } from 'zod';
import type { AppDeps } from '../../deps';
import { AppError } from '../../lib/errors';
import { hashToken, randomToken } from '../../lib/tokens';
import type { Transaction } from '../../platform/db/transaction';
import { withTransaction } from '../../platform/db/transaction';
import { assertWithinSendingLimit } from '../../platform/rate-limit';
import { recordAudit } from '../audit';
import { referenceRequestEmail } from './verification.emails';
import {
  fileById,
  personOf,
  referenceByTokenHash,
  unsentReferences,
  updateReference,
  type VerificationRow,
} from './verification.queries';

/**
 * Professional references: asked by email, with a single-use link whose token is stored only as its
 * SHA-256, they confirm or decline that they know the pro. No account needed.
 */

/** On submission: each reference not asked yet gets a new link, in the language the pro chose for them. */
export async function sendReferenceRequests(
  deps: AppDeps,
  tx: Transaction,
  file: VerificationRow,
  now: Date,
): Promise<number> {
  const references = await unsentReferences(tx.db, file.id);
  if (references.length === 0) return 0;
  const pro = await personOf(tx.db, file.userId);
  if (!pro) return 0;
  await assertWithinSendingLimit(
    tx.db,
    'referenceRequest',
    file.userId,
    references.map((reference) => reference.email),
    now,
  );
  for (const reference of references) {
    const token = randomToken();
    await updateReference(tx.db, reference.id, { tokenHash: hashToken(token), sentAt: now });
    await deps.outbox.enqueue(
      tx,
      referenceRequestEmail(
        reference,
        {
          name: `${pro.firstName} ${pro.lastName}`,
          organisationName: pro.organisationName,
          regulator: file.regulator,
          licenceNumber: file.licenceNumber,
        },
        `${deps.config.publicUrl}/reference?token=${encodeURIComponent(token)}`,
      ),
    );
  }
  return references.length;
}

/** What the reference page shows: who asks, and whether this link was answered already. */
export async function lookupReference(
  deps: AppDeps,
  token: string,
): Promise<z.infer<typeof ZReferenceRequest>> {
  const reference = await referenceByTokenHash(deps.db, hashToken(token));
  if (!reference) throw new AppError('INVALID_TOKEN');
  const file = await fileById(deps.db, reference.verificationId);
  const pro = file && (await personOf(deps.db, file.userId));
  if (!file || !pro) throw new AppError('INVALID_TOKEN');
  return {
    proName: `${pro.firstName} ${pro.lastName}`,
    organisationName: pro.organisationName,
    profession: file.profession,
    regulator: file.regulator,
    licenceNumber: file.licenceNumber,
    referenceName: reference.name,
    status: reference.status,
  };
}

/** The reference's answer, once: a second one is a 409 (the first is kept). */
export async function answerReference(
  deps: AppDeps,
  body: z.infer<typeof ZReferenceAnswerBody>,
  ip: string | undefined,
): Promise<void> {
  const now = deps.clock.now();
  await withTransaction(deps.pool, async (tx) => {
    const reference = await referenceByTokenHash(tx.db, hashToken(body.token), { lock: true });
    if (!reference) throw new AppError('INVALID_TOKEN');
    if (reference.status !== 'waiting') throw new AppError('CONFLICT', 'This reference was already answered');
    const status = body.answer === 'confirm' ? 'confirmed' : 'declined';
    await updateReference(tx.db, reference.id, { status, comment: body.comment || null, answeredAt: now });
    await recordAudit(tx.db, {
      actorId: null,
      action: `verification.reference_${status}`,
      subjectType: 'verification',
      subjectId: reference.verificationId,
      after: { reference: reference.position, comment: body.comment || null },
      ip: ip ?? null,
    });
  });
}
