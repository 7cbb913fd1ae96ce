import type { TDashboard, TLocalized } from '@capitune/contracts';
import { and, eq, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import {
  assignmentRequests,
  dossierInvitations,
  dossiers,
  organisations,
  programs,
  proVerifications,
  users,
} from '../../db/schema';
import type { AppDeps } from '../../deps';
import { AppError } from '../../lib/errors';
import { isoTime } from '../../lib/sql';
import { builtQuery } from '../../platform/db/built-query';
import type { Database } from '../../platform/db/database';
import { withTransaction } from '../../platform/db/transaction';
import { assertWithinSendingLimit } from '../../platform/rate-limit';
import { recordAudit } from '../audit/audit.service';
import { notify } from '../notifications/notifications.service';
import { licenceStanding, platformToday, standingSql } from '../pros';
import { dossierEmail, openDashboard, openDossier } from './dossiers.emails';
import { proSummaryJson } from './dossiers.queries';
import { createDossierFor, dossierFor, type Requester, touchDossier, type Viewer } from './dossiers.service';

async function programName(db: Database, programId: string): Promise<TLocalized> {
  const [program] = await db.select({ name: programs.name }).from(programs).where(eq(programs.id, programId));
  return program?.name ?? { fr: programId, en: programId };
}

const fullName = (person: { firstName: string; lastName: string }) =>
  `${person.firstName} ${person.lastName}`;

const notVerified = () =>
  new AppError(
    'PRO_NOT_VERIFIED',
    'This professional’s licence is not verified: they cannot take clients now',
  );

/**
 * An active pro with their firm and the standing of their own licence today, or undefined. Taking clients
 * needs a licence of one's own: an agent (no file) is `not_verified` here, so never asked nor accepting.
 */
async function activePro(db: Database, proId: string, now: Date) {
  const [pro] = await db
    .select({
      id: users.id,
      firstName: users.firstName,
      lastName: users.lastName,
      organisationId: users.organisationId,
      standing: standingSql(platformToday(now), proVerifications),
    })
    .from(users)
    .leftJoin(proVerifications, eq(proVerifications.userId, users.id))
    .where(and(eq(users.id, proId), eq(users.role, 'pro'), eq(users.status, 'active')));
  return pro;
}

/** The candidate asks a pro to take their dossier; a pending request is replaced. */
export async function requestAssignment(
  deps: AppDeps,
  viewer: Requester,
  dossierId: string,
  body: { proId: string; message?: string | null | undefined },
): Promise<void> {
  const link = `${deps.config.publicUrl}/dashboard`;
  await withTransaction(deps.pool, async (tx) => {
    const now = deps.clock.now();
    const { dossier } = await dossierFor(tx.db, viewer, dossierId, now, { only: 'owner', lock: true });
    const pro = await activePro(tx.db, body.proId, now);
    if (!pro?.organisationId) {
      throw new AppError('VALIDATION_FAILED', 'No such professional', {
        fieldErrors: [{ path: 'body.proId', message: 'No such professional', code: 'unknown_pro' }],
      });
    }
    if (dossier.agentId === pro.id) throw new AppError('ALREADY_ASSIGNED');
    // Only a verified pro receives requests (the directory lists no one else).
    if (pro.standing !== 'verified') throw notVerified();
    await assertWithinSendingLimit(tx.db, 'assignmentRequest', viewer.id, [pro.id], now);
    await tx.db
      .update(assignmentRequests)
      .set({ status: 'cancelled', decidedAt: now })
      .where(and(eq(assignmentRequests.dossierId, dossierId), eq(assignmentRequests.status, 'pending')));
    await tx.db.insert(assignmentRequests).values({
      dossierId,
      proId: pro.id,
      organisationId: pro.organisationId,
      message: body.message ?? null,
      createdAt: now,
    });
    const [candidate] = await tx.db.select().from(users).where(eq(users.id, viewer.id));
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
      actorId: viewer.id,
      action: 'dossier.assignment_requested',
      subjectType: 'dossier',
      subjectId: dossierId,
      dossierId,
      after: { proId: pro.id, organisationId: pro.organisationId },
      ip: viewer.ip,
    });
  });
}

