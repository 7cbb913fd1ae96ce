import type { AppDeps } from '../../deps';
import { AppError, fieldError } from '../../lib/errors';
import { withTransaction } from '../../platform/db/transaction';
import type { Caller } from '../access';
import { recordAudit } from '../audit';
import { userById } from './auth.queries';
import { link } from './auth.shared';
import { clearSmsFactor, setEmailFactor, setSmsFactor } from './contact-factors.queries';
import { contactFactorChangedEmail, SECURITY_PAGE } from './factor.emails';
import { issueCode, maskPhone, spendCode } from './one-time-codes.service';
import { requireStepUp } from './step-up.service';

/**
 * Email and SMS codes as a second factor: turning email codes on and off, confirming a phone number
 * with a code it received, removing it. Each change needs a fresh step-up, is audited and is told to the
 * account's address.
 */

/** Turns email codes on or off; turning them on needs a confirmed address. */
export async function changeEmailFactor(deps: AppDeps, caller: Caller, enabled: boolean): Promise<void> {
  await requireStepUp(deps, caller);
  const now = deps.clock.now();
  await withTransaction(deps.pool, async (tx) => {
    const user = await userById(tx.db, caller.id);
    if (!user) throw new AppError('UNAUTHENTICATED');
    if (enabled && !user.emailVerifiedAt) throw new AppError('EMAIL_NOT_VERIFIED');
    if (!(await setEmailFactor(tx.db, user.id, enabled ? now : null, now))) return;
    await recordAudit(tx.db, {
      actorId: caller.id,
      action: enabled ? 'user.email_factor_enabled' : 'user.email_factor_disabled',
      subjectType: 'user',
      subjectId: user.id,
      ip: caller.ip ?? null,
    });
    const change = enabled ? 'email_enabled' : 'email_disabled';
    await deps.outbox.enqueue(tx, contactFactorChangedEmail(user, change, link(deps, SECURITY_PAGE)));
  });
}

/** Sends a code to the number being set up; it becomes the SMS factor once the code comes back. */
export async function startSmsSetup(
  deps: AppDeps,
  caller: Caller,
  phone: string,
): Promise<{ sentTo: string }> {
  await requireStepUp(deps, caller);
  if (!deps.sms.available) throw new AppError('SMS_UNAVAILABLE');
  return issueCode(deps, { ...smsSetupTarget(caller), phone });
}

/** Confirms the number with the code it received: 400 `code_invalid` on `body.code` otherwise. */
export async function confirmSmsSetup(deps: AppDeps, caller: Caller, code: string): Promise<void> {
  await requireStepUp(deps, caller);
  const now = deps.clock.now();
  const confirmed = await withTransaction(deps.pool, async (tx) => {
    const spent = await spendCode(deps, tx, smsSetupTarget(caller), code);
    if (!spent?.phone) return false;
    const user = await userById(tx.db, caller.id);
    if (!user) throw new AppError('UNAUTHENTICATED');
    await setSmsFactor(tx.db, user.id, spent.phone, now);
    await recordAudit(tx.db, {
      actorId: caller.id,
      action: 'user.sms_factor_enabled',
      subjectType: 'user',
      subjectId: user.id,
      after: { phone: maskPhone(spent.phone) },
      ip: caller.ip ?? null,
    });
    const securityUrl = link(deps, SECURITY_PAGE);
    await deps.outbox.enqueue(
      tx,
      contactFactorChangedEmail(user, 'sms_enabled', securityUrl, maskPhone(spent.phone)),
    );
    return true;
  });
  // After the transaction: a wrong try is counted even though the request fails.
  if (!confirmed) throw fieldError('body.code', 'code_invalid', 'This code is not valid or has expired');
}

/** Removes the SMS factor, if there is one. */
export async function removeSmsFactor(deps: AppDeps, caller: Caller): Promise<void> {
  await requireStepUp(deps, caller);
  const now = deps.clock.now();
  await withTransaction(deps.pool, async (tx) => {
    const user = await userById(tx.db, caller.id);
    if (!user) throw new AppError('UNAUTHENTICATED');
    if (!user.smsFactorPhone) return;
    await clearSmsFactor(tx.db, user.id, now);
    const phone = maskPhone(user.smsFactorPhone);
    await recordAudit(tx.db, {
      actorId: caller.id,
      action: 'user.sms_factor_removed',
      subjectType: 'user',
      subjectId: user.id,
      before: { phone },
      ip: caller.ip ?? null,
    });
    await deps.outbox.enqueue(
      tx,
      contactFactorChangedEmail(user, 'sms_removed', link(deps, SECURITY_PAGE), phone),
    );
  });
}

/** A phone's confirmation code belongs to the session that asked for it. */
const smsSetupTarget = (caller: Caller) => ({
  userId: caller.id,
  channel: 'sms' as const,
  purpose: 'sms_setup' as const,
  sessionId: caller.sessionId,
});
