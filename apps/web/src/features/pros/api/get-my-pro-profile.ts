import { ZMyProProfile } from '@capitune/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '../../../lib/api-client';
import { prosKeys } from './keys';

/** `GET /api/me/pro-profile`: what the signed-in pro says about themself in the directory. */
export const getMyProProfile = (signal?: AbortSignal) =>
  apiFetch('/api/me/pro-profile', { schema: ZMyProProfile, signal });

export function useMyProProfile(enabled = true) {
  return useQuery({
    queryKey: prosKeys.myProfile,
    queryFn: ({ signal }) => getMyProProfile(signal),
    enabled,
  });
}
