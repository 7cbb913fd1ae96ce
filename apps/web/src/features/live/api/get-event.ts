import { type TEvent, ZEvent } from '@capitune/contracts';
import { type Query, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { apiFetch } from '../../../lib/api-client';
import { eventPath, liveKeys } from './keys';

/** `GET /api/events/{id}`: a webinar as the viewer sees it (their registration, the stream when open). */
export const getEvent = (id: string, signal?: AbortSignal) =>
  apiFetch(eventPath(id), { schema: ZEvent, signal });

export interface EventQueryOptions {
  /** Ask again every so often (false: not now). */
  refetchInterval?: (query: Query<TEvent, Error, TEvent, readonly unknown[]>) => number | false;
}

export function useEvent(id: string, options: EventQueryOptions = {}) {
  return useQuery({
    queryKey: liveKeys.event(id),
    queryFn: ({ signal }) => getEvent(id, signal),
    ...options,
  });
}

/** Asks the API for the event again (when the phase of its session changes). */
export function useRefetchEvent(id: string) {
  const queryClient = useQueryClient();
  return useCallback(
    () => queryClient.invalidateQueries({ queryKey: liveKeys.event(id) }),
    [queryClient, id],
  );
}
