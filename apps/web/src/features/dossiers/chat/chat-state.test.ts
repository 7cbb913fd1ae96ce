import type { TMessage, TMessagePage } from '@capitune/contracts';
import { describe, expect, it } from 'vitest';
import {
  type ChatState,
  chatReducer,
  contiguousSeq,
  hasGap,
  initialChatState,
  isReadByOthers,
  lastSeqOf,
  mergeMessages,
  unreadUpTo,
} from './chat-state';

const candidate = {
  id: '00000000-0000-4000-8000-00000000000a',
  firstName: 'Amina',
  lastName: 'D',
  role: 'candidate' as const,
};
const pro = {
  id: '00000000-0000-4000-8000-00000000000b',
  firstName: 'Julien',
  lastName: 'T',
  role: 'pro' as const,
};

function message(seq: number, author: TMessage['author'] = candidate, clientId = `c-${seq}`): TMessage {
  return {
    id: `00000000-0000-4000-9000-${String(seq).padStart(12, '0')}`,
    dossierId: '00000000-0000-4000-8000-0000000000d1',
    seq,
    author,
    clientId,
    body: `message ${seq}`,
    documentIds: [],
    createdAt: new Date(Date.UTC(2026, 10, 25, 12, seq)).toISOString(),
  };
}

function page(items: TMessage[], extra: Partial<TMessagePage> = {}): TMessagePage {
  return { items, nextBefore: null, readers: [], lastSeq: items[0]?.seq ?? 0, ...extra };
}

const seqs = (state: ChatState) => state.messages.map((item) => item.seq);

describe('mergeMessages', () => {
  it('orders by seq and keeps each message once, by id and by seq', () => {
    const merged = mergeMessages([message(2), message(3)], [message(5), message(3), message(1), message(2)]);
    expect(merged.map((item) => item.seq)).toEqual([1, 2, 3, 5]);
  });

  it('returns the same list when nothing is new (no re-render)', () => {
    const list = [message(1)];
    expect(mergeMessages(list, [message(1)])).toBe(list);
    expect(mergeMessages(list, [])).toBe(list);
  });
});

