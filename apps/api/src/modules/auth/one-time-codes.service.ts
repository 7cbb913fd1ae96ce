import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type { AppDeps } from '../../deps';
import { AppError } from '../../lib/errors';
import type { Transaction } from '../../platform/db/transaction';
import { withTransaction } from '../../platform/db/transaction';
import { hitRateLimit } from '../../platform/rate-limit';
import { userById } from './auth.queries';
import { HOUR } from './auth.shared';
import { oneTimeCodeEmail, oneTimeCodeSms } from './factor.emails';
import {
  type CodeTarget,
  countWrongTry,
  deleteReplacedCodes,
  insertCode,
  liveCodeForUpdate,
  markCodeUsed,
  type OneTimeCodeRow,
} from './one-time-codes.queries';

/**
 * Six-digit codes sent by email or SMS: a second factor at sign-in, a proof for a step-up, and the check
 * of a phone number before it receives SMS codes. Valid 10 minutes, single use, killed by 5 wrong tries;
 * the newest code of a target replaces the earlier ones; at most 5 sent per user and purpose per hour.
 * Only a keyed hash of each code is stored.
 */

/** A code to finish a sign-in (its challenge) or to step up (the session asking). */
export interface OneTimeCodeTarget {
  userId: string;
  channel: 'email' | 'sms';
  purpose: 'sign_in' | 'step_up';
  signInChallengeId?: string;
  sessionId?: string;
}

const CODE_TTL_MS = 10 * 60 * 1000;
const SENDS_PER_HOUR = 5;

/** The keyed hash of a code, bound to its user: the database alone does not let anyone try the million codes. */
function codeHash(deps: AppDeps, userId: string, code: string): string {
  return createHmac('sha256', deps.config.jwtSecret).update(`one-time-code:${userId}:${code}`).digest('hex');
}

/** "m•••@exemple.ca": enough for the person to recognise their address, not enough to learn it. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return `${email.slice(0, 1)}•••${email.slice(at)}`;
}

/** Country calling codes of two digits (the others have one, 1 and 7, or three). */
const twoDigitCountryCodes = new Set(
  '20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98'.split(
    ' ',
  ),
);

/** "+1 ••• ••• •• 34": the country and the last two digits of an E.164 number. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/^\+/, '');
  const countryLength = /^[17]/.test(digits) ? 1 : twoDigitCountryCodes.has(digits.slice(0, 2)) ? 2 : 3;
  return `+${digits.slice(0, countryLength)} ••• ••• •• ${digits.slice(-2)}`;
}

/** Sends a new code for a sign-in or a step-up, by email or to the confirmed phone; says where it went. */
export async function sendOneTimeCode(deps: AppDeps, target: OneTimeCodeTarget): Promise<{ sentTo: string }> {
  return issueCode(deps, target);
}

/**
 * Sends a new code. Emails leave with the transaction (outbox); an SMS once it committed, to the number
 * being set up (`phone`, purpose sms_setup) or the account's confirmed one.
 */
export async function issueCode(
  deps: AppDeps,
  target: CodeTarget & { phone?: string },
): Promise<{ sentTo: string }> {
  if (target.channel === 'sms' && !deps.sms.available) throw new AppError('SMS_UNAVAILABLE');
  const now = deps.clock.now();
  const code = randomInt(0, 1_000_000).toString().padStart(6, '0');
  const sent = await withTransaction(deps.pool, async (tx) => {
    const user = await userById(tx.db, target.userId);
    if (!user) throw new AppError('UNAUTHENTICATED');
    const confirmedPhone = user.smsFactorConfirmedAt ? user.smsFactorPhone : null;
    const phone = target.channel === 'sms' ? (target.phone ?? confirmedPhone) : null;
    if (target.channel === 'sms' && !phone) throw new AppError('BAD_REQUEST', 'No phone number is confirmed');
    await assertWithinSendingLimit(tx, target, now);
    await deleteReplacedCodes(tx.db, target, now);
    await insertCode(tx.db, {
      ...target,
      phone: target.purpose === 'sms_setup' ? phone : null,
      codeHash: codeHash(deps, target.userId, code),
      expiresAt: new Date(now.getTime() + CODE_TTL_MS),
      now,
    });
    if (target.channel === 'email' && target.purpose !== 'sms_setup') {
      await deps.outbox.enqueue(tx, oneTimeCodeEmail(user, target.purpose, code));
    }
    return { locale: user.locale, email: user.email, phone };
  });
  if (sent.phone) {
    await deps.sms.send({ to: sent.phone, body: oneTimeCodeSms(sent.locale, target.purpose, code) });
    return { sentTo: maskPhone(sent.phone) };
  }
  return { sentTo: maskEmail(sent.email) };
}

/** 429 RATE_LIMITED past 5 codes per user and purpose in an hour (each one is an email or a paid SMS). */
async function assertWithinSendingLimit(tx: Transaction, target: CodeTarget, now: Date): Promise<void> {
  const result = await hitRateLimit(
    tx.db,
    `one-time-code:${target.purpose}:${target.userId}`,
    { limit: SENDS_PER_HOUR, windowMs: HOUR },
    now,
  );
  if (!result.allowed) {
    throw new AppError('RATE_LIMITED', 'Too many codes were sent; try again later', {
      retryAfterSeconds: result.retryAfterSeconds,
    });
  }
}

/**
 * Tries a code on the target's live code, in the caller's transaction: the right one is spent and
 * returned, a wrong one counted (the fifth kills the code) and null returned, so that the count commits.
 */
export async function spendCode(
  deps: AppDeps,
  tx: Transaction,
  target: CodeTarget,
  code: string,
): Promise<OneTimeCodeRow | null> {
  const now = deps.clock.now();
  const live = await liveCodeForUpdate(tx.db, target, now);
  if (!live) return null;
  const expected = Buffer.from(live.codeHash, 'hex');
  const given = Buffer.from(codeHash(deps, target.userId, code), 'hex');
  if (!timingSafeEqual(expected, given)) {
    await countWrongTry(tx.db, live.id);
    return null;
  }
  await markCodeUsed(tx.db, live.id, now);
  return live;
}

/** Whether the code is the target's live code: spent when right, counted when wrong. */
export async function checkOneTimeCode(
  deps: AppDeps,
  target: OneTimeCodeTarget,
  code: string,
): Promise<boolean> {
  const spent = await withTransaction(deps.pool, (tx) => spendCode(deps, tx, target, code));
  return spent !== null;
}
