import type { TClientEvent, TServerEvent } from '@capitune/contracts';
import type { QueryClient } from '@tanstack/react-query';
import { queryKeys } from './query-keys';

// Only types come from the contracts: this module is loaded with the signed-in header, not with zod.

/** WebSocket close codes of the API (`wsCloseCodes` in the contracts; a unit test keeps them equal). */
export const closeCodes = {
  /** The token was missing or expired: renew it, then reconnect. */
  unauthenticated: 4001,
  /** The session ended (logout elsewhere, password reset): stop for good. */
  sessionRevoked: 4003,
} as const;

/**
 * - `idle`: not started (or signed out);
 * - `connecting`: the first connection of this page is being made;
 * - `open`: authenticated, events flowing;
 * - `reconnecting`: the connection was lost, a new one is scheduled or being made;
 * - `stopped`: the session ended; nothing more will happen until `start()`.
 */
export type RealtimeStatus = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'stopped';

/** The part of the browser's WebSocket this client uses (a fake one in tests). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

const OPEN = 1;

export interface RealtimeDeps {
  createSocket(url: string): SocketLike;
  url(): string;
  /** The access token in memory, or null. */
  getToken(): string | null;
  /** Renews the access token; false when there is no session any more. */
  refreshToken(): Promise<boolean>;
  /** The server said the session is over (close 4003). */
  onSessionEnded(): void;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  random(): number;
}

/** First retry after about a second, then twice as long each time, up to 30 s. */
export const BACKOFF_BASE_MS = 1_000;
export const BACKOFF_MAX_MS = 30_000;

/**
 * The wait before reconnection attempt `attempt` (0 for the first): exponential, capped, with "equal
 * jitter" (between half and all of the ceiling), so that a server restart is not followed by every tab
 * reconnecting in the same millisecond.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export type RealtimeListener = (event: TServerEvent) => void;

/** Where pushed counts are kept: the TanStack Query cache. */
export type CountsCache = Pick<QueryClient, 'setQueryData'>;

/**
 * Writes the counts an event carries into the cache, under the keys the header and the pages read them
 * from: the total of unread messages (`unread`, sent once per message to everyone who can see it, and on
 * connecting) and the count of unread notifications (`notification`). They are the counts as the server
 * had them when it sent the event: no request is made for them. (A read pushes no total: the tab that
 * reads asks for its counts again, see the chat's `markSeen`.)
 */
export function writePushedCounts(cache: CountsCache, event: TServerEvent): void {
  if (event.type === 'unread') cache.setQueryData(queryKeys.unreadMessages, event.total);
  else if (event.type === 'notification')
    cache.setQueryData(queryKeys.unreadNotifications, event.unreadCount);
}

/**
 * One WebSocket per tab at `/api/ws`. It authenticates with the access token (and again whenever the
 * token is renewed), keeps the dossier subscriptions of the components on screen (resubscribing after
 * a reconnection), reconnects with backoff when the connection drops, renews the token on close 4001
 * and stops on close 4003. Components listen to the server's events; they catch up with the REST API
 * on `subscribed` and `resync`, which is what makes a lost connection lose nothing.
 */
