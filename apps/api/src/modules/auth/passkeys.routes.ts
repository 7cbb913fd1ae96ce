import {
  ZLoginResponse,
  ZPasskey,
  ZPasskeyRegistrationBody,
  ZPasskeyRenameBody,
  ZPasskeySignInBody,
  ZPasskeySignInOptions,
  ZWebAuthnOptions,
} from '@capitune/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser, signedIn } from '../../plugins/auth';
import { byIp, rateLimit } from '../../plugins/rate-limit';
import { callerOf } from '../access';
import { clientOf, sessionCookies } from './auth.cookies';
import {
  listPasskeys,
  passkeyRegistrationOptions,
  passkeySignInOptions,
  registerPasskey,
  removePasskey,
  renamePasskey,
  signInWithPasskey,
} from './passkeys.service';

const MINUTE = 60_000;
const tags = ['auth'];
const bearer = [{ bearerAuth: [] }];
const byUser = (request: FastifyRequest) => request.user?.id;

const caller = (request: FastifyRequest) => callerOf(requireUser(request), request.ip);

/** Passkeys (WebAuthn): registering and managing them, and signing in with one alone. */
export const passkeysRoutes: FastifyPluginAsyncZod = async (app) => {
  const { signedInResponse } = sessionCookies(app.deps.config);

  app.post(
    '/api/me/passkeys/options',
    {
      schema: {
        operationId: 'passkeyRegistrationOptions',
        tags,
        security: bearer,
        problems: ['STEP_UP_REQUIRED'],
        summary: 'Options to create a passkey (for `startRegistration` of @simplewebauthn/browser)',
        description: 'The challenge is valid 5 minutes, once. Needs a fresh step-up.',
        response: { 200: ZWebAuthnOptions },
      },
      onRequest: signedIn,
      preHandler: rateLimit({ name: 'passkey-options-user', limit: 30, windowMs: 15 * MINUTE, key: byUser }),
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return passkeyRegistrationOptions(app.deps, caller(request));
    },
  );

  app.post(
    '/api/me/passkeys',
    {
      schema: {
        operationId: 'registerPasskey',
        tags,
        security: bearer,
        problems: ['STEP_UP_REQUIRED', 'PASSKEY_REGISTRATION_FAILED', 'CONFLICT'],
        summary: 'Register the passkey the browser created, with a name',
        body: ZPasskeyRegistrationBody,
        response: { 201: ZPasskey },
      },
      onRequest: signedIn,
    },
    async (request, reply) =>
      reply.code(201).send(await registerPasskey(app.deps, caller(request), request.body)),
  );

  app.get(
    '/api/me/passkeys',
    {
      schema: {
        operationId: 'listPasskeys',
        tags,
        security: bearer,
        summary: 'The passkeys of the user, oldest first',
        response: { 200: z.object({ items: z.array(ZPasskey) }) },
      },
      onRequest: signedIn,
    },
    async (request) => ({ items: await listPasskeys(app.deps, caller(request)) }),
  );

  app.patch(
    '/api/me/passkeys/:id',
    {
      schema: {
        operationId: 'renamePasskey',
        tags,
        security: bearer,
        problems: ['NOT_FOUND'],
        summary: 'Rename one of the user’s passkeys',
        params: z.object({ id: z.uuid() }),
        body: ZPasskeyRenameBody,
        response: { 200: ZPasskey },
      },
      onRequest: signedIn,
    },
    async (request) => renamePasskey(app.deps, caller(request), request.params.id, request.body.name),
  );

  app.delete(
    '/api/me/passkeys/:id',
    {
      schema: {
        operationId: 'removePasskey',
        tags,
        security: bearer,
        problems: ['NOT_FOUND', 'STEP_UP_REQUIRED', 'LAST_FACTOR_REQUIRED'],
        summary: 'Remove one of the user’s passkeys',
        description:
          'Needs a fresh step-up. An account that must keep a second factor keeps its last passkey unless its authenticator app is set up (409 LAST_FACTOR_REQUIRED).',
        params: z.object({ id: z.uuid() }),
        response: { 204: z.null() },
      },
      onRequest: signedIn,
    },
    async (request, reply) => {
      await removePasskey(app.deps, caller(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/auth/passkey/options',
    {
      schema: {
        operationId: 'passkeySignInOptions',
        tags,
        security: [],
        summary: 'Options to sign in with a passkey alone (for `startAuthentication`)',
        description:
          'Any passkey of this site may answer (discoverable credentials); send the answer with `challengeId` within 5 minutes.',
        response: { 200: ZPasskeySignInOptions },
      },
      preHandler: rateLimit({
        name: 'passkey-sign-in-options-ip',
        limit: 60,
        windowMs: 15 * MINUTE,
        key: byIp,
      }),
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      return passkeySignInOptions(app.deps);
    },
  );

  app.post(
    '/api/auth/passkey',
    {
      schema: {
        operationId: 'signInWithPasskey',
        tags,
        security: [],
        problems: ['SECOND_FACTOR_INVALID', 'ACCOUNT_SUSPENDED'],
        summary: 'Sign in with a passkey alone: an access token, and the refresh token in a cookie',
        body: ZPasskeySignInBody,
        response: { 200: ZLoginResponse },
      },
      preHandler: rateLimit({ name: 'passkey-sign-in-ip', limit: 50, windowMs: 15 * MINUTE, key: byIp }),
    },
    async (request, reply) =>
      signedInResponse(reply, await signInWithPasskey(app.deps, request.body, clientOf(request))),
  );
};
