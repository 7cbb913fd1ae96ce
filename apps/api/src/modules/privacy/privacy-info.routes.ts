import { ZPrivacyInfo } from '@capitune/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { privacyInfo } from './privacy-info.service';

/** `GET /api/privacy`: public, as the policy it backs. */
export const privacyInfoRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/privacy',
    {
      schema: {
        operationId: 'getPrivacyInfo',
        tags: ['privacy'],
        security: [],
        summary:
          'The privacy officer and how to reach them, the versions of the terms and policy, where data is stored, and the retention periods',
        response: { 200: ZPrivacyInfo },
      },
    },
    async () => privacyInfo(app.deps.config),
  );
};
