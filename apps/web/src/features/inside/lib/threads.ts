import type { TComment } from '@capitune/contracts';

export interface Thread {
  comment: TComment;
  replies: TComment[];
}

/**
 * The API lists comments in thread order (a top comment, then its replies). Pages may end inside a
 * thread, so the replies are attached by `parentId` across pages; a reply whose top comment is not in the
 * list (should not happen) is shown as its own thread rather than lost.
 */
export function groupThreads(comments: readonly TComment[]): Thread[] {
  const threads: Thread[] = [];
  const byId = new Map<string, Thread>();
  for (const comment of comments) {
    if (byId.has(comment.id)) continue;
    const parent = comment.parentId ? byId.get(comment.parentId) : undefined;
    if (parent) {
      if (!parent.replies.some((reply) => reply.id === comment.id)) parent.replies.push(comment);
      continue;
    }
    const thread = { comment, replies: [] };
    byId.set(comment.id, thread);
    threads.push(thread);
  }
  return threads;
}
