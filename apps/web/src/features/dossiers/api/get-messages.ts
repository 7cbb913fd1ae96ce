import { type TMessagePage, ZMessagePage } from '@capitune/contracts';
import { apiFetch } from '../../../lib/api-client';
import { dossierPath } from './keys';

export const PAGE_SIZE = 30;

/**
 * `GET /api/dossiers/{id}/messages`: the latest messages (newest first), the page before `before`, or
 * those after `after`. The chat keeps them in its own state (`chat/use-chat.ts`), not in the query cache.
 */
export function getMessages(
  dossierId: string,
  options: { before?: number; after?: number; limit?: number } = {},
): Promise<TMessagePage> {
  const query = new URLSearchParams({ limit: String(options.limit ?? PAGE_SIZE) });
  if (options.before !== undefined) query.set('before', String(options.before));
  if (options.after !== undefined) query.set('after', String(options.after));
  return apiFetch(`${dossierPath(dossierId, '/messages')}?${query}`, { schema: ZMessagePage });
}
