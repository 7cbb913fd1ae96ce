import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { shortLinkTarget } from './short-link.service';

/**
 * `GET /l/{code}`: the short link of a text message (`PUBLIC_URL/l/<code>`), outside `/api` to stay
 * short. A 302 to the page: the web app's sign-in keeps it (`?redirect=`) when no one is signed in.
 */
export const shortLinkRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/l/:code',
    {
      schema: {
        operationId: 'followShortLink',
        tags: ['notifications'],
        security: [],
        summary: 'A text message’s short link: a redirect to the notification’s page',
        description:
          'Signed, not stored: a code that is not ours (or whose notification is gone) leads to the home page.',
        params: z.object({ code: z.string().max(200) }),
        response: { 302: z.null().describe('Location: the page') },
      },
    },
    async (request, reply) => {
      const target = await shortLinkTarget(app.deps, request.params.code);
      return reply.header('cache-control', 'no-store').redirect(target, 302);
    },
  );
};
