import type { TUserFilter, verificationQueues } from '@capitune/contracts';

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

export const adminUserKeys = {
  all: ['admin', 'users'] as const,
  list: (filter: TUserFilter) => ['admin', 'users', 'list', filter] as const,
  detail: (id: string) => ['admin', 'users', 'detail', id] as const,
};

export const batchKeys = {
  all: ['admin', 'batches'] as const,
  list: ['admin', 'batches', 'list'] as const,
  detail: (id: string) => ['admin', 'batches', 'detail', id] as const,
  targets: (id: string) => ['admin', 'batches', 'targets', id] as const,
};

export const statsKeys = {
  period: (days: string) => ['admin', 'stats', days] as const,
};

export const auditKeys = {
  list: (query: string) => ['admin', 'audit', 'list', query] as const,
};
