import type { TMember } from '@capitune/contracts';
import type { AppDeps } from '../../deps';
import { AppError } from '../../lib/errors';
import { withTransaction } from '../../platform/db/transaction';
import { type Caller, dossierFor } from '../access';
import {
  deleteMember,
  documentsOfMember,
  hasMemberInRole,
  insertMember,
  memberRow,
  touchDossierRow,
  updateMemberRow,
} from './dossier-parts.queries';
import { toMember } from './dossiers.mapper';

/** The people of a dossier: the principal applicant (its owner), a spouse, dependants, a sponsor. */

export async function addMember(
  deps: AppDeps,
  caller: Caller,
  dossierId: string,
  body: {
    role: 'spouse' | 'dependant' | 'sponsor';
    fullName: string;
    dateOfBirth?: string | null | undefined;
  },
): Promise<TMember> {
  return withTransaction(deps.pool, async (tx) => {
    await dossierFor(tx.db, caller, dossierId, deps.clock.now(), { lock: true });
    if (body.role !== 'dependant' && (await hasMemberInRole(tx.db, dossierId, body.role)))
      throw new AppError('CONFLICT', `This dossier already has a ${body.role}`);
    const member = await insertMember(tx.db, {
      dossierId,
      role: body.role,
      fullName: body.fullName,
      dateOfBirth: body.dateOfBirth ?? null,
      createdAt: deps.clock.now(),
    });
    await touchDossierRow(tx.db, dossierId, deps.clock.now());
    return toMember(member);
  });
}

export async function updateMember(
  deps: AppDeps,
  caller: Caller,
  dossierId: string,
  memberId: string,
  patch: { fullName?: string | undefined; dateOfBirth?: string | null | undefined },
): Promise<TMember> {
  await dossierFor(deps.db, caller, dossierId, deps.clock.now());
  const member = await updateMemberRow(deps.db, dossierId, memberId, patch);
  if (!member) throw new AppError('NOT_FOUND', 'No such member');
  return toMember(member);
}

export async function removeMember(
  deps: AppDeps,
  caller: Caller,
  dossierId: string,
  memberId: string,
): Promise<void> {
  await withTransaction(deps.pool, async (tx) => {
    await dossierFor(tx.db, caller, dossierId, deps.clock.now(), { lock: true });
    const member = await memberRow(tx.db, dossierId, memberId);
    if (!member) throw new AppError('NOT_FOUND', 'No such member');
    if (member.role === 'principal')
      throw new AppError('CONFLICT', 'The principal applicant cannot be removed');
    if ((await documentsOfMember(tx.db, memberId)) > 0)
      throw new AppError('CONFLICT', 'This member has documents: withdraw them first');
    await deleteMember(tx.db, memberId);
    await touchDossierRow(tx.db, dossierId, deps.clock.now());
  });
}
