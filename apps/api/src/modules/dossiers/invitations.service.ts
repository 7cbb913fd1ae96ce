import type { TDashboard, TLocalized } from '@capitune/contracts';
import type { AppDeps } from '../../deps';
import { AppError, fieldError } from '../../lib/errors';
import { type Transaction, withTransaction } from '../../platform/db/transaction';
import { assertWithinSendingLimit } from '../../platform/rate-limit';
import { type Caller, type CallerReach, licenceStanding, platformToday, requireRole } from '../access';
import { recordAudit } from '../audit';
import { notify } from '../notifications';
import {
  activePro,
  decideInvitationRow,
  type InvitationRow,
  insertInvitation,
  pendingInvitationForUpdate,
  pendingInvitationsOf,
  programNamed,
  proWithFirm,
  type UserRow,
  userByEmail,
  userRow,
} from './assignment.queries';
import { fullName, notVerified } from './assignment.service';
import { dossierEmail } from './dossiers.emails';
import { createDossierFor, touchDossier } from './dossiers.service';

/** Invitations: a pro invites a client by email; the client opens the dossier in the pro's care, or declines. */

/**
 * A pro invites a client by email to open a dossier with them. The answer is the same whether the
 * email has an account or not; the person accepts from their dashboard (after signing up if needed).
 */
export async function inviteClient(
  deps: AppDeps,
  reach: CallerReach,
  body: { email: string; programId: string; message?: string | null | undefined },
): Promise<void> {
  requireRole(reach, 'pro');
  if (!reach.organisationId) throw new AppError('FORBIDDEN');
  // An agent's standing is their supervisor's, but inviting a client takes a licence of one's own.
  if (
    reach.standing !== 'verified' ||
    (await licenceStanding(deps.db, reach.id, deps.clock.now())) !== 'verified'
  ) {
    throw new AppError('PRO_NOT_VERIFIED', 'Your licence must be verified before you can invite clients');
  }
  const organisationId = reach.organisationId;
  await withTransaction(deps.pool, async (tx) => {
    const name = await programNamed(tx.db, body.programId);
    if (!name) throw fieldError('body.programId', 'unknown_program', 'Unknown program');
    await assertWithinSendingLimit(tx.db, 'dossierInvitation', reach.id, [body.email], deps.clock.now());
    const pro = await proWithFirm(tx.db, reach.id);
    const proName = pro ? `${fullName(pro)} (${pro.organisation})` : '';
    await insertInvitation(tx.db, {
      email: body.email,
      programId: body.programId,
      proId: reach.id,
      organisationId,
      message: body.message ?? null,
      createdAt: deps.clock.now(),
    });
    await sendInvitation(deps, tx, reach, { ...body, proName, program: name });
  });
}

/** The invitation in the app and by email to someone with an account, by email only to anyone else. */
async function sendInvitation(
  deps: AppDeps,
  tx: Transaction,
  pro: Caller,
  invitation: { email: string; message?: string | null | undefined; proName: string; program: TLocalized },
) {
  const { proName, program: name } = invitation;
  const words = {
    subject: {
      fr: 'Invitation à ouvrir votre dossier sur CAPITUNE',
      en: 'Invitation to open your dossier on CAPITUNE',
    },
    paragraphs: [
      {
        fr: `${proName} vous invite à ouvrir votre dossier « ${name.fr} » sur CAPITUNE pour le préparer ensemble.`,
        en: `${proName} invites you to open your “${name.en}” dossier on CAPITUNE to prepare it together.`,
      },
      ...(invitation.message
        ? [{ fr: `Message : ${invitation.message}`, en: `Message: ${invitation.message}` }]
        : []),
    ],
  };
  const existing = await userByEmail(tx.db, invitation.email);
  if (existing) {
    await notify(deps, tx, {
      userId: existing.id,
      type: 'dossier_invitation',
      params: { pro: proName, programFr: name.fr, programEn: name.en },
      link: '/dashboard',
      email: (recipient) =>
        dossierEmail('dossiers.invitation', recipient, {
          ...words,
          action: {
            label: { fr: 'Voir l’invitation', en: 'See the invitation' },
            url: `${deps.config.publicUrl}/dashboard`,
          },
        }),
    });
    return;
  }
  // No account: the invitation is in the sender's language until the person picks theirs.
  const sender = await userRow(tx.db, pro.id);
  await deps.outbox.enqueue(
    tx,
    dossierEmail(
      'dossiers.invitation',
      { email: invitation.email, firstName: '', locale: sender?.locale ?? 'fr' },
      {
        ...words,
        action: {
          label: { fr: 'Créer mon compte', en: 'Create my account' },
          url: `${deps.config.publicUrl}/signup?role=candidate`,
        },
      },
    ),
  );
}

export async function pendingInvitations(deps: AppDeps, caller: Caller): Promise<TDashboard['invitations']> {
  if (caller.role !== 'candidate') return [];
  return pendingInvitationsOf(deps.db, caller.id, platformToday(deps.clock.now()));
}

/**
 * The pending invitation if it is addressed to the caller (a candidate, by their email), locked; anyone
 * else learns nothing of it (404).
 */
async function invitationAddressedTo(
  tx: Transaction,
  caller: Caller,
  invitationId: string,
): Promise<{ me: UserRow; invitation: InvitationRow }> {
  const me = await userRow(tx.db, caller.id);
  const invitation = await pendingInvitationForUpdate(tx.db, invitationId);
  if (
    !me ||
    caller.role !== 'candidate' ||
    !invitation ||
    invitation.email.toLowerCase() !== me.email.toLowerCase()
  ) {
    throw new AppError('NOT_FOUND', 'No such invitation');
  }
  return { me, invitation };
}

/** Accepting an invitation opens the dossier, already in the care of the pro who sent it. */
export async function decideInvitation(
  deps: AppDeps,
  caller: Caller,
  invitationId: string,
  decision: 'accept' | 'decline',
): Promise<{ dossierId: string | null }> {
  return withTransaction(deps.pool, async (tx) => {
    const { me, invitation } = await invitationAddressedTo(tx, caller, invitationId);
    const now = deps.clock.now();
    const candidateName = fullName(me);
    if (decision === 'decline') {
      await decideInvitationRow(tx.db, invitationId, { status: 'declined', decidedAt: now });
      await notify(deps, tx, {
        userId: invitation.proId,
        type: 'assignment_declined',
        params: { candidate: candidateName },
        link: '/dashboard',
      });
      return { dossierId: null };
    }
    // The pro may have lost their standing since they invited: the candidate cannot be handed to them.
    const pro = await activePro(tx.db, invitation.proId, platformToday(now));
    if (pro?.standing !== 'verified') throw notVerified();
    const dossierId = await createDossierFor(deps, tx.db, {
      ownerId: me.id,
      programId: invitation.programId,
      principalDateOfBirth: null,
      organisationId: invitation.organisationId,
      agentId: invitation.proId,
    });
    await decideInvitationRow(tx.db, invitationId, { status: 'accepted', decidedAt: now, dossierId });
    await touchDossier(deps, tx.db, dossierId);
    await recordAudit(tx.db, {
      actorId: caller.id,
      action: 'dossier.assigned',
      subjectType: 'dossier',
      subjectId: dossierId,
      dossierId,
      after: { organisationId: invitation.organisationId, agentId: invitation.proId, via: 'invitation' },
      ip: caller.ip,
    });
    await notify(deps, tx, {
      userId: invitation.proId,
      type: 'assignment_accepted',
      params: { candidate: candidateName },
      link: `/dossiers/${dossierId}`,
    });
    return { dossierId };
  });
}
