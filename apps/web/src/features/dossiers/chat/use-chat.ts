import type { TMessage } from '@capitune/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { isTransientError } from '../../../lib/api-error';
import { getRealtime, useRealtimeEvent } from '../../../lib/use-realtime';
import { getMessages, PAGE_SIZE } from '../api/get-messages';
import { useMarkMessagesRead } from '../api/mark-messages-read';
import { newClientId, postMessage } from '../api/post-message';
import {
  type ChatAction,
  type ChatState,
  chatReducer,
  contiguousSeq,
  hasGap,
  initialChatState,
  type PendingMessage,
  unreadUpTo,
} from './chat-state';

const CATCH_UP_LIMIT = 100;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The conversation of a dossier: history, live messages from the socket, catch-up after a reconnection
 * (`after=<last seq without a hole>`), optimistic sending keyed by client id (retried with the same id),
 * read receipts. Every path that brings a message goes through the same merge: nothing twice, nothing
 * missed.
 */
export function useChat(dossierId: string, myId: string, onIncoming: (message: TMessage) => void) {
  const { mutateAsync: markRead } = useMarkMessagesRead(dossierId);
  const [state, setState] = useState<ChatState>(initialChatState);
  const stateRef = useRef<ChatState>(initialChatState);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [typingUserId, setTypingUserId] = useState<string | null>(null);
  const catchingUp = useRef(false);
  const catchUpAgain = useRef(false);
  const readSent = useRef(0);
  const mounted = useRef(true);

  /** Applies an action now (the ref is current at once, for the async paths that read it). */
  const dispatch = useCallback((action: ChatAction) => {
    stateRef.current = chatReducer(stateRef.current, action);
    if (mounted.current) setState(stateRef.current);
  }, []);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  /** Fetches what came after the last message held without a hole, page after page. */
  const catchUp = useCallback(async () => {
    if (!stateRef.current.loaded) return;
    if (catchingUp.current) {
      catchUpAgain.current = true;
      return;
    }
    catchingUp.current = true;
    try {
      do {
        catchUpAgain.current = false;
        let after = contiguousSeq(stateRef.current.messages);
        for (;;) {
          const page = await getMessages(dossierId, { after, limit: CATCH_UP_LIMIT });
          dispatch({ type: 'caughtUp', page });
          const last = page.items.at(-1);
          if (page.items.length < CATCH_UP_LIMIT || !last) break;
          after = last.seq;
        }
      } while (catchUpAgain.current);
    } catch {
      // The next event (a reconnection, a resync) tries again.
    } finally {
      catchingUp.current = false;
    }
  }, [dossierId, dispatch]);

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      const page = await getMessages(dossierId, { limit: PAGE_SIZE });
      dispatch({ type: 'loaded', page });
      // Messages posted between that answer and the subscription would be missed otherwise.
      await catchUp();
    } catch (error) {
      setLoadError(error);
    }
  }, [dossierId, dispatch, catchUp]);

  // A new dossier: start afresh.
  useEffect(() => {
    stateRef.current = initialChatState;
    setState(initialChatState);
    readSent.current = 0;
    void load();
    return getRealtime().subscribe(dossierId);
  }, [dossierId, load]);

  const send = useCallback(
    async (body: string, documentIds: string[], clientId: string = newClientId()) => {
      const createdAt =
        stateRef.current.pending.find((item) => item.clientId === clientId)?.createdAt ??
        new Date().toISOString();
      dispatch({ type: 'sending', message: { clientId, body, documentIds, createdAt } });
      for (let attempt = 0; ; attempt++) {
        try {
          const message = await postMessage(dossierId, { clientId, body, documentIds });
          dispatch({ type: 'received', message });
          return;
        } catch (error) {
          // The same client id makes a retry safe: the server stores the message once.
          if (isTransientError(error) && attempt < 2) {
            await sleep(1000 * 2 ** attempt);
            continue;
          }
          dispatch({ type: 'failed', clientId, error });
          return;
        }
      }
    },
    [dossierId, dispatch],
  );

  const retry = useCallback(
    (message: PendingMessage) => void send(message.body, message.documentIds, message.clientId),
    [send],
  );

  useRealtimeEvent((event) => {
    switch (event.type) {
      case 'message': {
        if (event.message.dossierId !== dossierId) return;
        const gap = hasGap(stateRef.current, event.message);
        const known = stateRef.current.messages.some((message) => message.id === event.message.id);
        dispatch({ type: 'received', message: event.message });
        if (gap) void catchUp();
        if (!known && event.message.author.id !== myId) {
          setTypingUserId(null);
          onIncoming(event.message);
        }
        return;
      }
      case 'read':
        if (event.dossierId === dossierId) dispatch({ type: 'read', userId: event.userId, seq: event.seq });
        return;
      case 'typing':
        if (event.dossierId === dossierId && event.userId !== myId) setTypingUserId(event.userId);
        return;
      case 'subscribed':
        if (event.dossierId === dossierId) void catchUp();
        return;
      case 'ready':
        // Back online: what failed for want of a connection goes again, with the same client id.
        for (const message of stateRef.current.pending) {
          if (message.status === 'failed' && isTransientError(message.error)) retry(message);
        }
        return;
      case 'resync':
        void catchUp();
        return;
    }
  });

  // "Someone is typing" fades after a few seconds without news.
  useEffect(() => {
    if (!typingUserId) return;
    const timer = setTimeout(() => setTypingUserId(null), 5000);
    return () => clearTimeout(timer);
  }, [typingUserId]);

  const loadOlder = useCallback(async () => {
    const before = stateRef.current.nextBefore;
    if (before === null) return;
    setLoadingOlder(true);
    try {
      dispatch({ type: 'older', page: await getMessages(dossierId, { before, limit: PAGE_SIZE }) });
    } catch (error) {
      setLoadError(error);
    } finally {
      setLoadingOlder(false);
    }
  }, [dossierId, dispatch]);

  /** Marks the conversation read up to its last message, when someone else's message is unread. */
  const markSeen = useCallback(async () => {
    const upTo = unreadUpTo(stateRef.current, myId);
    if (upTo === null || upTo <= readSent.current) return;
    readSent.current = upTo;
    try {
      const { lastReadSeq } = await markRead(upTo);
      dispatch({ type: 'read', userId: myId, seq: lastReadSeq });
    } catch {
      readSent.current = 0;
    }
  }, [myId, dispatch, markRead]);

  const lastTyping = useRef(0);
  const typing = useCallback(() => {
    const now = Date.now();
    if (now - lastTyping.current < 3000) return;
    lastTyping.current = now;
    getRealtime().typing(dossierId);
  }, [dossierId]);

  return {
    state,
    loadError,
    reload: load,
    loadingOlder,
    loadOlder,
    send,
    retry,
    markSeen,
    typing,
    typingUserId,
  };
}
