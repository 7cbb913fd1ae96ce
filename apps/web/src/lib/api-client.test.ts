import type { TFunction } from 'i18next';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, apiFetch, getErrorMessage } from './api-client';
import { setStepUpHandler } from './step-up';
import { twoFactorGate } from './two-factor-gate';

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

const problem = (status: number, code: string, extra: Record<string, unknown> = {}) =>
  new Response(JSON.stringify({ type: 'about:blank', title: code, status, code, ...extra }), {
    status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8' },
  });

/** Answers the queued responses in turn, recording each request's method and body. */
function answers(...responses: Response[]) {
  const fetchMock = vi.fn(async (_path: string, _init?: RequestInit) => {
    const next = responses.shift();
    if (!next) throw new Error('no more answers');
    return next;
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

describe('apiFetch and a step-up', () => {
  let removeHandler: (() => void) | undefined;
  afterEach(() => {
    removeHandler?.();
    removeHandler = undefined;
    twoFactorGate.clear();
  });

  it('asks for a step-up with the methods offered, then sends the request once more', async () => {
    const fetchMock = answers(
      problem(401, 'STEP_UP_REQUIRED', { methods: ['totp', 'recovery_code'] }),
      new Response(JSON.stringify({ saved: true }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      }),
    );
    const handler = vi.fn(async () => true);
    removeHandler = setStepUpHandler(handler);
    await expect(
      apiFetch('/api/me/password', { method: 'PUT', body: { newPassword: 'x' } }),
    ).resolves.toEqual({
      saved: true,
    });
    expect(handler).toHaveBeenCalledWith(['totp', 'recovery_code']);
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(fetchMock.mock.calls.map(([, init]) => [init?.method, init?.body])).toEqual([
      ['PUT', '{"newPassword":"x"}'],
      ['PUT', '{"newPassword":"x"}'],
    ]);
  });

  it('rejects with STEP_UP_CANCELLED when the person closes the dialog, without sending again', async () => {
    const fetchMock = answers(problem(401, 'STEP_UP_REQUIRED', { methods: ['password'] }));
    removeHandler = setStepUpHandler(async () => false);
    const error = await rejection(apiFetch('/api/me/password', { method: 'PUT', body: {} }));
    expect(error.code).toBe('STEP_UP_CANCELLED');
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('retries once only: a second refusal is the answer', async () => {
    const fetchMock = answers(
      problem(401, 'STEP_UP_REQUIRED', { methods: ['totp'] }),
      problem(401, 'STEP_UP_REQUIRED', { methods: ['totp'] }),
    );
    const handler = vi.fn(async () => true);
    removeHandler = setStepUpHandler(handler);
    const error = await rejection(apiFetch('/api/exports', { method: 'POST' }));
    expect(error.code).toBe('STEP_UP_REQUIRED');
    expect(error.methods).toEqual(['totp']);
    expect(handler).toHaveBeenCalledTimes(1);
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('leaves the step-up to the caller when told so (the proof itself)', async () => {
    answers(problem(401, 'STEP_UP_REQUIRED', { methods: ['password'] }));
    const handler = vi.fn(async () => true);
    removeHandler = setStepUpHandler(handler);
    const error = await rejection(apiFetch('/api/auth/step-up', { method: 'POST', body: {}, stepUp: false }));
    expect(error.code).toBe('STEP_UP_REQUIRED');
    expect(handler).not.toHaveBeenCalled();
  });

  it('reports a 403 TWO_FACTOR_SETUP_REQUIRED to the setup gate', async () => {
    answers(problem(403, 'TWO_FACTOR_SETUP_REQUIRED'));
    expect(twoFactorGate.isRequired()).toBe(false);
    const error = await rejection(apiFetch('/api/dashboard'));
    expect(error.code).toBe('TWO_FACTOR_SETUP_REQUIRED');
    expect(twoFactorGate.isRequired()).toBe(true);
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
