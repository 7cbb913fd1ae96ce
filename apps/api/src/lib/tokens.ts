import { createHash, randomBytes, webcrypto } from 'node:crypto';
import type { TUserRole } from '@capitune/contracts';
import { jwtVerify, SignJWT } from 'jose';

/** A URL-safe random token of 256 bits, for email links and refresh tokens. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Tokens are stored only as their SHA-256: a database leak gives no usable link or session. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
const ISSUER = 'capitune';
const AUDIENCE = 'capitune-api';

/** What an access token says about its bearer. */
export interface AuthUser {
  id: string;
  role: TUserRole;
  sessionId: string;
  emailVerified: boolean;
}

const hmacKeys = new WeakMap<Uint8Array, Promise<webcrypto.CryptoKey>>();

/**
 * The secret as a key imported once: given the raw bytes, jose imports them again for every token, which
 * was most of the time a token check takes (about 50 µs of 70).
 */
function hmacKey(secret: Uint8Array): Promise<webcrypto.CryptoKey> {
  let key = hmacKeys.get(secret);
  if (!key) {
    key = webcrypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
      'verify',
    ]);
    hmacKeys.set(secret, key);
  }
  return key;
}

export async function signAccessToken(user: AuthUser, secret: Uint8Array, now: Date): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({ role: user.role, sid: user.sessionId, ev: user.emailVerified })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(user.id)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ACCESS_TOKEN_TTL_SECONDS)
    .sign(await hmacKey(secret));
}

/** The bearer of a valid token, or undefined for a missing, forged or expired one. */
export async function verifyAccessToken(
  token: string,
  secret: Uint8Array,
  now: Date,
): Promise<AuthUser | undefined> {
  try {
    const { payload } = await jwtVerify(token, await hmacKey(secret), {
      issuer: ISSUER,
      audience: AUDIENCE,
      algorithms: ['HS256'],
      currentDate: now,
    });
    const { sub, role, sid, ev } = payload as { sub?: string; role?: TUserRole; sid?: string; ev?: boolean };
    if (!sub || !role || !sid) return undefined;
    return { id: sub, role, sessionId: sid, emailVerified: ev === true };
  } catch {
    return undefined;
  }
}
