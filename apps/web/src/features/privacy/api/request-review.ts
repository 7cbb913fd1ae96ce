import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { privacyKeys } from './keys';

/** `POST /api/me/automated-decisions/{id}/review`: asks a person to look at the decision again. */
export const requestReview = ({ id, message }: { id: string; message: string }) =>
  apiFetch<unknown>(`/api/me/automated-decisions/${encodeURIComponent(id)}/review`, {
    method: 'POST',
    body: { message },
  });

export function useRequestReview() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: requestReview,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: privacyKeys.decisions }),
  });
}
