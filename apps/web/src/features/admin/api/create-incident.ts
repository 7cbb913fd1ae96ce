import { type TIncident, type TIncidentBody, ZIncident } from '@capitune/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { privacyKeys } from './privacy-keys';

export const createIncident = (body: TIncidentBody) =>
  apiFetch('/api/admin/incidents', { method: 'POST', body, schema: ZIncident });

/** Records a new incident: the register shows it first; its page is ready at once. */
export function useCreateIncident(options: { onSuccess?: (incident: TIncident) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createIncident,
    onSuccess: (incident) => {
      queryClient.setQueryData(privacyKeys.incident(incident.id), incident);
      void queryClient.invalidateQueries({ queryKey: [...privacyKeys.incidents, 'list'] });
      options.onSuccess?.(incident);
    },
  });
}
