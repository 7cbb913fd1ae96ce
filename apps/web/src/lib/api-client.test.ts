import type { TFunction } from 'i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, apiFetch, getErrorMessage } from './api-client';

function respond(status: number, body?: unknown, contentType = 'application/json') {
  const fetchMock = vi.fn(
    async () =>
      new Response(body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body), {
        status,
        headers: body === undefined ? {} : { 'content-type': contentType },
      }),
  );
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('apiFetch', () => {
  it('sends JSON with the session cookie and returns the parsed body', async () => {
    const fetchMock = respond(200, { ok: true });
    await expect(apiFetch('/api/things', { method: 'POST', body: { name: 'Amina' } })).resolves.toEqual({
      ok: true,
    });
    const [path, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(path).toBe('/api/things');
    expect(init.method).toBe('POST');
    expect(init.credentials).toBe('include');
    expect(init.body).toBe('{"name":"Amina"}');
    expect(new Headers(init.headers).get('content-type')).toBe('application/json');
  });

  it('checks the response with the schema', async () => {
    respond(200, { count: 3 });
    const schema = { parse: (data: unknown) => (data as { count: number }).count };
    await expect(apiFetch('/api/count', { schema })).resolves.toBe(3);
  });

  it('returns undefined for 204 No Content', async () => {
    respond(204);
    await expect(apiFetch('/api/things/1', { method: 'DELETE' })).resolves.toBeUndefined();
  });

  it('turns a problem+json response into an ApiError', async () => {
    respond(
      400,
      {
        type: 'about:blank',
        title: 'Validation failed',
        status: 400,
        code: 'VALIDATION_FAILED',
        errors: [{ path: 'body.email', message: 'Invalid email', code: 'invalid_format' }],
      },
      'application/problem+json; charset=utf-8',
    );
    const error = await rejection(apiFetch('/api/users', { method: 'POST', body: {} }));
    expect(error.status).toBe(400);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.fieldErrors).toEqual([
      { path: 'body.email', message: 'Invalid email', code: 'invalid_format' },
    ]);
  });

  it('derives the code from the status when the body is not a problem', async () => {
    respond(503, '<html>Bad gateway</html>', 'text/html');
    const error = await rejection(apiFetch('/api/things'));
    expect(error.status).toBe(503);
    expect(error.code).toBe('SERVICE_UNAVAILABLE');
  });

  it('reports a network failure as NETWORK', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('fetch failed'))),
    );
    const error = await rejection(apiFetch('/api/things'));
    expect(error.status).toBe(0);
    expect(error.code).toBe('NETWORK');
  });
});

describe('getErrorMessage', () => {
  const messages: Record<string, string> = {
    'errors.FORBIDDEN': 'Accès refusé',
    'errors.INTERNAL': 'Erreur inattendue',
  };
  const t = ((key: string, options?: { defaultValue?: string }) =>
    messages[key] ?? options?.defaultValue ?? key) as unknown as TFunction;

  it('translates the code of an ApiError', () => {
    expect(getErrorMessage(t, new ApiError({ status: 403, code: 'FORBIDDEN' }))).toBe('Accès refusé');
  });

  it('falls back to the generic message', () => {
    expect(getErrorMessage(t, new ApiError({ status: 409, code: 'CONFLICT' }))).toBe('Erreur inattendue');
    expect(getErrorMessage(t, new Error('boom'))).toBe('Erreur inattendue');
  });
});
