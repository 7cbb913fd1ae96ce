import type { AppErrorCode } from '@capitune/contracts';
import * as contracts from '@capitune/contracts';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, RouteOptions } from 'fastify';
import {
  createJsonSchemaTransform,
  createJsonSchemaTransformObject,
  jsonSchemaTransform,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { openDuringSetup } from './auth';
import { isRateLimited } from './rate-limit';

declare module 'fastify' {
  interface FastifySchema {
    /**
     * The problem codes this route answers beyond those documented for every route by what it declares:
     * a malformed request (BAD_REQUEST), its input (VALIDATION_FAILED), a body of a method that may have
     * one (INVALID_JSON, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE), its `security` (UNAUTHENTICATED,
     * SESSION_EXPIRED, and TWO_FACTOR_SETUP_REQUIRED unless it stays open during that setup), a route rate limit (RATE_LIMITED), and INTERNAL and SERVICE_UNAVAILABLE. Listed in the OpenAPI document under
     * their statuses, so that a generated client knows every answer.
     */
    problems?: readonly AppErrorCode[];
  }
}

/**
 * The contracts' object schemas, named in the document (`ZDossier` → `Dossier`) and referenced where
 * used, so that a generated client has named types. A registry of its own: the run-time validators and
 * serializers compile the same schemas without references.
 */
const documentSchemas = z.registry<{ id: string }>();
for (const [name, value] of Object.entries(contracts)) {
  if (!/^Z[A-Z]/.test(name) || !(value instanceof z.ZodObject) || documentSchemas.has(value)) continue;
  // A schema's request side is named `<id>Input` by the transform: `ZReferenceInput` must not take that name.
  const id = name.endsWith('Input') ? `${name.slice(1, -'Input'.length)}Entry` : name.slice(1);
  documentSchemas.add(value, { id });
}
const toJsonSchema = createJsonSchemaTransform({ schemaRegistry: documentSchemas });
const namedSchemas = createJsonSchemaTransformObject({ schemaRegistry: documentSchemas });

type OpenApiDocument = ReturnType<typeof namedSchemas>;

/** Keeps the named schemas that an operation uses, directly or through another schema. */
function withoutUnusedSchemas(document: OpenApiDocument): OpenApiDocument {
  const doc = document as { paths?: unknown; components?: { schemas?: Record<string, unknown> } };
  const schemas = doc.components?.schemas;
  if (!schemas) return document;
  const used = new Set<string>();
  const visit = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        const name = key === '$ref' && typeof inner === 'string' ? inner.split('/').pop() : undefined;
        if (name && !used.has(name)) {
          used.add(name);
          visit(schemas[name]);
        } else visit(inner);
      }
    }
  };
  visit(doc.paths);
  return {
    ...document,
    components: {
      ...doc.components,
      schemas: Object.fromEntries(Object.entries(schemas).filter(([n]) => used.has(n))),
    },
  } as OpenApiDocument;
}

const PROBLEM_REF = '#/components/schemas/Problem';
/** The problems of one status: the Problem schema, its `code` narrowed to those the route can answer. */
const problemResponse = (codes: readonly AppErrorCode[]) => ({
  description: `Problem: ${codes.join(', ')}`,
  content: {
    'application/problem+json': {
      schema: { allOf: [{ $ref: PROBLEM_REF }, { type: 'object', properties: { code: { enum: codes } } }] },
    },
  },
});

type TransformInput = Parameters<typeof jsonSchemaTransform>[0] & { route: RouteOptions };

/** The problem codes a route can answer, from what it declares and its own `problems`. */
function problemsOf(schema: Record<string, unknown>, route: RouteOptions): AppErrorCode[] {
  // A malformed request (a broken URL, an empty JSON body) is a BAD_REQUEST on any route.
  const codes: AppErrorCode[] = ['BAD_REQUEST'];
  if (schema.body || schema.querystring || schema.params || schema.headers) codes.push('VALIDATION_FAILED');
  // Any method that may carry a body has it parsed by its content type, whether the route reads it or not.
  const methods = [route.method].flat();
  if (methods.some((method) => !['GET', 'HEAD', 'OPTIONS'].includes(method)))
    codes.push('INVALID_JSON', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE');
  const security = schema.security as unknown[] | undefined;
  if (security && security.length > 0) codes.push('UNAUTHENTICATED', 'SESSION_EXPIRED');
  if (security && security.length > 0 && !methods.every((method) => openDuringSetup(method, route.url)))
    codes.push('TWO_FACTOR_SETUP_REQUIRED');
  const hooks = [route.onRequest, route.preValidation, route.preHandler].flat().filter(Boolean);
  if (hooks.some((hook) => isRateLimited(hook))) codes.push('RATE_LIMITED');
  codes.push(...((schema.problems as AppErrorCode[] | undefined) ?? []), 'INTERNAL', 'SERVICE_UNAVAILABLE');
  return [...new Set(codes)];
}

/**
 * zod's schemas to JSON Schema (fastify-type-provider-zod), then every problem the route can answer as a
 * `application/problem+json` response, grouped by status. The document only: at run time problems are
 * written by the error handler, whatever a route declares.
 */
function transform(input: TransformInput) {
  const { route } = input;
  const transformed = toJsonSchema(input);
  // Parameters are listed one by one, never by reference: their schemas come without the named components.
  const inline = jsonSchemaTransform(input).schema as Record<string, unknown> | undefined;
  const schema: Record<string, unknown> = {
    ...((transformed.schema ?? {}) as Record<string, unknown>),
    querystring: inline?.querystring,
    params: inline?.params,
    headers: inline?.headers,
  };
  for (const part of ['querystring', 'params', 'headers'] as const)
    if (schema[part] === undefined) delete schema[part];
  if (schema.hide) return transformed;
  const byStatus = new Map<number, AppErrorCode[]>();
  for (const code of problemsOf(schema, route)) {
    const status = contracts.appErrorStatus[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const response = { ...((schema.response as Record<string, unknown>) ?? {}) };
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    response[status] = problemResponse(codes);
  }
  const { problems: _listed, ...rest } = schema;
  return { ...transformed, schema: { ...rest, response } };
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
        license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
      },
      // Relative: the API answers on the origin that serves this document.
      servers: [{ url: '/', description: 'This CAPITUNE instance' }],
      components: {
        securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      },
    },
    transform: transform as typeof jsonSchemaTransform,
    transformObject: (input) => withoutUnusedSchemas(namedSchemas(input)),
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
