import type { TServerEvent } from '@capitune/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { session } from './auth';
import { createRealtime, type Realtime, type RealtimeStatus, type SocketLike, socketUrl } from './realtime';

let instance: Realtime | null = null;

/** The WebSocket client of this tab (created on first use). */
export function getRealtime(): Realtime {
  instance ??= createRealtime({
    createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
    url: () => socketUrl(window.location),
    getToken: () => session.getAccessToken(),
    refreshToken: () => session.refresh(),
    // The server ended the session: a refresh confirms it and signs this tab out everywhere it shows.
    onSessionEnded: () => void session.serverEnded(),
    setTimeout: (callback, ms) => window.setTimeout(callback, ms),
    clearTimeout: (handle) => window.clearTimeout(handle as number),
    random: Math.random,
  });
  return instance;
}

/**
 * Keeps the socket open while someone is signed in: started on sign-in, stopped on sign-out, given each
 * renewed token, and retried at once when the browser comes back online or the tab becomes visible. The
 * unread counts it pushes go straight into the query cache (`writePushedCounts`).
 */
export function useRealtimeConnection(userId: string | null): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!userId) return;
    const realtime = getRealtime();
    const offCounts = realtime.keepCountsIn(queryClient);
    realtime.start();
    const offSession = session.subscribe(() => realtime.tokenChanged());
    const retry = () => realtime.retryNow();
    const onVisible = () => {
      if (document.visibilityState === 'visible') realtime.retryNow();
    };
    window.addEventListener('online', retry);
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      offCounts();
      offSession();
      window.removeEventListener('online', retry);
      document.removeEventListener('visibilitychange', onVisible);
      realtime.stop();
    };
  }, [userId, queryClient]);
}

export function useRealtimeStatus(): RealtimeStatus {
  const realtime = getRealtime();
  return useSyncExternalStore(realtime.onStatus, realtime.getStatus, realtime.getStatus);
}

/** Calls `listener` for every server event while the component is mounted (the latest listener). */
export function useRealtimeEvent(listener: (event: TServerEvent) => void): void {
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => getRealtime().listen((event) => latest.current(event)), []);
}
