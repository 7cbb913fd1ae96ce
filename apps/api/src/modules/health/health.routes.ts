import { ZHealth, ZReadiness } from '@capitune/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sendProblem } from '../../lib/errors';
import { pingDatabase } from '../../platform/db/database';

export const healthRoutes: FastifyPluginAsyncZod<{ version: string; isShuttingDown: () => boolean }> = async (
  app,
  options,
) => {
  app.get(
    '/api/health',
    {
      schema: {
        operationId: 'getHealth',
        tags: ['operations'],
        security: [],
        summary: 'Liveness: the process is up and answering',
        response: { 200: ZHealth },
      },
    },
    async () => ({
      status: 'ok' as const,
      version: options.version,
      uptimeSeconds: Math.round(process.uptime()),
    }),
  );

  app.get(
    '/api/ready',
    {
      schema: {
        operationId: 'getReadiness',
        tags: ['operations'],
        security: [],
        // 503 SERVICE_UNAVAILABLE (shutting down, database unreachable) is documented for every route.
        summary: 'Readiness: the database answers and the instance is not shutting down',
        response: { 200: ZReadiness },
      },
    },
    async (_request, reply) => {
      // Told when to ask again, as after any other 503.
      const notReady = (detail: string) =>
        sendProblem(reply.header('retry-after', '5'), 'SERVICE_UNAVAILABLE', { detail });
      if (options.isShuttingDown()) return notReady('This instance is shutting down');
      if (!(await pingDatabase(app.deps.pool))) return notReady('The database is not reachable');
      return { status: 'ready' as const, checks: { database: 'up' as const } };
    },
  );
};
