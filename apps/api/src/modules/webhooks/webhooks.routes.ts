import {
  ZWebhookDelivery,
  ZWebhookDeliveryPage,
  ZWebhookEndpoint,
  ZWebhookEndpointBody,
  ZWebhookEndpointList,
  ZWebhookEndpointUpdate,
  ZWebhookEndpointWithSecret,
  ZWebhookRotateBody,
} from '@capitune/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser, withRole } from '../../plugins/auth';
import { callerOf } from '../access';
import {
  createEndpoint,
  deleteEndpoint,
  listDeliveries,
  listEndpoints,
  MAX_ENDPOINTS_PER_FIRM,
  retryDelivery,
  rotateSecret,
  sendTestDelivery,
  updateEndpoint,
} from './webhooks.service';

const tags = ['webhooks'];
const security = [{ bearerAuth: [] }];
const ZFirmParams = z.object({ id: z.uuid() });
const ZEndpointParams = z.object({ id: z.uuid(), wid: z.uuid() });
const ZDeliveryParams = z.object({ id: z.uuid(), wid: z.uuid(), did: z.uuid() });
const ZDeliveryQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

const who =
  'Licensees of the firm only (a licence of their own): 403 for its agents, pros of other firms, candidates and admins; 404 for an unknown firm.';
const changes = `${who} A change needs the licence verified (403 PRO_NOT_VERIFIED).`;

/**
 * A firm's outgoing webhooks: its licensees register https endpoints of their own tools (or of an
 * automation service) for some event types, read the delivery log, and send a delivery again.
 */
