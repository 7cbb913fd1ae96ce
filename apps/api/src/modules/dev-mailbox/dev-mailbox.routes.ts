import { ZDevEmail } from '@capitune/contracts';
import { desc } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { outbox } from '../../db/schema';

/**
 * Embedded mode only: the latest emails of the outbox, so that a person trying CAPITUNE on their
 * machine can open the links they were sent. Never registered in server mode (the path is a 404 there).
 */
export const devMailboxRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/dev/mailbox',
    {
      schema: {
        tags: ['development'],
        summary: 'Latest emails (embedded mode only)',
        response: { 200: z.object({ items: z.array(ZDevEmail) }) },
      },
    },
    async () => {
      const rows = await app.deps.db.select().from(outbox).orderBy(desc(outbox.createdAt)).limit(50);
      return {
        items: rows.map((row) => ({
          id: row.id,
          to: row.toAddress,
          subject: row.subject,
          text: row.text,
          html: row.html,
          createdAt: row.createdAt.toISOString(),
        })),
      };
    },
  );
};
