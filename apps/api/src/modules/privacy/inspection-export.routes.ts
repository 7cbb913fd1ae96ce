import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export const inspectionExportRoutes: FastifyPluginAsyncZod = async () => {};
