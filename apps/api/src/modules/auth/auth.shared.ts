import type { TLoginResponse } from '@capitune/contracts';
import Bowser from 'bowser';
import type { AppDeps } from '../../deps';
import { AppError } from '../../lib/errors';
import { checkPasswordStrength } from '../../lib/password';
import { hashToken, randomToken } from '../../lib/tokens';
import type { Database } from '../../platform/db/database';
import {
  type EmailTokenPurpose,
  emailTokenByHash,
  insertEmailToken,
  markEmailTokenUsed,
  type UserRow,
} from './auth.queries';

/** What the parts of the auth module share: the client's context, links in emails, passwords, email tokens. */

export const HOUR = 60 * 60 * 1000;

export interface ClientContext {
  ip: string | undefined;
  userAgent: string | undefined;
  /** The browser's device cookie, when it has one: how a sign-in from a known device is recognised. */
  deviceToken?: string;
}

export interface SignedIn extends TLoginResponse {
  refreshToken: string;
  /**
   * The device cookie to write: a new one for a browser without it, or the same one again so that its
   * lifetime starts over. Absent on a refresh, which leaves the cookie as it is.
   */
  deviceToken?: string;
}

/**
 * How a session's device is named on the sessions page and in sign-in alerts ("Chrome 131 · macOS
 * Sequoia"), or null when its user agent tells nothing.
 */
export function deviceName(userAgent: string | null | undefined): string | null {
  if (!userAgent) return null;
  const parsed = Bowser.parse(userAgent);
  const browser = [parsed.browser.name, parsed.browser.version?.split('.')[0]].filter(Boolean).join(' ');
  const system = [parsed.os.name, parsed.os.versionName].filter(Boolean).join(' ');
  return [browser, system].filter(Boolean).join(' · ') || null;
}

/**
 * Whether an account is suspended at `now`: a timed suspension whose end has passed no longer holds,
 * even before the every-minute job lifts it.
 */
export const isSuspended = (user: { status: string; suspendedUntil: Date | null }, now: Date): boolean =>
  user.status === 'suspended' && (user.suspendedUntil === null || user.suspendedUntil > now);

/** A page of the web app, with an email token when given one. */
export const link = (deps: AppDeps, path: string, token?: string) =>
  `${deps.config.publicUrl}${path}${token ? `?token=${encodeURIComponent(token)}` : ''}`;

/** 400 PASSWORD_TOO_WEAK on `field` for a password easy to guess, the person's own names and email included. */
export function assertStrongPassword(
  password: string,
  user: Pick<UserRow, 'email' | 'firstName' | 'lastName' | 'locale'>,
  field: string,
) {
  const strength = checkPasswordStrength(password, user.locale, [user.email, user.firstName, user.lastName]);
  if (!strength.ok) {
    throw new AppError('PASSWORD_TOO_WEAK', strength.reason, {
      fieldErrors: [{ path: field, message: strength.reason ?? 'Too weak', code: 'too_weak' }],
    });
  }
}

/** A new single-use email token (stored hashed), valid for `ttl` milliseconds; `sessionId` for one that ends a session. */
export async function createEmailToken(
  db: Database,
  userId: string,
  purpose: EmailTokenPurpose,
  ttl: number,
  now: Date,
  sessionId?: string,
): Promise<string> {
  const token = randomToken();
  await insertEmailToken(db, {
    userId,
    purpose,
    tokenHash: hashToken(token),
    expiresAt: new Date(now.getTime() + ttl),
    now,
    ...(sessionId ? { sessionId } : {}),
  });
  return token;
}

/** A single-use email token that can still be used (locked in a transaction): INVALID_TOKEN or TOKEN_EXPIRED otherwise. */
export async function usableEmailToken(
  db: Database,
  token: string,
  purpose: EmailTokenPurpose,
  now: Date,
  options: { lock: boolean },
) {
  const row = await emailTokenByHash(db, hashToken(token), purpose, options);
  if (!row || row.usedAt) throw new AppError('INVALID_TOKEN');
  if (row.expiresAt <= now) throw new AppError('TOKEN_EXPIRED');
  return row;
}

/** Finds and spends a single-use email token in the transaction: INVALID_TOKEN or TOKEN_EXPIRED otherwise. */
export async function consumeEmailToken(
  db: Database,
  token: string,
  purpose: EmailTokenPurpose,
  now: Date,
): Promise<string> {
  const row = await usableEmailToken(db, token, purpose, now, { lock: true });
  await markEmailTokenUsed(db, row.id, now);
  return row.userId;
}
