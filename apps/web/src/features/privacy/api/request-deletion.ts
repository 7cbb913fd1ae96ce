import { type TDeletionRequest, ZDeletionRequest } from '@capitune/contracts';
import { useMutation } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';

/**
 * `POST /api/me/deletion`: the person confirms with their email, after a step-up. The API ends every
 * session of the account: the caller signs the person out here too (no cache to refresh).
 */
export async function requestDeletion(body: { confirmEmail: string }): Promise<TDeletionRequest | null> {
  const answer = await apiFetch<unknown>('/api/me/deletion', { method: 'POST', body });
  // The due date, when the answer carries it; the caller falls back on the preview's grace otherwise.
  const parsed = ZDeletionRequest.safeParse(answer);
  return parsed.success ? parsed.data : null;
}

export const useRequestDeletion = () => useMutation({ mutationFn: requestDeletion });
