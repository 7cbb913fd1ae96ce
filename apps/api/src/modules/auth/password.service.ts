import type { AppDeps } from '../../deps';
import { AppError } from '../../lib/errors';
import { hashPassword, verifyPassword } from '../../lib/password';
import { withTransaction } from '../../platform/db/transaction';
import type { Caller } from '../access';
import { passwordChangedMessage, resetPasswordMessage } from './auth.emails';
import { revokeSessionsOf, setPasswordHash, spendEmailTokensOf, userByEmail, userById } from './auth.queries';
import {
  assertStrongPassword,
  consumeEmailToken,
  createEmailToken,
  HOUR,
  link,
  usableEmailToken,
} from './auth.shared';
import { forgetFailedLogins } from './login.service';
import { revoked } from './sessions.service';
import { requireStepUp } from './step-up.service';
import { factorState, hasFactor } from './two-factor-policy.service';

const RESET_PASSWORD_TTL = HOUR;

/** Always answers the same; only an existing, active account gets a link. */
export async function forgotPassword(deps: AppDeps, email: string): Promise<void> {
  const now = deps.clock.now();
  await withTransaction(deps.pool, async (tx) => {
    const user = await userByEmail(tx.db, email);
    if (user?.status !== 'active') return;
    const token = await createEmailToken(tx.db, user.id, 'reset_password', RESET_PASSWORD_TTL, now);
    await deps.outbox.enqueue(tx, resetPasswordMessage(user, link(deps, '/reset-password', token)));
  });
}

/** Whether a reset link can still be used, so the page can say so before a new password is typed. */
export async function checkResetToken(deps: AppDeps, token: string): Promise<void> {
  await usableEmailToken(deps.db, token, 'reset_password', deps.clock.now(), { lock: false });
}

/** Sets the new password, spends every reset link of the user and ends all their sessions. */
export async function resetPassword(deps: AppDeps, token: string, password: string): Promise<void> {
  const now = deps.clock.now();
  await withTransaction(deps.pool, async (tx) => {
    const userId = await consumeEmailToken(tx.db, token, 'reset_password', now);
    const user = await userById(tx.db, userId);
    if (!user) throw new AppError('INVALID_TOKEN');
    assertStrongPassword(password, user, 'body.password');
    await setPasswordHash(tx.db, userId, {
      passwordHash: await hashPassword(password),
      // Following a link sent to the address proves it, like the verification link.
      emailVerifiedAt: user.emailVerifiedAt ?? now,
      now,
    });
    await spendEmailTokensOf(tx.db, userId, 'reset_password', now);
    const ended = await revokeSessionsOf(tx.db, userId, 'password_reset', now);
    await revoked(deps, tx.client, userId, ended);
    // The owner may have been the one locked out: a new password lifts the lockouts.
    await forgetFailedLogins(tx.db, user.email.toLowerCase());
    await deps.outbox.enqueue(tx, passwordChangedMessage(user, link(deps, '/forgot-password')));
  });
}

/**
 * Changes the password of a signed-in caller, who stays signed in on `currentSessionId`; their other
 * sessions end. An account with a second factor needs a fresh step-up too: the password alone is not
 * enough to replace itself.
 */
export async function changePassword(
  deps: AppDeps,
  caller: Caller,
  currentSessionId: string,
  passwords: { currentPassword: string; newPassword: string },
): Promise<void> {
  if (hasFactor(await factorState(deps.db, caller.id))) await requireStepUp(deps, caller);
  const now = deps.clock.now();
  const user = await userById(deps.db, caller.id);
  if (!user) throw new AppError('UNAUTHENTICATED');
  if (!(await verifyPassword(user.passwordHash, passwords.currentPassword))) {
    throw wrongPassword();
  }
  assertStrongPassword(passwords.newPassword, user, 'body.newPassword');
  const passwordHash = await hashPassword(passwords.newPassword);
  await withTransaction(deps.pool, async (tx) => {
    await setPasswordHash(tx.db, user.id, { passwordHash, now });
    const ended = await revokeSessionsOf(tx.db, user.id, 'password_changed', now, currentSessionId);
    await revoked(deps, tx.client, user.id, ended);
    await deps.outbox.enqueue(tx, passwordChangedMessage(user, link(deps, '/forgot-password')));
  });
}

/** 400 WRONG_PASSWORD on the current password's field (not a VALIDATION_FAILED: the web says it apart). */
function wrongPassword(): AppError {
  const message = 'The current password is not right';
  return new AppError('WRONG_PASSWORD', undefined, {
    fieldErrors: [{ path: 'body.currentPassword', message, code: 'wrong_password' }],
  });
}
