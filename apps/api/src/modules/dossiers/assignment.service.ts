import type { TLocalized } from '@capitune/contracts';
import type { AppDeps } from '../../deps';
import { AppError, fieldError } from '../../lib/errors';
import type { Database } from '../../platform/db/database';
import { type Transaction, withTransaction } from '../../platform/db/transaction';
import { assertWithinSendingLimit } from '../../platform/rate-limit';
import { type Caller, dossierFor, platformToday } from '../access';
import { recordAudit } from '../audit';
import { notify } from '../notifications';
import { emitWebhookEvent } from '../webhooks';
import {
  type AssignmentRequestRow,
  activePro,
  cancelPendingRequest,
  decideRequest,
  dossierForUpdate,
  insertRequest,
  pendingRequestForUpdate,
  programNamed,
  setDossierCare,
  userRow,
} from './assignment.queries';
import { dossierEmail, openDashboard, openDossier } from './dossiers.emails';
import type { DossierRow } from './dossiers.queries';

/** Assignments: a candidate asks a pro to take their dossier, the pro answers, the candidate ends it. */

/** A program's name, or its id in both languages if it is gone. */
export async function programName(db: Database, programId: string): Promise<TLocalized> {
  return (await programNamed(db, programId)) ?? { fr: programId, en: programId };
}

export const fullName = (person: { firstName: string; lastName: string }) =>
  `${person.firstName} ${person.lastName}`;

export const notVerified = () =>
  new AppError(
    'PRO_NOT_VERIFIED',
    'This professional’s licence is not verified: they cannot take clients now',
  );

/** The candidate asks a pro to take their dossier; a pending request is replaced. */
export async function requestAssignment(
  deps: AppDeps,
  caller: Caller,
  dossierId: string,
  body: { proId: string; message?: string | null | undefined },
): Promise<void> {
  const link = `${deps.config.publicUrl}/dashboard`;
  await withTransaction(deps.pool, async (tx) => {
    const now = deps.clock.now();
    const { dossier } = await dossierFor(tx.db, caller, dossierId, now, { only: 'owner', lock: true });
    const pro = await activePro(tx.db, body.proId, platformToday(now));
    if (!pro?.organisationId) throw fieldError('body.proId', 'unknown_pro', 'No such professional');
    if (dossier.agentId === pro.id) throw new AppError('ALREADY_ASSIGNED');
    // Only a verified pro receives requests (the directory lists no one else).
    if (pro.standing !== 'verified') throw notVerified();
    await assertWithinSendingLimit(tx.db, 'assignmentRequest', caller.id, [pro.id], now);
    await cancelPendingRequest(tx.db, dossierId, now);
    await insertRequest(tx.db, {
      dossierId,
      proId: pro.id,
      organisationId: pro.organisationId,
      message: body.message ?? null,
      createdAt: now,
    });
    const candidate = await userRow(tx.db, caller.id);
    const program = await programName(tx.db, dossier.programId);
    const candidateName = candidate ? fullName(candidate) : '';
    await notify(deps, tx, {
      userId: pro.id,
      type: 'assignment_requested',
      params: { candidate: candidateName, programFr: program.fr, programEn: program.en },
      link: '/dashboard',
      email: (recipient) =>
        dossierEmail('dossiers.assignment_requested', recipient, {
          subject: { fr: 'Nouvelle demande de prise en charge', en: 'New request to take on a dossier' },
          paragraphs: [
            {
              fr: `${candidateName} vous demande de prendre en charge son dossier « ${program.fr} ».`,
              en: `${candidateName} asks you to take on their “${program.en}” dossier.`,
            },
            {
              fr: 'Vous verrez le dossier complet après avoir accepté.',
              en: 'You will see the whole dossier once you accept.',
            },
          ],
          action: { label: { fr: 'Répondre à la demande', en: 'Answer the request' }, url: link },
        }),
    });
    await recordAudit(tx.db, {
      actorId: caller.id,
      action: 'dossier.assignment_requested',
      subjectType: 'dossier',
      subjectId: dossierId,
      dossierId,
      after: { proId: pro.id, organisationId: pro.organisationId },
      ip: caller.ip,
    });
  });
}

