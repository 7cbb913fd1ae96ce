import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export const incidentsRoutes: FastifyPluginAsyncZod = async () => {};
