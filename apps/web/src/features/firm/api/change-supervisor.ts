import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { myFirmKey } from './keys';

export const changeSupervisor = ({ agentId, supervisorId }: { agentId: string; supervisorId: string }) =>
  apiFetch(`/api/me/firm/agents/${agentId}`, { method: 'PUT', body: { supervisorId } });

export function useChangeSupervisor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: changeSupervisor,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: myFirmKey }),
  });
}
