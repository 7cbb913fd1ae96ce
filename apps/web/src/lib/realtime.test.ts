import { type TServerEvent, wsCloseCodes } from '@capitune/contracts';
import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { queryKeys } from './query-keys';
import {
  BACKOFF_MAX_MS,
  backoffDelay,
  closeCodes,
  createRealtime,
  type RealtimeDeps,
  type SocketLike,
  socketUrl,
  writePushedCounts,
} from './realtime';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: unknown[] = [];
  closedWith: number | undefined;
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close(code?: number) {
    this.closedWith = code;
    this.readyState = 3;
  }
  // What the server does:
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(event: unknown) {
    this.onmessage?.({ data: JSON.stringify(event) });
  }
  drop(code = 1006) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup(overrides: Partial<RealtimeDeps> = {}) {
  const sockets: FakeSocket[] = [];
  const timers: Array<{ callback: () => void; ms: number; cancelled: boolean }> = [];
  let token: string | null = 'token-1';
  let refreshes = 0;
  let ended = 0;
  let refreshResult = true;
  const deps: RealtimeDeps = {
    createSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    url: () => 'ws://capitune.test/api/ws',
    getToken: () => token,
    refreshToken: async () => {
      refreshes += 1;
      if (refreshResult) token = `token-${refreshes + 1}`;
      return refreshResult;
    },
    onSessionEnded: () => {
      ended += 1;
    },
    setTimeout: (callback, ms) => {
      const timer = { callback, ms, cancelled: false };
      timers.push(timer);
      return timer;
    },
    clearTimeout: (handle) => {
      (handle as { cancelled: boolean }).cancelled = true;
    },
    random: () => 0.5,
    ...overrides,
  };
  const realtime = createRealtime(deps);
  const events: unknown[] = [];
  realtime.listen((event) => events.push(event));
  return {
    realtime,
    sockets,
    events,
    last: () => sockets.at(-1) as FakeSocket,
    pendingTimers: () => timers.filter((timer) => !timer.cancelled),
    /** Runs the timers due now (the reconnection waits). */
    runTimers: () => {
      for (const timer of timers.splice(0)) if (!timer.cancelled) timer.callback();
    },
    setToken: (value: string | null) => {
      token = value;
    },
    failRefresh: () => {
      refreshResult = false;
    },
    counts: () => ({ refreshes, ended }),
  };
}

describe('backoffDelay', () => {
  it('doubles from about a second, with jitter between half and all of the ceiling', () => {
    expect(backoffDelay(0, () => 0)).toBe(500);
    expect(backoffDelay(0, () => 1)).toBe(1000);
    expect(backoffDelay(1, () => 0.5)).toBe(1500);
    expect(backoffDelay(3, () => 0)).toBe(4000);
    expect(backoffDelay(3, () => 1)).toBe(8000);
  });

  it('stops growing at 30 s', () => {
    for (const attempt of [5, 6, 10, 50]) {
      expect(backoffDelay(attempt, () => 1)).toBe(BACKOFF_MAX_MS);
      expect(backoffDelay(attempt, () => 0)).toBe(BACKOFF_MAX_MS / 2);
    }
  });
});

