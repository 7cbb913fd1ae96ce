import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '../../deps';
import type { ClientContext, SignedIn } from './auth.shared';
import { SESSION_TTL } from './sessions.service';

export const REFRESH_COOKIE = 'capitune_refresh';
/** A random id of the browser, so that a sign-in from a device the account knows sends no alert. */
export const DEVICE_COOKIE = 'capitune_device';
/** The longest lifetime browsers grant a cookie (400 days); each sign-in starts it over. */
const DEVICE_COOKIE_MAX_AGE_SECONDS = 400 * 24 * 60 * 60;

/** Who is signing in, as far as the request tells: its address, browser and device cookie. */
export const clientOf = (request: FastifyRequest): ClientContext => ({
  ip: request.ip,
  userAgent: request.headers['user-agent'],
  deviceToken: request.cookies[DEVICE_COOKIE],
});

/**
 * The refresh token travels only in its cookie: httpOnly, scoped to /api/auth, Secure over https. Every
 * route that opens a session (password, second factor, passkey) answers through `signedInResponse`,
 * which also writes the device cookie (same scope: only sign-ins read it).
 */
export function sessionCookies(config: Pick<AppConfig, 'secure' | 'cookieDomain'>) {
  const scope = {
    path: '/api/auth',
    httpOnly: true,
    secure: config.secure,
    sameSite: 'lax' as const,
    ...(config.cookieDomain ? { domain: config.cookieDomain } : {}),
  };
  const setRefreshCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(REFRESH_COOKIE, token, { ...scope, maxAge: SESSION_TTL / 1000 });
  const clearRefreshCookie = (reply: FastifyReply) => reply.clearCookie(REFRESH_COOKIE, scope);
  const signedInResponse = (reply: FastifyReply, session: SignedIn) => {
    setRefreshCookie(reply, session.refreshToken);
    if (session.deviceToken)
      reply.setCookie(DEVICE_COOKIE, session.deviceToken, {
        ...scope,
        maxAge: DEVICE_COOKIE_MAX_AGE_SECONDS,
      });
    reply.header('cache-control', 'no-store');
    return {
      accessToken: session.accessToken,
      expiresIn: session.expiresIn,
      user: session.user,
      ...(session.deletionCancelled ? { deletionCancelled: true } : {}),
    };
  };
  return { setRefreshCookie, clearRefreshCookie, signedInResponse };
}
