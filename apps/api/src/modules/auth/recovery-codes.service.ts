import { randomInt } from 'node:crypto';
import type { TRecoveryCodes } from '@capitune/contracts';
import type { AppDeps } from '../../deps';
import { hashToken } from '../../lib/tokens';
import type { Database } from '../../platform/db/database';
import { withTransaction } from '../../platform/db/transaction';
import type { Caller } from '../access';
import { recordAudit } from '../audit';
import { replaceRecoveryCodes, spendRecoveryCode } from './factors.queries';
import { requireStepUp } from './step-up.service';

/**
 * Ten single-use codes for a person who lost their authenticator or passkeys, shown once. Only the
 * SHA-256 of each (normalised) code is kept.
 */

export const RECOVERY_CODE_COUNT = 10;
/** Lowercase letters and digits without those read alike (0/o, 1/l/i). */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const HALF_LENGTH = 5;

function newRecoveryCode(): string {
  const half = () => Array.from({ length: HALF_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `${half()}-${half()}`;
}

/** A code as typed (any case, with or without the dash or spaces) as it is hashed. */
function normalisedRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, '');
}

/** Replaces the user's codes with ten new ones, in the caller's transaction: the codes to show. */
export async function issueRecoveryCodes(db: Database, userId: string, now: Date): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await replaceRecoveryCodes(
    db,
    userId,
    codes.map((code) => hashToken(normalisedRecoveryCode(code))),
    now,
  );
  return codes;
}

/** `POST /api/me/recovery-codes`: ten new codes; the old ones, used or not, stop working. */
export async function regenerateRecoveryCodes(deps: AppDeps, caller: Caller): Promise<TRecoveryCodes> {
  await requireStepUp(deps, caller);
  const now = deps.clock.now();
  return withTransaction(deps.pool, async (tx) => {
    const codes = await issueRecoveryCodes(tx.db, caller.id, now);
    await recordAudit(tx.db, {
      actorId: caller.id,
      action: 'user.recovery_codes_regenerated',
      subjectType: 'user',
      subjectId: caller.id,
      ip: caller.ip ?? null,
    });
    return { codes };
  });
}

/** Spends one of the user's unused codes: false for a wrong, used or another person's code. */
export async function useRecoveryCode(deps: AppDeps, userId: string, code: string): Promise<boolean> {
  return spendRecoveryCode(deps.db, userId, hashToken(normalisedRecoveryCode(code)), deps.clock.now());
}
