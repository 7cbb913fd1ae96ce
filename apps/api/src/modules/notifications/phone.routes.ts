import {
  ZNotificationPhone,
  ZNotificationPhoneBody,
  ZNotificationPhoneVerifyBody,
} from '@capitune/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser, signedIn } from '../../plugins/auth';
import { rateLimit } from '../../plugins/rate-limit';
import { callerOf } from '../access';
import { notificationPhone, removePhone, startPhoneVerification, verifyPhone } from './phone.service';

const MINUTE = 60_000;
const tags = ['notifications'];
const security = [{ bearerAuth: [] }];
const caller = (request: FastifyRequest) => callerOf(requireUser(request), request.ip);

/**
 * The number that receives notifications by text: any signed-in person's own (no role is refused, every
 * account has notifications). The opt-in is the code sent to the number.
 */
export const phoneRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', signedIn);

  app.get(
    '/api/me/phone',
    {
      schema: {
        operationId: 'getNotificationPhone',
        tags,
        security,
        summary: 'The number that receives notifications by text, its state and the texts left today',
        response: { 200: ZNotificationPhone },
      },
    },
    (request) => notificationPhone(app.deps, requireUser(request).id),
  );

  app.post(
    '/api/me/phone',
    {
      schema: {
        operationId: 'setNotificationPhone',
        tags,
        security,
        problems: ['SMS_UNAVAILABLE'],
        summary: 'Give the number to receive notifications by text: a code is sent to it',
        description:
          'The number stays pending (nothing is texted to it) until the code comes back through `POST /api/me/phone/verify`. The code is valid 10 minutes; at most 5 codes an hour per person and 10 a day per number (429 RATE_LIMITED). 503 SMS_UNAVAILABLE when this installation sends no text messages.',
        body: ZNotificationPhoneBody,
        response: { 200: ZNotificationPhone },
      },
      // The service's own limits count per person and per number; this one bounds a caller's bursts.
      preHandler: rateLimit({
        name: 'notification-phone-user',
        limit: 10,
        windowMs: 15 * MINUTE,
        key: (request) => request.user?.id,
      }),
    },
    (request) => startPhoneVerification(app.deps, caller(request), request.body.phone),
  );

  app.post(
    '/api/me/phone/verify',
    {
      schema: {
        operationId: 'verifyNotificationPhone',
        tags,
        security,
        problems: ['NO_PHONE_PENDING'],
        summary: 'Confirm the number with the code it received: notifications may be texted to it',
        description:
          'A wrong or expired code is a 400 VALIDATION_FAILED with the field error `code_invalid` on `body.code` (as the SMS factor); 409 NO_PHONE_PENDING when no number waits for a code. Confirming again after a STOP turns the texts back on.',
        body: ZNotificationPhoneVerifyBody,
        response: { 200: ZNotificationPhone },
      },
      // Each code dies after 5 wrong tries; this bounds the tries across codes.
      preHandler: rateLimit({
        name: 'notification-phone-verify-user',
        limit: 20,
        windowMs: 15 * MINUTE,
        key: (request) => request.user?.id,
      }),
    },
    (request) => verifyPhone(app.deps, caller(request), request.body.code),
  );

  app.delete(
    '/api/me/phone',
    {
      schema: {
        operationId: 'removeNotificationPhone',
        tags,
        security,
        summary: 'Stop notifications by text and forget the number',
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await removePhone(app.deps, caller(request));
      return reply.code(204).send(null);
    },
  );
};
