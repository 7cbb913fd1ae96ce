import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { liveKeys } from './keys';

/** `DELETE /api/me/calendar-feed`: the address stops working. */
export const revokeCalendarFeed = () => apiFetch('/api/me/calendar-feed', { method: 'DELETE' });

export function useRevokeCalendarFeed({ onRevoked }: { onRevoked?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeCalendarFeed,
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: liveKeys.calendarFeed });
      onRevoked?.();
    },
  });
}
