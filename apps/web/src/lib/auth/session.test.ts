import type { TLoginResponse, TMe } from '@capitune/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSession, REFRESH_LOCK, SESSION_HINT_KEY, type SessionDeps } from './session';

const user: TMe = {
  id: '0b5a3f0e-7c57-4c36-9d8e-2f7d1f8a1a11',
  email: 'amina@example.ca',
  role: 'candidate',
  firstName: 'Amina',
  lastName: 'Diallo',
  locale: 'fr',
  emailVerified: true,
  phone: null,
  countryOfResidence: null,
  citizenship: null,
  timeZone: 'America/Toronto',
  organisation: null,
  licenceNumber: null,
  proStanding: null,
  firmRole: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  pendingConsents: [],
};

const signedIn = (accessToken: string, expiresIn = 900): TLoginResponse => ({ accessToken, expiresIn, user });

const json = (status: number, body?: unknown) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });

const problem = (status: number, code: string) =>
  new Response(JSON.stringify({ type: 'about:blank', title: code, status, code }), {
    status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8' },
  });

function memoryStorage(initial: Record<string, string> = {}) {
  const values = new Map(Object.entries(initial));
  return {
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
    removeItem: (key: string) => void values.delete(key),
    values,
  };
}

type Handler = (path: string, init: RequestInit) => Response | Promise<Response>;

