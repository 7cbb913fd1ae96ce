import { type TIncident, type TIncidentBody, ZIncident } from '@capitune/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { incidentPath } from './get-incident';
import { privacyKeys } from './privacy-keys';

export const updateIncident = (id: string, body: Partial<TIncidentBody>) =>
  apiFetch(incidentPath(id), { method: 'PATCH', body, schema: ZIncident });

/** Corrects an incident's facts and assessment as they become known. */
export function useUpdateIncident(id: string, options: { onSuccess?: (incident: TIncident) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Partial<TIncidentBody>) => updateIncident(id, body),
    onSuccess: (incident) => {
      queryClient.setQueryData(privacyKeys.incident(id), incident);
      void queryClient.invalidateQueries({ queryKey: [...privacyKeys.incidents, 'list'] });
      options.onSuccess?.(incident);
    },
  });
}
