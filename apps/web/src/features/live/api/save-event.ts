import { type TCreateEventInput, type TEvent, type TUpdateEventBody, ZEvent } from '@capitune/contracts';
import { type QueryClient, useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { eventPath, liveKeys } from './keys';

/** `POST /api/events`: a new webinar (a draft, or published at once). */
export const createEvent = (body: TCreateEventInput) =>
  apiFetch('/api/events', { method: 'POST', body, schema: ZEvent });

/** `PATCH /api/events/{id}`: changes, publishing, cancelling. */
export const updateEvent = (id: string, body: TUpdateEventBody) =>
  apiFetch(eventPath(id), { method: 'PATCH', body, schema: ZEvent });

/** The saved event's page shows it at once; every list of events is read again. */
async function cacheSaved(queryClient: QueryClient, saved: TEvent) {
  queryClient.setQueryData(liveKeys.event(saved.id), saved);
  await queryClient.invalidateQueries({ queryKey: liveKeys.all });
}

export function useCreateEvent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createEvent,
    onSuccess: (saved) => cacheSaved(queryClient, saved),
  });
}

export function useUpdateEvent(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TUpdateEventBody) => updateEvent(id, body),
    onSuccess: (saved) => cacheSaved(queryClient, saved),
  });
}
