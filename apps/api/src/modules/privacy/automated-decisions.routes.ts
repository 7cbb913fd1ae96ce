import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export const automatedDecisionsRoutes: FastifyPluginAsyncZod = async () => {};
