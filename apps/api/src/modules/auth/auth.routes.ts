import {
  ZChangePasswordBody,
  ZEmailBody,
  ZEndSessionByLinkBody,
  ZLoginBody,
  ZLoginResponse,
  ZLoginResult,
  ZRegisterBody,
  ZResetPasswordBody,
  ZSession,
  ZTokenBody,
} from '@capitune/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../lib/errors';
import { requireUser, signedIn } from '../../plugins/auth';
import { byBodyEmail, byIp, rateLimit } from '../../plugins/rate-limit';
import { callerOf } from '../access';
import { clientOf as client, REFRESH_COOKIE, sessionCookies } from './auth.cookies';
import { login } from './login.service';
import { changePassword, checkResetToken, forgotPassword, resetPassword } from './password.service';
import { endSession, endSessionByLink, listSessions, logout, refresh } from './sessions.service';
import { register, resendVerification, verifyEmail } from './sign-up.service';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const tags = ['auth'];
const bearer = [{ bearerAuth: [] }];

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const { config } = app.deps;

  const { clearRefreshCookie, signedInResponse } = sessionCookies(config);

  app.post(
    '/api/auth/register',
    {
      schema: {
        operationId: 'register',
        tags,
        security: [],
        problems: ['PASSWORD_TOO_WEAK', 'LICENCE_ALREADY_CLAIMED'],
        summary: 'Create a candidate or pro account; the verification email follows',
        description:
          'Answers 201 whether or not the email already has an account (its owner is emailed instead).',
        body: ZRegisterBody,
        response: { 201: z.object({ status: z.literal('verification_sent') }) },
      },
      preHandler: rateLimit(
        { name: 'register-ip', limit: 10, windowMs: HOUR, key: byIp },
        { name: 'register-email', limit: 3, windowMs: HOUR, key: byBodyEmail },
      ),
    },
    async (request, reply) => {
      await register(app.deps, request.body, client(request));
      return reply.code(201).send({ status: 'verification_sent' as const });
    },
  );

  app.post(
    '/api/auth/verify-email',
    {
      schema: {
        operationId: 'verifyEmail',
        tags,
        security: [],
        problems: ['INVALID_TOKEN', 'TOKEN_EXPIRED'],
        summary: 'Confirm the email address with the emailed token',
        body: ZTokenBody,
        response: { 204: z.null() },
      },
      preHandler: rateLimit({ name: 'verify-ip', limit: 30, windowMs: HOUR, key: byIp }),
    },
    async (request, reply) => {
      await verifyEmail(app.deps, request.body.token);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/auth/resend-verification',
    {
      schema: {
        operationId: 'resendVerification',
        tags,
        security: bearer,
        summary: 'Send a new verification email',
        response: { 204: z.null() },
      },
      onRequest: signedIn,
      preHandler: [
        rateLimit(
          { name: 'resend-ip', limit: 10, windowMs: HOUR, key: byIp },
          { name: 'resend-user', limit: 3, windowMs: HOUR, key: (request) => request.user?.id },
        ),
      ],
    },
    async (request, reply) => {
      await resendVerification(app.deps, callerOf(requireUser(request), request.ip));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/auth/login',
    {
      schema: {
        operationId: 'logIn',
        tags,
        security: [],
        problems: ['INVALID_CREDENTIALS', 'ACCOUNT_LOCKED', 'ACCOUNT_SUSPENDED'],
        summary: 'Log in: an access token, and the refresh token in a cookie',
        description:
          'An account with a second factor answers `second_factor_required` with a challenge instead: `POST /api/auth/second-factor` completes it.',
        body: ZLoginBody,
        response: { 200: ZLoginResult },
      },
      // Per email, failures are counted by the service with the address they come from: a limit on
      // every try for an email would let anyone lock its owner out.
      preHandler: rateLimit({ name: 'login-ip', limit: 50, windowMs: 15 * MINUTE, key: byIp }),
    },
    async (request, reply) => {
      const result = await login(app.deps, request.body, client(request));
      if ('status' in result) {
        reply.header('cache-control', 'no-store');
        return result;
      }
      return signedInResponse(reply, result);
    },
  );

  app.post(
    '/api/auth/refresh',
    {
      schema: {
        operationId: 'refreshSession',
        tags,
        // The refresh token travels in its cookie, not as a bearer token.
        security: [],
        problems: ['SESSION_EXPIRED', 'REFRESH_TOKEN_REUSED', 'ACCOUNT_SUSPENDED'],
        summary: 'Exchange the refresh cookie for a new access token (and a new cookie)',
        response: { 200: ZLoginResponse },
      },
      preHandler: rateLimit({ name: 'refresh-ip', limit: 300, windowMs: 15 * MINUTE, key: byIp }),
    },
    async (request, reply) => {
      const token = request.cookies[REFRESH_COOKIE];
      if (!token) throw new AppError('SESSION_EXPIRED');
      try {
        return signedInResponse(reply, await refresh(app.deps, token, client(request)));
      } catch (error) {
        clearRefreshCookie(reply);
        throw error;
      }
    },
  );

  app.post(
    '/api/auth/logout',
    {
      schema: {
        operationId: 'logOut',
        tags,
        security: [],
        summary: 'End this session',
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      const token = request.cookies[REFRESH_COOKIE];
      if (token) await logout(app.deps, token);
      clearRefreshCookie(reply);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/auth/forgot-password',
    {
      schema: {
        operationId: 'requestPasswordReset',
        tags,
        security: [],
        summary: 'Email a password reset link (202 whatever the email)',
        body: ZEmailBody,
        response: { 202: z.object({ status: z.literal('accepted') }) },
      },
      preHandler: rateLimit(
        { name: 'forgot-ip', limit: 10, windowMs: HOUR, key: byIp },
        { name: 'forgot-email', limit: 3, windowMs: HOUR, key: byBodyEmail },
      ),
    },
    async (request, reply) => {
      await forgotPassword(app.deps, request.body.email);
      return reply.code(202).send({ status: 'accepted' as const });
    },
  );

  app.post(
    '/api/auth/password-reset/check',
    {
      schema: {
        operationId: 'checkResetToken',
        tags,
        security: [],
        problems: ['INVALID_TOKEN', 'TOKEN_EXPIRED'],
        summary: 'Check that an emailed reset link can still be used, before asking for a password',
        description:
          '204 when the link is unused and unexpired; 400 INVALID_TOKEN or TOKEN_EXPIRED otherwise.',
        body: ZTokenBody,
        response: { 204: z.null() },
      },
      preHandler: rateLimit({ name: 'reset-check-ip', limit: 30, windowMs: HOUR, key: byIp }),
    },
    async (request, reply) => {
      await checkResetToken(app.deps, request.body.token);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/auth/reset-password',
    {
      schema: {
        operationId: 'resetPassword',
        tags,
        security: [],
        problems: ['INVALID_TOKEN', 'TOKEN_EXPIRED', 'PASSWORD_TOO_WEAK'],
        summary: 'Set a new password with the emailed token; ends every session',
        body: ZResetPasswordBody,
        response: { 204: z.null() },
      },
      preHandler: rateLimit({ name: 'reset-ip', limit: 30, windowMs: HOUR, key: byIp }),
    },
    async (request, reply) => {
      await resetPassword(app.deps, request.body.token, request.body.password);
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/api/me/password',
    {
      schema: {
        operationId: 'changePassword',
        tags,
        security: bearer,
        problems: ['WRONG_PASSWORD', 'PASSWORD_TOO_WEAK', 'STEP_UP_REQUIRED'],
        summary: 'Change the password (other sessions end)',
        body: ZChangePasswordBody,
        response: { 204: z.null() },
      },
      onRequest: signedIn,
      preHandler: [
        rateLimit({
          name: 'password-user',
          limit: 10,
          windowMs: 15 * MINUTE,
          key: (request) => request.user?.id,
        }),
      ],
    },
    async (request, reply) => {
      const user = requireUser(request);
      await changePassword(app.deps, callerOf(user, request.ip), user.sessionId, request.body);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/me/sessions',
    {
      schema: {
        operationId: 'listSessions',
        tags,
        security: bearer,
        summary: 'Active sessions (devices) of the user',
        response: { 200: z.object({ items: z.array(ZSession) }) },
      },
      onRequest: signedIn,
    },
    async (request) => {
      const user = requireUser(request);
      return { items: await listSessions(app.deps, callerOf(user, request.ip), user.sessionId) };
    },
  );

  app.delete(
    '/api/me/sessions/:id',
    {
      schema: {
        operationId: 'endSession',
        tags,
        security: bearer,
        problems: ['NOT_FOUND'],
        summary: 'End one session (log out that device)',
        params: z.object({ id: z.uuid() }),
        response: { 204: z.null() },
      },
      onRequest: signedIn,
    },
    async (request, reply) => {
      await endSession(app.deps, callerOf(requireUser(request), request.ip), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/auth/sessions/end',
    {
      schema: {
        operationId: 'endSessionByLink',
        tags,
        // The link of a sign-in alert: its owner may no longer be signed in anywhere.
        security: [],
        problems: ['INVALID_TOKEN', 'TOKEN_EXPIRED'],
        summary: 'End the session a sign-in alert speaks of, with the emailed token',
        description: 'The token works once, for 7 days; 204 also when the session had already ended.',
        body: ZEndSessionByLinkBody,
        response: { 204: z.null() },
      },
      preHandler: rateLimit({ name: 'end-session-ip', limit: 30, windowMs: HOUR, key: byIp }),
    },
    async (request, reply) => {
      await endSessionByLink(app.deps, request.body.token, request.ip);
      return reply.code(204).send(null);
    },
  );
};
