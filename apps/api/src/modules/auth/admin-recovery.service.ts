import type { AppDeps } from '../../deps';
import { AppError } from '../../lib/errors';
import { withTransaction } from '../../platform/db/transaction';
import { type Caller, requireRole } from '../access';
import { recordAudit } from '../audit';
import { removeEveryFactor } from './admin-recovery.queries';
import { userById } from './auth.queries';
import { HOUR, link } from './auth.shared';
import { twoFactorResetEmail } from './factor.emails';
import { maskPhone } from './one-time-codes.service';
import { revokeAllSessions } from './sessions.service';
import { requireStepUp } from './step-up.service';

/** How long a person whose factors were reset may sign in with a password alone to set up a new one. */
export const RESET_GRACE_MS = 24 * HOUR;

/**
 * An administrator's recovery of an account that lost every factor and its recovery codes, once the
 * person's identity was checked outside the platform (docs/operations.md says how): every factor is
 * removed, every session ends, a 24-hour grace opens to set up a new one, the person is emailed and the
 * audit log keeps the identity check. An administrator cannot reset their own account.
 */
export async function resetTwoFactor(
  deps: AppDeps,
  caller: Caller,
  userId: string,
  identityCheck: string,
): Promise<void> {
  requireRole(caller, 'admin');
  if (userId === caller.id) throw new AppError('FORBIDDEN', 'Another administrator must reset your account');
  await requireStepUp(deps, caller);
  const now = deps.clock.now();
  const graceEndsAt = new Date(now.getTime() + RESET_GRACE_MS);
  await withTransaction(deps.pool, async (tx) => {
    const user = await userById(tx.db, userId);
    if (!user) throw new AppError('NOT_FOUND', 'No such user');
    const removed = await removeEveryFactor(tx.db, user.id, graceEndsAt, now);
    const ended = await revokeAllSessions(deps, tx.db, user.id, 'two_factor_reset', now);
    await recordAudit(tx.db, {
      actorId: caller.id,
      action: 'user.two_factor_reset',
      subjectType: 'user',
      subjectId: user.id,
      before: {
        ...removed,
        emailCodes: user.emailFactorEnabledAt !== null,
        smsPhone: user.smsFactorPhone ? maskPhone(user.smsFactorPhone) : null,
      },
      after: { identityCheck, graceEndsAt: graceEndsAt.toISOString(), sessionsEnded: ended },
      ip: caller.ip ?? null,
    });
    await deps.outbox.enqueue(tx, twoFactorResetEmail(user, graceEndsAt, link(deps, '/login')));
  });
}