/** A request being answered: the request, its dossier (both locked) and what the messages say. */
interface Answer {
  request: AssignmentRequestRow;
  dossier: DossierRow;
  proName: string;
  program: TLocalized;
  link: string;
  now: Date;
}

/**
 * The dossier's pending request if it names the caller, with the dossier, both locked. Anyone else
 * learns nothing of the dossier (404).
 */
async function requestAddressedTo(tx: Transaction, caller: Caller, dossierId: string) {
  const request = await pendingRequestForUpdate(tx.db, dossierId);
  if (!request || request.proId !== caller.id)
    throw new AppError('NOT_FOUND', 'No pending request for you on this dossier');
  const dossier = await dossierForUpdate(tx.db, dossierId);
  if (!dossier) throw new AppError('NOT_FOUND');
  return { request, dossier };
}

/**
 * The requested pro accepts or declines. Accepting assigns the dossier to the pro and their firm: a
 * firm in charge before loses access (the file passes whole to the new one), and the audit log says so.
 */
export async function decideAssignment(
  deps: AppDeps,
  caller: Caller,
  dossierId: string,
  decision: { decision: 'accept' } | { decision: 'decline'; reason?: string | null | undefined },
): Promise<void> {
  await withTransaction(deps.pool, async (tx) => {
    const { request, dossier } = await requestAddressedTo(tx, caller, dossierId);
    const now = deps.clock.now();
    const pro = await activePro(tx.db, caller.id, platformToday(now));
    // Declining is always possible; taking the dossier (and so reading its documents) needs a verified licence.
    if (decision.decision === 'accept' && pro?.standing !== 'verified') {
      throw new AppError('PRO_NOT_VERIFIED', 'Your licence must be verified before you can take clients');
    }
    const answer: Answer = {
      request,
      dossier,
      proName: pro ? fullName(pro) : '',
      program: await programName(tx.db, dossier.programId),
      link: `${deps.config.publicUrl}/dossiers/${dossierId}`,
      now,
    };
    if (decision.decision === 'decline')
      await declineRequest(deps, tx, caller, answer, decision.reason ?? null);
    else await acceptRequest(deps, tx, caller, answer);
  });
}

async function declineRequest(
  deps: AppDeps,
  tx: Transaction,
  caller: Caller,
  { request, dossier, proName, program, link, now }: Answer,
  reason: string | null,
) {
  await decideRequest(tx.db, request.id, { status: 'declined', decidedAt: now, decisionReason: reason });
  await notify(deps, tx, {
    userId: dossier.ownerId,
    type: 'assignment_declined',
    params: { pro: proName, reason },
    link: `/dossiers/${dossier.id}`,
    email: (recipient) =>
      dossierEmail('dossiers.assignment_declined', recipient, {
        subject: { fr: 'Votre demande n’a pas été acceptée', en: 'Your request was not accepted' },
        paragraphs: [
          {
            fr: `${proName} ne peut pas prendre en charge votre dossier « ${program.fr} ». Vous pouvez choisir un autre professionnel.`,
            en: `${proName} cannot take on your “${program.en}” dossier. You can choose another professional.`,
          },
          ...(reason ? [{ fr: `Motif : ${reason}`, en: `Reason: ${reason}` }] : []),
        ],
        action: { label: openDossier, url: link },
      }),
  });
  await recordAudit(tx.db, {
    actorId: caller.id,
    action: 'dossier.assignment_declined',
    subjectType: 'dossier',
    subjectId: dossier.id,
    dossierId: dossier.id,
    ip: caller.ip,
  });
}

