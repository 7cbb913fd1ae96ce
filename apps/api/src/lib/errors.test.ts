import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestApp, type TestApp } from '../../test/app';
import { AppError } from './errors';

/** Routes that exist only in this test, to drive every branch of the error handler. */
function addProbeRoutes(app: FastifyInstance) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.post(
    '/api/test/echo',
    {
      schema: {
        body: z.strictObject({ email: z.email(), age: z.number().int().min(18) }),
        querystring: z.object({ limit: z.coerce.number().int().max(100).optional() }),
      },
    },
    async (request) => request.body,
  );
  typed.get('/api/test/app-error', async () => {
    throw new AppError('CONFLICT', 'That name is taken');
  });
  typed.get('/api/test/crash', async () => {
    throw new Error('secret internal detail');
  });
  typed.get('/api/test/database-down', async () => {
    throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
  });
  typed.get('/api/test/items/:id', { schema: { params: z.object({ id: z.string() }) } }, async () => ({}));
  // A multipart route as the upload routes read theirs: every part in turn, each file read to the end.
  app.register(async (scope) => {
    await scope.register(multipart);
    scope.post('/api/test/multipart', async (request) => {
      const names: string[] = [];
      for await (const part of request.parts()) {
        names.push(part.fieldname);
        if (part.type === 'file') await part.toBuffer();
      }
      return { names };
    });
  });
  typed.get('/api/test/database-down-wrapped', async () => {
    // What drizzle throws: its own error, the driver's as the cause.
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    throw new Error('Failed query: select 1', { cause });
  });
}

