import {
  ZFactorStart,
  ZLoginResponse,
  ZRecoveryCodes,
  ZSecondFactorBody,
  ZSecondFactorStartBody,
  ZSecurityOverview,
  ZStepUpBody,
  ZStepUpResult,
  ZStepUpStartBody,
  ZTotpConfirmBody,
  ZTotpSetup,
} from '@capitune/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser, signedIn } from '../../plugins/auth';
import { byIp, rateLimit } from '../../plugins/rate-limit';
import { callerOf } from '../access';
import { clientOf, sessionCookies } from './auth.cookies';
import { regenerateRecoveryCodes } from './recovery-codes.service';
import { completeSecondFactor, startSecondFactor, startStepUp, stepUp } from './second-factor.service';
import { confirmTotp, removeTotp, setUpTotp } from './totp.service';
import { securityOverview } from './two-factor-policy.service';

const MINUTE = 60_000;
const tags = ['auth'];
const bearer = [{ bearerAuth: [] }];
const byUser = (request: FastifyRequest) => request.user?.id;
const caller = (request: FastifyRequest) => callerOf(requireUser(request), request.ip);

/**
 * Second factors: completing a sign-in with one, stepping up before a sensitive action, the
 * authenticator app and recovery codes, and the account's security overview.
 */
export const securityRoutes: FastifyPluginAsyncZod = async (app) => {
  const { signedInResponse } = sessionCookies(app.deps.config);

  // ————— Sign-in —————

  app.post(
    '/api/auth/second-factor/start',
    {
      schema: {
        operationId: 'startSecondFactor',
        tags,
        security: [],
        problems: ['SECOND_FACTOR_EXPIRED', 'ACCOUNT_SUSPENDED', 'SMS_UNAVAILABLE'],
        summary:
          'Send the email or SMS code, or get the passkey options, for a sign-in waiting for its factor',
        body: ZSecondFactorStartBody,
        response: { 200: ZFactorStart },
      },
      preHandler: rateLimit({ name: 'second-factor-start-ip', limit: 20, windowMs: 15 * MINUTE, key: byIp }),
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return startSecondFactor(app.deps, request.body.challengeId, request.body.method);
    },
  );

  app.post(
    '/api/auth/second-factor',
    {
      schema: {
        operationId: 'completeSecondFactor',
        tags,
        security: [],
        problems: ['SECOND_FACTOR_INVALID', 'SECOND_FACTOR_EXPIRED', 'ACCOUNT_LOCKED', 'ACCOUNT_SUSPENDED'],
        summary:
          'Complete a sign-in with its second factor: an access token, and the refresh token in a cookie',
        description:
          'A wrong, used or foreign code or passkey answers 401 SECOND_FACTOR_INVALID and counts as a failed login; after five wrong answers, or 10 minutes, the sign-in is over (401 SECOND_FACTOR_EXPIRED).',
        body: ZSecondFactorBody,
        response: { 200: ZLoginResponse },
      },
      preHandler: rateLimit({ name: 'second-factor-ip', limit: 50, windowMs: 15 * MINUTE, key: byIp }),
    },
    async (request, reply) =>
      signedInResponse(reply, await completeSecondFactor(app.deps, request.body, clientOf(request))),
  );

  // ————— Step-up —————

  app.post(
    '/api/auth/step-up/start',
    {
      schema: {
        operationId: 'startStepUp',
        tags,
        security: bearer,
        problems: ['SMS_UNAVAILABLE'],
        summary: 'Send the email or SMS code, or get the passkey options, to confirm it is you',
        body: ZStepUpStartBody,
        response: { 200: ZFactorStart },
      },
      onRequest: signedIn,
      preHandler: rateLimit(
        { name: 'step-up-start-ip', limit: 30, windowMs: 15 * MINUTE, key: byIp },
        { name: 'step-up-start-user', limit: 10, windowMs: 15 * MINUTE, key: byUser },
      ),
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return startStepUp(app.deps, caller(request), request.body.method);
    },
  );

  app.post(
    '/api/auth/step-up',
    {
      schema: {
        operationId: 'stepUp',
        tags,
        security: bearer,
        problems: ['SECOND_FACTOR_INVALID', 'ACCOUNT_LOCKED'],
        summary: 'Confirm it is you: sensitive actions are open for 10 minutes',
        description:
          'With a second factor, or the password for an account that has none. A wrong proof answers 401 SECOND_FACTOR_INVALID and counts as a failed login.',
        body: ZStepUpBody,
        response: { 200: ZStepUpResult },
      },
      onRequest: signedIn,
      preHandler: rateLimit(
        { name: 'step-up-ip', limit: 50, windowMs: 15 * MINUTE, key: byIp },
        { name: 'step-up-user', limit: 20, windowMs: 15 * MINUTE, key: byUser },
      ),
    },
    async (request) => stepUp(app.deps, caller(request), request.body),
  );

  // ————— The account's factors —————

  app.get(
    '/api/me/security',
    {
      schema: {
        operationId: 'getSecurityOverview',
        tags,
        security: bearer,
        summary: 'The second factors of the account, its two-factor policy and its step-up state',
        response: { 200: ZSecurityOverview },
      },
      onRequest: signedIn,
    },
    async (request) => securityOverview(app.deps, caller(request)),
  );

  app.post(
    '/api/me/totp/setup',
    {
      schema: {
        operationId: 'setUpTotp',
        tags,
        security: bearer,
        problems: ['STEP_UP_REQUIRED', 'TOTP_ALREADY_ENABLED'],
        summary: 'Start setting up an authenticator app: its secret, as text and as a QR code',
        description:
          'Needs a fresh step-up. Replaces a setup not yet confirmed; an authenticator already confirmed answers 409 TOTP_ALREADY_ENABLED.',
        response: { 200: ZTotpSetup },
      },
      onRequest: signedIn,
      preHandler: rateLimit({ name: 'totp-setup-user', limit: 10, windowMs: 15 * MINUTE, key: byUser }),
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return setUpTotp(app.deps, caller(request));
    },
  );

  app.post(
    '/api/me/totp/confirm',
    {
      schema: {
        operationId: 'confirmTotp',
        tags,
        security: bearer,
        problems: ['NOT_FOUND', 'TOTP_ALREADY_ENABLED', 'CONFLICT'],
        summary: 'Turn the authenticator on with its first code; recovery codes are shown once',
        description:
          'A wrong code is a 400 on `body.code` (`code_invalid`). Ten recovery codes come back when the account has none left unused, otherwise none.',
        body: ZTotpConfirmBody,
        response: { 200: ZRecoveryCodes },
      },
      onRequest: signedIn,
      preHandler: rateLimit({ name: 'totp-confirm-user', limit: 10, windowMs: 15 * MINUTE, key: byUser }),
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return confirmTotp(app.deps, caller(request), request.body.code);
    },
  );

  app.delete(
    '/api/me/totp',
    {
      schema: {
        operationId: 'removeTotp',
        tags,
        security: bearer,
        problems: ['STEP_UP_REQUIRED', 'LAST_FACTOR_REQUIRED'],
        summary: 'Remove the authenticator app',
        description:
          'Needs a fresh step-up. An account that must keep a second factor keeps its authenticator unless a passkey remains (409 LAST_FACTOR_REQUIRED).',
        response: { 204: z.null() },
      },
      onRequest: signedIn,
    },
    async (request, reply) => {
      await removeTotp(app.deps, caller(request));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/me/recovery-codes',
    {
      schema: {
        operationId: 'regenerateRecoveryCodes',
        tags,
        security: bearer,
        problems: ['STEP_UP_REQUIRED'],
        summary: 'Ten new recovery codes, shown once; the old ones stop working',
        description: 'Needs a fresh step-up.',
        response: { 200: ZRecoveryCodes },
      },
      onRequest: signedIn,
      preHandler: rateLimit({ name: 'recovery-codes-user', limit: 10, windowMs: 15 * MINUTE, key: byUser }),
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return regenerateRecoveryCodes(app.deps, caller(request));
    },
  );
};
