import { ZConversationList } from '@capitune/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { queryKeys } from '../../../lib/query-keys';

/** `GET /api/conversations`: one conversation per dossier. */
export const listConversations = () => apiFetch('/api/conversations', { schema: ZConversationList });

/** Messages need a confirmed address: not asked before (`enabled`). */
export const useConversations = (enabled: boolean) =>
  useQuery({ queryKey: queryKeys.conversations, queryFn: listConversations, enabled });
