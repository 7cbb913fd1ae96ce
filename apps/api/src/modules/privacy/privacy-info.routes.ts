import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export const privacyInfoRoutes: FastifyPluginAsyncZod = async () => {};
