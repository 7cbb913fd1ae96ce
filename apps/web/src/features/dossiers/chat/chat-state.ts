import type { TMessage, TMessagePage } from '@capitune/contracts';

/** A message typed here and not yet confirmed by the server, known by its client id. */
export interface PendingMessage {
  clientId: string;
  body: string;
  documentIds: string[];
  createdAt: string;
  status: 'sending' | 'failed';
  error?: unknown;
}

export interface ChatState {
  /** Confirmed messages, oldest first, each once (by id and by seq). */
  messages: TMessage[];
  /** Optimistic messages, in the order they were typed. */
  pending: PendingMessage[];
  /** How far each participant has read. */
  readers: Record<string, number>;
  /** For "load older": the `before` of the next page, null at the start of the conversation. */
  nextBefore: number | null;
  /** The first page has arrived. */
  loaded: boolean;
}

export const initialChatState: ChatState = {
  messages: [],
  pending: [],
  readers: {},
  nextBefore: null,
  loaded: false,
};

export type ChatAction =
  /** The latest page (newest first, as the API gives it). */
  | { type: 'loaded'; page: TMessagePage }
  /** An older page, for "load older". */
  | { type: 'older'; page: TMessagePage }
  /** What came after the last message seen (oldest first), after a reconnection or a gap. */
  | { type: 'caughtUp'; page: TMessagePage }
  /** A message from the socket, or the answer to a post. */
  | { type: 'received'; message: TMessage }
  | { type: 'sending'; message: Omit<PendingMessage, 'status' | 'error'> }
  | { type: 'failed'; clientId: string; error: unknown }
  | { type: 'read'; userId: string; seq: number };

/** The highest sequence number held (0 when none). */
export function lastSeqOf(messages: readonly TMessage[]): number {
  return messages.at(-1)?.seq ?? 0;
}

/**
 * Adds messages to a list, keeping it ordered by `seq` with each message once: the same message can
 * come from the socket, from the answer to its post, and from a catch-up page.
 */
export function mergeMessages(current: readonly TMessage[], incoming: readonly TMessage[]): TMessage[] {
  if (incoming.length === 0) return current as TMessage[];
  const ids = new Set(current.map((message) => message.id));
  const seqs = new Set(current.map((message) => message.seq));
  const added: TMessage[] = [];
  for (const message of incoming) {
    if (ids.has(message.id) || seqs.has(message.seq)) continue;
    ids.add(message.id);
    seqs.add(message.seq);
    added.push(message);
  }
  if (added.length === 0) return current as TMessage[];
  return [...current, ...added].sort((a, b) => a.seq - b.seq);
}

function mergeReaders(readers: Record<string, number>, page: TMessagePage['readers']) {
  const next = { ...readers };
  for (const reader of page) next[reader.userId] = Math.max(next[reader.userId] ?? 0, reader.lastReadSeq);
  return next;
}

/** Confirmed messages replace the optimistic ones with the same client id. */
function withoutConfirmed(pending: PendingMessage[], messages: readonly TMessage[]): PendingMessage[] {
  if (pending.length === 0) return pending;
  const confirmed = new Set(messages.map((message) => message.clientId));
  const left = pending.filter((message) => !confirmed.has(message.clientId));
  return left.length === pending.length ? pending : left;
}

export function chatReducer(state: ChatState, action: ChatAction): ChatState {
  switch (action.type) {
    case 'loaded':
    case 'older':
    case 'caughtUp': {
      const messages = mergeMessages(state.messages, action.page.items);
      return {
        ...state,
        messages,
        pending: withoutConfirmed(state.pending, messages),
        readers: mergeReaders(state.readers, action.page.readers),
        nextBefore:
          action.type === 'older' || (action.type === 'loaded' && !state.loaded)
            ? action.page.nextBefore
            : state.nextBefore,
        loaded: true,
      };
    }
    case 'received': {
      const messages = mergeMessages(state.messages, [action.message]);
      // Writing a message means having read the conversation up to it.
      const author = action.message.author.id;
      const readers =
        (state.readers[author] ?? 0) >= action.message.seq
          ? state.readers
          : { ...state.readers, [author]: action.message.seq };
      return { ...state, messages, readers, pending: withoutConfirmed(state.pending, messages) };
    }
    case 'sending': {
      if (state.messages.some((message) => message.clientId === action.message.clientId)) return state;
      const others = state.pending.filter((message) => message.clientId !== action.message.clientId);
      const existing = state.pending.find((message) => message.clientId === action.message.clientId);
      const sending: PendingMessage = { ...action.message, status: 'sending' };
      // A retry keeps its place in the list.
      return {
        ...state,
        pending: existing
          ? state.pending.map((message) => (message.clientId === sending.clientId ? sending : message))
          : [...others, sending],
      };
    }
    case 'failed':
      return {
        ...state,
        pending: state.pending.map((message) =>
          message.clientId === action.clientId
            ? { ...message, status: 'failed' as const, error: action.error }
            : message,
        ),
      };
    case 'read':
      if ((state.readers[action.userId] ?? 0) >= action.seq) return state;
      return { ...state, readers: { ...state.readers, [action.userId]: action.seq } };
  }
}

/**
 * A socket message that does not follow the last one held means some were missed (sent while this
 * page was subscribing, say): time to catch up with `after=<last seq>`.
 */
export function hasGap(state: ChatState, message: TMessage): boolean {
  return state.loaded && message.seq > lastSeqOf(state.messages) + 1;
}

/** Read by someone other than its author: their last read message is this one or a later one. */
export function isReadByOthers(message: TMessage, readers: Record<string, number>): boolean {
  return Object.entries(readers).some(([userId, seq]) => userId !== message.author.id && seq >= message.seq);
}

/** The newest message from someone else that `userId` has not marked read yet (its seq), or null. */
export function unreadUpTo(state: ChatState, userId: string): number | null {
  const last = [...state.messages].reverse().find((message) => message.author.id !== userId);
  if (!last) return null;
  return last.seq > (state.readers[userId] ?? 0) ? lastSeqOf(state.messages) : null;
}

/**
 * The highest seq up to which the list has no hole (from its first message): where a catch-up must
 * start so that nothing missed stays missing, whatever arrived since.
 */
export function contiguousSeq(messages: readonly TMessage[]): number {
  const first = messages[0];
  if (!first) return 0;
  let seq = first.seq;
  for (const message of messages.slice(1)) {
    if (message.seq !== seq + 1) break;
    seq = message.seq;
  }
  return seq;
}
