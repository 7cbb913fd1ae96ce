import { ZEmailFactorBody, ZSmsFactorConfirmBody, ZSmsFactorSetupBody, ZString } from '@capitune/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser, signedIn } from '../../plugins/auth';
import { rateLimit } from '../../plugins/rate-limit';
import { callerOf } from '../access';
import {
  changeEmailFactor,
  confirmSmsSetup,
  removeSmsFactor,
  startSmsSetup,
} from './contact-factors.service';

const MINUTE = 60_000;
const tags = ['auth'];
const bearer = [{ bearerAuth: [] }];
const caller = (request: FastifyRequest) => callerOf(requireUser(request), request.ip);

/** Email and SMS codes as a second factor, set up by the signed-in person after a fresh step-up. */
export const contactFactorsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.put(
    '/api/me/email-factor',
    {
      schema: {
        operationId: 'setEmailFactor',
        tags,
        security: bearer,
        problems: ['STEP_UP_REQUIRED', 'EMAIL_NOT_VERIFIED'],
        summary: 'Turn codes sent to the account’s email address on or off as a second factor',
        description: 'Needs a fresh step-up. The account’s address is told of the change.',
        body: ZEmailFactorBody,
        response: { 204: z.null() },
      },
      onRequest: signedIn,
    },
    async (request, reply) => {
      await changeEmailFactor(app.deps, caller(request), request.body.enabled);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/me/sms-factor/setup',
    {
      schema: {
        operationId: 'startSmsFactorSetup',
        tags,
        security: bearer,
        problems: ['STEP_UP_REQUIRED', 'SMS_UNAVAILABLE', 'RATE_LIMITED'],
        summary: 'Send a code by SMS to the number to confirm',
        description:
          'Needs a fresh step-up. The code is valid 10 minutes, from this session only; at most 5 codes an hour. 503 SMS_UNAVAILABLE when this installation sends no SMS.',
        body: ZSmsFactorSetupBody,
        response: { 202: z.object({ sentTo: ZString }) },
      },
      onRequest: signedIn,
    },
    async (request, reply) =>
      reply.code(202).send(await startSmsSetup(app.deps, caller(request), request.body.phone)),
  );

  app.post(
    '/api/me/sms-factor/confirm',
    {
      schema: {
        operationId: 'confirmSmsFactor',
        tags,
        security: bearer,
        problems: ['STEP_UP_REQUIRED'],
        summary: 'Confirm the number with the code it received: SMS codes are on',
        description: 'A wrong or expired code is a 400 with the field error `code_invalid` on `body.code`.',
        body: ZSmsFactorConfirmBody,
        response: { 204: z.null() },
      },
      onRequest: signedIn,
      // Each code dies after 5 wrong tries; this bounds the tries across codes.
      preHandler: rateLimit({
        name: 'sms-confirm-user',
        limit: 20,
        windowMs: 15 * MINUTE,
        key: (request) => request.user?.id,
      }),
    },
    async (request, reply) => {
      await confirmSmsSetup(app.deps, caller(request), request.body.code);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/api/me/sms-factor',
    {
      schema: {
        operationId: 'removeSmsFactor',
        tags,
        security: bearer,
        problems: ['STEP_UP_REQUIRED'],
        summary: 'Stop SMS codes and forget the number',
        response: { 204: z.null() },
      },
      onRequest: signedIn,
    },
    async (request, reply) => {
      await removeSmsFactor(app.deps, caller(request));
      return reply.code(204).send(null);
    },
  );
};
