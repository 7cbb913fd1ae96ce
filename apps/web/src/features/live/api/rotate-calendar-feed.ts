import { ZCalendarFeed } from '@capitune/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { liveKeys } from './keys';

/** `POST /api/me/calendar-feed`: a new address (the old one stops working). */
export const rotateCalendarFeed = () =>
  apiFetch('/api/me/calendar-feed', { method: 'POST', schema: ZCalendarFeed });

export function useRotateCalendarFeed({ onRotated }: { onRotated?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: rotateCalendarFeed,
    onSuccess: (data) => {
      queryClient.setQueryData(liveKeys.calendarFeed, data);
      onRotated?.();
    },
  });
}
