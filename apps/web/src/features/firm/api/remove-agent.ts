import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { myFirmKey } from './keys';

export const removeAgent = (agentId: string) =>
  apiFetch(`/api/me/firm/agents/${agentId}`, { method: 'DELETE' });

export function useRemoveAgent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: removeAgent,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: myFirmKey }),
  });
}
