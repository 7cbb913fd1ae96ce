import { ZDevEmail } from '@capitune/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { latestEmails } from './dev-mailbox.service';

/**
 * Embedded mode only: the latest emails of the outbox, so that a person trying CAPITUNE on their
 * machine can open the links they were sent. Never registered in server mode (the path is a 404 there).
 */
export const devMailboxRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/dev/mailbox',
    {
      schema: {
        operationId: 'listDevEmails',
        tags: ['development'],
        security: [],
        summary: 'Latest emails (embedded mode only)',
        response: { 200: z.object({ items: z.array(ZDevEmail) }) },
      },
    },
    async () => ({ items: await latestEmails(app.deps) }),
  );
};
