import { type TMyProProfileBody, ZMyProProfile } from '@capitune/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { prosKeys } from './keys';

/** `PUT /api/me/pro-profile`: replaces the pro's public profile. */
export const updateMyProProfile = (body: TMyProProfileBody) =>
  apiFetch('/api/me/pro-profile', { method: 'PUT', body, schema: ZMyProProfile });

export function useUpdateMyProProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateMyProProfile,
    onSuccess: async (profile) => {
      queryClient.setQueryData(prosKeys.myProfile, profile);
      await queryClient.invalidateQueries({ queryKey: prosKeys.all });
    },
  });
}
