import type { verificationQueues } from '@capitune/contracts';

export type TVerificationQueue = (typeof verificationQueues)[number];

/** Query keys of the admin pages. */
export const adminKeys = {
  queue: ['admin', 'moderation-queue'] as const,
  watchedWords: ['admin', 'watched-words'] as const,
};

export const verificationKeys = {
  all: ['admin', 'verifications'] as const,
  list: (queue: TVerificationQueue, q: string) => ['admin', 'verifications', 'list', queue, q] as const,
  detail: (id: string) => ['admin', 'verifications', 'detail', id] as const,
};