/**
 * The requested pro accepts or declines. Accepting assigns the dossier to the pro and their firm: a
 * firm in charge before loses access (the file passes whole to the new one), and the audit log says so.
 */
export async function decideAssignment(
  deps: AppDeps,
  viewer: Requester,
  dossierId: string,
  decision: { decision: 'accept' } | { decision: 'decline'; reason?: string | null | undefined },
): Promise<void> {
  await withTransaction(deps.pool, async (tx) => {
    const [request] = await tx.db
      .select()
      .from(assignmentRequests)
      .where(and(eq(assignmentRequests.dossierId, dossierId), eq(assignmentRequests.status, 'pending')))
      .for('update');
    // Only the pro the request names may answer it; anyone else learns nothing of the dossier.
    if (!request || request.proId !== viewer.id)
      throw new AppError('NOT_FOUND', 'No pending request for you on this dossier');
    const [dossier] = await tx.db.select().from(dossiers).where(eq(dossiers.id, dossierId)).for('update');
    if (!dossier) throw new AppError('NOT_FOUND');
    const now = deps.clock.now();
    const pro = await activePro(tx.db, viewer.id, now);
    // Declining is always possible; taking the dossier (and so reading its documents) needs a verified licence.
    if (decision.decision === 'accept' && pro?.standing !== 'verified') {
      throw new AppError('PRO_NOT_VERIFIED', 'Your licence must be verified before you can take clients');
    }
    const proName = pro ? fullName(pro) : '';
    const program = await programName(tx.db, dossier.programId);
    const link = `${deps.config.publicUrl}/dossiers/${dossierId}`;

    if (decision.decision === 'decline') {
      await tx.db
        .update(assignmentRequests)
        .set({ status: 'declined', decidedAt: now, decisionReason: decision.reason ?? null })
        .where(eq(assignmentRequests.id, request.id));
      await notify(deps, tx, {
        userId: dossier.ownerId,
        type: 'assignment_declined',
        params: { pro: proName, reason: decision.reason ?? null },
        link: `/dossiers/${dossierId}`,
        email: (recipient) =>
          dossierEmail('dossiers.assignment_declined', recipient, {
            subject: { fr: 'Votre demande n’a pas été acceptée', en: 'Your request was not accepted' },
            paragraphs: [
              {
                fr: `${proName} ne peut pas prendre en charge votre dossier « ${program.fr} ». Vous pouvez choisir un autre professionnel.`,
                en: `${proName} cannot take on your “${program.en}” dossier. You can choose another professional.`,
              },
              ...(decision.reason
                ? [{ fr: `Motif : ${decision.reason}`, en: `Reason: ${decision.reason}` }]
                : []),
            ],
            action: { label: openDossier, url: link },
          }),
      });
      await recordAudit(tx.db, {
        actorId: viewer.id,
        action: 'dossier.assignment_declined',
        subjectType: 'dossier',
        subjectId: dossierId,
        dossierId,
        ip: viewer.ip,
      });
      return;
    }

    await tx.db
      .update(assignmentRequests)
      .set({ status: 'accepted', decidedAt: now })
      .where(eq(assignmentRequests.id, request.id));
    const before = { organisationId: dossier.organisationId, agentId: dossier.agentId };
    await tx.db
      .update(dossiers)
      .set({
        organisationId: request.organisationId,
        agentId: request.proId,
        agentSince: now,
        status: dossier.status === 'draft' ? 'preparing' : dossier.status,
        updatedAt: now,
      })
      .where(eq(dossiers.id, dossierId));
    await recordAudit(tx.db, {
      actorId: viewer.id,
      action: dossier.organisationId ? 'dossier.handed_off' : 'dossier.assigned',
      subjectType: 'dossier',
      subjectId: dossierId,
      dossierId,
      before,
      after: { organisationId: request.organisationId, agentId: request.proId },
      ip: viewer.ip,
    });
    await notify(deps, tx, {
      userId: dossier.ownerId,
      type: 'assignment_accepted',
      params: { pro: proName },
      link: `/dossiers/${dossierId}`,
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
  });
}

async function notifyEnded(
  deps: AppDeps,
  tx: Parameters<typeof notify>[1],
  agentId: string,
  program: TLocalized,
) {
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
export async function endAssignment(deps: AppDeps, viewer: Requester, dossierId: string): Promise<void> {
  await withTransaction(deps.pool, async (tx) => {
    const now = deps.clock.now();
    const { dossier } = await dossierFor(tx.db, viewer, dossierId, now, { only: 'owner', lock: true });
    const cancelled = await tx.db
      .update(assignmentRequests)
      .set({ status: 'cancelled', decidedAt: now })
      .where(and(eq(assignmentRequests.dossierId, dossierId), eq(assignmentRequests.status, 'pending')))
      .returning({ id: assignmentRequests.id });
    if (cancelled.length > 0) return;
    if (!dossier.organisationId)
      throw new AppError('NOT_FOUND', 'No professional is assigned to this dossier');
    await tx.db
      .update(dossiers)
      .set({ organisationId: null, agentId: null, agentSince: null, updatedAt: now })
      .where(eq(dossiers.id, dossierId));
    await recordAudit(tx.db, {
      actorId: viewer.id,
      action: 'dossier.assignment_ended',
      subjectType: 'dossier',
      subjectId: dossierId,
      dossierId,
      before: { organisationId: dossier.organisationId, agentId: dossier.agentId },
      after: { organisationId: null, agentId: null },
      ip: viewer.ip,
    });
    if (dossier.agentId)
      await notifyEnded(deps, tx, dossier.agentId, await programName(tx.db, dossier.programId));
  });
}

/**
 * A pro invites a client by email to open a dossier with them. The answer is the same whether the
 * email has an account or not; the person accepts from their dashboard (after signing up if needed).
 */
export async function inviteClient(
  deps: AppDeps,
  viewer: Viewer,
  body: { email: string; programId: string; message?: string | null | undefined },
): Promise<void> {
  if (viewer.role !== 'pro' || !viewer.organisationId) throw new AppError('FORBIDDEN');
  // An agent's standing is their supervisor's, but inviting a client takes a licence of one's own.
  if (
    viewer.standing !== 'verified' ||
    (await licenceStanding(deps.db, viewer.id, deps.clock.now())) !== 'verified'
  ) {
    throw new AppError('PRO_NOT_VERIFIED', 'Your licence must be verified before you can invite clients');
  }
  const organisationId = viewer.organisationId;
  await withTransaction(deps.pool, async (tx) => {
    const program = await tx.db.select().from(programs).where(eq(programs.id, body.programId));
    if (program.length === 0) {
      throw new AppError('VALIDATION_FAILED', 'Unknown program', {
        fieldErrors: [{ path: 'body.programId', message: 'Unknown program', code: 'unknown_program' }],
      });
    }
    const name = program[0]?.name ?? { fr: body.programId, en: body.programId };
    await assertWithinSendingLimit(tx.db, 'dossierInvitation', viewer.id, [body.email], deps.clock.now());
    const [pro] = await tx.db
      .select({ firstName: users.firstName, lastName: users.lastName, organisation: organisations.name })
      .from(users)
      .innerJoin(organisations, eq(organisations.id, users.organisationId))
      .where(eq(users.id, viewer.id));
    const proName = pro ? `${fullName(pro)} (${pro.organisation})` : '';
    await tx.db.insert(dossierInvitations).values({
      email: body.email,
      programId: body.programId,
      proId: viewer.id,
      organisationId,
      message: body.message ?? null,
      createdAt: deps.clock.now(),
    });
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
        ...(body.message ? [{ fr: `Message : ${body.message}`, en: `Message: ${body.message}` }] : []),
      ],
    };
    const [existing] = await tx.db.select().from(users).where(eq(users.email, body.email));
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
    } else {
      // No account: the invitation is in the sender's language until the person picks theirs.
      const [sender] = await tx.db
        .select({ locale: users.locale })
        .from(users)
        .where(eq(users.id, viewer.id));
      await deps.outbox.enqueue(
        tx,
        dossierEmail(
          'dossiers.invitation',
          { email: body.email, firstName: '', locale: sender?.locale ?? 'fr' },
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
  });
}

/** A candidate's pending invitations, newest first, as JSON; `email` is the candidate's (citext). */
export function pendingInvitationsJson(email: SQLWrapper): SQL<TDashboard['invitations']> {
  return sql`coalesce((
    select json_agg(json_build_object('id', i.id, 'programId', i.program_id, 'message', i.message,
      'createdAt', ${isoTime(sql`i.created_at`)}, 'pro', ${proSummaryJson(sql`u`, sql`o`, sql`v`)}) order by i.created_at desc)
    from (select * from dossier_invitations where email = ${email} and status = 'pending'
      order by created_at desc limit 50) i
    join users u on u.id = i.pro_id join organisations o on o.id = i.organisation_id
    left join pro_verifications v on v.user_id = u.id
  ), '[]')`;
}

export async function pendingInvitations(
  deps: AppDeps,
  viewer: Requester,
): Promise<TDashboard['invitations']> {
  if (viewer.role !== 'candidate') return [];
  const [row] = await builtQuery(deps.db, 'assignments.pending_invitations', (db) =>
    db
      .select({ invitations: pendingInvitationsJson(sql`${users}.email`) })
      .from(users)
      .where(eq(users.id, sql.placeholder('candidate'))),
  ).execute({ candidate: viewer.id, today: platformToday(deps.clock.now()) });
  return row?.invitations ?? [];
}

/** Accepting an invitation opens the dossier, already in the care of the pro who sent it. */
export async function decideInvitation(
  deps: AppDeps,
  viewer: Requester,
  invitationId: string,
  decision: 'accept' | 'decline',
): Promise<{ dossierId: string | null }> {
  return withTransaction(deps.pool, async (tx) => {
    const [me] = await tx.db.select().from(users).where(eq(users.id, viewer.id));
    const [invitation] = await tx.db
      .select()
      .from(dossierInvitations)
      .where(and(eq(dossierInvitations.id, invitationId), eq(dossierInvitations.status, 'pending')))
      .for('update');
    if (
      !me ||
      viewer.role !== 'candidate' ||
      !invitation ||
      invitation.email.toLowerCase() !== me.email.toLowerCase()
    ) {
      throw new AppError('NOT_FOUND', 'No such invitation');
    }
    const now = deps.clock.now();
    const candidateName = fullName(me);
    if (decision === 'decline') {
      await tx.db
        .update(dossierInvitations)
        .set({ status: 'declined', decidedAt: now })
        .where(eq(dossierInvitations.id, invitationId));
      await notify(deps, tx, {
        userId: invitation.proId,
        type: 'assignment_declined',
        params: { candidate: candidateName },
        link: '/dashboard',
      });
      return { dossierId: null };
    }
    // The pro may have lost their standing since they invited: the candidate cannot be handed to them.
    const pro = await activePro(tx.db, invitation.proId, now);
    if (pro?.standing !== 'verified') throw notVerified();
    const dossierId = await createDossierFor(deps, tx.db, {
      ownerId: me.id,
      programId: invitation.programId,
      principalDateOfBirth: null,
      organisationId: invitation.organisationId,
      agentId: invitation.proId,
    });
    await tx.db
      .update(dossierInvitations)
      .set({ status: 'accepted', decidedAt: now, dossierId })
      .where(eq(dossierInvitations.id, invitationId));
    await touchDossier(deps, tx.db, dossierId);
    await recordAudit(tx.db, {
      actorId: viewer.id,
      action: 'dossier.assigned',
      subjectType: 'dossier',
      subjectId: dossierId,
      dossierId,
      after: { organisationId: invitation.organisationId, agentId: invitation.proId, via: 'invitation' },
      ip: viewer.ip,
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

/** Pending requests addressed to a pro, oldest first, as JSON: what they see before accepting (never the documents). */
export function incomingRequestsJson(pro: SQLWrapper): SQL<TDashboard['incomingRequests']> {
  return sql`coalesce((
    select json_agg(json_build_object('id', r.id, 'dossierId', d.id, 'programId', d.program_id,
      'candidate', json_build_object('id', u.id, 'firstName', u.first_name, 'lastName', u.last_name),
      'message', r.message, 'createdAt', ${isoTime(sql`r.created_at`)}) order by r.created_at)
    from (select * from assignment_requests where pro_id = ${pro} and status = 'pending'
      order by created_at limit 50) r
    join dossiers d on d.id = r.dossier_id join users u on u.id = d.owner_id
  ), '[]')`;
}
