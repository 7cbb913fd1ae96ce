import { ZCalendarFeed } from '@capitune/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { liveKeys } from './keys';

/*
 * The three requests of the personal calendar feed (one resource, `/api/me/calendar-feed`): read it,
 * give it a new address, revoke it.
 */

/** `GET /api/me/calendar-feed`: the subscription address (created on first ask). */
export const getCalendarFeed = () => apiFetch('/api/me/calendar-feed', { schema: ZCalendarFeed });

/** Not asked again once revoked (`enabled`). */
export const useCalendarFeed = (enabled: boolean) =>
  useQuery({
    queryKey: liveKeys.calendarFeed,
    queryFn: getCalendarFeed,
    staleTime: Number.POSITIVE_INFINITY,
    enabled,
  });
