import { createSigner } from 'fast-jwt';
import { describe, expect, it } from 'vitest';
import {
  ACCESS_TOKEN_TTL_SECONDS,
  randomToken,
  signAccessToken,
  successorRefreshToken,
  verifyAccessToken,
} from './tokens';

const secret = new TextEncoder().encode('a-test-secret-of-sufficient-length-0123456789');
const user = {
  id: '6f1c7a52-3d7e-4f59-9a43-2f8d1c0b5e11',
  role: 'pro' as const,
  sessionId: 's-1',
  emailVerified: true,
};
const now = new Date('2026-12-03T10:00:00Z');
const seconds = Math.floor(now.getTime() / 1000);
const claims = {
  sub: user.id,
  role: 'pro',
  sid: 's-1',
  ev: true,
  iss: 'capitune',
  aud: 'capitune-api',
  iat: seconds,
  exp: seconds + 60,
};
const signedWith = (options: { key?: string; algorithm?: 'HS256' | 'HS512' }, payload: object) =>
  createSigner({
    key: options.key ?? Buffer.from(secret).toString(),
    algorithm: options.algorithm ?? 'HS256',
    noTimestamp: true,
  })(payload);
const unsigned = (payload: object) => createSigner({ algorithm: 'none', noTimestamp: true })(payload);

describe('access tokens', () => {
  it('carry the user, and stop working when they expire by the app’s clock', async () => {
    const token = await signAccessToken(user, secret, now);
    expect(await verifyAccessToken(token, secret, now)).toEqual(user);
    const lastSecond = new Date(now.getTime() + (ACCESS_TOKEN_TTL_SECONDS - 1) * 1000);
    expect(await verifyAccessToken(token, secret, lastSecond)).toEqual(user);
    const expiry = new Date(now.getTime() + ACCESS_TOKEN_TTL_SECONDS * 1000);
    expect(await verifyAccessToken(token, secret, expiry)).toBeUndefined();
  });

  it('are refused when forged, for another audience or issuer, unsigned, of another algorithm or incomplete', async () => {
    expect(await verifyAccessToken(signedWith({}, claims), secret, now)).toEqual(user);
    const refused = [
      signedWith({ key: 'another-secret-of-sufficient-length-0123456789' }, claims),
      signedWith({}, { ...claims, aud: 'another-api' }),
      signedWith({}, { ...claims, iss: 'someone-else' }),
      unsigned(claims),
      signedWith({ algorithm: 'HS512' }, claims),
      signedWith({}, { ...claims, exp: undefined }),
      signedWith({}, { ...claims, sid: undefined }),
      signedWith({}, { ...claims, role: 'superuser' }),
      'not.a.token',
      '',
    ];
    for (const token of refused) expect(await verifyAccessToken(token, secret, now)).toBeUndefined();
  });
});

describe('refresh tokens', () => {
  it('have one successor each, the same every time, that only the secret gives', () => {
    const token = randomToken();
    const successor = successorRefreshToken(secret, token);
    expect(successor).toMatch(/^[\w-]{43}$/);
    expect(successorRefreshToken(secret, token)).toBe(successor);
    expect(successor).not.toBe(token);
    expect(successorRefreshToken(secret, successor)).not.toBe(successor);
    expect(successorRefreshToken(secret, randomToken())).not.toBe(successor);
    const otherSecret = new TextEncoder().encode('another-secret-of-sufficient-length-0123456789');
    expect(successorRefreshToken(otherSecret, token)).not.toBe(successor);
  });
});
