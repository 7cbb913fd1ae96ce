import type { TLoginResponse, TMe } from '@capitune/contracts';
import { refreshDelayMs } from './refresh-schedule';

// Only types come from the contracts: this module is in the home page's bundle, which must not carry zod.

export type SessionStatus = 'loading' | 'signedIn' | 'anonymous';

export interface SessionSnapshot {
  /** `loading` only while the first silent refresh of a page load runs. */
  status: SessionStatus;
  user: TMe | null;
}

interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface SessionDeps {
  fetch: (input: string, init?: RequestInit) => Promise<Response>;
  /** Holds the "there may be a session" hint (never a token); null when storage is unavailable. */
  storage: StorageLike | null;
  /** The Web Locks API, serialising refreshes across tabs; null where the browser lacks it. */
  locks: LockManagerLike | null;
  setTimeout: (callback: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

export interface AuthorisedFetchOptions {
  /** Refresh once and retry when the API answers 401 (default true). */
  retryOnUnauthorised?: boolean;
}

/** Name of the lock that every tab takes before presenting the refresh cookie. */
export const REFRESH_LOCK = 'capitune-auth-refresh';
/**
 * Set while this browser may hold a session (a refresh cookie, which scripts cannot read). Without it a
 * page load skips the silent refresh: an anonymous visitor costs no request and no 401 in the console.
 */
export const SESSION_HINT_KEY = 'capitune.session';
/** After a refresh failed for a passing reason (network, 5xx, 429), try again this much later. */
export const RETRY_AFTER_TRANSIENT_FAILURE_MS = 30_000;

const REFRESH_PATH = '/api/auth/refresh';
const LOGOUT_PATH = '/api/auth/logout';

type RefreshOutcome = 'signedIn' | 'ended' | 'failed';

/**
 * Whether a 401 says the access token was not accepted (expired, or its session ended): only then may
 * a refresh help. Other 401s are about the request's own proof (a step-up asked for, a wrong second-factor
 * code): sending it again would only count one more failure.
 */
async function tokenRefused(response: Response): Promise<boolean> {
  if (!response.headers.get('content-type')?.includes('problem+json')) return true;
  try {
    const { code } = (await response.clone().json()) as { code?: unknown };
    return code === undefined || code === 'UNAUTHENTICATED' || code === 'SESSION_EXPIRED';
  } catch {
    return true;
  }
}

/**
 * The signed-in state of this tab. The access token lives in memory only; the refresh token is an
 * httpOnly cookie. A refresh presented twice ends the session on the server, so every refresh, in every
 * tab, runs under one Web Lock (and once per tab at a time).
 */
export function createSession(deps: SessionDeps) {
  // With the hint, the session is "loading" from the start, until `start()` has refreshed it: a guard
  // that asks before `start()` runs waits for the answer instead of seeing "anonymous".
  let snapshot: SessionSnapshot = { status: readHint() ? 'loading' : 'anonymous', user: null };
  let accessToken: string | null = null;
  let timer: unknown = null;
  let inFlight: Promise<RefreshOutcome> | null = null;
  /** Bumped by every sign-in and sign-out, so that a refresh answered after one of them is ignored. */
  let generation = 0;
  const listeners = new Set<() => void>();
  const settledWaiters: Array<(value: SessionSnapshot) => void> = [];

  function emit(next: SessionSnapshot) {
    snapshot = next;
    if (next.status !== 'loading') {
      for (const resolve of settledWaiters.splice(0)) resolve(next);
    }
    for (const listener of listeners) listener();
  }

  function readHint(): boolean {
    try {
      return deps.storage?.getItem(SESSION_HINT_KEY) === '1';
    } catch {
      return false;
    }
  }

  function writeHint(present: boolean) {
    try {
      if (present) deps.storage?.setItem(SESSION_HINT_KEY, '1');
      else deps.storage?.removeItem(SESSION_HINT_KEY);
    } catch {
      // storage disabled: sessions still work, a reload just starts anonymous
    }
  }

  function cancelTimer() {
    if (timer !== null) deps.clearTimeout(timer);
    timer = null;
  }

  function schedule(ms: number) {
    cancelTimer();
    timer = deps.setTimeout(() => {
      timer = null;
      void refresh().then((outcome) => {
        if (outcome === 'failed' && accessToken) schedule(RETRY_AFTER_TRANSIENT_FAILURE_MS);
      });
    }, ms);
  }

  function apply(response: TLoginResponse) {
    accessToken = response.accessToken;
    writeHint(true);
    schedule(refreshDelayMs(response.expiresIn));
    emit({ status: 'signedIn', user: response.user });
  }

  /** Forgets the session here (the server side is already gone, or is being ended). */
  function clear() {
    generation += 1;
    accessToken = null;
    cancelTimer();
    writeHint(false);
    emit({ status: 'anonymous', user: null });
  }

  function settled(): Promise<SessionSnapshot> {
    if (snapshot.status !== 'loading') return Promise.resolve(snapshot);
    return new Promise((resolve) => settledWaiters.push(resolve));
  }

  function withLock<T>(task: () => Promise<T>): Promise<T> {
    return deps.locks ? deps.locks.request(REFRESH_LOCK, task) : task();
  }

  async function presentRefreshCookie(): Promise<RefreshOutcome> {
    const startedAt = generation;
    let response: Response;
    try {
      response = await deps.fetch(REFRESH_PATH, {
        method: 'POST',
        credentials: 'include',
        headers: { accept: 'application/json' },
      });
    } catch {
      return 'failed';
    }
    if (startedAt !== generation) return snapshot.status === 'signedIn' ? 'signedIn' : 'ended';
    if (response.ok) {
      try {
        apply((await response.json()) as TLoginResponse);
        return 'signedIn';
      } catch {
        return 'failed';
      }
    }
    // 401: no session (expired, ended elsewhere, token reused); 403: account suspended.
    if (response.status === 401 || response.status === 403) {
      clear();
      return 'ended';
    }
    return 'failed';
  }

  /** Exchanges the refresh cookie for a new access token; concurrent callers share one request. */
  function refresh(): Promise<RefreshOutcome> {
    inFlight ??= withLock(presentRefreshCookie).finally(() => {
      inFlight = null;
    });
    return inFlight;
  }

  return {
    getSnapshot: (): SessionSnapshot => snapshot,

    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    getAccessToken: (): string | null => accessToken,

    /** At page load: restores the session silently when this browser may have one. */
    async start(): Promise<SessionSnapshot> {
      if (!readHint()) {
        emit({ status: 'anonymous', user: null });
        return snapshot;
      }
      emit({ status: 'loading', user: null });
      const outcome = await refresh();
      // A passing failure: show the page anonymous, but keep the hint so the next load tries again.
      if (outcome === 'failed' && snapshot.status === 'loading') emit({ status: 'anonymous', user: null });
      return snapshot;
    },

    /** Resolves once the first silent refresh is over (at once when there is none). */
    settled,

    /** True when a session is (still) active after the refresh. */
    async refresh(): Promise<boolean> {
      return (await refresh()) === 'signedIn';
    },

    /** After a successful login. */
    signIn(response: TLoginResponse) {
      generation += 1;
      apply(response);
    },

    /** Keeps the header and banner in step after the profile changed. */
    updateUser(user: TMe) {
      if (snapshot.status === 'signedIn') emit({ status: 'signedIn', user });
    },

    /** Ends this session on the server (best effort) and here. */
    async signOut(): Promise<void> {
      const token = accessToken;
      clear();
      await withLock(async () => {
        try {
          await deps.fetch(LOGOUT_PATH, {
            method: 'POST',
            credentials: 'include',
            headers: token ? { authorization: `Bearer ${token}` } : {},
          });
        } catch {
          // offline: the session ends by itself when it expires; this tab has forgotten it already
        }
      });
    },

    /** Forgets the session locally, when the API says it is over (e.g. after a password reset). */
    end: clear,

    /**
     * The server says a session of this user ended. A tab that still holds one asks with a refresh
     * whether it was its own; a tab that has just signed out (its own logout ended it) asks nothing.
     */
    async serverEnded(): Promise<void> {
      if (accessToken) await refresh();
    },

    /**
     * `fetch` with the access token. A 401 refusing the token triggers one refresh (shared with any other
     * caller) and one retry; if the session cannot be refreshed, the 401 is returned and the session is
     * forgotten. A 401 about the request's own proof (STEP_UP_REQUIRED, SECOND_FACTOR_INVALID…) is
     * returned as is: the session is fine.
     */
    async fetch(path: string, init: RequestInit = {}, options: AuthorisedFetchOptions = {}) {
      if (snapshot.status === 'loading') await settled();
      const send = (token: string | null) => {
        const headers = new Headers(init.headers);
        if (token) headers.set('authorization', `Bearer ${token}`);
        return deps.fetch(path, { ...init, headers, credentials: 'include' });
      };
      const token = accessToken;
      const response = await send(token);
      if (response.status !== 401 || !token || options.retryOnUnauthorised === false) return response;
      if (!(await tokenRefused(response))) return response;
      // Another call may have refreshed meanwhile: then just use its token.
      if (accessToken === token && (await refresh()) !== 'signedIn') return response;
      if (!accessToken) return response;
      return send(accessToken);
    },

    /** Follows logins and logouts of other tabs (the `storage` event of the hint). */
    onStorage(event: Pick<StorageEvent, 'key' | 'newValue'>) {
      if (event.key !== SESSION_HINT_KEY) return;
      if (event.newValue === null && snapshot.status === 'signedIn') {
        accessToken = null;
        cancelTimer();
        generation += 1;
        emit({ status: 'anonymous', user: null });
      } else if (event.newValue === '1' && snapshot.status === 'anonymous') {
        void refresh();
      }
    },
  };
}

export type Session = ReturnType<typeof createSession>;