describe('chatReducer', () => {
  it('loads the newest page (newest first) as a list oldest first', () => {
    const state = chatReducer(initialChatState, {
      type: 'loaded',
      page: page([message(3), message(2)], { nextBefore: 2, readers: [{ userId: pro.id, lastReadSeq: 2 }] }),
    });
    expect(seqs(state)).toEqual([2, 3]);
    expect(state.nextBefore).toBe(2);
    expect(state.readers).toEqual({ [pro.id]: 2 });
    expect(state.loaded).toBe(true);
  });

  it('adds older pages on top, and catches up after a reconnection without duplicates', () => {
    let state = chatReducer(initialChatState, {
      type: 'loaded',
      page: page([message(4), message(3)], { nextBefore: 3 }),
    });
    state = chatReducer(state, { type: 'older', page: page([message(2), message(1)], { nextBefore: null }) });
    expect(seqs(state)).toEqual([1, 2, 3, 4]);
    expect(state.nextBefore).toBeNull();
    // Message 5 arrived by the socket before the connection dropped; 5 and 6 come again in the catch-up.
    state = chatReducer(state, { type: 'received', message: message(5, pro) });
    state = chatReducer(state, { type: 'caughtUp', page: page([message(5, pro), message(6, pro)]) });
    expect(seqs(state)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(state.nextBefore).toBeNull();
  });

  it('shows a typed message at once and replaces it with the stored one (by client id)', () => {
    let state = chatReducer(initialChatState, { type: 'loaded', page: page([message(1, pro)]) });
    const typed = {
      clientId: 'mine-1',
      body: 'Bonjour',
      documentIds: [],
      createdAt: '2026-11-25T12:00:00.000Z',
    };
    state = chatReducer(state, { type: 'sending', message: typed });
    expect(state.pending).toEqual([{ ...typed, status: 'sending' }]);
    // The socket may bring it back before the POST answers, and the POST's answer then changes nothing.
    const stored = { ...message(2, candidate, 'mine-1'), body: 'Bonjour' };
    state = chatReducer(state, { type: 'received', message: stored });
    expect(state.pending).toEqual([]);
    expect(seqs(state)).toEqual([1, 2]);
    expect(chatReducer(state, { type: 'received', message: stored })).toEqual(state);
  });

  it('keeps a failed message, retried with the same client id in the same place', () => {
    let state = chatReducer(initialChatState, { type: 'loaded', page: page([]) });
    const first = { clientId: 'a', body: 'un', documentIds: [], createdAt: '2026-11-25T12:00:00.000Z' };
    const second = { clientId: 'b', body: 'deux', documentIds: [], createdAt: '2026-11-25T12:00:01.000Z' };
    state = chatReducer(state, { type: 'sending', message: first });
    state = chatReducer(state, { type: 'sending', message: second });
    state = chatReducer(state, { type: 'failed', clientId: 'a', error: new Error('offline') });
    expect(state.pending.map((item) => [item.clientId, item.status])).toEqual([
      ['a', 'failed'],
      ['b', 'sending'],
    ]);
    state = chatReducer(state, { type: 'sending', message: first });
    expect(state.pending.map((item) => [item.clientId, item.status])).toEqual([
      ['a', 'sending'],
      ['b', 'sending'],
    ]);
    // Stored meanwhile (the first try reached the server): a retry adds nothing.
    state = chatReducer(state, { type: 'received', message: message(1, candidate, 'a') });
    expect(chatReducer(state, { type: 'sending', message: first })).toBe(state);
  });

  it('moves read receipts forward only', () => {
    let state = chatReducer(initialChatState, { type: 'read', userId: pro.id, seq: 4 });
    state = chatReducer(state, { type: 'read', userId: pro.id, seq: 2 });
    expect(state.readers[pro.id]).toBe(4);
    // Writing a message means having read up to it.
    state = chatReducer(state, { type: 'received', message: message(7, pro) });
    expect(state.readers[pro.id]).toBe(7);
  });
});

describe('read state and gaps', () => {
  it('says a message is read when someone other than its author has read up to it', () => {
    expect(isReadByOthers(message(3), { [candidate.id]: 5 })).toBe(false);
    expect(isReadByOthers(message(3), { [candidate.id]: 5, [pro.id]: 2 })).toBe(false);
    expect(isReadByOthers(message(3), { [pro.id]: 3 })).toBe(true);
  });

  it('finds what to mark read: up to the last message when one from the other side is unread', () => {
    let state = chatReducer(initialChatState, {
      type: 'loaded',
      page: page([message(3), message(2, pro), message(1)], {
        readers: [{ userId: candidate.id, lastReadSeq: 1 }],
      }),
    });
    expect(unreadUpTo(state, candidate.id)).toBe(3);
    state = chatReducer(state, { type: 'read', userId: candidate.id, seq: 3 });
    expect(unreadUpTo(state, candidate.id)).toBeNull();
    // Only my own messages: nothing to mark.
    expect(
      unreadUpTo(chatReducer(initialChatState, { type: 'loaded', page: page([message(1)]) }), candidate.id),
    ).toBeNull();
  });

  it('detects a missed message from the socket', () => {
    const state = chatReducer(initialChatState, { type: 'loaded', page: page([message(2), message(1)]) });
    expect(lastSeqOf(state.messages)).toBe(2);
    expect(hasGap(state, message(3))).toBe(false);
    expect(hasGap(state, message(5))).toBe(true);
    expect(hasGap(initialChatState, message(5))).toBe(false);
  });

  it('catches up from the end of the unbroken run, even after a later message arrived', () => {
    let state = chatReducer(initialChatState, { type: 'loaded', page: page([message(11), message(10)]) });
    expect(contiguousSeq(state.messages)).toBe(11);
    // 12 and 13 were missed while reconnecting; 14 comes by the socket first.
    state = chatReducer(state, { type: 'received', message: message(14, pro) });
    expect(lastSeqOf(state.messages)).toBe(14);
    expect(contiguousSeq(state.messages)).toBe(11);
    state = chatReducer(state, {
      type: 'caughtUp',
      page: page([message(12, pro), message(13, pro), message(14, pro)]),
    });
    expect(seqs(state)).toEqual([10, 11, 12, 13, 14]);
    expect(contiguousSeq(state.messages)).toBe(14);
    expect(contiguousSeq([])).toBe(0);
  });
});
