import type { TMilestone } from '@capitune/contracts';
import type { AppDeps } from '../../deps';
import { AppError, fieldError } from '../../lib/errors';
import { withTransaction } from '../../platform/db/transaction';
import { type Caller, dossierFor } from '../access';
import {
  deleteMilestone,
  insertMilestone,
  touchDossierRow,
  updateMilestoneRow,
} from './dossier-parts.queries';
import { toMilestone } from './dossiers.mapper';

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
    await dossierFor(tx.db, caller, dossierId, deps.clock.now());
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
    return toMilestone(row);
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
    await dossierFor(tx.db, caller, dossierId, deps.clock.now());
    const row = await updateMilestoneRow(tx.db, dossierId, milestoneId, patch);
    if (!row) throw new AppError('NOT_FOUND', 'No such milestone');
    assertMilestone(row.kind, row.label);
    await touchDossierRow(tx.db, dossierId, deps.clock.now());
    return toMilestone(row);
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
