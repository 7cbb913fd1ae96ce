import { ZDeliveryPage, ZDeliveryQuery } from '@capitune/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { withRole } from '../../plugins/auth';
import { listDeliveries } from './deliveries.service';

const tags = ['admin', 'notifications'];
const security = [{ bearerAuth: [] }];

/** The notification delivery log: admins only (401 for nobody, 403 for candidates and pros). */
export const deliveriesRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', withRole('admin'));

  app.get(
    '/api/admin/deliveries',
    {
      schema: {
        tags,
        security,
        summary:
          'The notification delivery log (one notification on one channel: queued, waiting, sent, failed with its reason, skipped), newest first; never the text',
        operationId: 'listNotificationDeliveries',
        problems: ['FORBIDDEN', 'INVALID_CURSOR'],
        querystring: ZDeliveryQuery,
        response: { 200: ZDeliveryPage },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return listDeliveries(app.deps, request.query);
    },
  );
};
