import type { TUserRole } from '@capitune/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../lib/errors';
import { type AuthUser, verifyAccessToken } from '../lib/tokens';
import { createSessionRegistry } from '../platform/session-registry';

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * The bearer of a valid access token whose session is open, or null. Set for every request; the
     * guards below decide.
     */
    user: AuthUser | null;
    /** The access token was valid but its session has ended (logout, reset, suspension) or never existed. */
    sessionEnded: boolean;
  }
}

/**
 * What a token that must set up a second factor may still reach: signing in and out, the factors
 * themselves, the account's own page and sessions, the unread badge, health and the socket.
 */
const openDuringTwoFactorSetup = [
  /^\/api\/auth\//,
  /^\/api\/me\/(security|recovery-codes|email-factor)$/,
  /^\/api\/me\/(totp|passkeys|sms-factor|sessions)(\/|$)/,
  /^\/api\/notifications\/unread-count$/,
  /^\/api\/(health|ready|ws)$/,
];

/** Whether a route stays open to a token that must set up a second factor (also read by the OpenAPI document). */
export function openDuringSetup(method: string, url: string): boolean {
  const path = url.split('?', 1)[0] ?? '';
  if (path === '/api/me') return method === 'GET' || method === 'HEAD';
  return openDuringTwoFactorSetup.some((pattern) => pattern.test(path));
}

/**
 * Reads `Authorization: Bearer <access token>` on every request, and accepts it only while its session
 * is open (decision 009). A token of an ended session makes the request anonymous, like an expired
 * one; a route that needs a user answers it 401 `SESSION_EXPIRED`. A token issued to an account that
 * must set up a second factor now reaches only that setup: 403 `TWO_FACTOR_SETUP_REQUIRED` elsewhere.
 */
export function registerAuth(app: FastifyInstance) {
  const { config, clock, db, bus } = app.deps;
  const sessions = createSessionRegistry(db, clock, bus);
  app.addHook('onClose', async () => sessions.close());
  app.decorateRequest('user', null);
  app.decorateRequest('sessionEnded', false);
  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    if (!header?.startsWith('Bearer ')) return;
    const user = await verifyAccessToken(header.slice(7), config.jwtSecret, clock.now());
    if (!user) return;
    if (!(await sessions.isLive({ sessionId: user.sessionId, userId: user.id }))) {
      request.sessionEnded = true;
      return;
    }
    request.user = user;
    if (user.twoFactorSetupRequired && !openDuringSetup(request.method, request.url)) {
      throw new AppError('TWO_FACTOR_SETUP_REQUIRED');
    }
  });
}

/** The signed-in user, or a 401: for handlers and services that need one. */
export function requireUser(request: FastifyRequest): AuthUser {
  if (!request.user) throw new AppError(request.sessionEnded ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
  return request.user;
}

/** Route guard: any signed-in user. */
export async function signedIn(request: FastifyRequest) {
  requireUser(request);
}

/** Route guard: a signed-in user with one of these roles (401 for nobody, 403 for another role). */
export function withRole(...roles: TUserRole[]) {
  return async (request: FastifyRequest) => {
    const user = requireUser(request);
    if (!roles.includes(user.role)) throw new AppError('FORBIDDEN');
  };
}

/** Route guard: a signed-in user whose email is verified (Mon dossier, posting in Inside, Live registration). */
export async function verifiedEmail(request: FastifyRequest) {
  const user = requireUser(request);
  if (!user.emailVerified) throw new AppError('EMAIL_NOT_VERIFIED');
}
