import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type { TLocale, TNotificationPhone } from '@capitune/contracts';
import type { AppDeps } from '../../deps';
import { AppError, fieldError } from '../../lib/errors';
import type { Database } from '../../platform/db/database';
import { withTransaction } from '../../platform/db/transaction';
import { hitRateLimit, type RateLimitRule } from '../../platform/rate-limit';
import type { Caller } from '../access';
import { recordAudit } from '../audit';
import {
  countWrongPhoneCode,
  deletePhone,
  deleteReplacedPhoneCodes,
  insertPhoneCode,
  livePhoneCodeForUpdate,
  markPhoneCodeUsed,
  markPhoneVerified,
  phoneOwner,
  phoneRow,
  smsSentToday,
  upsertPendingPhone,
} from './phone.queries';

/**
 * The number a person receives notifications on by text (issue 19). Giving it sends a six-digit code to
 * it; the code coming back is the opt-in (`verified_at`). Codes are made as the sign-in codes are: valid
 * 10 minutes, single use, killed by 5 wrong tries, only a keyed hash kept; at most 5 sent an hour per
 * person, and 10 a day to one number whoever asks (each one is a paid text to someone who may not want it).
 */

const CODE_TTL_MS = 10 * 60 * 1000;
const HOUR = 60 * 60 * 1000;
const SENDS_PER_PERSON: RateLimitRule = { limit: 5, windowMs: HOUR };
const SENDS_PER_NUMBER: RateLimitRule = { limit: 10, windowMs: 24 * HOUR };

/**
 * The keyed hash of a code, bound to its user: the same function as the sign-in codes'
 * (modules/auth/one-time-codes.service.ts, not on the auth face).
 */
function codeHash(deps: AppDeps, userId: string, code: string): string {
  return createHmac('sha256', deps.config.jwtSecret).update(`one-time-code:${userId}:${code}`).digest('hex');
}

/** "+1•••••••23": enough for the audit log to tell numbers apart, not enough to learn them. */
export function maskNumber(phone: string): string {
  return `${phone.slice(0, 2)}•••••••${phone.slice(-2)}`;
}

/**
 * The code's text, in the GSM 7-bit alphabet (no apostrophe, no no-break space: one character outside
 * it switches the message to UCS-2 and halves its length).
 */
export function phoneCodeSms(locale: TLocale, code: string): string {
  const spaced = `${code.slice(0, 3)} ${code.slice(3)}`;
  return locale === 'fr'
    ? `CAPITUNE : votre code est ${spaced}. Il confirme ce numéro pour vos notifications par texto. Valable 10 minutes.`
    : `CAPITUNE: your code is ${spaced}. It confirms this number for your notifications by text. Valid for 10 minutes.`;
}

/** What the person's settings show: the number, its state, and the texts left today. */
export async function notificationPhone(deps: AppDeps, userId: string): Promise<TNotificationPhone> {
  const now = deps.clock.now();
  const [row, sent] = await Promise.all([phoneRow(deps.db, userId), smsSentToday(deps.db, userId, now)]);
  return {
    phone: row?.phone ?? null,
    verifiedAt: row?.verifiedAt?.toISOString() ?? null,
    stoppedAt: row?.stoppedAt?.toISOString() ?? null,
    remainingToday: Math.max(0, deps.config.smsDailyCap - sent),
    available: deps.sms.available,
  };
}

/** 429 RATE_LIMITED past the rule, with Retry-After. */
async function assertWithinLimit(db: Database, key: string, rule: RateLimitRule, now: Date) {
  const result = await hitRateLimit(db, key, rule, now);
  if (!result.allowed) {
    throw new AppError('RATE_LIMITED', 'Too many codes were sent; try again later', {
      retryAfterSeconds: result.retryAfterSeconds,
    });
  }
}

/**
 * Keeps the number (pending until its code comes back: no text goes to it before) and sends it a code.
 * 503 SMS_UNAVAILABLE when this installation sends no text messages; 429 past the limits.
 */
export async function startPhoneVerification(
  deps: AppDeps,
  caller: Caller,
  phone: string,
): Promise<TNotificationPhone> {
  if (!deps.sms.available) throw new AppError('SMS_UNAVAILABLE');
  const now = deps.clock.now();
  const code = randomInt(0, 1_000_000).toString().padStart(6, '0');
  const owner = await withTransaction(deps.pool, async (tx) => {
    const user = await phoneOwner(tx.db, caller.id);
    if (!user) throw new AppError('UNAUTHENTICATED');
    await assertWithinLimit(tx.db, `one-time-code:notification_phone:${caller.id}`, SENDS_PER_PERSON, now);
    await assertWithinLimit(tx.db, `notification-phone-number:${phone}`, SENDS_PER_NUMBER, now);
    await upsertPendingPhone(tx.db, caller.id, phone, now);
    await deleteReplacedPhoneCodes(tx.db, caller.id, now);
    await insertPhoneCode(tx.db, {
      userId: caller.id,
      phone,
      codeHash: codeHash(deps, caller.id, code),
      expiresAt: new Date(now.getTime() + CODE_TTL_MS),
      now,
    });
    return user;
  });
  // Once committed: a text cannot be taken back by a rollback.
  await deps.sms.send({ to: phone, body: phoneCodeSms(owner.locale, code) });
  return notificationPhone(deps, caller.id);
}

/**
 * The opt-in: the code the number received. 409 NO_PHONE_PENDING when no number waits for a code; a
 * wrong or expired code is the SMS factor's answer (400 VALIDATION_FAILED, `code_invalid` on `body.code`),
 * and counts as a try even though the request fails.
 */
export async function verifyPhone(deps: AppDeps, caller: Caller, code: string): Promise<TNotificationPhone> {
  const now = deps.clock.now();
  const verified = await withTransaction(deps.pool, async (tx) => {
    const row = await phoneRow(tx.db, caller.id);
    if (!row || row.verifiedAt) throw new AppError('NO_PHONE_PENDING', 'No phone number waits for a code');
    const live = await livePhoneCodeForUpdate(tx.db, caller.id, now);
    if (!live || live.phone !== row.phone) return false;
    const expected = Buffer.from(live.codeHash, 'hex');
    const given = Buffer.from(codeHash(deps, caller.id, code), 'hex');
    if (!timingSafeEqual(expected, given)) {
      await countWrongPhoneCode(tx.db, live.id);
      return false;
    }
    await markPhoneCodeUsed(tx.db, live.id, now);
    await markPhoneVerified(tx.db, caller.id, row.phone, now);
    await recordAudit(tx.db, {
      actorId: caller.id,
      action: 'user.notification_phone_verified',
      subjectType: 'user',
      subjectId: caller.id,
      after: { phone: maskNumber(row.phone) },
      ip: caller.ip ?? null,
    });
    return true;
  });
  if (!verified) throw fieldError('body.code', 'code_invalid', 'This code is not valid or has expired');
  return notificationPhone(deps, caller.id);
}

/** Stops the texts and forgets the number (and its codes). */
export async function removePhone(deps: AppDeps, caller: Caller): Promise<void> {
  await withTransaction(deps.pool, async (tx) => {
    const removed = await deletePhone(tx.db, caller.id);
    if (!removed) return;
    await recordAudit(tx.db, {
      actorId: caller.id,
      action: 'user.notification_phone_removed',
      subjectType: 'user',
      subjectId: caller.id,
      before: { phone: maskNumber(removed.phone), verified: removed.verifiedAt !== null },
      ip: caller.ip ?? null,
    });
  });
}
