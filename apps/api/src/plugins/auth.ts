import type { TUserRole } from '@capitune/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../lib/errors';
import { type AuthUser, verifyAccessToken } from '../lib/tokens';

declare module 'fastify' {
  interface FastifyRequest {
    /** The bearer of a valid access token, or null. Set for every request; the guards below decide. */
    user: AuthUser | null;
  }
}

/** Reads `Authorization: Bearer <access token>` on every request. */
export function registerAuth(app: FastifyInstance) {
  app.decorateRequest('user', null);
  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    if (!header?.startsWith('Bearer ')) return;
    const { config, clock } = app.deps;
    request.user = (await verifyAccessToken(header.slice(7), config.jwtSecret, clock.now())) ?? null;
  });
}

/** The signed-in user, or a 401: for handlers and services that need one. */
export function requireUser(request: FastifyRequest): AuthUser {
  if (!request.user) throw new AppError('UNAUTHENTICATED');
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
