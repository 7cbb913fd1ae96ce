import type { TMilestone } from '@capitune/contracts';
import type { AppDeps } from '../../deps';
import { AppError, fieldError } from '../../lib/errors';
import { type Transaction, withTransaction } from '../../platform/db/transaction';
import { type Caller, type DossierRow, dossierFor } from '../access';
import { notify } from '../notifications';
import { emitWebhookEvent } from '../webhooks';
import {
  deleteMilestone,
  insertMilestone,
  touchDossierRow,
  updateMilestoneRow,
} from './dossier-parts.queries';
import { toMilestone } from './dossiers.mapper';
import { milestoneName, milestoneUpdatedEmail } from './milestones.emails';

/** The timeline of a dossier: biometrics, medical exam, decision… as the candidate or the firm notes them. */

type MilestoneInput = {
  kind?: TMilestone['kind'] | undefined;
  label?: string | null | undefined;
  date?: string | null | undefined;
  done?: boolean | undefined;
  note?: string | null | undefined;
};

function assertMilestone(kind: TMilestone['kind'] | undefined, label: string | null | undefined) {
  if (kind === 'other' && !label) {
    const error = fieldError('body.label', 'required', 'Required for kind "other"');
    // The problem's detail says more than the field's message.
    error.message = 'A milestone of kind "other" needs a label';
    throw error;
  }
}

export async function addMilestone(
  deps: AppDeps,
  caller: Caller,
  dossierId: string,
  body: MilestoneInput & { kind: TMilestone['kind'] },
): Promise<TMilestone> {
  assertMilestone(body.kind, body.label);
  return withTransaction(deps.pool, async (tx) => {
    const { dossier, access } = await dossierFor(tx.db, caller, dossierId, deps.clock.now());
    const row = await insertMilestone(tx.db, {
      dossierId,
      kind: body.kind,
      label: body.label ?? null,
      date: body.date ?? null,
      done: body.done ?? false,
      note: body.note ?? null,
      createdAt: deps.clock.now(),
    });
    await touchDossierRow(tx.db, dossierId, deps.clock.now());
    const milestone = toMilestone(row);
    await emitMilestone(deps, tx, dossier, milestone);
    if (access === 'pro') await tellOwner(deps, tx, dossier, milestone);
    return milestone;
  });
}

export async function updateMilestone(
  deps: AppDeps,
  caller: Caller,
  dossierId: string,
  milestoneId: string,
  patch: MilestoneInput,
): Promise<TMilestone> {
  return withTransaction(deps.pool, async (tx) => {
    const { dossier, access } = await dossierFor(tx.db, caller, dossierId, deps.clock.now());
    // As it was (an empty patch changes nothing): the owner hears of a milestone the firm marks done.
    const before = patch.done ? await updateMilestoneRow(tx.db, dossierId, milestoneId, {}) : undefined;
    const row = await updateMilestoneRow(tx.db, dossierId, milestoneId, patch);
    if (!row) throw new AppError('NOT_FOUND', 'No such milestone');
    assertMilestone(row.kind, row.label);
    await touchDossierRow(tx.db, dossierId, deps.clock.now());
    const milestone = toMilestone(row);
    await emitMilestone(deps, tx, dossier, milestone);
    if (access === 'pro' && before && !before.done && row.done) await tellOwner(deps, tx, dossier, milestone);
    return milestone;
  });
}

/** The firm's tools hear of a milestone added or changed: ids, kind and whether it is done. */
function emitMilestone(deps: AppDeps, tx: Transaction, dossier: DossierRow, milestone: TMilestone) {
  return emitWebhookEvent(deps, tx, {
    organisationId: dossier.organisationId,
    type: 'milestone.updated',
    data: { dossierId: dossier.id, milestoneId: milestone.id, kind: milestone.kind, done: milestone.done },
  });
}

export async function removeMilestone(
  deps: AppDeps,
  caller: Caller,
  dossierId: string,
  milestoneId: string,
): Promise<void> {
  await dossierFor(deps.db, caller, dossierId, deps.clock.now());
  if (!(await deleteMilestone(deps.db, dossierId, milestoneId)))
    throw new AppError('NOT_FOUND', 'No such milestone');
}

/** Where a notification about a milestone leads: the dossier's timeline, at that milestone. */
export const milestonePath = (dossierId: string, milestoneId: string) =>
  `/dossiers/${dossierId}?milestone=${milestoneId}#timeline`;

/** The firm added a milestone or marked one done: the candidate is told (`milestone_updated`). */
async function tellOwner(deps: AppDeps, tx: Transaction, dossier: DossierRow, milestone: TMilestone) {
  const name = milestoneName(milestone);
  const link = milestonePath(dossier.id, milestone.id);
  await notify(deps, tx, {
    userId: dossier.ownerId,
    type: 'milestone_updated',
    params: {
      milestoneFr: name.fr,
      milestoneEn: name.en,
      status: milestone.done ? 'done' : 'added',
      milestoneId: milestone.id,
      dossierId: dossier.id,
      date: milestone.date,
    },
    link,
    email: (recipient) =>
      milestoneUpdatedEmail(recipient, {
        milestone: name,
        done: milestone.done,
        url: `${deps.config.publicUrl}${link}`,
      }),
  });
}