export const webhooksRoutes: FastifyPluginAsyncZod = async (app) => {
  const pro = { onRequest: [withRole('pro')] };
  const caller = (request: FastifyRequest) => callerOf(requireUser(request), request.ip);

  app.get(
    '/api/firms/:id/webhooks',
    {
      ...pro,
      schema: {
        tags,
        operationId: 'listFirmWebhooks',
        problems: ['FORBIDDEN', 'NOT_FOUND'],
        security,
        summary: 'The firm’s webhook endpoints',
        description: who,
        params: ZFirmParams,
        response: { 200: ZWebhookEndpointList },
      },
    },
    (request) => listEndpoints(app.deps, caller(request), request.params.id),
  );

  app.post(
    '/api/firms/:id/webhooks',
    {
      ...pro,
      schema: {
        tags,
        operationId: 'createFirmWebhook',
        problems: [
          'FORBIDDEN',
          'PRO_NOT_VERIFIED',
          'NOT_FOUND',
          'STEP_UP_REQUIRED',
          'WEBHOOK_URL_NOT_ALLOWED',
          'CONFLICT',
        ],
        security,
        summary: 'Register a webhook endpoint; its signing secret is shown this once',
        description: `${changes} After a fresh proof of identity (401 STEP_UP_REQUIRED). The address must be https and its host public: 400 WEBHOOK_URL_NOT_ALLOWED for http, or a host resolving to a private, loopback or link-local address. At most ${MAX_ENDPOINTS_PER_FIRM} endpoints per firm (409 CONFLICT). Deliveries are signed per the Standard Webhooks specification with the \`whsec_\` secret answered here. Audited.`,
        params: ZFirmParams,
        body: ZWebhookEndpointBody,
        response: { 201: ZWebhookEndpointWithSecret },
      },
    },
    async (request, reply) => {
      const created = await createEndpoint(app.deps, caller(request), request.params.id, request.body);
      return reply.status(201).send(created);
    },
  );

  app.patch(
    '/api/firms/:id/webhooks/:wid',
    {
      ...pro,
      schema: {
        tags,
        operationId: 'updateFirmWebhook',
        problems: ['FORBIDDEN', 'PRO_NOT_VERIFIED', 'NOT_FOUND'],
        security,
        summary: 'Change an endpoint’s events or description, or turn it on or off',
        description: `${changes} Turned on again, its waiting deliveries are tried anew. Turning on or off is audited.`,
        params: ZEndpointParams,
        body: ZWebhookEndpointUpdate,
        response: { 200: ZWebhookEndpoint },
      },
    },
    (request) =>
      updateEndpoint(app.deps, caller(request), request.params.id, request.params.wid, request.body),
  );

  app.delete(
    '/api/firms/:id/webhooks/:wid',
    {
      ...pro,
      schema: {
        tags,
        operationId: 'deleteFirmWebhook',
        problems: ['FORBIDDEN', 'PRO_NOT_VERIFIED', 'NOT_FOUND'],
        security,
        summary: 'Remove an endpoint, with its delivery log',
        description: `${changes} Audited.`,
        params: ZEndpointParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await deleteEndpoint(app.deps, caller(request), request.params.id, request.params.wid);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/firms/:id/webhooks/:wid/rotate-secret',
    {
      ...pro,
      schema: {
        tags,
        operationId: 'rotateFirmWebhookSecret',
        problems: ['FORBIDDEN', 'PRO_NOT_VERIFIED', 'NOT_FOUND', 'STEP_UP_REQUIRED'],
        security,
        summary: 'A new signing secret, shown this once; the old one keeps signing for the overlap',
        description: `${changes} After a fresh proof of identity (401 STEP_UP_REQUIRED). For \`overlapHours\` (default 24, 0 for none) each delivery carries two signatures in \`webhook-signature\`, the new secret's and the old one's. Audited.`,
        params: ZEndpointParams,
        body: ZWebhookRotateBody,
        response: { 200: ZWebhookEndpointWithSecret },
      },
    },
    (request) => rotateSecret(app.deps, caller(request), request.params.id, request.params.wid, request.body),
  );

  app.post(
    '/api/firms/:id/webhooks/:wid/test',
    {
      ...pro,
      schema: {
        tags,
        operationId: 'testFirmWebhook',
        problems: ['FORBIDDEN', 'PRO_NOT_VERIFIED', 'NOT_FOUND', 'CONFLICT'],
        security,
        summary: 'Queue a `webhook.test` delivery to the endpoint',
        description: `${changes} 409 CONFLICT while the endpoint is turned off. The delivery appears in the log.`,
        params: ZEndpointParams,
        response: { 202: ZWebhookDelivery },
      },
    },
    async (request, reply) => {
      const delivery = await sendTestDelivery(
        app.deps,
        caller(request),
        request.params.id,
        request.params.wid,
      );
      return reply.status(202).send(delivery);
    },
  );

  app.get(
    '/api/firms/:id/webhooks/:wid/deliveries',
    {
      ...pro,
      schema: {
        tags,
        operationId: 'listFirmWebhookDeliveries',
        problems: ['FORBIDDEN', 'NOT_FOUND', 'INVALID_CURSOR'],
        security,
        summary: 'The endpoint’s delivery log, newest first, with each attempt’s response code',
        description: `${who} Keyset pages (\`cursor\`, \`limit\` ≤ 100).`,
        params: ZEndpointParams,
        querystring: ZDeliveryQuery,
        response: { 200: ZWebhookDeliveryPage },
      },
    },
    (request) =>
      listDeliveries(app.deps, caller(request), request.params.id, request.params.wid, request.query),
  );

  app.post(
    '/api/firms/:id/webhooks/:wid/deliveries/:did/retry',
    {
      ...pro,
      schema: {
        tags,
        operationId: 'retryFirmWebhookDelivery',
        problems: ['FORBIDDEN', 'PRO_NOT_VERIFIED', 'NOT_FOUND', 'WEBHOOK_DELIVERY_PENDING'],
        security,
        summary: 'Send a delivered or failed delivery again',
        description: `${changes} A new series of attempts of the same delivery (the same \`webhook-id\`), from now; 409 WEBHOOK_DELIVERY_PENDING while it is still being tried.`,
        params: ZDeliveryParams,
        response: { 200: ZWebhookDelivery },
      },
    },
    (request) =>
      retryDelivery(app.deps, caller(request), request.params.id, request.params.wid, request.params.did),
  );
};