export function createRealtime(deps: RealtimeDeps) {
  let status: RealtimeStatus = 'idle';
  let socket: SocketLike | null = null;
  let ready = false;
  let attempt = 0;
  let timer: unknown = null;
  let sentToken: string | null = null;
  /** Bumped on every start and stop: callbacks of an older socket are ignored. */
  let generation = 0;
  const subscriptions = new Map<string, number>();
  const listeners = new Set<RealtimeListener>();
  const caches = new Set<CountsCache>();
  const statusListeners = new Set<() => void>();

  function setStatus(next: RealtimeStatus) {
    if (status === next) return;
    status = next;
    for (const listener of statusListeners) listener();
  }

  function emit(event: TServerEvent) {
    // The counts first: listeners then read them from the cache.
    for (const cache of caches) writePushedCounts(cache, event);
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (error) {
        console.warn('[capitune] realtime listener failed', error);
      }
    }
  }

  function send(event: TClientEvent): boolean {
    if (!socket || socket.readyState !== OPEN) return false;
    socket.send(JSON.stringify(event));
    return true;
  }

  function cancelTimer() {
    if (timer !== null) deps.clearTimeout(timer);
    timer = null;
  }

  function scheduleReconnect() {
    cancelTimer();
    setStatus('reconnecting');
    const delay = backoffDelay(attempt, deps.random);
    attempt += 1;
    const started = generation;
    timer = deps.setTimeout(() => {
      timer = null;
      if (started === generation) void connect();
    }, delay);
  }

  async function connect() {
    const started = generation;
    let token = deps.getToken();
    if (!token) {
      if (!(await deps.refreshToken())) return stopFor(started);
      token = deps.getToken();
      if (!token) return stopFor(started);
    }
    if (started !== generation) return;
    let next: SocketLike;
    try {
      next = deps.createSocket(deps.url());
    } catch {
      scheduleReconnect();
      return;
    }
    socket = next;
    ready = false;
    const current = () => started === generation && socket === next;
    next.onopen = () => {
      if (!current()) return;
      const latest = deps.getToken() ?? token;
      sentToken = latest;
      send({ type: 'auth', token: latest });
    };
    next.onmessage = (message) => {
      if (!current() || typeof message.data !== 'string') return;
      let event: TServerEvent;
      try {
        event = JSON.parse(message.data) as TServerEvent;
      } catch {
        return;
      }
      if (event.type === 'ready') {
        ready = true;
        attempt = 0;
        setStatus('open');
        for (const dossierId of subscriptions.keys()) send({ type: 'subscribe', dossierId });
      }
      emit(event);
    };
    next.onerror = () => {
      // A close event follows; reconnection is decided there.
    };
    next.onclose = (event) => {
      if (!current()) return;
      socket = null;
      ready = false;
      sentToken = null;
      if (event.code === closeCodes.sessionRevoked) {
        setStatus('stopped');
        deps.onSessionEnded();
        return;
      }
      if (event.code === closeCodes.unauthenticated) {
        // The token expired unrenewed (a sleeping laptop): renew it, then reconnect.
        void deps.refreshToken().then((signedIn) => {
          if (started !== generation) return;
          if (signedIn) scheduleReconnect();
          else stopFor(started);
        });
        setStatus('reconnecting');
        return;
      }
      scheduleReconnect();
    };
  }

  function stopFor(started: number) {
    if (started !== generation) return;
    setStatus('stopped');
  }

  return {
    getStatus: (): RealtimeStatus => status,

    /** Connects (once); a no-op while already connected or connecting. */
    start() {
      if (status === 'connecting' || status === 'open' || status === 'reconnecting') return;
      generation += 1;
      attempt = 0;
      setStatus('connecting');
      void connect();
    },

    /** Closes the connection and forgets nothing but the socket (subscriptions stay for the next start). */
    stop() {
      generation += 1;
      cancelTimer();
      const closing = socket;
      socket = null;
      ready = false;
      sentToken = null;
      closing?.close(1000, 'bye');
      setStatus('idle');
    },

    /** The browser is back online, or the tab is visible again: retry now rather than after the wait. */
    retryNow() {
      if (status !== 'reconnecting' || timer === null) return;
      cancelTimer();
      void connect();
    },

    /** Sends a renewed access token on the open socket (the server closes it when the old one expires). */
    tokenChanged() {
      const token = deps.getToken();
      if (!token || token === sentToken || !socket || socket.readyState !== OPEN) return;
      sentToken = token;
      send({ type: 'auth', token });
    },

    /** Receives the dossier's messages, read receipts and typing; returns the unsubscription. */
    subscribe(dossierId: string): () => void {
      const count = subscriptions.get(dossierId) ?? 0;
      subscriptions.set(dossierId, count + 1);
      if (count === 0 && ready) send({ type: 'subscribe', dossierId });
      let done = false;
      return () => {
        if (done) return;
        done = true;
        const left = (subscriptions.get(dossierId) ?? 1) - 1;
        if (left > 0) {
          subscriptions.set(dossierId, left);
          return;
        }
        subscriptions.delete(dossierId);
        if (ready) send({ type: 'unsubscribe', dossierId });
      };
    },

    typing(dossierId: string) {
      if (ready) send({ type: 'typing', dossierId });
    },

    /** Every event from the server; returns the removal. */
    listen(listener: RealtimeListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    /** Keeps the pushed unread counts in this cache (`writePushedCounts`); returns the removal. */
    keepCountsIn(cache: CountsCache): () => void {
      caches.add(cache);
      return () => caches.delete(cache);
    },

    onStatus(listener: () => void): () => void {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
  };
}

export type Realtime = ReturnType<typeof createRealtime>;

/** `ws://host/api/ws` or `wss://host/api/ws`, from the page's own address. */
export function socketUrl(location: Pick<Location, 'protocol' | 'host'>): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/api/ws`;
}
