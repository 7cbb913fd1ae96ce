import { ZPushSubscription, ZPushSubscriptionBody, ZPushSubscriptions } from '@capitune/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser, signedIn } from '../../plugins/auth';
import { rateLimit } from '../../plugins/rate-limit';
import { listPushSubscriptions, subscribePush, unsubscribePush } from './push-subscriptions.service';

const tags = ['notifications'];
const security = [{ bearerAuth: [] }];
const HOUR = 60 * 60_000;

/** Web push on the signed-in person's devices: the browsers they subscribed from their profile. */
export const pushSubscriptionsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', signedIn);

  app.get(
    '/api/me/push-subscriptions',
    {
      schema: {
        operationId: 'listPushSubscriptions',
        tags,
        security,
        summary: 'The devices that receive web push, and the key to subscribe a new one with',
        description:
          '`vapidPublicKey` is the server’s VAPID key for `pushManager.subscribe({ applicationServerKey })`; null when this server sends no web push.',
        response: { 200: ZPushSubscriptions },
      },
    },
    (request) => listPushSubscriptions(app.deps, requireUser(request).id),
  );

  app.post(
    '/api/me/push-subscriptions',
    {
      schema: {
        operationId: 'createPushSubscription',
        tags,
        security,
        summary: 'Receive web push on this browser (the body is `PushSubscription.toJSON()`)',
        description:
          'The keys must be a P-256 public key on the curve (65 bytes) and a 16-byte secret, else 400 VALIDATION_FAILED; the endpoint an https address of a public host, else 400 WEBHOOK_URL_NOT_ALLOWED. An endpoint given again is updated (and moves to the caller). At most 20 devices per person: the oldest goes. At most 60 subscriptions an hour per person.',
        body: ZPushSubscriptionBody,
        response: { 201: ZPushSubscription },
        problems: ['VALIDATION_FAILED', 'WEBHOOK_URL_NOT_ALLOWED', 'PUSH_UNAVAILABLE', 'RATE_LIMITED'],
      },
      // Each subscription resolves the endpoint's host name: bounded, so it is no probe of names.
      preHandler: rateLimit({
        name: 'push-subscribe-user',
        limit: 60,
        windowMs: HOUR,
        key: (request) => request.user?.id,
      }),
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await subscribePush(app.deps, requireUser(request).id, request.body, request.headers['user-agent']),
        ),
  );

  app.delete(
    '/api/me/push-subscriptions/:id',
    {
      schema: {
        operationId: 'deletePushSubscription',
        tags,
        security,
        summary: 'Stop web push on one device',
        params: z.object({ id: z.uuid() }),
        response: { 204: z.null() },
        problems: ['NOT_FOUND'],
      },
    },
    async (request, reply) => {
      await unsubscribePush(app.deps, requireUser(request).id, request.params.id);
      return reply.code(204).send(null);
    },
  );
};
