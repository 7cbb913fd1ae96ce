import { ZDevEmail, ZDevSms } from '@capitune/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { latestEmails, latestSms } from './dev-mailbox.service';

/**
 * Embedded mode only: the latest emails of the outbox and the text messages of the SMS port, so that a
 * person trying CAPITUNE on their machine can open the links and read the codes they were sent. Never
 * registered in server mode (the paths are a 404 there).
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

  app.get(
    '/api/dev/sms',
    {
      schema: {
        operationId: 'listDevSms',
        tags: ['development'],
        security: [],
        summary: 'Latest text messages (embedded mode only)',
        response: { 200: z.object({ items: z.array(ZDevSms) }) },
      },
    },
    async () => ({ items: await latestSms(app.deps) }),
  );
};
