import { type TGoals, ZGoals } from '@capitune/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { accountKeys } from './keys';

/** `PUT /api/me/goals`. */
export const putGoals = (body: TGoals) => apiFetch('/api/me/goals', { method: 'PUT', body, schema: ZGoals });

export function usePutGoals() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: putGoals,
    onSuccess: (updated) => queryClient.setQueryData(accountKeys.goals, updated),
  });
}