describe('realtime client', () => {
  it('uses the close codes of the API', () => {
    expect(closeCodes).toEqual(wsCloseCodes);
  });

  it('builds the socket address from the page', () => {
    expect(socketUrl({ protocol: 'https:', host: 'capitune.ca' })).toBe('wss://capitune.ca/api/ws');
    expect(socketUrl({ protocol: 'http:', host: '127.0.0.1:3500' })).toBe('ws://127.0.0.1:3500/api/ws');
  });

  it('authenticates first, then subscribes to the dossiers on screen', async () => {
    const { realtime, last, events } = setup();
    const unsubscribe = realtime.subscribe('d1');
    realtime.start();
    await flush();
    expect(realtime.getStatus()).toBe('connecting');
    last().open();
    expect(last().sent).toEqual([{ type: 'auth', token: 'token-1' }]);
    last().receive({ type: 'ready', userId: 'u1' });
    expect(realtime.getStatus()).toBe('open');
    expect(last().sent.at(-1)).toEqual({ type: 'subscribe', dossierId: 'd1' });
    expect(events).toEqual([{ type: 'ready', userId: 'u1' }]);

    // Two components on the same dossier share one subscription.
    const second = realtime.subscribe('d1');
    unsubscribe();
    expect(last().sent).toHaveLength(2);
    second();
    expect(last().sent.at(-1)).toEqual({ type: 'unsubscribe', dossierId: 'd1' });
  });

  it('reconnects with growing waits and resubscribes after a lost connection', async () => {
    const { realtime, last, sockets, runTimers, pendingTimers } = setup();
    realtime.subscribe('d1');
    realtime.start();
    await flush();
    last().open();
    last().receive({ type: 'ready', userId: 'u1' });

    last().drop();
    expect(realtime.getStatus()).toBe('reconnecting');
    expect(pendingTimers().map((timer) => timer.ms)).toEqual([backoffDelay(0, () => 0.5)]);
    runTimers();
    await flush();
    expect(sockets).toHaveLength(2);
    // The server is still down: the next wait is longer.
    last().drop();
    expect(pendingTimers().map((timer) => timer.ms)).toEqual([backoffDelay(1, () => 0.5)]);
    runTimers();
    await flush();
    last().open();
    last().receive({ type: 'ready', userId: 'u1' });
    expect(realtime.getStatus()).toBe('open');
    expect(last().sent).toEqual([
      { type: 'auth', token: 'token-1' },
      { type: 'subscribe', dossierId: 'd1' },
    ]);
    // Once connected, the next loss starts again from the shortest wait.
    last().drop();
    expect(pendingTimers().map((timer) => timer.ms)).toEqual([backoffDelay(0, () => 0.5)]);
  });

  it('sends a renewed token on the open socket', async () => {
    const { realtime, last, setToken } = setup();
    realtime.start();
    await flush();
    last().open();
    last().receive({ type: 'ready', userId: 'u1' });
    realtime.tokenChanged(); // same token: nothing to send
    setToken('token-renewed');
    realtime.tokenChanged();
    expect(last().sent).toEqual([
      { type: 'auth', token: 'token-1' },
      { type: 'auth', token: 'token-renewed' },
    ]);
  });

  it('renews an expired token (close 4001) before reconnecting', async () => {
    const { realtime, last, runTimers, counts } = setup();
    realtime.start();
    await flush();
    last().open();
    last().receive({ type: 'ready', userId: 'u1' });
    last().drop(closeCodes.unauthenticated);
    await flush();
    expect(counts().refreshes).toBe(1);
    runTimers();
    await flush();
    last().open();
    expect(last().sent).toEqual([{ type: 'auth', token: 'token-2' }]);
  });

  it('stops when the session is over (close 4003), and when the token cannot be renewed', async () => {
    const ended = setup();
    ended.realtime.start();
    await flush();
    ended.last().open();
    ended.last().drop(closeCodes.sessionRevoked);
    expect(ended.realtime.getStatus()).toBe('stopped');
    expect(ended.counts().ended).toBe(1);
    expect(ended.pendingTimers()).toEqual([]);

    const expired = setup();
    expired.realtime.start();
    await flush();
    expired.failRefresh();
    expired.last().open();
    expired.last().drop(closeCodes.unauthenticated);
    await flush();
    expect(expired.realtime.getStatus()).toBe('stopped');
    expect(expired.pendingTimers()).toEqual([]);
  });

  it('asks for a token first when it has none, and gives up without a session', async () => {
    const withSession = setup();
    withSession.setToken(null);
    withSession.realtime.start();
    await flush();
    expect(withSession.counts().refreshes).toBe(1);
    withSession.last().open();
    expect(withSession.last().sent).toEqual([{ type: 'auth', token: 'token-2' }]);

    const without = setup();
    without.setToken(null);
    without.failRefresh();
    without.realtime.start();
    await flush();
    expect(without.sockets).toHaveLength(0);
    expect(without.realtime.getStatus()).toBe('stopped');
  });

  it('ignores the old socket after stop, and retries at once when the browser is back online', async () => {
    const { realtime, last, sockets, pendingTimers, events } = setup();
    realtime.start();
    await flush();
    const first = last();
    first.open();
    realtime.stop();
    expect(first.closedWith).toBe(1000);
    first.receive({ type: 'ready', userId: 'u1' });
    first.drop();
    expect(events).toEqual([]);
    expect(realtime.getStatus()).toBe('idle');
    expect(pendingTimers()).toEqual([]);

    realtime.start();
    await flush();
    last().open();
    last().drop();
    expect(realtime.getStatus()).toBe('reconnecting');
    realtime.retryNow();
    await flush();
    expect(sockets).toHaveLength(3);
    expect(pendingTimers()).toEqual([]);
  });
});

