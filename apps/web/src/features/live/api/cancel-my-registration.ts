import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { eventPath, liveKeys } from './keys';

/** `DELETE /api/events/{id}/registrations`: gives the seat back (or leaves the waitlist). */
export const cancelMyRegistration = (id: string) =>
  apiFetch(eventPath(id, '/registrations'), { method: 'DELETE' });

/** `onCancelled` runs first (the notice), then every list of events is read again. */
export function useCancelMyRegistration(id: string, { onCancelled }: { onCancelled?: () => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => cancelMyRegistration(id),
    onSuccess: async () => {
      onCancelled?.();
      await queryClient.invalidateQueries({ queryKey: liveKeys.all });
    },
  });
}
