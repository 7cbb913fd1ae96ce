import { type TRegistrationResult, ZRegistrationResult } from '@capitune/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { eventPath, liveKeys } from './keys';

/** `POST /api/events/{id}/registrations`: a seat, or the waitlist when full. */
export const registerForEvent = (id: string) =>
  apiFetch(eventPath(id, '/registrations'), { method: 'POST', schema: ZRegistrationResult });

/** `onRegistered` runs first (the notice), then every list of events is read again. */
export function useRegisterForEvent(
  id: string,
  { onRegistered }: { onRegistered?: (result: TRegistrationResult) => void } = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => registerForEvent(id),
    onSuccess: async (result) => {
      onRegistered?.(result);
      await queryClient.invalidateQueries({ queryKey: liveKeys.all });
    },
  });
}
