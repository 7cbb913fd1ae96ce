import { type TIncident, ZIncident, type ZIncidentEntryBody } from '@capitune/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { apiFetch } from '../../../lib/api-client';
import { incidentPath } from './get-incident';
import { privacyKeys } from './privacy-keys';

export type TIncidentEntryBody = z.input<typeof ZIncidentEntryBody>;

/** A dated entry; a notification sets its date on the incident, closing and reopening its status. */
export const addIncidentEntry = (id: string, body: TIncidentEntryBody) =>
  apiFetch(incidentPath(id, '/entries'), { method: 'POST', body, schema: ZIncident });

export function useAddIncidentEntry(id: string, options: { onSuccess?: (incident: TIncident) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TIncidentEntryBody) => addIncidentEntry(id, body),
    onSuccess: (incident) => {
      queryClient.setQueryData(privacyKeys.incident(id), incident);
      // Its status, notification dates and keep-until date show in the register too.
      void queryClient.invalidateQueries({ queryKey: [...privacyKeys.incidents, 'list'] });
      options.onSuccess?.(incident);
    },
  });
}