function setup(options: { hint?: boolean; locks?: boolean; handler: Handler }) {
  const storage = memoryStorage(options.hint ? { [SESSION_HINT_KEY]: '1' } : {});
  const fetch = vi.fn(async (path: string, init: RequestInit = {}) => options.handler(path, init));
  const lockRequest = vi.fn(<T>(_name: string, callback: () => Promise<T>) => callback());
  const deps: SessionDeps = {
    fetch,
    storage,
    locks: options.locks === false ? null : ({ request: lockRequest } as unknown as SessionDeps['locks']),
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
  const session = createSession(deps);
  const calls = (path: string) => fetch.mock.calls.filter(([called]) => called === path).length;
  const bearer = (index: number) => new Headers(fetch.mock.calls[index]?.[1]?.headers).get('authorization');
  return { session, fetch, storage, lockRequest, calls, bearer };
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('start (page load)', () => {
  it('skips the refresh when this browser has no session: no request, no 401', async () => {
    const { session, fetch } = setup({ handler: () => json(500) });
    await expect(session.start()).resolves.toEqual({ status: 'anonymous', user: null });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('restores the session silently, under the cross-tab lock', async () => {
    const { session, lockRequest, calls } = setup({
      hint: true,
      handler: (path) => (path === '/api/auth/refresh' ? json(200, signedIn('token-1')) : json(404)),
    });
    const started = session.start();
    expect(session.getSnapshot().status).toBe('loading');
    await expect(started).resolves.toEqual({ status: 'signedIn', user });
    expect(session.getAccessToken()).toBe('token-1');
    expect(calls('/api/auth/refresh')).toBe(1);
    expect(lockRequest).toHaveBeenCalledWith(REFRESH_LOCK, expect.any(Function));
  });

  it('forgets an ended session (and its hint)', async () => {
    const { session, storage } = setup({ hint: true, handler: () => json(401, { code: 'SESSION_EXPIRED' }) });
    await expect(session.start()).resolves.toEqual({ status: 'anonymous', user: null });
    expect(storage.values.has(SESSION_HINT_KEY)).toBe(false);
  });

  it('keeps the hint after a passing failure, so the next load tries again', async () => {
    const { session, storage } = setup({
      hint: true,
      handler: () => Promise.reject(new TypeError('offline')),
    });
    await expect(session.start()).resolves.toEqual({ status: 'anonymous', user: null });
    expect(storage.values.get(SESSION_HINT_KEY)).toBe('1');
  });

  it('lets callers wait for the outcome', async () => {
    const { session } = setup({ hint: true, handler: () => json(200, signedIn('token-1')) });
    const settled = session.settled();
    void session.start();
    await expect(settled).resolves.toMatchObject({ status: 'signedIn' });
  });

  it('works without the Web Locks API', async () => {
    const { session } = setup({ hint: true, locks: false, handler: () => json(200, signedIn('token-1')) });
    await expect(session.start()).resolves.toMatchObject({ status: 'signedIn' });
  });
});

describe('fetch', () => {
  it('sends the access token, and the cookies', async () => {
    const { session, fetch, bearer } = setup({ handler: () => json(200, {}) });
    session.signIn(signedIn('token-1'));
    await session.fetch('/api/me');
    expect(bearer(0)).toBe('Bearer token-1');
    expect(fetch.mock.calls[0]?.[1]?.credentials).toBe('include');
  });

  it('on a 401, refreshes once and retries with the new token', async () => {
    const { session, calls, bearer } = setup({
      handler: (path, init) => {
        if (path === '/api/auth/refresh') return json(200, signedIn('token-2'));
        return new Headers(init.headers).get('authorization') === 'Bearer token-2'
          ? json(200, { ok: true })
          : json(401, { code: 'UNAUTHENTICATED' });
      },
    });
    session.signIn(signedIn('token-1'));
    const response = await session.fetch('/api/me');
    expect(response.status).toBe(200);
    expect(calls('/api/auth/refresh')).toBe(1);
    expect(bearer(2)).toBe('Bearer token-2');
  });

  it('shares one refresh among concurrent 401s (a refresh token presented twice ends the session)', async () => {
    const { session, calls } = setup({
      handler: async (path, init) => {
        if (path === '/api/auth/refresh') {
          await new Promise((resolve) => setTimeout(resolve, 10));
          return json(200, signedIn('token-2'));
        }
        return new Headers(init.headers).get('authorization') === 'Bearer token-2'
          ? json(200, {})
          : json(401, {});
      },
    });
    session.signIn(signedIn('token-1'));
    const all = Promise.all([session.fetch('/api/a'), session.fetch('/api/b'), session.fetch('/api/c')]);
    await vi.advanceTimersByTimeAsync(20);
    expect((await all).map((response) => response.status)).toEqual([200, 200, 200]);
    expect(calls('/api/auth/refresh')).toBe(1);
  });

  it('returns the 401 and forgets the session when it cannot be refreshed', async () => {
    const { session, calls } = setup({ handler: () => json(401, { code: 'SESSION_EXPIRED' }) });
    session.signIn(signedIn('token-1'));
    const response = await session.fetch('/api/me');
    expect(response.status).toBe(401);
    expect(calls('/api/me')).toBe(1);
    expect(session.getSnapshot()).toEqual({ status: 'anonymous', user: null });
  });

  it('does not refresh for a 401 that is an answer (wrong credentials at login)', async () => {
    const { session, calls } = setup({ handler: () => json(401, { code: 'INVALID_CREDENTIALS' }) });
    session.signIn(signedIn('token-1'));
    await session.fetch('/api/auth/login', { method: 'POST' }, { retryOnUnauthorised: false });
    expect(calls('/api/auth/refresh')).toBe(0);
  });

  it('does not refresh for a 401 about the request’s own proof (step-up, second-factor code)', async () => {
    for (const code of ['STEP_UP_REQUIRED', 'SECOND_FACTOR_INVALID', 'SECOND_FACTOR_EXPIRED']) {
      const { session, calls } = setup({ handler: () => problem(401, code) });
      session.signIn(signedIn('token-1'));
      const response = await session.fetch('/api/me/password', { method: 'PUT' });
      expect(response.status, code).toBe(401);
      expect((await response.json()).code, code).toBe(code);
      expect(calls('/api/auth/refresh'), code).toBe(0);
      expect(calls('/api/me/password'), code).toBe(1);
      expect(session.getSnapshot().status, code).toBe('signedIn');
    }
  });

  it('refreshes for a problem saying the token was not accepted', async () => {
    const { session, calls } = setup({
      handler: (path, init) => {
        if (path === '/api/auth/refresh') return json(200, signedIn('token-2'));
        return new Headers(init.headers).get('authorization') === 'Bearer token-2'
          ? json(200, {})
          : problem(401, 'SESSION_EXPIRED');
      },
    });
    session.signIn(signedIn('token-1'));
    expect((await session.fetch('/api/me')).status).toBe(200);
    expect(calls('/api/auth/refresh')).toBe(1);
  });

  it('waits for the page-load refresh before the first call', async () => {
    const { session, bearer } = setup({
      hint: true,
      handler: (path) => (path === '/api/auth/refresh' ? json(200, signedIn('token-1')) : json(200, {})),
    });
    void session.start();
    await session.fetch('/api/me');
    expect(bearer(1)).toBe('Bearer token-1');
  });
});

describe('scheduled refresh', () => {
  it('refreshes shortly before the access token expires, then again', async () => {
    let issued = 1;
    const { session, calls } = setup({
      handler: () => json(200, signedIn(`token-${++issued}`)),
    });
    session.signIn(signedIn('token-1', 900));
    await vi.advanceTimersByTimeAsync(719_000);
    expect(calls('/api/auth/refresh')).toBe(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls('/api/auth/refresh')).toBe(1);
    expect(session.getAccessToken()).toBe('token-2');
    await vi.advanceTimersByTimeAsync(720_000);
    expect(calls('/api/auth/refresh')).toBe(2);
  });

  it('tries again later after a passing failure', async () => {
    let fail = true;
    const { session, calls } = setup({
      handler: () => (fail ? json(503) : json(200, signedIn('token-2'))),
    });
    session.signIn(signedIn('token-1', 900));
    await vi.advanceTimersByTimeAsync(720_000);
    expect(calls('/api/auth/refresh')).toBe(1);
    expect(session.getSnapshot().status).toBe('signedIn');
    fail = false;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(calls('/api/auth/refresh')).toBe(2);
    expect(session.getAccessToken()).toBe('token-2');
  });

  it('stops after signing out', async () => {
    const { session, calls } = setup({ handler: () => new Response(null, { status: 204 }) });
    session.signIn(signedIn('token-1', 900));
    await session.signOut();
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(calls('/api/auth/refresh')).toBe(0);
  });
});

describe('sign in and out', () => {
  it('sets and clears the hint, and tells the listeners', async () => {
    const { session, storage, calls } = setup({ handler: () => new Response(null, { status: 204 }) });
    const listener = vi.fn();
    session.subscribe(listener);
    session.signIn(signedIn('token-1'));
    expect(storage.values.get(SESSION_HINT_KEY)).toBe('1');
    expect(session.getSnapshot()).toEqual({ status: 'signedIn', user });

    await session.signOut();
    expect(calls('/api/auth/logout')).toBe(1);
    expect(storage.values.has(SESSION_HINT_KEY)).toBe(false);
    expect(session.getSnapshot()).toEqual({ status: 'anonymous', user: null });
    expect(session.getAccessToken()).toBeNull();
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('ignores a refresh answered after signing out', async () => {
    let answer: (response: Response) => void = () => {};
    const { session } = setup({
      handler: (path) =>
        path === '/api/auth/refresh'
          ? new Promise<Response>((resolve) => {
              answer = resolve;
            })
          : new Response(null, { status: 204 }),
    });
    session.signIn(signedIn('token-1'));
    const refreshing = session.refresh();
    await session.signOut();
    answer(json(200, signedIn('token-2')));
    await refreshing;
    expect(session.getSnapshot().status).toBe('anonymous');
    expect(session.getAccessToken()).toBeNull();
  });

  it('follows the other tabs: logged out there, logged out here; logged in there, restored here', async () => {
    const { session, calls } = setup({ handler: () => json(200, signedIn('token-2')) });
    session.signIn(signedIn('token-1'));
    session.onStorage({ key: SESSION_HINT_KEY, newValue: null });
    expect(session.getSnapshot().status).toBe('anonymous');

    session.onStorage({ key: SESSION_HINT_KEY, newValue: '1' });
    await vi.advanceTimersByTimeAsync(0);
    expect(calls('/api/auth/refresh')).toBe(1);
    expect(session.getSnapshot().status).toBe('signedIn');

    session.onStorage({ key: 'capitune.locale', newValue: null });
    expect(session.getSnapshot().status).toBe('signedIn');
  });

  it('asks the server only while signed in when it says a session ended', async () => {
    const { session, calls } = setup({
      handler: (path) => (path === '/api/auth/refresh' ? json(401) : new Response(null, { status: 204 })),
    });
    session.signIn(signedIn('token-1'));
    await session.serverEnded();
    expect(calls('/api/auth/refresh')).toBe(1);
    expect(session.getSnapshot().status).toBe('anonymous');

    // Its own logout ended it: no refresh, so no 401.
    session.signIn(signedIn('token-2'));
    await session.signOut();
    await session.serverEnded();
    expect(calls('/api/auth/refresh')).toBe(1);
  });

  it('updates the user after a profile change', () => {
    const { session } = setup({ handler: () => json(200, {}) });
    session.updateUser({ ...user, firstName: 'Ignored' });
    expect(session.getSnapshot().user).toBeNull();
    session.signIn(signedIn('token-1'));
    session.updateUser({ ...user, firstName: 'Aminata' });
    expect(session.getSnapshot().user?.firstName).toBe('Aminata');
  });
});
