import type { FastifyRequest } from 'fastify';
import { AppError } from '../lib/errors';
import { hitRateLimit } from '../platform/rate-limit';

export interface RouteRateLimit {
  /** Names the counter: `login-ip`, `login-email`… */
  name: string;
  limit: number;
  windowMs: number;
  /** What is counted: the client's IP, the email in the body… undefined skips this limit. */
  key: (request: FastifyRequest) => string | undefined;
}

export const byIp = (request: FastifyRequest) => request.ip ?? request.socket.remoteAddress ?? 'unknown';
export const byBodyEmail = (request: FastifyRequest) => {
  const email = (request.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? email.toLowerCase() : undefined;
};

const RATE_LIMITED = Symbol('rate limited');

/** Whether a route hook is a `rateLimit` guard (the OpenAPI document lists RATE_LIMITED for its route). */
export const isRateLimited = (hook: unknown): boolean => typeof hook === 'function' && RATE_LIMITED in hook;

/**
 * A route guard counting each request against every given limit (after validation, so the body can
 * be a key). Over any limit: 429 RATE_LIMITED with Retry-After. Counters are shared by all instances.
 */
export function rateLimit(...limits: RouteRateLimit[]) {
  const guard = async (request: FastifyRequest) => {
    const { db, clock } = request.server.deps;
    for (const limit of limits) {
      const key = limit.key(request);
      if (key === undefined) continue;
      const result = await hitRateLimit(db, `${limit.name}:${key}`, limit, clock.now());
      if (!result.allowed)
        throw new AppError('RATE_LIMITED', undefined, { retryAfterSeconds: result.retryAfterSeconds });
    }
  };
  return Object.assign(guard, { [RATE_LIMITED]: true });
}
