import type { AppErrorCode } from '@capitune/contracts';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

declare module 'fastify' {
  interface FastifySchema {
    /**
     * The problem codes this route answers beyond those every route documents by itself (validation of
     * its input, authentication where it has `security`, rate limits, 500 and 503): documented in the
     * OpenAPI document under their statuses.
     */
    problems?: readonly AppErrorCode[];
  }
}

/** OpenAPI 3 generated from the route schemas, at `/api/openapi.json`, with a browsable UI at `/api/docs`. */
export async function registerOpenApi(app: FastifyInstance, version: string) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'CAPITUNE API',
        description:
          'The API of CAPITUNE. Every error is `application/problem+json` (RFC 9457) with a stable `code`.',
        version,
      },
      components: {
        securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
