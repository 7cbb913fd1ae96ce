import type { TMessage } from '@capitune/contracts';
import type { MessageAuthor, MessageRow } from './messages.queries';

/** The one mapper of a message: pages, posts, conversations, emails and the socket's `message` event. */
export function toMessage({
  message,
  author,
}: {
  message: Pick<MessageRow, 'id' | 'dossierId' | 'seq' | 'clientId' | 'body' | 'documentIds' | 'createdAt'>;
  author: MessageAuthor;
}): TMessage {
  return {
    id: message.id,
    dossierId: message.dossierId,
    seq: message.seq,
    author,
    clientId: message.clientId,
    body: message.body,
    documentIds: message.documentIds,
    createdAt: message.createdAt.toISOString(),
  };
}