/** The pro takes the dossier: their firm in charge, the one before (if any) told it lost it. */
async function acceptRequest(
  deps: AppDeps,
  tx: Transaction,
  caller: Caller,
  { request, dossier, proName, program, link, now }: Answer,
) {
  await decideRequest(tx.db, request.id, { status: 'accepted', decidedAt: now });
  const before = { organisationId: dossier.organisationId, agentId: dossier.agentId };
  await setDossierCare(tx.db, dossier.id, {
    organisationId: request.organisationId,
    agentId: request.proId,
    agentSince: now,
    status: dossier.status === 'draft' ? 'preparing' : dossier.status,
    updatedAt: now,
  });
  await recordAudit(tx.db, {
    actorId: caller.id,
    action: dossier.organisationId ? 'dossier.handed_off' : 'dossier.assigned',
    subjectType: 'dossier',
    subjectId: dossier.id,
    dossierId: dossier.id,
    before,
    after: { organisationId: request.organisationId, agentId: request.proId },
    ip: caller.ip,
  });
  // The firms' tools: the new firm has the dossier, the one before (a hand-off) no longer.
  await emitWebhookEvent(deps, tx, {
    organisationId: request.organisationId,
    type: 'dossier.assigned',
    data: { dossierId: dossier.id, programId: dossier.programId, proId: request.proId },
  });
  if (dossier.organisationId && dossier.organisationId !== request.organisationId) {
    await emitWebhookEvent(deps, tx, {
      organisationId: dossier.organisationId,
      type: 'dossier.assignment_ended',
      data: { dossierId: dossier.id, programId: dossier.programId },
    });
  }
  await notify(deps, tx, {
    userId: dossier.ownerId,
    type: 'assignment_accepted',
    params: { pro: proName },
    link: `/dossiers/${dossier.id}`,
    email: (recipient) =>
      dossierEmail('dossiers.assignment_accepted', recipient, {
        subject: {
          fr: 'Un professionnel suit maintenant votre dossier',
          en: 'A professional now follows your dossier',
        },
        paragraphs: [
          {
            fr: `${proName} a accepté de prendre en charge votre dossier « ${program.fr} ».`,
            en: `${proName} accepted to take on your “${program.en}” dossier.`,
          },
        ],
        action: { label: openDossier, url: link },
      }),
  });
  if (dossier.agentId && dossier.agentId !== request.proId) {
    await notifyEnded(deps, tx, dossier.agentId, program);
  }
}

async function notifyEnded(deps: AppDeps, tx: Transaction, agentId: string, program: TLocalized) {
  await notify(deps, tx, {
    userId: agentId,
    type: 'assignment_ended',
    params: { programFr: program.fr, programEn: program.en },
    link: '/dashboard',
    email: (recipient) =>
      dossierEmail('dossiers.assignment_ended', recipient, {
        subject: { fr: 'Un dossier ne vous est plus confié', en: 'A dossier is no longer in your care' },
        paragraphs: [
          {
            fr: `Le candidat a confié son dossier « ${program.fr} » à un autre professionnel ou y a mis fin. Vous n’y avez plus accès.`,
            en: `The candidate moved their “${program.en}” dossier to another professional or ended the assignment. You no longer have access to it.`,
          },
        ],
        action: { label: openDashboard, url: `${deps.config.publicUrl}/dashboard` },
      }),
  });
}

/** The candidate cancels a pending request, or ends the current assignment when there is none. */
export async function endAssignment(deps: AppDeps, caller: Caller, dossierId: string): Promise<void> {
  await withTransaction(deps.pool, async (tx) => {
    const now = deps.clock.now();
    const { dossier } = await dossierFor(tx.db, caller, dossierId, now, { only: 'owner', lock: true });
    if (await cancelPendingRequest(tx.db, dossierId, now)) return;
    if (!dossier.organisationId)
      throw new AppError('NOT_FOUND', 'No professional is assigned to this dossier');
    await setDossierCare(tx.db, dossierId, {
      organisationId: null,
      agentId: null,
      agentSince: null,
      updatedAt: now,
    });
    await recordAudit(tx.db, {
      actorId: caller.id,
      action: 'dossier.assignment_ended',
      subjectType: 'dossier',
      subjectId: dossierId,
      dossierId,
      before: { organisationId: dossier.organisationId, agentId: dossier.agentId },
      after: { organisationId: null, agentId: null },
      ip: caller.ip,
    });
    await emitWebhookEvent(deps, tx, {
      organisationId: dossier.organisationId,
      type: 'dossier.assignment_ended',
      data: { dossierId, programId: dossier.programId },
    });
    if (dossier.agentId)
      await notifyEnded(deps, tx, dossier.agentId, await programName(tx.db, dossier.programId));
  });
}
