import { createHash, createHmac, randomBytes } from 'node:crypto';
import { type TUserRole, userRoles } from '@capitune/contracts';
import { createSigner, createVerifier } from 'fast-jwt';

/** A URL-safe random token of 256 bits, for email links and a session's first refresh token. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Tokens are stored only as their SHA-256: a database leak gives no usable link or session. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * The refresh token that replaces `refreshToken`: an HMAC of it under the server's secret, so a refresh
 * retried within the grace gets the same successor again, although only hashes are stored. The database
 * alone gives no token: each one derives from the plaintext of the one before, which is never stored.
 */
export function successorRefreshToken(secret: Uint8Array, refreshToken: string): string {
  return createHmac('sha256', secret)
    .update(`capitune-refresh-successor:${refreshToken}`)
    .digest('base64url');
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
  /**
   * The two-factor policy applies and its grace is over, with no factor set up, when the token was
   * issued: only setting one up is open (`plugins/auth.ts`). Absent means false.
   */
  twoFactorSetupRequired?: boolean;
}

/**
 * Signing and checking with node:crypto's HMAC through fast-jwt, made once per secret. Every API request
 * checks a token: WebCrypto (through jose) spent 20–50 µs on each, the synchronous HMAC a few.
 */
const codecs = new WeakMap<
  Uint8Array,
  { sign: (payload: object) => string; verify: (token: string) => unknown }
>();

function codecOf(secret: Uint8Array) {
  let codec = codecs.get(secret);
  if (!codec) {
    const key = Buffer.from(secret);
    codec = {
      sign: createSigner({ key, algorithm: 'HS256', noTimestamp: true }),
      // Expiry is checked against the app's clock below, which tests move.
      verify: createVerifier({
        key,
        algorithms: ['HS256'],
        allowedIss: ISSUER,
        allowedAud: AUDIENCE,
        ignoreExpiration: true,
      }),
    };
    codecs.set(secret, codec);
  }
  return codec;
}

export async function signAccessToken(user: AuthUser, secret: Uint8Array, now: Date): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return codecOf(secret).sign({
    sub: user.id,
    role: user.role,
    sid: user.sessionId,
    ev: user.emailVerified,
    ...(user.twoFactorSetupRequired ? { tsr: true } : {}),
    iss: ISSUER,
    aud: AUDIENCE,
    iat: issuedAt,
    exp: issuedAt + ACCESS_TOKEN_TTL_SECONDS,
  });
}

const isRole = (value: unknown): value is TUserRole => userRoles.includes(value as TUserRole);

/** The bearer of a valid token, or undefined for a missing, forged or expired one. */
export async function verifyAccessToken(
  token: string,
  secret: Uint8Array,
  now: Date,
): Promise<AuthUser | undefined> {
  let payload: { sub?: unknown; role?: unknown; sid?: unknown; ev?: unknown; tsr?: unknown; exp?: unknown };
  try {
    payload = codecOf(secret).verify(token) as typeof payload;
  } catch {
    return undefined;
  }
  const { sub, role, sid, ev, tsr, exp } = payload;
  if (typeof exp !== 'number' || exp * 1000 <= now.getTime()) return undefined;
  if (typeof sub !== 'string' || !sub || typeof sid !== 'string' || !sid || !isRole(role)) return undefined;
  return {
    id: sub,
    role,
    sessionId: sid,
    emailVerified: ev === true,
    ...(tsr === true ? { twoFactorSetupRequired: true } : {}),
  };
}
