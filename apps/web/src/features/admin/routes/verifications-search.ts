import type { verificationQueues } from '@capitune/contracts';

export interface VerificationsSearch {
  queue?: (typeof verificationQueues)[number];
  q?: string;
}

// The router is in the main bundle: the list is written here rather than imported with zod.
const queues: readonly string[] = ['pending', 'conflicts', 'expiring', 'references', 'appeals', 'all'];

/** `?queue=&q=` of the admin verification queue; anything else is dropped. */
export function validateVerificationsSearch(search: Record<string, unknown>): VerificationsSearch {
  const queue = typeof search.queue === 'string' && queues.includes(search.queue) ? search.queue : undefined;
  const q = typeof search.q === 'string' ? search.q.trim().slice(0, 100) : '';
  return {
    ...(queue ? { queue: queue as VerificationsSearch['queue'] } : {}),
    ...(q ? { q } : {}),
  };
}
