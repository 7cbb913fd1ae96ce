import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export const retentionRoutes: FastifyPluginAsyncZod = async () => {};