describe('error handling', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ beforeReady: addProbeRoutes });
  });
  afterAll(() => t.close());

  const problemOf = (response: { headers: Record<string, unknown>; json(): unknown }) => {
    expect(response.headers['content-type']).toContain('application/problem+json');
    return response.json() as Record<string, unknown>;
  };

  it('answers a valid request normally', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/test/echo',
      payload: { email: 'marie@example.ca', age: 30 },
    });
    expect(response.statusCode).toBe(200);
  });

  it('lists every failing field of an invalid body', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/test/echo',
      payload: { email: 'not-an-email', age: 'thirty', extra: true },
    });
    expect(response.statusCode).toBe(400);
    const problem = problemOf(response);
    expect(problem).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      type: expect.stringMatching(/^urn:/),
    });
    const paths = (problem.errors as { path: string }[]).map((error) => error.path).sort();
    expect(paths).toEqual(['body', 'body.age', 'body.email']);
  });

  it('reports query string errors under `query`', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/test/echo?limit=1000',
      payload: { email: 'marie@example.ca', age: 30 },
    });
    expect(response.statusCode).toBe(400);
    expect(problemOf(response).errors).toEqual([expect.objectContaining({ path: 'query.limit' })]);
  });

  it('refuses malformed JSON with INVALID_JSON', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/test/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    expect(response.statusCode).toBe(400);
    expect(problemOf(response).code).toBe('INVALID_JSON');
  });

  it('refuses a body over the limit with 413', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/test/echo',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'a@b.ca', age: 20, padding: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(response.statusCode).toBe(413);
    expect(problemOf(response).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses an unsupported content type with 415', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/test/echo',
      headers: { 'content-type': 'application/xml' },
      payload: '<email/>',
    });
    expect(response.statusCode).toBe(415);
    expect(problemOf(response).code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  /** A problem with the security headers that every other response carries. */
  const guardedProblem = (response: Parameters<typeof problemOf>[0]) => {
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-request-id']).toBeTruthy();
    return problemOf(response);
  };

  it('answers the errors Fastify raises before any hook as problems with the security headers', async () => {
    const badUrl = await t.app.inject({ method: 'GET', url: '/api/test/items/%E0%A4%A' });
    expect(badUrl.statusCode).toBe(400);
    expect(guardedProblem(badUrl).code).toBe('BAD_REQUEST');
    const longParam = await t.app.inject({ method: 'GET', url: `/api/test/items/${'a'.repeat(500)}` });
    expect(longParam.statusCode).toBe(400);
    expect(guardedProblem(longParam)).toMatchObject({
      code: 'BAD_REQUEST',
      detail: 'A path segment is too long',
    });
    // A malformed escape in the query string is kept as it was written, not a failure.
    const badQuery = await t.app.inject({ method: 'GET', url: '/api/test/items/x?q=%E0%A4%A&r=%zz' });
    expect(badQuery.statusCode).toBe(200);
  });

  it('answers every malformed body with a problem, security headers included', async () => {
    const post = (headers: Record<string, string>, payload: string | Buffer) =>
      t.app.inject({ method: 'POST', url: '/api/test/echo', headers, payload });
    const cases = [
      [await post({ 'content-type': 'application/json' }, ''), 400, 'BAD_REQUEST'],
      [await post({ 'content-type': 'application/json' }, '{"email":'), 400, 'INVALID_JSON'],
      [await post({ 'content-type': 'application/json; charset=utf-8;;;' }, 'x'), 400, 'INVALID_JSON'],
      [await post({ 'content-type': '' }, 'x'), 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [
        await post({ 'content-type': 'application/x-www-form-urlencoded' }, 'a=1'),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      ],
      [await post({ 'content-type': 'multipart/form-data; boundary=x' }, 'x'), 415, 'UNSUPPORTED_MEDIA_TYPE'],
      [
        await post(
          { 'content-type': 'application/json' },
          JSON.stringify({ padding: 'x'.repeat(1_100_000) }),
        ),
        413,
        'PAYLOAD_TOO_LARGE',
      ],
    ] as const;
    for (const [response, status, code] of cases) {
      expect(response.statusCode, code).toBe(status);
      expect(guardedProblem(response).code).toBe(code);
    }
  });

  it('answers a malformed multipart body with 400', async () => {
    const send = (contentType: string, payload: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/test/multipart',
        headers: { 'content-type': contentType },
        payload,
      });
    const part = (boundary: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4`;
    const complete = await send('multipart/form-data; boundary=b1', `${part('b1')}\r\n--b1--\r\n`);
    expect(complete.json()).toEqual({ names: ['file'] });

    const cases = [
      // No boundary, one longer than the parser accepts, an empty one (whose end never comes).
      [await send('multipart/form-data', part('b1')), 'BAD_REQUEST'],
      [await send('multipart/form-data; boundary=', part('')), 'UPLOAD_INCOMPLETE'],
      [await send(`multipart/form-data; boundary=${'b'.repeat(300)}`, part('b'.repeat(300))), 'BAD_REQUEST'],
      // Cut before the closing boundary: inside a file, then between parts.
      [await send('multipart/form-data; boundary=b1', part('b1')), 'UPLOAD_INCOMPLETE'],
      [
        await send(
          'multipart/form-data; boundary=b1',
          '--b1\r\nContent-Disposition: form-data; name="a"\r\n\r\nx\r\n',
        ),
        'UPLOAD_INCOMPLETE',
      ],
    ] as const;
    for (const [response, code] of cases) {
      expect(response.statusCode, response.body).toBe(400);
      expect(guardedProblem(response).code).toBe(code);
    }
    // A part whose Content-Disposition is not form-data is skipped, not a failure.
    const odd = await send(
      'multipart/form-data; boundary=b1',
      '--b1\r\nContent-Disposition: garbage\r\n\r\nx\r\n--b1--\r\n',
    );
    expect(odd.statusCode).toBe(200);
  });

  it('turns an AppError into its status and code', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/test/app-error' });
    expect(response.statusCode).toBe(409);
    expect(problemOf(response)).toMatchObject({ code: 'CONFLICT', detail: 'That name is taken' });
  });

  it('hides the details of an unexpected error behind a 500 INTERNAL problem', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/test/crash' });
    expect(response.statusCode).toBe(500);
    const problem = problemOf(response);
    expect(problem.code).toBe('INTERNAL');
    expect(JSON.stringify(problem)).not.toContain('secret internal detail');
  });

  it('answers 503 when the database is unreachable', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/test/database-down' });
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
    expect(problemOf(response).code).toBe('SERVICE_UNAVAILABLE');
    const wrapped = await t.app.inject({ method: 'GET', url: '/api/test/database-down-wrapped' });
    expect(wrapped.statusCode).toBe(503);
    expect(problemOf(wrapped).code).toBe('SERVICE_UNAVAILABLE');
  });

  it('answers unknown API paths with a 404 problem, not the web app', async () => {
    for (const url of ['/api/nothing-here', '/api', '/api/health/extra?x=1']) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(404);
      expect(guardedProblem(response)).toMatchObject({
        code: 'ROUTE_NOT_FOUND',
        instance: url.split('?')[0],
      });
    }
    const post = await t.app.inject({ method: 'DELETE', url: '/api/health' });
    expect(post.statusCode).toBe(404);
  });
});
