import { ZDashboard } from '@capitune/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireUser, signedIn } from '../../plugins/auth';
import { callerOf } from '../access';
import { getDashboard } from './dashboard.service';

export const dashboardRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/dashboard',
    {
      onRequest: signedIn,
      schema: {
        tags: ['dashboard'],
        operationId: 'getDashboard',
        security: [{ bearerAuth: [] }],
        summary: 'Progress, next actions, requests and recent notifications for the signed-in user',
        response: { 200: ZDashboard },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return getDashboard(app.deps, callerOf(user, request.ip), user.emailVerified);
    },
  );
};
