import { ZAdminStats, ZAdminStatsQuery, ZString } from '@capitune/contracts';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireUser, withRole } from '../../plugins/auth';
import { type Caller, callerOf } from '../access';
import { platformStats, platformStatsCsv } from './stats.service';

const tags = ['admin'];
const security = [{ bearerAuth: [] }];

const caller = (request: FastifyRequest): Caller => callerOf(requireUser(request), request.ip);

/** The platform statistics: admins only (401 for nobody, 403 for candidates and pros). */
export const adminStatsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', withRole('admin'));

  app.get(
    '/api/admin/stats',
    {
      schema: {
        tags,
        security,
        summary:
          'Platform statistics over the last 30, 90 or 365 days, as last computed (every 5 minutes; computedAt says when)',
        operationId: 'getPlatformStats',
        problems: ['FORBIDDEN'],
        querystring: ZAdminStatsQuery,
        response: { 200: ZAdminStats },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return platformStats(app.deps, caller(request), request.query.days);
    },
  );

  app.get(
    '/api/admin/stats.csv',
    {
      schema: {
        tags,
        security,
        summary: 'The same statistics as CSV for spreadsheets: metric, dimension, day, value',
        operationId: 'exportPlatformStats',
        problems: ['FORBIDDEN'],
        querystring: ZAdminStatsQuery,
        // For OpenAPI only: the text is sent as it is, not through the JSON serialiser.
        response: { 200: ZString.describe('text/csv') },
      },
    },
    async (request, reply) => {
      const file = await platformStatsCsv(app.deps, caller(request), request.query.days);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .header('cache-control', 'no-store')
        .send(file.body);
    },
  );
};