describe('pushed counts', () => {
  const notification = {
    id: '00000000-0000-4000-8000-000000000001',
    type: 'document_approved',
    params: { document: 'Passeport' },
    link: '/dossiers/d1',
    readAt: null,
    createdAt: '2026-12-01T12:00:00.000Z',
  } as const;

  /** A cache holding both counts as the header's queries fetched them, each fetch counted. */
  async function cacheWithCounts() {
    const queryClient = new QueryClient();
    const fetches = { messages: 0, notifications: 0 };
    const options = {
      messages: {
        queryKey: queryKeys.unreadMessages,
        queryFn: async () => {
          fetches.messages += 1;
          return 3;
        },
        staleTime: Number.POSITIVE_INFINITY,
      },
      notifications: {
        queryKey: queryKeys.unreadNotifications,
        queryFn: async () => {
          fetches.notifications += 1;
          return 1;
        },
        staleTime: Number.POSITIVE_INFINITY,
      },
    };
    await queryClient.fetchQuery(options.messages);
    await queryClient.fetchQuery(options.notifications);
    return { queryClient, fetches, options };
  }

  it('puts the totals of `unread` and `notification` frames in the query cache, without a refetch', async () => {
    const { queryClient, fetches, options } = await cacheWithCounts();
    // The badges watch the counts as the header's queries do.
    const badge = new QueryObserver(queryClient, options.messages);
    const shown: unknown[] = [];
    const offBadge = badge.subscribe((result) => shown.push(result.data));
    const bell = new QueryObserver(queryClient, options.notifications);
    const offBell = bell.subscribe(() => undefined);

    const { realtime, last } = setup();
    realtime.keepCountsIn(queryClient);
    // A listener of the frame already reads the new total from the cache.
    const seenByListener: unknown[] = [];
    realtime.listen((event) => {
      if (event.type === 'unread') seenByListener.push(queryClient.getQueryData(queryKeys.unreadMessages));
    });
    realtime.start();
    await flush();
    last().open();
    last().receive({ type: 'ready', userId: 'u1' });
    last().receive({ type: 'unread', total: 5 });
    last().receive({ type: 'notification', notification, unreadCount: 2 });
    await flush();

    expect(queryClient.getQueryData(queryKeys.unreadMessages)).toBe(5);
    expect(queryClient.getQueryData(queryKeys.unreadNotifications)).toBe(2);
    expect(shown.at(-1)).toBe(5);
    expect(seenByListener).toEqual([5]);
    // Written, not invalidated: nothing was asked of the API again.
    expect(fetches).toEqual({ messages: 1, notifications: 1 });
    expect(queryClient.getQueryState(queryKeys.unreadMessages)?.isInvalidated).toBe(false);
    expect(queryClient.getQueryState(queryKeys.unreadNotifications)?.isInvalidated).toBe(false);

    last().receive({ type: 'unread', total: 0 });
    await flush();
    expect(shown.at(-1)).toBe(0);
    expect(fetches).toEqual({ messages: 1, notifications: 1 });
    offBadge();
    offBell();
  });

  it('writes nothing once the cache is let go, nor for other events', async () => {
    const { queryClient } = await cacheWithCounts();
    const { realtime, last } = setup();
    const off = realtime.keepCountsIn(queryClient);
    realtime.start();
    await flush();
    last().open();
    last().receive({ type: 'ready', userId: 'u1' });
    last().receive({ type: 'resync' });
    expect(queryClient.getQueryData(queryKeys.unreadMessages)).toBe(3);
    off();
    last().receive({ type: 'unread', total: 9 });
    expect(queryClient.getQueryData(queryKeys.unreadMessages)).toBe(3);

    const written: unknown[] = [];
    const cache = { setQueryData: (key: unknown, value: unknown) => written.push([key, value]) };
    const events: TServerEvent[] = [
      { type: 'typing', dossierId: 'd1', userId: 'u2' },
      { type: 'read', dossierId: 'd1', userId: 'u2', seq: 4 },
      { type: 'unread', total: 7 },
    ];
    for (const event of events) writePushedCounts(cache as never, event);
    expect(written).toEqual([[queryKeys.unreadMessages, 7]]);
  });
});
